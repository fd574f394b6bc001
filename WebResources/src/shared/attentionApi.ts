import {
  Band,
  BandCode,
  ChannelCode,
  DecisionKind,
  DecisionKindCode,
  EvaluateTouchApi,
  PolicyMode,
  PolicyModeCode,
  Tables,
} from "../names";

export interface EvaluateTouchRequest {
  contactId: string;
  channel: ChannelCode;
  isAutomated: boolean;
}

/** The cat_EvaluateTouch response, typed. Codes are the engine's plain codes (see CONTRACTS.md). */
export interface TouchEvaluation {
  decision: DecisionKindCode;
  reason: number;
  message: string;
  score: number;
  band: BandCode;
  marginalValue: number;
  remainingTouches: number;
  nextAllowedOn: Date | null;
  nextBestAction: string;
  nextBestChannel: number;
  routedCallId: string | null;
  policyMode: PolicyModeCode;
}

/** The one seam between form scripts and Dataverse: tests inject a fake, forms use XrmAttentionClient. */
export interface AttentionClient {
  evaluateTouch(request: EvaluateTouchRequest): Promise<TouchEvaluation>;
}

/** Removes the braces and lower-cases a GUID the way the Web API expects it in a URL or body. */
export function normalizeGuid(id: string): string {
  const trimmed = id.replace(/[{}]/g, "").toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(trimmed)) {
    throw new Error(`'${id}' is not a GUID.`);
  }
  return trimmed;
}

function readNumber(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value === "number" && Number.isFinite(value)) {
    return value;
  }
  // Decimal response properties arrive as strings when the server sends IEEE754Compatible=true.
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw new Error(`${EvaluateTouchApi.name} returned no number in ${name}.`);
}

function readCode<T extends number>(body: Record<string, unknown>, name: string, allowed: Record<string, T>): T {
  const value = readNumber(body, name);
  const codes = Object.values(allowed) as number[];
  if (!codes.includes(value)) {
    throw new Error(`${EvaluateTouchApi.name} returned ${value} in ${name}, which is not a known code.`);
  }
  return value as T;
}

function readString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value !== "string") {
    throw new Error(`${EvaluateTouchApi.name} returned a non-text value in ${name}.`);
  }
  return value;
}

function readDate(body: Record<string, unknown>, name: string): Date | null {
  const value = body[name];
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
    throw new Error(`${EvaluateTouchApi.name} returned an invalid date in ${name}.`);
  }
  return new Date(value);
}

// An EntityReference response property comes back from the Web API as an entity object carrying
// its primary key (phonecall → activityid), or null when the API set none.
function readReferenceId(body: Record<string, unknown>, name: string, primaryKey: string): string | null {
  const value = body[name];
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === "object") {
    const id = (value as Record<string, unknown>)[primaryKey];
    if (typeof id === "string") {
      return normalizeGuid(id);
    }
  }
  throw new Error(`${EvaluateTouchApi.name} returned an unreadable reference in ${name}.`);
}

/** Turns the JSON body of a cat_EvaluateTouch response into a TouchEvaluation, checking every field. */
export function parseEvaluateTouchResponse(body: unknown): TouchEvaluation {
  if (body === null || typeof body !== "object") {
    throw new Error(`${EvaluateTouchApi.name} returned no response body.`);
  }
  const b = body as Record<string, unknown>;
  const r = EvaluateTouchApi.response;
  return {
    decision: readCode<DecisionKindCode>(b, r.decision, DecisionKind),
    reason: readNumber(b, r.reason),
    message: readString(b, r.message),
    score: readNumber(b, r.score),
    band: readCode<BandCode>(b, r.band, Band),
    marginalValue: readNumber(b, r.marginalValue),
    remainingTouches: readNumber(b, r.remainingTouches),
    nextAllowedOn: readDate(b, r.nextAllowedOn),
    nextBestAction: readString(b, r.nextBestAction),
    nextBestChannel: readNumber(b, r.nextBestChannel),
    routedCallId: readReferenceId(b, r.routedCall, "activityid"),
    policyMode: readCode<PolicyModeCode>(b, r.policyMode, PolicyMode),
  };
}

/**
 * The request object Xrm.WebApi.online.execute expects for the unbound action cat_EvaluateTouch.
 * cat_At is left out so the server evaluates at its own "now": a browser clock may be skewed.
 */
export function buildEvaluateTouchRequest(request: EvaluateTouchRequest): Record<string, unknown> {
  const p = EvaluateTouchApi.request;
  return {
    [p.contact]: { entityType: Tables.contact, id: normalizeGuid(request.contactId) },
    [p.channel]: request.channel,
    [p.isAutomated]: request.isAutomated,
    getMetadata: () => ({
      boundParameter: null,
      // operationType 0 = Action: cat_EvaluateTouch is an action so Power Automate can call it too.
      operationType: 0,
      operationName: EvaluateTouchApi.name,
      parameterTypes: {
        [p.contact]: { typeName: `mscrm.${Tables.contact}`, structuralProperty: 5 },
        [p.channel]: { typeName: "Edm.Int32", structuralProperty: 1 },
        [p.isAutomated]: { typeName: "Edm.Boolean", structuralProperty: 1 },
      },
    }),
  };
}

/** AttentionClient over Xrm.WebApi.online: the production implementation used by the forms. */
export class XrmAttentionClient implements AttentionClient {
  constructor(private readonly webApi: Xrm.WebApiOnline) {}

  async evaluateTouch(request: EvaluateTouchRequest): Promise<TouchEvaluation> {
    const response = await this.webApi.execute(buildEvaluateTouchRequest(request));
    if (!response.ok) {
      throw new Error(`${EvaluateTouchApi.name} failed with HTTP ${response.status}.`);
    }
    const body: unknown = await response.json();
    return parseEvaluateTouchResponse(body);
  }
}
