// The rows of cat_GetWorklist as the page uses them: parsed from the Web API answer, formatted for
// display. Pure functions only; the page wiring lives in worklistPage.ts.
import { CustomApis } from "../generated/logicalNames.g";

/**
 * The columns of each row of cat_Rows (an expando entity per contact). The names are the plugin's
 * GetWorklistApi.Row constants; a unit test reads the C# source and checks that both lists agree.
 */
export const WorklistColumns = {
  contact: "cat_contact",
  contactName: "cat_contactname",
  account: "cat_account",
  accountName: "cat_accountname",
  bestChannel: "cat_bestchannel",
  expectedValue: "cat_expectedvalue",
  score: "cat_score",
  band: "cat_band",
  reason: "cat_reason",
  reasonLine: "cat_reasonline",
  routedCall: "cat_routedcall",
  routedCallDueOn: "cat_routedcalldueon",
} as const;

/** Engine channel codes (the API answers codes, not choice values). */
export const ChannelCode = { email: 0, phone: 1 } as const;

/** Engine reason code of a routed call row. */
export const RoutedCallReason = 0;

export interface WorklistRow {
  contactId: string;
  contactName: string;
  accountId: string | null;
  accountName: string | null;
  bestChannel: number;
  expectedValue: number;
  score: number;
  band: number;
  reason: number;
  reasonLine: string;
  routedCallId: string | null;
  routedCallDueOn: string | null;
}

/** GET URL of the function for the calling user: cat_GetWorklist(cat_Count=@count)?@count=25. */
export function worklistUrl(clientUrl: string, count: number, apiVersion = "9.2"): string {
  if (!Number.isInteger(count) || count < 1 || count > 250) {
    throw new RangeError(`The worklist holds between 1 and 250 rows (asked for ${String(count)}).`);
  }
  const count_ = CustomApis.GetWorklist.Request.Count;
  return `${clientUrl.replace(/\/$/, "")}/api/data/v${apiVersion}/${CustomApis.GetWorklist.MessageName}(${count_}=@count)?@count=${String(count)}`;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The id of a lookup inside an expando row. The Web API writes an entity reference there as a nested
 * entity ({"@odata.type": "#Microsoft.Dynamics.CRM.contact", "contactid": "…"}); the _x_value form
 * of a table's own lookups is accepted too.
 */
export function lookupId(row: Record<string, unknown>, column: string, table: string): string | null {
  const nested = record(row[column]);
  if (nested !== null) {
    const id = nested[`${table}id`] ?? nested["id"];
    return typeof id === "string" ? id : null;
  }
  const flat = row[`_${column}_value`] ?? row[column];
  return typeof flat === "string" ? flat : null;
}

function text(row: Record<string, unknown>, column: string): string | null {
  const v = row[column];
  return typeof v === "string" ? v : null;
}

function number(row: Record<string, unknown>, column: string): number {
  const v = row[column];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new Error(`A worklist row has no number in ${column}.`);
}

/** The rows of the function's answer, in the order the API ranked them. */
export function parseWorklist(body: unknown): WorklistRow[] {
  const answer = record(body);
  const rows = answer?.[CustomApis.GetWorklist.Response.Rows];
  if (!Array.isArray(rows)) {
    throw new Error(`The worklist answer has no ${CustomApis.GetWorklist.Response.Rows} array.`);
  }
  return rows.map((value: unknown) => {
    const row = record(value);
    const contactId = row === null ? null : lookupId(row, WorklistColumns.contact, "contact");
    if (row === null || contactId === null) {
      throw new Error("A worklist row has no contact.");
    }
    return {
      contactId,
      contactName: text(row, WorklistColumns.contactName) ?? "",
      accountId: lookupId(row, WorklistColumns.account, "account"),
      accountName: text(row, WorklistColumns.accountName),
      bestChannel: number(row, WorklistColumns.bestChannel),
      expectedValue: number(row, WorklistColumns.expectedValue),
      score: number(row, WorklistColumns.score),
      band: number(row, WorklistColumns.band),
      reason: number(row, WorklistColumns.reason),
      reasonLine: text(row, WorklistColumns.reasonLine) ?? "",
      routedCallId: lookupId(row, WorklistColumns.routedCall, "phonecall"),
      routedCallDueOn: text(row, WorklistColumns.routedCallDueOn),
    };
  });
}

export type ActivityKind = "phonecall" | "email";

/**
 * What one click does: a routed call opens that call (it is already the owner's task); otherwise a new
 * phone call or email regarding the contact.
 */
export interface ActivityTarget {
  kind: ActivityKind;
  existingId: string | null;
  regarding: { id: string; name: string; table: "contact" };
}

export function activityTarget(row: WorklistRow, kind: ActivityKind): ActivityTarget {
  return {
    kind,
    existingId: kind === "phonecall" ? row.routedCallId : null,
    regarding: { id: row.contactId, name: row.contactName, table: "contact" },
  };
}

/** Which one-click action the row suggests: its best channel (a routed call is always a call). */
export function suggestedKind(row: WorklistRow): ActivityKind {
  return row.routedCallId !== null || row.bestChannel === ChannelCode.phone ? "phonecall" : "email";
}

/** The expected value as a whole number in the user's locale ("7,485" / "7.485"). */
export function formatValue(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** The score 0–100 as a whole number. */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(0, Math.min(100, score)));
}
