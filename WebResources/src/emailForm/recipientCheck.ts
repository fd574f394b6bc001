import { DecisionKind, PolicyMode } from "../names";
import { TouchEvaluation } from "../shared/attentionApi";
import { FormNotification, UserEnvironment } from "../shared/formEnvironment";
import { text } from "../shared/localization";

export interface Recipient {
  contactId: string;
  name: string;
}

export interface RecipientEvaluation {
  recipient: Recipient;
  evaluation: TouchEvaluation;
}

export type SendVerdict = "send" | "block" | "needsOverrideReason";

export interface RecipientAssessment {
  overBudget: RecipientEvaluation[];
  verdict: SendVerdict;
  notification: FormNotification | null;
}

const overBudgetDecisions: readonly number[] = [
  DecisionKind.Warn,
  DecisionKind.Block,
  DecisionKind.Suppress,
  DecisionKind.RouteToHuman,
];

// A human email is blocked (not suppressed) by the engine, but a policy may also answer Suppress or
// RouteToHuman; any of the three stops the email under an enforcing policy.
const stoppingDecisions: readonly number[] = [DecisionKind.Block, DecisionKind.Suppress, DecisionKind.RouteToHuman];

/** Contact recipients from the to, cc and bcc party lists, once each, in the order they appear. */
export function contactRecipients(partyLists: ReadonlyArray<Xrm.LookupValue[] | null>, contactTable: string): Recipient[] {
  const seen = new Set<string>();
  const result: Recipient[] = [];
  for (const list of partyLists) {
    for (const party of list ?? []) {
      if (party.entityType !== contactTable) {
        continue;
      }
      const id = party.id.replace(/[{}]/g, "").toLowerCase();
      if (!seen.has(id)) {
        seen.add(id);
        result.push({ contactId: id, name: party.name ?? "" });
      }
    }
  }
  return result;
}

/** A key for a set of recipients: the Send check reuses an evaluation only for the same recipients. */
export function recipientKey(recipients: readonly Recipient[]): string {
  return recipients
    .map((r) => r.contactId)
    .sort()
    .join(",");
}

// A form notification is one line; past a handful of names the rest are counted, not listed.
const maxNamedRecipients = 5;

function describe(results: readonly RecipientEvaluation[], env: UserEnvironment): string {
  const named = results
    .slice(0, maxNamedRecipients)
    .map(({ recipient, evaluation }) =>
      text(env.language, "recipientOverBudget", {
        name: recipient.name.trim() === "" ? text(env.language, "unnamedRecipient") : recipient.name.trim(),
        message: evaluation.message.trim().replace(/\.$/, ""),
      }),
    )
    .join("; ");
  const rest = results.length - maxNamedRecipients;
  return rest > 0 ? `${named}; ${text(env.language, "moreRecipients", { count: rest })}` : named;
}

/**
 * Decides what the email form does with the recipients' evaluations. Send is stopped only where the
 * policy enforces and the user cannot override; a user holding the override permission must give a
 * reason (the server records it with the decision) and may then send.
 */
export function assessRecipients(
  results: readonly RecipientEvaluation[],
  canOverride: boolean,
  overrideReason: string | null,
  env: UserEnvironment,
): RecipientAssessment {
  const overBudget = results.filter((r) => overBudgetDecisions.includes(r.evaluation.decision));
  if (overBudget.length === 0) {
    return { overBudget, verdict: "send", notification: null };
  }
  const list = describe(overBudget, env);
  const enforced = overBudget.filter(
    (r) => r.evaluation.policyMode === PolicyMode.Enforce && stoppingDecisions.includes(r.evaluation.decision),
  );
  if (enforced.length === 0) {
    return { overBudget, verdict: "send", notification: { level: "WARNING", message: text(env.language, "recipientsOverBudget", { list }) } };
  }
  const enforcedList = describe(enforced, env);
  if (!canOverride) {
    return { overBudget, verdict: "block", notification: { level: "ERROR", message: text(env.language, "sendBlocked", { list: enforcedList }) } };
  }
  if (overrideReason === null || overrideReason.trim() === "") {
    return {
      overBudget,
      verdict: "needsOverrideReason",
      notification: { level: "WARNING", message: text(env.language, "sendNeedsOverrideReason", { list: enforcedList }) },
    };
  }
  return { overBudget, verdict: "send", notification: { level: "WARNING", message: text(env.language, "recipientsOverBudget", { list }) } };
}

/** Runs tasks with at most `limit` in flight, keeping the input order in the result. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  if (limit < 1) {
    throw new RangeError("The concurrency limit must be at least 1.");
  }
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}
