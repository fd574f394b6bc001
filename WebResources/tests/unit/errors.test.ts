import { describe, expect, it } from "vitest";
import { classifyFailure } from "../../src/shared/errors";

describe("classifyFailure", () => {
  it("recognises a custom API that is not installed", () => {
    expect(classifyFailure({ errorCode: 2147879048, message: "Resource not found for the segment 'cat_EvaluateTouch'." }, false)).toBe("apiMissing");
    expect(classifyFailure({ errorCode: -2147088248, message: "" }, false)).toBe("apiMissing");
  });

  it("recognises a missing privilege", () => {
    expect(classifyFailure({ errorCode: -2147209463, message: "Principal user is missing prvReadcat_attentionpolicy privilege" }, false)).toBe("noPrivilege");
    expect(classifyFailure({ errorCode: 0x80040220, message: "SecLib::AccessCheckEx failed" }, false)).toBe("noPrivilege");
  });

  it("recognises a lost network and the offline client", () => {
    expect(classifyFailure(new TypeError("Failed to fetch"), false)).toBe("offline");
    expect(classifyFailure({ errorCode: 1 }, true)).toBe("offline");
  });

  it("calls anything else unknown", () => {
    expect(classifyFailure(new Error("boom"), false)).toBe("unknown");
    expect(classifyFailure("text", false)).toBe("unknown");
  });
});
