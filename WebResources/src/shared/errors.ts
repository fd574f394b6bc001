import { TextKey } from "./localization";

export type FailureKind = "apiMissing" | "noPrivilege" | "offline" | "unknown";

// Dataverse error codes as Xrm.WebApi reports them in errorCode (sometimes signed, sometimes not).
const resourceNotFoundForSegment = 0x80060888; // the custom API is not installed or not published
const privilegeDenied = 0x80042f09; // "Principal user is missing prvXxx privilege"
const accessCheckFailed = 0x80040220; // SecLib::AccessCheckEx failed (no privilege on the custom API)

function unsignedCode(error: Record<string, unknown>): number | null {
  const code = error["errorCode"];
  return typeof code === "number" && Number.isFinite(code) ? code >>> 0 : null;
}

/**
 * Sorts an error thrown by Xrm.WebApi (or our own client) into the one thing the form tells the user.
 * isOffline comes from the client context: in the offline client the custom API cannot run at all.
 */
export function classifyFailure(error: unknown, isOffline: boolean): FailureKind {
  if (isOffline) {
    return "offline";
  }
  if (error !== null && typeof error === "object") {
    const e = error as Record<string, unknown>;
    const code = unsignedCode(e);
    if (code === resourceNotFoundForSegment || e["status"] === 404) {
      return "apiMissing";
    }
    if (code === privilegeDenied || code === accessCheckFailed || e["status"] === 403) {
      return "noPrivilege";
    }
    const message = typeof e["message"] === "string" ? e["message"] : "";
    // fetch() rejects with a TypeError when the network is gone; Xrm.WebApi passes its message on.
    if (error instanceof TypeError || /failed to fetch|network ?error|networkerror/i.test(message)) {
      return "offline";
    }
  }
  return "unknown";
}

export function failureTextKey(kind: FailureKind): TextKey {
  switch (kind) {
    case "apiMissing":
      return "errorApiMissing";
    case "noPrivilege":
      return "errorNoPrivilege";
    case "offline":
      return "errorOffline";
    case "unknown":
      return "errorUnknown";
  }
}
