import { beforeEach, describe, expect, it } from "vitest";
import { SaveEventContextMock, StringAttributeMock, XrmMockGenerator } from "xrm-mock";
import { createEmailFormHandlers, emailNotificationId } from "../../src/emailForm/emailForm";
import { evaluation } from "../support/evaluations";
import { FakeAttentionClient, grantFieldPrivilege, initialiseForm, notifications } from "../support/xrmForm";

const anna = "00000000-0000-0000-0000-00000000000a";
const ben = "00000000-0000-0000-0000-00000000000b";
const saveModeSend = 7;
const saveModeSave = 1;

function recipient(id: string, name: string): Xrm.LookupValue {
  return { id: `{${id.toUpperCase()}}`, name, entityType: "contact" };
}

function buildEmailForm(options: { languageId?: number; canOverride: boolean; formType?: number; to?: Xrm.LookupValue[]; incoming?: boolean }): StringAttributeMock {
  initialiseForm({ entityName: "email", id: "{11111111-0000-0000-0000-000000000001}", languageId: options.languageId, formType: options.formType });
  XrmMockGenerator.Attribute.createLookup("to", options.to ?? [recipient(anna, "Anna Berg")]);
  XrmMockGenerator.Attribute.createLookup("cc", []);
  XrmMockGenerator.Attribute.createLookup("bcc", []);
  XrmMockGenerator.Attribute.createBoolean("directioncode", options.incoming !== true);
  const reason = XrmMockGenerator.Attribute.createString({ name: "cat_overridereason", value: null }, [{ name: "cat_overridereason", visible: true }]);
  grantFieldPrivilege(reason, options.canOverride ? { canCreate: true, canUpdate: true } : {});
  return reason;
}

function sendContext(saveMode = saveModeSend): SaveEventContextMock {
  return new SaveEventContextMock({
    formContext: XrmMockGenerator.getFormContext(),
    context: XrmMockGenerator.context,
    saveMode,
  });
}

const blockedAnna = evaluation({ decision: 2, policyMode: 2, message: "6 of 6 touches used in the last 14 days." });

describe("email form", () => {
  beforeEach(() => {
    buildEmailForm({ canOverride: false });
  });

  it("names the recipients over budget and why when the recipients change", async () => {
    buildEmailForm({ canOverride: false, to: [recipient(anna, "Anna Berg"), recipient(ben, "Ben Ode")] });
    const client = new FakeAttentionClient({ [anna]: evaluation({ decision: 1, policyMode: 1, message: "Loaded: 5 of 6 touches used." }), [ben]: evaluation() });
    await createEmailFormHandlers(() => client).onRecipientsChange(XrmMockGenerator.getEventContext());
    expect(client.requests.map((r) => [r.contactId, r.channel, r.isAutomated])).toEqual([
      [anna, 0, false],
      [ben, 0, false],
    ]);
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([
      { level: "WARNING", uniqueId: emailNotificationId, message: "Over the attention budget: Anna Berg: Loaded: 5 of 6 touches used" },
    ]);
  });

  it("blocks Send under an enforcing policy for a user without override permission", async () => {
    const client = new FakeAttentionClient({ [anna]: blockedAnna });
    const handlers = createEmailFormHandlers(() => client);
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(true);
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([
      {
        level: "ERROR",
        uniqueId: emailNotificationId,
        message: "Send blocked by the attention policy. Anna Berg: 6 of 6 touches used in the last 14 days",
      },
    ]);
  });

  it("blocks Send in German for a German user", async () => {
    buildEmailForm({ canOverride: false, languageId: 1031 });
    const handlers = createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: evaluation({ decision: 2, message: "Mindestabstand von 24 Stunden." }) }));
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(true);
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toBe(
      "Senden durch die Aufmerksamkeitsrichtlinie blockiert. Anna Berg: Mindestabstand von 24 Stunden",
    );
  });

  it("lets Send go with a warning when the policy only warns", async () => {
    const handlers = createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: evaluation({ decision: 1, policyMode: 1, message: "Loaded" }) }));
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.level).toBe("WARNING");
  });

  it("hides the override reason field from users without the field security permission", async () => {
    const reason = XrmMockGenerator.getFormContext().getAttribute("cat_overridereason") as StringAttributeMock;
    await createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: evaluation() })).onLoad(XrmMockGenerator.getEventContext());
    expect(reason.controls.get(0).getVisible()).toBe(false);
  });

  it("shows the override reason field to permitted users and asks for a reason instead of blocking", async () => {
    const reason = buildEmailForm({ canOverride: true });
    reason.controls.get(0).setVisible(false);
    const handlers = createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: blockedAnna }));
    await handlers.onLoad(XrmMockGenerator.getEventContext());
    expect(reason.controls.get(0).getVisible()).toBe(true);
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(true);
    expect(reason.getRequiredLevel()).toBe("required");
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toContain("Enter an override reason to send anyway");
  });

  it("sends once a permitted user has given an override reason", async () => {
    const reason = buildEmailForm({ canOverride: true });
    const handlers = createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: blockedAnna }));
    await handlers.onLoad(XrmMockGenerator.getEventContext());
    reason.setValue("The customer asked for the revised offer today.");
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(false);
  });

  it("reads the create privilege on a new email and the update privilege on a draft", async () => {
    const reason = buildEmailForm({ canOverride: false, formType: 1 });
    grantFieldPrivilege(reason, { canCreate: true, canUpdate: false });
    await createEmailFormHandlers(() => new FakeAttentionClient({ [anna]: evaluation() })).onLoad(XrmMockGenerator.getEventContext());
    expect(reason.controls.get(0).getVisible()).toBe(true);
  });

  it("holds an unchecked Send, checks, and lets the second Send through", async () => {
    const client = new FakeAttentionClient({ [anna]: evaluation() });
    const handlers = createEmailFormHandlers(() => client);
    const first = sendContext();
    await handlers.onSave(first);
    expect(first.getEventArgs().isDefaultPrevented()).toBe(true);
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toBe("Recipients checked. Select Send again to send.");
    const second = sendContext();
    await handlers.onSave(second);
    expect(second.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(client.requests).toHaveLength(1);
  });

  it("re-checks when the recipients changed since the last check", async () => {
    const client = new FakeAttentionClient({ [anna]: evaluation(), [ben]: blockedAnna });
    const handlers = createEmailFormHandlers(() => client);
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    XrmMockGenerator.getFormContext().getAttribute<Xrm.Attributes.LookupAttribute>("to").setValue([recipient(ben, "Ben Ode")]);
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(true);
    expect(client.requests.map((r) => r.contactId)).toEqual([anna, ben]);
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toContain("Ben Ode");
  });

  it("fails open with one quiet notice when the API is missing", async () => {
    const client = new FakeAttentionClient({ [anna]: { error: { errorCode: 0x80060888, message: "Resource not found for the segment 'cat_EvaluateTouch'." } } });
    const handlers = createEmailFormHandlers(() => client);
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    const send = sendContext();
    await handlers.onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([
      { level: "INFO", uniqueId: emailNotificationId, message: "Attention check unavailable: the CrmAttention API is not installed in this environment." },
    ]);
  });

  it("ignores a plain Save", async () => {
    const client = new FakeAttentionClient({ [anna]: blockedAnna });
    const save = sendContext(saveModeSave);
    await createEmailFormHandlers(() => client).onSave(save);
    expect(save.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(client.requests).toHaveLength(0);
  });

  it("does not evaluate an incoming email", async () => {
    buildEmailForm({ canOverride: false, incoming: true });
    const client = new FakeAttentionClient({ [anna]: blockedAnna });
    const handlers = createEmailFormHandlers(() => client);
    await handlers.onRecipientsChange(XrmMockGenerator.getEventContext());
    await handlers.onSave(sendContext());
    expect(client.requests).toHaveLength(0);
  });

  it("sends an email without contact recipients unchecked", async () => {
    buildEmailForm({ canOverride: false, to: [{ id: "{00000000-0000-0000-0000-0000000000cc}", name: "Support", entityType: "queue" }] });
    const client = new FakeAttentionClient({});
    const send = sendContext();
    await createEmailFormHandlers(() => client).onSave(send);
    expect(send.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(client.requests).toHaveLength(0);
  });
});
