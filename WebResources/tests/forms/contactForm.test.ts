import { beforeEach, describe, expect, it } from "vitest";
import { EventContextMock, XrmMockGenerator } from "xrm-mock";
import { contactNotificationId, createContactFormHandlers } from "../../src/contactForm/contactForm";
import { evaluation } from "../support/evaluations";
import { FakeAttentionClient, initialiseForm, notifications } from "../support/xrmForm";

const contactId = "5d1e2f3a-0000-0000-0000-000000000001";

function eventContext(): EventContextMock {
  return XrmMockGenerator.getEventContext();
}

describe("contact form", () => {
  beforeEach(() => {
    initialiseForm({ entityName: "contact", id: `{${contactId.toUpperCase()}}` });
  });

  it("asks cat_EvaluateTouch about a human email to this contact on load", async () => {
    const client = new FakeAttentionClient({ [contactId]: evaluation() });
    await createContactFormHandlers(() => client).onLoad(eventContext());
    expect(client.requests).toEqual([{ contactId: `{${contactId.toUpperCase()}}`, channel: 0, isAutomated: false }]);
  });

  it.each([
    [0, "INFO"],
    [1, "INFO"],
    [2, "WARNING"],
    [3, "ERROR"],
  ])("shows band %i as a %s notification", async (band, level) => {
    const client = new FakeAttentionClient({ [contactId]: evaluation({ band: band as 0 | 1 | 2 | 3 }) });
    await createContactFormHandlers(() => client).onLoad(eventContext());
    const shown = notifications(XrmMockGenerator.getFormContext());
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ level, uniqueId: contactNotificationId });
  });

  it("speaks German to a German user and shows the next touch in the user's time zone", async () => {
    initialiseForm({ entityName: "contact", id: contactId, languageId: 1031, timeZoneOffsetMinutes: 60 });
    const client = new FakeAttentionClient({
      [contactId]: evaluation({ band: 3, score: 8, remainingTouches: 0, nextAllowedOn: new Date("2026-12-02T07:15:00Z"), nextBestAction: "Warten" }),
    });
    await createContactFormHandlers(() => client).onLoad(eventContext());
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([
      {
        level: "ERROR",
        uniqueId: contactNotificationId,
        message:
          "Aufmerksamkeit: Übersättigt, Aufnahmewert 8 von 100. Keine Kontakte mehr in diesem Zeitfenster. " +
          "Nächster Kontakt erlaubt am 02.12.2026, 08:15. Nächste beste Aktion: Warten.",
      },
    ]);
  });

  it("says when a call has been routed to the owner", async () => {
    const client = new FakeAttentionClient({ [contactId]: evaluation({ band: 2, routedCallId: "0a1b2c3d-0000-0000-0000-00000000abcd" }) });
    await createContactFormHandlers(() => client).onLoad(eventContext());
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toContain("A call has been routed to the owner");
  });

  it.each([
    ["the custom API is missing", { errorCode: 0x80060888, message: "Resource not found for the segment 'cat_EvaluateTouch'." }, "the CrmAttention API is not installed"],
    ["the user lacks the privilege", { errorCode: 0x80042f09, message: "Principal user is missing prvRead privilege" }, "you do not have the privilege"],
    ["the network is gone", new TypeError("Failed to fetch"), "unavailable while offline"],
    ["the server fails otherwise", new Error("Generic SQL error."), "the form works as usual"],
  ])("shows one quiet notification when %s", async (_case, error, text) => {
    const client = new FakeAttentionClient({ [contactId]: { error } });
    const handlers = createContactFormHandlers(() => client);
    await handlers.onLoad(eventContext());
    await handlers.onLoad(eventContext());
    const shown = notifications(XrmMockGenerator.getFormContext());
    expect(shown).toHaveLength(1);
    expect(shown[0]?.level).toBe("INFO");
    expect(shown[0]?.message).toContain(text);
  });

  it("does not call the API in the offline client", async () => {
    initialiseForm({ entityName: "contact", id: contactId, offline: true });
    const client = new FakeAttentionClient({ [contactId]: evaluation() });
    await createContactFormHandlers(() => client).onLoad(eventContext());
    expect(client.requests).toHaveLength(0);
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toBe("Attention check unavailable while offline.");
  });

  it("evaluates nothing on a new contact that is not saved yet", async () => {
    initialiseForm({ entityName: "contact", formType: 1 });
    const client = new FakeAttentionClient({});
    await createContactFormHandlers(() => client).onLoad(eventContext());
    expect(client.requests).toHaveLength(0);
    expect(notifications(XrmMockGenerator.getFormContext())).toHaveLength(0);
  });

  it("replaces the attention notice when consent changes, and re-evaluates after the save", async () => {
    const client = new FakeAttentionClient({ [contactId]: evaluation() });
    const handlers = createContactFormHandlers(() => client);
    await handlers.onLoad(eventContext());
    handlers.onAttentionInputChange(eventContext());
    const formContext = XrmMockGenerator.getFormContext();
    expect(notifications(formContext)).toEqual([
      { level: "INFO", uniqueId: contactNotificationId, message: "Consent, policy or value changed: the attention check refreshes after you save." },
    ]);
    const postSave = (formContext.data.entity as unknown as { postSaveEventHandlers: ((c: unknown) => void)[] }).postSaveEventHandlers;
    expect(postSave).toHaveLength(1);
    postSave[0]?.(eventContext());
    await Promise.resolve();
    await Promise.resolve();
    expect(client.requests).toHaveLength(2);
    expect(notifications(formContext)[0]?.message).toMatch(/^Attention: Receptive/);
  });
});
