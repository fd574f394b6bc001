// Every Dataverse logical name the web resources use, in one module. The names follow
// CONTRACTS.md exactly; when the solution builder's generated constants (src/generated/) land, this
// module re-exports them instead and nothing else changes.

export const Tables = {
  contact: "contact",
  email: "email",
  phonecall: "phonecall",
  systemuser: "systemuser",
  team: "team",
  attentionDecision: "cat_attentiondecision",
} as const;

// Web API entity set names (collection names) used in /api/data/v9.2/<set>?fetchXml=…
export const EntitySets = {
  contact: "contacts",
  attentionDecision: "cat_attentiondecisions",
} as const;

export const ContactColumns = {
  id: "contactid",
  fullName: "fullname",
  ownerId: "ownerid",
  doNotEmail: "donotemail",
  doNotPhone: "donotphone",
  doNotPostalMail: "donotpostalmail",
  doNotBulkEmail: "donotbulkemail",
  pressure: "cat_pressure",
  score: "cat_score",
  band: "cat_band",
  lastTouchOn: "cat_lasttouchon",
  lastResponseOn: "cat_lastresponseon",
  value: "cat_value",
  policyId: "cat_policyid",
} as const;

export const EmailColumns = {
  to: "to",
  cc: "cc",
  bcc: "bcc",
  directionCode: "directioncode",
  overrideReason: "cat_overridereason",
} as const;

export const DecisionColumns = {
  id: "cat_attentiondecisionid",
  contactId: "cat_contactid",
  decision: "cat_decision",
  evaluatedOn: "cat_evaluatedon",
  pressure: "cat_pressure",
} as const;

export const EvaluateTouchApi = {
  name: "cat_EvaluateTouch",
  request: {
    contact: "cat_Contact",
    channel: "cat_Channel",
    isAutomated: "cat_IsAutomated",
    at: "cat_At",
  },
  response: {
    decision: "cat_Decision",
    reason: "cat_Reason",
    message: "cat_Message",
    score: "cat_Score",
    band: "cat_Band",
    marginalValue: "cat_MarginalValue",
    remainingTouches: "cat_RemainingTouches",
    nextAllowedOn: "cat_NextAllowedOn",
    nextBestAction: "cat_NextBestAction",
    nextBestChannel: "cat_NextBestChannel",
    routedCall: "cat_RoutedCall",
    policyMode: "cat_PolicyMode",
  },
} as const;

// Publisher option value prefix 74280: a choice value is 742800000 + the engine's code.
export const OptionValuePrefix = 742800000;

export const Channel = { Email: 0, Phone: 1, Meeting: 2, Letter: 3, Social: 4, Sms: 5, Other: 6 } as const;
export type ChannelCode = (typeof Channel)[keyof typeof Channel];

export const DecisionKind = { Allow: 0, Warn: 1, Block: 2, Suppress: 3, RouteToHuman: 4, Exempt: 5 } as const;
export type DecisionKindCode = (typeof DecisionKind)[keyof typeof DecisionKind];

export const Band = { Receptive: 0, Loaded: 1, Saturated: 2, Oversaturated: 3 } as const;
export type BandCode = (typeof Band)[keyof typeof Band];

export const PolicyMode = { Audit: 0, Warn: 1, Enforce: 2 } as const;
export type PolicyModeCode = (typeof PolicyMode)[keyof typeof PolicyMode];

export const ReasonCode = {
  WithinBudget: 0,
  WindowCap: 1,
  AutomatedCap: 2,
  ChannelCap: 3,
  MinimumGap: 4,
  CoolDown: 5,
  AccountCap: 6,
  NoConsentEmail: 7,
  NoConsentPhone: 8,
  NoConsentPostalMail: 9,
  NoConsentBulkEmail: 10,
  Saturated: 11,
  HumanFirst: 12,
  NegativeMarginalValue: 13,
  Transactional: 14,
  ReplyToInbound: 15,
  Override: 16,
  EngineError: 17,
} as const;

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
