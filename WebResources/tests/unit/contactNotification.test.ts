import { describe, expect, it } from "vitest";
import { buildContactNotification, levelForBand, levelForEvaluation } from "../../src/contactForm/contactNotification";
import { englishUser, evaluation, germanUser } from "../support/evaluations";

describe("contact notification", () => {
  it("maps bands to notification levels", () => {
    expect([0, 1, 2, 3].map(levelForBand)).toEqual(["INFO", "INFO", "WARNING", "ERROR"]);
  });

  it("raises a receptive contact's level to a warning when the touch is blocked", () => {
    expect(levelForEvaluation(evaluation({ band: 0, decision: 2 }))).toBe("WARNING");
    expect(levelForEvaluation(evaluation({ band: 3, decision: 2 }))).toBe("ERROR");
  });

  it("tells a receptive contact's state in one English line", () => {
    const n = buildContactNotification(evaluation(), englishUser);
    expect(n).toEqual({
      level: "INFO",
      message:
        "Attention: Receptive, score 82 of 100. 4 touches left in this window. A touch is allowed now. Next best action: Send a personal email.",
    });
  });

  it("gives the next allowed touch in the user's time zone, in German, and says a call was routed", () => {
    const n = buildContactNotification(
      evaluation({
        band: 2,
        score: 31.6,
        remainingTouches: 0,
        nextAllowedOn: new Date("2026-11-30T08:00:00Z"),
        nextBestAction: "Rufen Sie an.",
        routedCallId: "0a1b2c3d-0000-0000-0000-00000000abcd",
      }),
      germanUser,
    );
    expect(n.level).toBe("WARNING");
    expect(n.message).toBe(
      "Aufmerksamkeit: Gesättigt, Aufnahmewert 32 von 100. Keine Kontakte mehr in diesem Zeitfenster. " +
        "Nächster Kontakt erlaubt am 30.11.2026, 09:00. Nächste beste Aktion: Rufen Sie an. " +
        "Statt eines automatisierten Kontakts wurde ein Anruf an den Besitzer weitergeleitet.",
    );
  });

  it("uses the singular for one touch left and leaves out an empty next best action", () => {
    const n = buildContactNotification(evaluation({ remainingTouches: 1, nextBestAction: "  " }), englishUser);
    expect(n.message).toBe("Attention: Receptive, score 82 of 100. 1 touch left in this window. A touch is allowed now.");
  });
});
