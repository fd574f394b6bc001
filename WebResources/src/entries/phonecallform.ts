// Phone call main form library (web resource cat_/scripts/phonecallform.js, global CrmAttention.PhoneCallForm).
import { createPhoneCallFormHandlers } from "../phoneCallForm/phoneCallForm";

const handlers = createPhoneCallFormHandlers();

/** Form OnLoad: a completed outgoing call without a result gets the notification. */
export function onLoad(executionContext: Xrm.Events.EventContext): void {
  handlers.onLoad(executionContext);
}

/** Form OnSave: "Mark Complete" without a call result asks for it (the save goes ahead). */
export function onSave(executionContext: Xrm.Events.SaveEventContext): void {
  handlers.onSave(executionContext);
}

/** OnChange of cat_callresult: a result clears the notification. */
export function onCallResultChange(executionContext: Xrm.Events.EventContext): void {
  handlers.onCallResultChange(executionContext);
}
