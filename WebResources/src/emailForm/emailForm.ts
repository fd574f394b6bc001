import { Channel, EmailColumns, Tables } from "../names";
import { AttentionClient } from "../shared/attentionApi";
import { classifyFailure, failureTextKey } from "../shared/errors";
import { UserEnvironment, readUserEnvironment, showNotification } from "../shared/formEnvironment";
import { text } from "../shared/localization";
import {
  Recipient,
  RecipientEvaluation,
  assessRecipients,
  contactRecipients,
  mapWithLimit,
  recipientKey,
} from "./recipientCheck";

export const emailNotificationId = "cat_attention_email";

const formCreate = 1; // XrmEnum.FormType.Create
const saveModeSend = 7; // XrmEnum.SaveMode.Send: the Send button on the email form
const parallelEvaluations = 4;

type CheckState =
  | { status: "done"; key: string; results: RecipientEvaluation[] }
  | { status: "failed"; key: string }
  | { status: "running"; key: string; outcome: Promise<CheckState> };

export interface EmailFormHandlers {
  onLoad(executionContext: Xrm.Events.EventContext): Promise<void>;
  onRecipientsChange(executionContext: Xrm.Events.EventContext): Promise<void>;
  onSave(executionContext: Xrm.Events.SaveEventContext): Promise<void>;
}

function isIncoming(formContext: Xrm.FormContext): boolean {
  // directioncode false = received email: not a touch, nothing to budget.
  const direction = formContext.getAttribute<Xrm.Attributes.BooleanAttribute>(EmailColumns.directionCode);
  return direction !== null && direction.getValue() === false;
}

function readRecipients(formContext: Xrm.FormContext): Recipient[] {
  const lists = [EmailColumns.to, EmailColumns.cc, EmailColumns.bcc].map((name) => {
    const attribute = formContext.getAttribute<Xrm.Attributes.LookupAttribute>(name);
    return attribute === null ? null : attribute.getValue();
  });
  return contactRecipients(lists, Tables.contact);
}

function overrideAttribute(formContext: Xrm.FormContext): Xrm.Attributes.StringAttribute | null {
  return formContext.getAttribute<Xrm.Attributes.StringAttribute>(EmailColumns.overrideReason);
}

/**
 * Whether this user may override an enforcing policy. cat_overridereason is field-secured: only the
 * CrmAttention override field security profile can write it, and the form reports that through
 * getUserPrivilege(). On a new email the write is a create, on an existing draft an update.
 */
export function canOverride(formContext: Xrm.FormContext): boolean {
  const attribute = overrideAttribute(formContext);
  if (attribute === null) {
    return false;
  }
  const privilege = attribute.getUserPrivilege();
  return Number(formContext.ui.getFormType()) === formCreate ? privilege.canCreate : privilege.canUpdate;
}

function overrideReason(formContext: Xrm.FormContext): string | null {
  const attribute = overrideAttribute(formContext);
  return attribute === null ? null : attribute.getValue();
}

/** Shows the override reason field only to users who may fill it; everyone else never sees it. */
function applyOverrideVisibility(formContext: Xrm.FormContext, permitted: boolean): void {
  const attribute = overrideAttribute(formContext);
  attribute?.controls.forEach((control) => control.setVisible(permitted));
}

function askForOverrideReason(formContext: Xrm.FormContext): void {
  const attribute = overrideAttribute(formContext);
  if (attribute === null) {
    return;
  }
  attribute.setRequiredLevel("required");
  const control = attribute.controls.get<Xrm.Controls.StringControl>(0);
  control?.setFocus();
}

/** Handlers for the email main form: evaluate the contact recipients on change and before Send. */
export function createEmailFormHandlers(clientFactory: () => AttentionClient): EmailFormHandlers {
  let state: CheckState | null = null;

  function show(formContext: Xrm.FormContext, results: RecipientEvaluation[], env: UserEnvironment): ReturnType<typeof assessRecipients> {
    const assessment = assessRecipients(results, canOverride(formContext), overrideReason(formContext), env);
    if (assessment.notification === null) {
      formContext.ui.clearFormNotification(emailNotificationId);
    } else {
      showNotification(formContext, emailNotificationId, assessment.notification);
    }
    return assessment;
  }

  async function check(recipients: Recipient[], key: string, env: UserEnvironment): Promise<CheckState> {
    if (env.isOffline) {
      throw new Error("The attention check needs a connection to Dataverse.");
    }
    const client = clientFactory();
    const results = await mapWithLimit(recipients, parallelEvaluations, async (recipient) => ({
      recipient,
      evaluation: await client.evaluateTouch({ contactId: recipient.contactId, channel: Channel.Email, isAutomated: false }),
    }));
    return { status: "done", key, results };
  }

  /** Starts a check of the current recipients; only the latest check may write to the form. */
  function evaluate(formContext: Xrm.FormContext, env: UserEnvironment): Promise<CheckState> {
    const recipients = readRecipients(formContext);
    const key = recipientKey(recipients);
    const outcome = check(recipients, key, env).catch((error: unknown): CheckState => {
      // Fail open and quiet: the server-side Send step is the real enforcement point.
      if (state === running) {
        showNotification(formContext, emailNotificationId, {
          level: "INFO",
          message: text(env.language, failureTextKey(classifyFailure(error, env.isOffline))),
        });
      }
      return { status: "failed", key };
    }).then((next) => {
      if (state === running) {
        state = next;
        if (next.status === "done") {
          show(formContext, next.results, env);
        }
      }
      return next;
    });
    const running: CheckState = { status: "running", key, outcome };
    state = running;
    return outcome;
  }

  async function evaluateIfOutgoing(executionContext: Xrm.Events.EventContext): Promise<void> {
    const formContext = executionContext.getFormContext();
    if (isIncoming(formContext)) {
      return;
    }
    await evaluate(formContext, readUserEnvironment(executionContext.getContext()));
  }

  return {
    async onLoad(executionContext) {
      const formContext = executionContext.getFormContext();
      applyOverrideVisibility(formContext, canOverride(formContext));
      if (readRecipients(formContext).length > 0) {
        await evaluateIfOutgoing(executionContext);
      }
    },

    onRecipientsChange: evaluateIfOutgoing,

    async onSave(executionContext) {
      const args = executionContext.getEventArgs();
      const formContext = executionContext.getFormContext();
      if (Number(args.getSaveMode()) !== saveModeSend || isIncoming(formContext)) {
        return;
      }
      const env = readUserEnvironment(executionContext.getContext());
      const recipients = readRecipients(formContext);
      if (recipients.length === 0) {
        formContext.ui.clearFormNotification(emailNotificationId);
        return;
      }
      const key = recipientKey(recipients);
      const known = state !== null && state.key === key ? state : null;
      if (known?.status === "failed") {
        return;
      }
      if (known?.status === "done") {
        const assessment = show(formContext, known.results, env);
        if (assessment.verdict === "block") {
          args.preventDefault();
        } else if (assessment.verdict === "needsOverrideReason") {
          args.preventDefault();
          askForOverrideReason(formContext);
        }
        return;
      }
      // preventDefault only works synchronously, so an unchecked Send is held, checked, and the user
      // sends again once the answer is on the form (the next Send then uses the answer above).
      args.preventDefault();
      showNotification(formContext, emailNotificationId, { level: "INFO", message: text(env.language, "sendHeldForCheck") });
      const outcome = known?.status === "running" ? await known.outcome : await evaluate(formContext, env);
      if (outcome.status === "done") {
        const assessment = show(formContext, outcome.results, env);
        if (assessment.verdict === "needsOverrideReason") {
          askForOverrideReason(formContext);
        } else if (assessment.verdict === "send" && assessment.notification === null) {
          showNotification(formContext, emailNotificationId, { level: "INFO", message: text(env.language, "sendCheckPassed") });
        }
      }
    },
  };
}
