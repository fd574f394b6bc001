import { describe, expect, it } from "vitest";
import { bandLabel, decisionLabel, languageFromLcid, localeFromLcid, text } from "../../src/shared/localization";

describe("localization", () => {
  it("gives German to every German LCID and English to everything else", () => {
    expect(languageFromLcid(1031)).toBe("de");
    expect(languageFromLcid(3079)).toBe("de");
    expect(languageFromLcid(1033)).toBe("en");
    expect(languageFromLcid(1036)).toBe("en");
    expect(languageFromLcid(null)).toBe("en");
  });

  it("formats with the user's own locale where known", () => {
    expect(localeFromLcid(2055)).toBe("de-CH");
    expect(localeFromLcid(2057)).toBe("en-GB");
    expect(localeFromLcid(1036)).toBe("en-US");
  });

  it("fills placeholders", () => {
    expect(text("de", "touchesLeftMany", { count: 3 })).toBe("Noch 3 Kontakte in diesem Zeitfenster.");
  });

  it("refuses a text whose placeholder has no value", () => {
    expect(() => text("en", "touchesLeftMany")).toThrow(/needs a value for \{count\}/);
  });

  it("names bands and decisions in both languages", () => {
    expect(bandLabel("en", 2)).toBe("Saturated");
    expect(bandLabel("de", 3)).toBe("Übersättigt");
    expect(decisionLabel("de", 4)).toBe("An eine Person weitergeleitet");
    expect(() => bandLabel("en", 7)).toThrow(/Unknown attention band code 7/);
  });
});
