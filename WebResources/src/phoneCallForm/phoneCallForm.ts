// Phone call form: asks for the call result when a seller completes an outgoing call without one. A connected
// call is the contact's response as well as a touch (the plugins read cat_callresult when the call is completed),
// so a missing result costs the seller the conversation rule. A form notification, never a blocking dialog.
import { CallResultValues, PhoneCallColumns } from "../names";
import { readUserEnvironment, showNotification } from "../shared/formEnvironment";
import { text } from "../shared/localization";

export const callResultNotificationId = "cat_callresult_missing";

/** Xrm save mode of "Mark Complete" (XrmEnum.SaveMode.SaveAsCompleted). */
const saveAsCompleted = 58;
const completedState = 1;

export interface PhoneCallFormHandlers {
  onLoad(executionContext: Xrm.Events.EventContext): void;
  onSave(executionContext: Xrm.Events.SaveEventContext): void;
  onCallResultChange(executionContext: Xrm.Events.EventContext): void;
}

function isOutgoing(formContext: Xrm.FormContext): boolean {
  const direction = formContext.getAttribute<Xrm.Attributes.BooleanAttribute>(PhoneCallColumns.directionCode);
  // directioncode defaults to Outgoing (true) on a new phone call; a missing column is treated the same.
  return direction === null || direction.getValue() !== false;
}

function hasResult(formContext: Xrm.FormContext): boolean {
  const result = formContext.getAttribute<Xrm.Attributes.OptionSetAttribute>(PhoneCallColumns.callResult);
  if (result === null) return true;
  const value = result.getValue();
  return value !== null && Object.values(CallResultValues).includes(value as never);
}

function ask(formContext: Xrm.FormContext): void {
  const env = readUserEnvironment(Xrm.Utility.getGlobalContext());
  showNotification(formContext, callResultNotificationId, { level: "WARNING", message: text(env.language, "callResultMissing") });
}

export function createPhoneCallFormHandlers(): PhoneCallFormHandlers {
  return {
    onLoad(executionContext) {
      const formContext = executionContext.getFormContext();
      const state = formContext.getAttribute<Xrm.Attributes.OptionSetAttribute>(PhoneCallColumns.stateCode);
      const completed = state !== null && state.getValue() === completedState;
      if (completed && isOutgoing(formContext) && !hasResult(formContext)) ask(formContext);
    },
    onSave(executionContext) {
      const formContext = executionContext.getFormContext();
      const args = executionContext.getEventArgs();
      if (Number(args.getSaveMode()) === saveAsCompleted && isOutgoing(formContext) && !hasResult(formContext)) ask(formContext);
    },
    onCallResultChange(executionContext) {
      const formContext = executionContext.getFormContext();
      if (hasResult(formContext)) formContext.ui.clearFormNotification(callResultNotificationId);
    },
  };
}
