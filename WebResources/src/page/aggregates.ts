import { Band, DecisionKind, fromOptionValue, Tables } from "../names";
import { OwnerRef, OwnerType } from "./filters";
import { PressureBucket } from "./fetchXml";
import { ResponsePoint } from "./curveFit";

/** One row of an aggregate FetchXML answer from the Web API, annotations included. */
export type AggregateRow = Record<string, unknown>;

const formattedValue = "@OData.Community.Display.V1.FormattedValue";
const lookupLogicalName = "@Microsoft.Dynamics.CRM.lookuplogicalname";

function numberOf(row: AggregateRow, alias: string): number {
  const value = row[alias];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`The aggregate row has no number in '${alias}'.`);
  }
  return value;
}

function stringOf(row: AggregateRow, key: string): string | null {
  const value = row[key];
  return typeof value === "string" ? value : null;
}

export interface OwnerOption extends OwnerRef {
  name: string;
  contacts: number;
}

function ownerOf(row: AggregateRow, alias: string): OwnerOption {
  const id = stringOf(row, alias);
  if (id === null) {
    throw new Error(`The aggregate row has no owner in '${alias}'.`);
  }
  const logicalName = stringOf(row, alias + lookupLogicalName);
  const type: OwnerType = logicalName === Tables.team ? Tables.team : Tables.systemuser;
  return { id: id.toLowerCase(), type, name: stringOf(row, alias + formattedValue) ?? "", contacts: 0 };
}

/** Owners for the filter, users before teams, each group by name. Names stay raw text: untrusted. */
export function parseOwners(rows: readonly AggregateRow[]): OwnerOption[] {
  return rows
    .map((row) => ({ ...ownerOf(row, "owner"), contacts: numberOf(row, "count") }))
    .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === Tables.systemuser ? -1 : 1));
}

/** The count of a single-row aggregate (no group by); an empty answer means zero. */
export function parseCount(rows: readonly AggregateRow[]): number {
  const first = rows[0];
  return first === undefined ? 0 : numberOf(first, "count");
}

/** The x value a bucket stands for on the curve: its middle, or 25 % past the start of the open end. */
export function bucketPressure(bucket: PressureBucket): number {
  return bucket.upper === null ? bucket.lower * 1.25 : (bucket.lower + bucket.upper) / 2;
}

export function bucketLabel(bucket: PressureBucket, locale: string): string {
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bucket.upper === null ? `${f.format(bucket.lower)}+` : `${f.format(bucket.lower)}–${f.format(bucket.upper)}`;
}

export function responsePoints(buckets: readonly PressureBucket[], touched: readonly number[], answered: readonly number[]): ResponsePoint[] {
  if (touched.length !== buckets.length || answered.length !== buckets.length) {
    throw new Error("Each pressure bucket needs a touched and an answered count.");
  }
  return buckets.map((bucket, i) => ({
    pressure: bucketPressure(bucket),
    touched: touched[i] ?? 0,
    answered: Math.min(answered[i] ?? 0, touched[i] ?? 0),
  }));
}

/** Contacts per band, in band order, zero where no row came back. */
export function parseBands(rows: readonly AggregateRow[]): number[] {
  const counts = [0, 0, 0, 0];
  for (const row of rows) {
    const code = fromOptionValue(numberOf(row, "band"));
    if (code > Band.Oversaturated) {
      throw new Error(`Unknown band code ${code}.`);
    }
    counts[code] = (counts[code] ?? 0) + numberOf(row, "count");
  }
  return counts;
}

export interface WeeklyDecisions {
  weeks: { year: number; week: number }[];
  /** counts[kind][weekIndex] */
  counts: number[][];
}

const decisionKinds = Object.values(DecisionKind);

/** Decisions per week and kind, weeks in calendar order, every kind present (zeros included). */
export function parseWeekly(rows: readonly AggregateRow[]): WeeklyDecisions {
  const keys = new Map<number, { year: number; week: number }>();
  for (const row of rows) {
    const year = numberOf(row, "year");
    const week = numberOf(row, "week");
    keys.set(year * 100 + week, { year, week });
  }
  const order = [...keys.keys()].sort((a, b) => a - b);
  const index = new Map(order.map((k, i) => [k, i]));
  const counts = decisionKinds.map(() => order.map(() => 0));
  for (const row of rows) {
    const kind = fromOptionValue(numberOf(row, "decision"));
    const series = counts[kind];
    if (series === undefined) {
      throw new Error(`Unknown decision kind code ${kind}.`);
    }
    const i = index.get(numberOf(row, "year") * 100 + numberOf(row, "week")) ?? 0;
    series[i] = (series[i] ?? 0) + numberOf(row, "count");
  }
  return { weeks: order.map((k) => keys.get(k) ?? { year: 0, week: 0 }), counts };
}

export interface OwnerOutcome {
  owner: OwnerOption;
  suppressed: number;
  routed: number;
}

/** Suppressed and routed counts per contact owner, busiest owner first. */
export function parseOwnerOutcomes(rows: readonly AggregateRow[]): OwnerOutcome[] {
  const byOwner = new Map<string, OwnerOutcome>();
  for (const row of rows) {
    const owner = ownerOf(row, "owner");
    const entry = byOwner.get(owner.id) ?? { owner, suppressed: 0, routed: 0 };
    const kind = fromOptionValue(numberOf(row, "decision"));
    if (kind === DecisionKind.Suppress) {
      entry.suppressed += numberOf(row, "count");
    } else if (kind === DecisionKind.RouteToHuman) {
      entry.routed += numberOf(row, "count");
    } else {
      throw new Error(`Decision kind ${kind} is neither suppressed nor routed.`);
    }
    byOwner.set(owner.id, entry);
  }
  return [...byOwner.values()].sort(
    (a, b) => b.suppressed + b.routed - (a.suppressed + a.routed) || a.owner.name.localeCompare(b.owner.name),
  );
}
