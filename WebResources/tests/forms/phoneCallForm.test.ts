import { beforeEach, describe, expect, it } from "vitest";
import { SaveEventContextMock, XrmMockGenerator } from "xrm-mock";
import { CallResultValues } from "../../src/names";
import { callResultNotificationId, createPhoneCallFormHandlers } from "../../src/phoneCallForm/phoneCallForm";
import { initialiseForm, notifications } from "../support/xrmForm";

const saveModeSave = 1;
const saveModeMarkComplete = 58;
const options = [
  { text: "Connected", value: CallResultValues.Connected },
  { text: "Left voicemail", value: CallResultValues.LeftVoicemail },
  { text: "No answer", value: CallResultValues.NoAnswer },
  { text: "Wrong number", value: CallResultValues.WrongNumber },
];

function call(settings: { state?: number; outgoing?: boolean; result?: number | null; languageId?: number } = {}): void {
  initialiseForm({ entityName: "phonecall", id: "{00000000-0000-0000-0000-0000000000c1}", languageId: settings.languageId });
  XrmMockGenerator.Attribute.createOptionSet("statecode", settings.state ?? 0, [{ text: "Open", value: 0 }, { text: "Completed", value: 1 }]);
  XrmMockGenerator.Attribute.createBoolean("directioncode", settings.outgoing ?? true);
  XrmMockGenerator.Attribute.createOptionSet("cat_callresult", settings.result ?? undefined, options);
}

function save(saveMode: number): SaveEventContextMock {
  return new SaveEventContextMock({ formContext: XrmMockGenerator.getFormContext(), context: XrmMockGenerator.context, saveMode });
}

describe("phone call form", () => {
  beforeEach(() => call());

  it("asks for the call result when an outgoing call is marked complete without one, and lets the save go ahead", () => {
    const completing = save(saveModeMarkComplete);
    createPhoneCallFormHandlers().onSave(completing);
    expect(completing.getEventArgs().isDefaultPrevented()).toBe(false);
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([
      {
        level: "WARNING",
        uniqueId: callResultNotificationId,
        message: "Set the Call result: a connected call counts as the contact's answer, so the next follow-up is not held back by the budget.",
      },
    ]);
  });

  it("asks in German for a German user", () => {
    call({ languageId: 1031 });
    createPhoneCallFormHandlers().onSave(save(saveModeMarkComplete));
    expect(notifications(XrmMockGenerator.getFormContext())[0]?.message).toBe(
      "Bitte das Anrufergebnis setzen: ein verbundener Anruf zählt als Antwort des Kontakts, damit das Budget das nächste Nachfassen nicht zurückhält.",
    );
  });

  it("says nothing on a plain save, with a result, or for an incoming call", () => {
    const handlers = createPhoneCallFormHandlers();
    handlers.onSave(save(saveModeSave));
    call({ result: CallResultValues.NoAnswer });
    handlers.onSave(save(saveModeMarkComplete));
    call({ outgoing: false });
    handlers.onSave(save(saveModeMarkComplete));
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([]);
  });

  it("reminds on load of a completed call without a result and clears the notice once a result is set", () => {
    call({ state: 1 });
    const handlers = createPhoneCallFormHandlers();
    handlers.onLoad(XrmMockGenerator.getEventContext());
    expect(notifications(XrmMockGenerator.getFormContext()).map((n) => n.uniqueId)).toEqual([callResultNotificationId]);

    XrmMockGenerator.getFormContext().getAttribute("cat_callresult")?.setValue(CallResultValues.Connected);
    handlers.onCallResultChange(XrmMockGenerator.getEventContext());
    expect(notifications(XrmMockGenerator.getFormContext())).toEqual([]);
  });
});
