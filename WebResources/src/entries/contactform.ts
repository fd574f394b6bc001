// Contact main form library (web resource cat_/scripts/contactform.js, global CrmAttention.ContactForm).
import { createContactFormHandlers } from "../contactForm/contactForm";
import { XrmAttentionClient } from "../shared/attentionApi";

const handlers = createContactFormHandlers(() => new XrmAttentionClient(Xrm.WebApi.online));

/** Form OnLoad: evaluates the contact and shows the attention notification. */
export function onLoad(executionContext: Xrm.Events.EventContext): Promise<void> {
  return handlers.onLoad(executionContext);
}

/** OnChange of consent, policy and value fields: tells the user the check refreshes after save. */
export function onAttentionInputChange(executionContext: Xrm.Events.EventContext): void {
  handlers.onAttentionInputChange(executionContext);
}
