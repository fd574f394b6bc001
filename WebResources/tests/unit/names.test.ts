import { describe, expect, it } from "vitest";
import { DecisionKind, fromOptionValue, toOptionValue } from "../../src/names";

describe("option values", () => {
  it("adds the publisher prefix 742800000 to an engine code", () => {
    expect(toOptionValue(DecisionKind.RouteToHuman)).toBe(742800004);
  });

  it("strips the prefix from a stored choice value", () => {
    expect(fromOptionValue(742800003)).toBe(3);
  });

  it("rejects a choice value outside the publisher's range", () => {
    expect(() => fromOptionValue(1)).toThrow(/not a CrmAttention option value/);
  });
});
