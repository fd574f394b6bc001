// Every Dataverse logical name the web resources use, in one module. The values come from the constants the
// solution builder generates from the solution model (src/generated/, never edited by hand), so a renamed column
// breaks the build here instead of a form at run time; the short local names keep call sites readable.
import {
  AttentionDecision,
  Choices,
  Contact,
  CustomApis,
  Email,
  PhoneCall,
  SystemUser,
  Team,
} from "./generated/logicalNames.g";

export const Tables = {
  contact: Contact.EntityLogicalName,
  email: Email.EntityLogicalName,
  phonecall: PhoneCall.EntityLogicalName,
  systemuser: SystemUser.EntityLogicalName,
  team: Team.EntityLogicalName,
  attentionDecision: AttentionDecision.EntityLogicalName,
} as const;

// Web API entity set names (collection names) used in /api/data/v9.2/<set>?fetchXml=…
export const EntitySets = {
  contact: Contact.EntitySetName,
  attentionDecision: AttentionDecision.EntitySetName,
} as const;

export const ContactColumns = {
  id: Contact.Fields.ContactId,
  fullName: Contact.Fields.FullName,
  ownerId: Contact.Fields.OwnerId,
  doNotEmail: Contact.Fields.DoNotEMail,
  doNotPhone: Contact.Fields.DoNotPhone,
  doNotPostalMail: Contact.Fields.DoNotPostalMail,
  doNotBulkEmail: Contact.Fields.DoNotBulkEMail,
  pressure: Contact.Fields.CatPressure,
  score: Contact.Fields.CatScore,
  band: Contact.Fields.CatBand,
  lastTouchOn: Contact.Fields.CatLastTouchOn,
  lastResponseOn: Contact.Fields.CatLastResponseOn,
  value: Contact.Fields.CatValue,
  policyId: Contact.Fields.CatPolicyId,
} as const;

export const EmailColumns = {
  to: Email.Fields.To,
  cc: Email.Fields.Cc,
  bcc: Email.Fields.Bcc,
  directionCode: Email.Fields.DirectionCode,
  overrideReason: Email.Fields.CatOverrideReason,
} as const;

export const DecisionColumns = {
  id: AttentionDecision.Fields.CatAttentionDecisionId,
  contactId: AttentionDecision.Fields.CatContactId,
  decision: AttentionDecision.Fields.CatDecision,
  evaluatedOn: AttentionDecision.Fields.CatEvaluatedOn,
  pressure: AttentionDecision.Fields.CatPressure,
} as const;

const evaluate = CustomApis.EvaluateTouch;

export const EvaluateTouchApi = {
  name: evaluate.MessageName,
  request: {
    contact: evaluate.Request.Contact,
    channel: evaluate.Request.Channel,
    isAutomated: evaluate.Request.IsAutomated,
    at: evaluate.Request.At,
  },
  response: {
    decision: evaluate.Response.Decision,
    reason: evaluate.Response.Reason,
    message: evaluate.Response.Message,
    score: evaluate.Response.Score,
    band: evaluate.Response.Band,
    marginalValue: evaluate.Response.MarginalValue,
    remainingTouches: evaluate.Response.RemainingTouches,
    nextAllowedOn: evaluate.Response.NextAllowedOn,
    nextBestAction: evaluate.Response.NextBestAction,
    nextBestChannel: evaluate.Response.NextBestChannel,
    routedCall: evaluate.Response.RoutedCall,
    policyMode: evaluate.Response.PolicyMode,
  },
} as const;

// Publisher option value prefix 74280: a choice value is 742800000 + the engine's code.
export const OptionValuePrefix = Choices.OptionValueBase;

// The engine's codes, generated from the same model as the choices (and proven equal to Engine/Enums.cs).
export { Band, Channel, DecisionKind, PolicyMode, ReasonCode } from "./generated/engineCodes.g";
export type { BandCode, ChannelCode, DecisionKindCode, PolicyModeCode } from "./generated/engineCodes.g";

/** The choice value Dataverse stores for an engine code. */
export function toOptionValue(code: number): number {
  return OptionValuePrefix + code;
}

/** The engine code behind a stored choice value; throws for a value outside the publisher's range. */
export function fromOptionValue(value: number): number {
  const code = value - OptionValuePrefix;
  if (!Number.isInteger(code) || code < 0 || code > 99999) {
    throw new RangeError(`Choice value ${value} is not a CrmAttention option value (expected ${OptionValuePrefix} + code).`);
  }
  return code;
}

export const PhoneCallColumns = {
  stateCode: PhoneCall.Fields.StateCode,
  directionCode: PhoneCall.Fields.DirectionCode,
  callResult: PhoneCall.Fields.CatCallResult,
} as const;

/** phonecall.cat_callresult choice values (Connected makes a completed call the contact's response too). */
export const CallResultValues = Choices.CallResult;
