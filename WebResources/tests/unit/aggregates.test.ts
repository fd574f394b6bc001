import { describe, expect, it } from "vitest";
import { bucketLabel, bucketPressure, parseBands, parseCount, parseOwnerOutcomes, parseOwners, parseWeekly, responsePoints } from "../../src/page/aggregates";

const fv = "@OData.Community.Display.V1.FormattedValue";
const ln = "@Microsoft.Dynamics.CRM.lookuplogicalname";

describe("aggregate rows", () => {
  it("lists users before teams, each by name, keeping names as raw text", () => {
    const owners = parseOwners([
      { count: 3, owner: "T1", [`owner${fv}`]: "Inside Sales", [`owner${ln}`]: "team" },
      { count: 5, owner: "U2", [`owner${fv}`]: "<img src=x onerror=alert(1)>", [`owner${ln}`]: "systemuser" },
      { count: 4, owner: "U1", [`owner${fv}`]: "Alice Winter", [`owner${ln}`]: "systemuser" },
    ]);
    expect(owners.map((o) => [o.type, o.name, o.contacts])).toEqual([
      ["systemuser", "<img src=x onerror=alert(1)>", 5],
      ["systemuser", "Alice Winter", 4],
      ["team", "Inside Sales", 3],
    ]);
  });

  it("reads an empty single-count answer as zero", () => {
    expect(parseCount([])).toBe(0);
    expect(parseCount([{ count: 7 }])).toBe(7);
  });

  it("places bucket points at their middle and the open bucket past its start", () => {
    expect(bucketPressure({ lower: 4, upper: 6 })).toBe(5);
    expect(bucketPressure({ lower: 12, upper: null })).toBe(15);
    expect(bucketLabel({ lower: 12, upper: null }, "de-DE")).toBe("12+");
    expect(bucketLabel({ lower: 0.5, upper: 1 }, "de-DE")).toBe("0,5–1");
  });

  it("caps answered at touched when the two queries saw different moments", () => {
    const points = responsePoints([{ lower: 0, upper: 1 }], [3], [4]);
    expect(points).toEqual([{ pressure: 0.5, touched: 3, answered: 3 }]);
  });

  it("counts contacts per band with zeros for missing bands", () => {
    expect(parseBands([{ band: 742800002, count: 4 }, { band: 742800000, count: 9 }])).toEqual([9, 0, 4, 0]);
  });

  it("orders weeks across a year end and fills every kind", () => {
    const weekly = parseWeekly([
      { year: 2027, week: 1, decision: 742800003, count: 2 },
      { year: 2026, week: 52, decision: 742800000, count: 5 },
      { year: 2026, week: 52, decision: 742800003, count: 1 },
    ]);
    expect(weekly.weeks).toEqual([{ year: 2026, week: 52 }, { year: 2027, week: 1 }]);
    expect(weekly.counts[0]).toEqual([5, 0]);
    expect(weekly.counts[3]).toEqual([1, 2]);
    expect(weekly.counts[5]).toEqual([0, 0]);
  });

  it("sums suppressed and routed per owner, busiest first", () => {
    const outcomes = parseOwnerOutcomes([
      { owner: "U1", [`owner${fv}`]: "Alice", [`owner${ln}`]: "systemuser", decision: 742800003, count: 2 },
      { owner: "U2", [`owner${fv}`]: "Bob", [`owner${ln}`]: "systemuser", decision: 742800004, count: 4 },
      { owner: "U1", [`owner${fv}`]: "Alice", [`owner${ln}`]: "systemuser", decision: 742800004, count: 1 },
    ]);
    expect(outcomes.map((o) => [o.owner.name, o.suppressed, o.routed])).toEqual([
      ["Bob", 0, 4],
      ["Alice", 2, 1],
    ]);
  });

  it("refuses a row that is neither suppressed nor routed in the owner chart", () => {
    expect(() => parseOwnerOutcomes([{ owner: "U1", decision: 742800002, count: 1 }])).toThrow(/neither suppressed nor routed/);
  });
});
