import { Band, DecisionKind } from "../names";
import { TouchEvaluation } from "../shared/attentionApi";
import { FormNotification, NotificationLevel, UserEnvironment } from "../shared/formEnvironment";
import { bandLabel, text } from "../shared/localization";
import { formatNumber, formatUserDateTime } from "../shared/formatting";

/** Receptive and Loaded are fine to touch; Saturated asks for care; Oversaturated is a red flag. */
export function levelForBand(band: number): NotificationLevel {
  switch (band) {
    case Band.Receptive:
    case Band.Loaded:
      return "INFO";
    case Band.Saturated:
      return "WARNING";
    case Band.Oversaturated:
      return "ERROR";
    default:
      throw new RangeError(`Unknown attention band code ${band}.`);
  }
}

const severity: Record<NotificationLevel, number> = { INFO: 0, WARNING: 1, ERROR: 2 };

/** A blocked touch is never shown as mere information, even for a receptive contact (e.g. a cap hit). */
export function levelForEvaluation(evaluation: TouchEvaluation): NotificationLevel {
  const byBand = levelForBand(evaluation.band);
  const byDecision: NotificationLevel =
    evaluation.decision === DecisionKind.Block || evaluation.decision === DecisionKind.Warn ? "WARNING" : "INFO";
  return severity[byDecision] > severity[byBand] ? byDecision : byBand;
}

/** The one-line contact form notification: band and score, budget left, next allowed touch, next best action. */
export function buildContactNotification(evaluation: TouchEvaluation, env: UserEnvironment): FormNotification {
  const lang = env.language;
  const parts: string[] = [
    text(lang, "contactSummary", {
      band: bandLabel(lang, evaluation.band),
      score: formatNumber(evaluation.score, env.locale, 0),
    }),
  ];
  const remaining = Math.max(0, Math.floor(evaluation.remainingTouches));
  parts.push(
    remaining === 0
      ? text(lang, "touchesLeftNone")
      : remaining === 1
        ? text(lang, "touchesLeftOne")
        : text(lang, "touchesLeftMany", { count: remaining }),
  );
  parts.push(
    evaluation.nextAllowedOn === null
      ? text(lang, "nextAllowedNow")
      : text(lang, "nextAllowedOn", {
          date: formatUserDateTime(evaluation.nextAllowedOn, env.timeZoneOffsetMinutes, env.locale),
        }),
  );
  if (evaluation.nextBestAction.trim() !== "") {
    parts.push(text(lang, "nextBestAction", { action: evaluation.nextBestAction.trim().replace(/\.$/, "") }));
  }
  if (evaluation.routedCallId !== null) {
    parts.push(text(lang, "routedCall"));
  }
  return { level: levelForEvaluation(evaluation), message: parts.join(" ") };
}
