import { describe, expect, it } from "vitest";
import { formatUserDateTime } from "../../src/shared/formatting";

describe("formatUserDateTime", () => {
  it("shows a UTC instant in the user's time zone offset and locale", () => {
    const utc = new Date("2026-11-27T13:30:00Z");
    expect(formatUserDateTime(utc, 60, "de-DE")).toBe("27.11.2026, 14:30");
    expect(formatUserDateTime(utc, -300, "en-US")).toBe("Nov 27, 2026, 8:30 AM");
  });

  it("moves to the next day when the offset crosses midnight", () => {
    expect(formatUserDateTime(new Date("2026-11-27T23:30:00Z"), 120, "de-DE")).toBe("28.11.2026, 01:30");
  });

  it("refuses an invalid date", () => {
    expect(() => formatUserDateTime(new Date("nope"), 0, "en-US")).toThrow(/invalid date/);
  });
});
