import { describe, expect, it } from "vitest";
import { Choices } from "../../src/generated/logicalNames.g";
import { Band, Channel, DecisionKind, PolicyMode, ReasonCode, fromOptionValue, toOptionValue } from "../../src/names";

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

describe("engine codes against the solution's generated choices", () => {
  const pairs: [string, Record<string, number>, Record<string, string | number>][] = [
    ["Channel", Channel, Choices.Channel],
    ["DecisionKind", DecisionKind, Choices.DecisionKind],
    ["Band", Band, Choices.Band],
    ["PolicyMode", PolicyMode, Choices.PolicyMode],
    ["ReasonCode", ReasonCode, Choices.ReasonCode],
  ];

  it.each(pairs)("%s: every code maps to the choice value the solution stores, and no choice is missing", (_name, codes, choice) => {
    const options = Object.entries(choice).filter(([key]) => key !== "OptionSetName");
    expect(Object.keys(codes).sort()).toEqual(options.map(([key]) => key).sort());
    for (const [key, value] of options) expect(toOptionValue(codes[key] as number)).toBe(value);
  });
});
