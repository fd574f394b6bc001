// Email main form library (web resource cat_/scripts/emailform.js, global CrmAttention.EmailForm).
import { createEmailFormHandlers } from "../emailForm/emailForm";
import { XrmAttentionClient } from "../shared/attentionApi";

const handlers = createEmailFormHandlers(() => new XrmAttentionClient(Xrm.WebApi.online));

/** Form OnLoad: shows the override reason field to permitted users and checks existing recipients. */
export function onLoad(executionContext: Xrm.Events.EventContext): Promise<void> {
  return handlers.onLoad(executionContext);
}

/** OnChange of to, cc and bcc: evaluates the contact recipients and names those over budget. */
export function onRecipientsChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  return handlers.onRecipientsChange(executionContext);
}

/** Form OnSave: on Send, stops the email where an enforcing policy blocks and the user cannot override. */
export function onSave(executionContext: Xrm.Events.SaveEventContext): Promise<void> {
  return handlers.onSave(executionContext);
}
