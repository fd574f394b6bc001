import { describe, expect, it } from "vitest";
import { assessRecipients, contactRecipients, mapWithLimit, recipientKey } from "../../src/emailForm/recipientCheck";
import { englishUser, evaluation, germanUser } from "../support/evaluations";

const anna = { contactId: "00000000-0000-0000-0000-00000000000a", name: "Anna Berg" };
const ben = { contactId: "00000000-0000-0000-0000-00000000000b", name: "Ben Ode" };

describe("contactRecipients", () => {
  it("keeps contacts only, once each, across to, cc and bcc", () => {
    const to = [
      { id: "{00000000-0000-0000-0000-00000000000A}", name: "Anna Berg", entityType: "contact" },
      { id: "{00000000-0000-0000-0000-0000000000CC}", name: "Queue", entityType: "queue" },
    ];
    const cc = [{ id: "00000000-0000-0000-0000-00000000000a", name: "Anna Berg", entityType: "contact" }];
    const bcc = [{ id: "00000000-0000-0000-0000-00000000000b", name: "Ben Ode", entityType: "contact" }];
    expect(contactRecipients([to, cc, null, bcc], "contact")).toEqual([anna, ben]);
  });

  it("keys a recipient set independently of order", () => {
    expect(recipientKey([ben, anna])).toBe(recipientKey([anna, ben]));
  });
});

describe("assessRecipients", () => {
  it("lets the email go without a notice when everyone is within budget", () => {
    const a = assessRecipients([{ recipient: anna, evaluation: evaluation() }], false, null, englishUser);
    expect(a).toEqual({ overBudget: [], verdict: "send", notification: null });
  });

  it("warns but sends when the policy only warns", () => {
    const a = assessRecipients(
      [{ recipient: anna, evaluation: evaluation({ decision: 1, policyMode: 1, message: "6 of 6 touches used in 14 days." }) }],
      false,
      null,
      englishUser,
    );
    expect(a.verdict).toBe("send");
    expect(a.notification).toEqual({ level: "WARNING", message: "Over the attention budget: Anna Berg: 6 of 6 touches used in 14 days" });
  });

  it("blocks the send under an enforcing policy for a user without override permission, naming who and why", () => {
    const a = assessRecipients(
      [
        { recipient: anna, evaluation: evaluation({ decision: 2, message: "Minimum gap of 24 hours." }) },
        { recipient: ben, evaluation: evaluation() },
      ],
      false,
      null,
      englishUser,
    );
    expect(a.verdict).toBe("block");
    expect(a.notification).toEqual({ level: "ERROR", message: "Send blocked by the attention policy. Anna Berg: Minimum gap of 24 hours" });
  });

  it("asks a user with override permission for a reason before sending", () => {
    const a = assessRecipients([{ recipient: anna, evaluation: evaluation({ decision: 2, message: "Abkühlphase." }) }], true, " ", germanUser);
    expect(a.verdict).toBe("needsOverrideReason");
    expect(a.notification?.level).toBe("WARNING");
    expect(a.notification?.message).toContain("Übersteuerungsgrund");
    expect(a.notification?.message).toContain("Anna Berg: Abkühlphase");
  });

  it("sends with a warning once the permitted user gave an override reason", () => {
    const a = assessRecipients([{ recipient: anna, evaluation: evaluation({ decision: 2 }) }], true, "Customer asked for the offer", englishUser);
    expect(a.verdict).toBe("send");
    expect(a.notification?.level).toBe("WARNING");
  });

  it("does not block a blocked decision from a policy in audit mode", () => {
    const a = assessRecipients([{ recipient: anna, evaluation: evaluation({ decision: 2, policyMode: 0 }) }], false, null, englishUser);
    expect(a.verdict).toBe("send");
  });

  it("names the first five recipients over budget and counts the rest", () => {
    const results = Array.from({ length: 7 }, (_, i) => ({
      recipient: { contactId: `00000000-0000-0000-0000-00000000001${i}`, name: `C${i}` },
      evaluation: evaluation({ decision: 1, policyMode: 1, message: "Loaded" }),
    }));
    expect(assessRecipients(results, false, null, germanUser).notification?.message).toBe(
      "Über dem Aufmerksamkeitsbudget: C0: Loaded; C1: Loaded; C2: Loaded; C3: Loaded; C4: Loaded; und 2 weitere",
    );
  });

  it("names a contact without a name", () => {
    const a = assessRecipients([{ recipient: { ...anna, name: "" }, evaluation: evaluation({ decision: 1, message: "Loaded" }) }], false, null, englishUser);
    expect(a.notification?.message).toBe("Over the attention budget: (contact without name): Loaded");
  });
});

describe("mapWithLimit", () => {
  it("keeps input order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(result).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(3);
  });

  it("refuses a limit below one", async () => {
    await expect(mapWithLimit([1], 0, async (n) => Promise.resolve(n))).rejects.toThrow(/at least 1/);
  });
});
