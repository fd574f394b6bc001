import { ClientContextMock, ContextMock, FormContextMock, UserSettingsMock, XrmMockGenerator } from "xrm-mock";
import { AttentionClient, EvaluateTouchRequest, TouchEvaluation } from "../../src/shared/attentionApi";

export interface FormOptions {
  entityName: string;
  id?: string;
  languageId?: number;
  timeZoneOffsetMinutes?: number;
  offline?: boolean;
  formType?: number;
}

/** A fresh xrm-mock world per test: global context with the user's language, offset and connectivity. */
export function initialiseForm(options: FormOptions): { context: ContextMock; formContext: FormContextMock } {
  const userSettings = new UserSettingsMock({
    isGuidedHelpEnabled: false,
    isHighContrastEnabled: false,
    isRTL: false,
    userId: "{00000000-0000-0000-0000-0000000000a1}",
    userName: "seller",
    languageId: options.languageId ?? 1033,
  });
  // xrm-mock leaves the offset unimplemented; the platform returns the user's current UTC offset.
  userSettings.getTimeZoneOffsetMinutes = () => options.timeZoneOffsetMinutes ?? 0;
  const context = new ContextMock({
    clientContext: new ClientContextMock("Web", options.offline === true ? "Offline" : "Online"),
    // xrm-mock predates getSecurityRolePrivilegesInfo in @types/xrm; the handlers never call it.
    userSettings: userSettings as unknown as Xrm.UserSettings,
  });
  XrmMockGenerator.initialise({ context, entity: { entityName: options.entityName, id: options.id ?? "" } });
  const formContext = XrmMockGenerator.getFormContext();
  const formType = options.formType ?? 2;
  formContext.ui.getFormType = () => formType;
  return { context, formContext };
}

/** Sets what the field security profile grants on an attribute (xrm-mock does not model it). */
export function grantFieldPrivilege(attribute: { getUserPrivilege(): Xrm.Privilege }, privilege: Partial<Xrm.Privilege>): void {
  attribute.getUserPrivilege = () => ({ canRead: true, canCreate: false, canUpdate: false, ...privilege });
}

type Answer = TouchEvaluation | { error: unknown };

/** An AttentionClient that answers from a table per contact and records what it was asked. */
export class FakeAttentionClient implements AttentionClient {
  readonly requests: EvaluateTouchRequest[] = [];
  constructor(private readonly answers: Record<string, Answer>) {}

  evaluateTouch(request: EvaluateTouchRequest): Promise<TouchEvaluation> {
    this.requests.push(request);
    const answer = this.answers[request.contactId.replace(/[{}]/g, "").toLowerCase()];
    if (answer === undefined) {
      return Promise.reject(new Error(`No answer scripted for ${request.contactId}.`));
    }
    if ("error" in answer) {
      // Xrm.WebApi rejects with plain { errorCode, message } objects, not Errors: the fake must too.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(answer.error);
    }
    return Promise.resolve(answer);
  }
}

export interface ShownNotification {
  message: string;
  level: string;
  uniqueId: string;
}

/** The form notifications xrm-mock keeps on the UI. */
export function notifications(formContext: FormContextMock): ShownNotification[] {
  return ((formContext.ui as unknown as { formNotifications?: ShownNotification[] }).formNotifications ?? []).slice();
}
