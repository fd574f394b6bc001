import { describe, expect, it } from "vitest";
import { decodeOwner, defaultFilter, encodeOwner, filterFromDataParameter, parseIsoDay, validateFilter } from "../../src/page/filters";

describe("page filters", () => {
  it("defaults to the twelve weeks up to today", () => {
    expect(defaultFilter(new Date("2026-11-25T22:00:00Z"))).toEqual({ from: "2026-09-03", to: "2026-11-25", owner: null });
  });

  it("accepts only real calendar days", () => {
    expect(parseIsoDay("2026-02-28")).toBe("2026-02-28");
    expect(() => parseIsoDay("2026-02-30")).toThrow(/not a calendar date/);
    expect(() => parseIsoDay("2026-02-01\"/><condition")).toThrow(/yyyy-mm-dd/);
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => validateFilter("2026-03-02", "2026-03-01", "")).toThrow(RangeError);
  });

  it("round-trips a user or team owner through the select value", () => {
    const owner = { type: "team" as const, id: "00000000-0000-0000-0000-0000000000f1" };
    expect(decodeOwner(encodeOwner(owner))).toEqual(owner);
    expect(decodeOwner("")).toBeNull();
    expect(() => decodeOwner("account:00000000-0000-0000-0000-0000000000f1")).toThrow(/user or team/);
  });

  it("reads a preset range from the dashboard's data parameter", () => {
    const fallback = defaultFilter(new Date("2026-11-25T00:00:00Z"));
    const search = "?orglcid=1033&data=" + encodeURIComponent("from=2026-08-03&to=2026-10-25");
    expect(filterFromDataParameter(search, fallback)).toEqual({ from: "2026-08-03", to: "2026-10-25", owner: null });
    expect(filterFromDataParameter("?orglcid=1033", fallback)).toBe(fallback);
  });
});
