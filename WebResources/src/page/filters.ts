import { normalizeGuid } from "../shared/attentionApi";
import { Tables } from "../names";

export type OwnerType = typeof Tables.systemuser | typeof Tables.team;

export interface OwnerRef {
  id: string;
  type: OwnerType;
}

/** The page's filter: an inclusive date range (calendar days, yyyy-mm-dd) and an optional owner. */
export interface PageFilter {
  from: string;
  to: string;
  owner: OwnerRef | null;
}

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Accepts only a real calendar day in yyyy-mm-dd form; FetchXML gets nothing else from the page. */
export function parseIsoDay(value: string): string {
  const match = isoDay.exec(value);
  if (match === null) {
    throw new Error(`'${value}' is not a date in the form yyyy-mm-dd.`);
  }
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    throw new Error(`'${value}' is not a calendar date.`);
  }
  return value;
}

export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The default view: the twelve weeks up to and including today (UTC day of the injected clock). */
export function defaultFilter(now: Date): PageFilter {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to.getTime() - 83 * 86_400_000);
  return { from: toIsoDay(from), to: toIsoDay(to), owner: null };
}

/** Encodes an owner for a <select> value: "systemuser:guid" or "team:guid"; "" means all owners. */
export function encodeOwner(owner: OwnerRef | null): string {
  return owner === null ? "" : `${owner.type}:${owner.id}`;
}

export function decodeOwner(value: string): OwnerRef | null {
  if (value === "") {
    return null;
  }
  const [type, id] = value.split(":");
  if ((type !== Tables.systemuser && type !== Tables.team) || id === undefined) {
    throw new Error(`'${value}' does not name a user or team.`);
  }
  return { type, id: normalizeGuid(id) };
}

/**
 * Builds a filter from raw input, checking it the way FetchXML needs: valid days, from ≤ to.
 * Throws with the reason; the page shows the localised message for the range case.
 */
export function validateFilter(from: string, to: string, owner: string): PageFilter {
  const f = parseIsoDay(from);
  const t = parseIsoDay(to);
  if (f > t) {
    throw new RangeError("from after to");
  }
  return { from: f, to: t, owner: decodeOwner(owner) };
}

/**
 * Reads a preset filter from the web resource's custom parameter. A dashboard passes it as the
 * `data` query parameter (e.g. data=from%3D2026-01-01%26to%3D2026-03-31); anything missing falls
 * back to the default.
 */
export function filterFromDataParameter(search: string, fallback: PageFilter): PageFilter {
  const data = new URLSearchParams(search).get("data");
  if (data === null || data === "") {
    return fallback;
  }
  const preset = new URLSearchParams(data);
  return validateFilter(preset.get("from") ?? fallback.from, preset.get("to") ?? fallback.to, preset.get("owner") ?? encodeOwner(fallback.owner));
}
