import { Channel, ContactColumns } from "../names";
import { AttentionClient } from "../shared/attentionApi";
import { classifyFailure, failureTextKey } from "../shared/errors";
import { readUserEnvironment, showNotification } from "../shared/formEnvironment";
import { text } from "../shared/localization";
import { buildContactNotification } from "./contactNotification";

export const contactNotificationId = "cat_attention_contact";

/** Contact fields whose change alters the evaluation once saved (consent flags, policy, value). */
export const contactAttentionInputs: readonly string[] = [
  ContactColumns.doNotEmail,
  ContactColumns.doNotPhone,
  ContactColumns.doNotPostalMail,
  ContactColumns.doNotBulkEmail,
  ContactColumns.policyId,
  ContactColumns.value,
];

const formCreate = 1; // XrmEnum.FormType.Create: the record does not exist yet, so there is nothing to evaluate.

export interface ContactFormHandlers {
  onLoad(executionContext: Xrm.Events.EventContext): Promise<void>;
  onAttentionInputChange(executionContext: Xrm.Events.EventContext): void;
}

/**
 * Handlers for the contact main form. The seller's next move is usually a personal email, so the
 * form asks cat_EvaluateTouch about a human email; the answer also carries the next best channel.
 */
export function createContactFormHandlers(clientFactory: () => AttentionClient): ContactFormHandlers {
  // Guards against an older answer overwriting a newer one when load and post-save overlap.
  let latestRequest = 0;

  async function evaluateAndShow(executionContext: Xrm.Events.EventContext): Promise<void> {
    const formContext = executionContext.getFormContext();
    const env = readUserEnvironment(executionContext.getContext());
    const id = formContext.data.entity.getId();
    if (Number(formContext.ui.getFormType()) === formCreate || id === "") {
      return;
    }
    const request = ++latestRequest;
    try {
      if (env.isOffline) {
        throw new Error("The attention check needs a connection to Dataverse.");
      }
      const evaluation = await clientFactory().evaluateTouch({
        contactId: id,
        channel: Channel.Email,
        isAutomated: false,
      });
      if (request === latestRequest) {
        showNotification(formContext, contactNotificationId, buildContactNotification(evaluation, env));
      }
    } catch (error: unknown) {
      // Fail quiet: one informational notice, never a script error dialog on the seller's form.
      if (request === latestRequest) {
        const kind = classifyFailure(error, env.isOffline);
        showNotification(formContext, contactNotificationId, {
          level: "INFO",
          message: text(env.language, failureTextKey(kind)),
        });
      }
    }
  }

  // The custom API reads the saved contact, so after a save the answer can change: re-ask then.
  function onPostSave(executionContext: Xrm.Events.EventContext): void {
    void evaluateAndShow(executionContext);
  }

  return {
    async onLoad(executionContext) {
      const entity = executionContext.getFormContext().data.entity;
      entity.removeOnPostSave(onPostSave);
      entity.addOnPostSave(onPostSave);
      await evaluateAndShow(executionContext);
    },
    onAttentionInputChange(executionContext) {
      const formContext = executionContext.getFormContext();
      if (Number(formContext.ui.getFormType()) === formCreate) {
        return;
      }
      const env = readUserEnvironment(executionContext.getContext());
      showNotification(formContext, contactNotificationId, {
        level: "INFO",
        message: text(env.language, "contactChangedPendingSave"),
      });
    },
  };
}
