import { describe, expect, it } from "vitest";
import { XrmAttentionClient, buildEvaluateTouchRequest, normalizeGuid, parseEvaluateTouchResponse } from "../../src/shared/attentionApi";
import { responseBody } from "../support/evaluations";

describe("parseEvaluateTouchResponse", () => {
  it("reads every response property into engine codes and dates", () => {
    const parsed = parseEvaluateTouchResponse(
      responseBody({
        cat_Decision: 2,
        cat_Reason: 1,
        cat_Band: 3,
        cat_Score: "12.5",
        cat_NextAllowedOn: "2026-12-01T09:00:00Z",
        cat_RoutedCall: { activityid: "{0A1B2C3D-0000-0000-0000-00000000ABCD}" },
        cat_PolicyMode: 1,
      }),
    );
    expect(parsed).toMatchObject({ decision: 2, reason: 1, band: 3, score: 12.5, policyMode: 1 });
    expect(parsed.nextAllowedOn?.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(parsed.routedCallId).toBe("0a1b2c3d-0000-0000-0000-00000000abcd");
  });

  it("treats a missing routed call and next allowed time as none", () => {
    const parsed = parseEvaluateTouchResponse(responseBody());
    expect(parsed.routedCallId).toBeNull();
    expect(parsed.nextAllowedOn).toBeNull();
  });

  it("rejects a band code the contract does not define", () => {
    expect(() => parseEvaluateTouchResponse(responseBody({ cat_Band: 9 }))).toThrow(/9 in cat_Band/);
  });

  it("rejects a response without a decision", () => {
    expect(() => parseEvaluateTouchResponse(responseBody({ cat_Decision: undefined }))).toThrow(/no number in cat_Decision/);
  });

  it("rejects an empty body", () => {
    expect(() => parseEvaluateTouchResponse(null)).toThrow(/no response body/);
  });
});

describe("buildEvaluateTouchRequest", () => {
  it("describes the unbound action with typed parameters and a normalised contact id", () => {
    const request = buildEvaluateTouchRequest({ contactId: "{8F2C1B7E-1111-2222-3333-444455556666}", channel: 0, isAutomated: false });
    expect(request["cat_Contact"]).toEqual({ entityType: "contact", id: "8f2c1b7e-1111-2222-3333-444455556666" });
    expect(request["cat_Channel"]).toBe(0);
    expect(request["cat_IsAutomated"]).toBe(false);
    expect(request["cat_At"]).toBeUndefined();
    const metadata = (request["getMetadata"] as () => Record<string, unknown>)();
    expect(metadata).toMatchObject({
      boundParameter: null,
      operationType: 0,
      operationName: "cat_EvaluateTouch",
      parameterTypes: {
        cat_Contact: { typeName: "mscrm.contact", structuralProperty: 5 },
        cat_Channel: { typeName: "Edm.Int32", structuralProperty: 1 },
        cat_IsAutomated: { typeName: "Edm.Boolean", structuralProperty: 1 },
      },
    });
  });

  it("refuses an id that is not a GUID", () => {
    expect(() => normalizeGuid("x' or 1=1")).toThrow(/is not a GUID/);
  });
});

/** Just the execute() of Xrm.WebApi.online, answering with a fetch Response like the platform does. */
function webApiAnswering(response: Response, seen: unknown[]): Xrm.WebApiOnline {
  return {
    execute: (request: unknown) => {
      seen.push(request);
      return Promise.resolve(response);
    },
  } as unknown as Xrm.WebApiOnline;
}

describe("XrmAttentionClient", () => {
  it("executes cat_EvaluateTouch and parses the answer", async () => {
    const seen: unknown[] = [];
    const client = new XrmAttentionClient(webApiAnswering(new Response(JSON.stringify(responseBody({ cat_Band: 1 })), { status: 200 }), seen));
    const result = await client.evaluateTouch({ contactId: "8f2c1b7e-1111-2222-3333-444455556666", channel: 1, isAutomated: true });
    expect(result.band).toBe(1);
    expect(seen).toHaveLength(1);
    expect((seen[0] as Record<string, unknown>)["cat_Channel"]).toBe(1);
    expect((seen[0] as Record<string, unknown>)["cat_IsAutomated"]).toBe(true);
  });

  it("fails with the HTTP status when the platform answers without success", async () => {
    const client = new XrmAttentionClient(webApiAnswering(new Response("{}", { status: 500 }), []));
    await expect(client.evaluateTouch({ contactId: "8f2c1b7e-1111-2222-3333-444455556666", channel: 0, isAutomated: false })).rejects.toThrow(
      "cat_EvaluateTouch failed with HTTP 500.",
    );
  });
});
