import { TouchEvaluation } from "../../src/shared/attentionApi";
import { UserEnvironment } from "../../src/shared/formEnvironment";

/** A receptive, allowed evaluation; tests override what they are about. */
export function evaluation(overrides: Partial<TouchEvaluation> = {}): TouchEvaluation {
  return {
    decision: 0,
    reason: 0,
    message: "Within budget.",
    score: 82,
    band: 0,
    marginalValue: 120.5,
    remainingTouches: 4,
    nextAllowedOn: null,
    nextBestAction: "Send a personal email",
    nextBestChannel: 0,
    routedCallId: null,
    policyMode: 2,
    ...overrides,
  };
}

export const englishUser: UserEnvironment = { language: "en", locale: "en-US", timeZoneOffsetMinutes: 0, isOffline: false };
export const germanUser: UserEnvironment = { language: "de", locale: "de-DE", timeZoneOffsetMinutes: 60, isOffline: false };

/** The JSON body cat_EvaluateTouch returns through the Web API. */
export function responseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@odata.context": "https://org.example/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.cat_EvaluateTouchResponse",
    cat_Decision: 0,
    cat_Reason: 0,
    cat_Message: "Within budget.",
    cat_Score: 82,
    cat_Band: 0,
    cat_MarginalValue: 120.5,
    cat_RemainingTouches: 4,
    cat_NextAllowedOn: null,
    cat_NextBestAction: "Send a personal email",
    cat_NextBestChannel: 0,
    cat_RoutedCall: null,
    cat_PolicyMode: 2,
    ...overrides,
  };
}
