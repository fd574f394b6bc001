import { ContactColumns, DecisionColumns, DecisionKind, Tables, toOptionValue } from "../names";
import { PageFilter } from "./filters";

/** One pressure bucket of the response curve: [lower, upper), upper null = open-ended. */
export interface PressureBucket {
  lower: number;
  upper: number | null;
}

export const pressureBuckets: readonly PressureBucket[] = [
  { lower: 0, upper: 1 },
  { lower: 1, upper: 2 },
  { lower: 2, upper: 3 },
  { lower: 3, upper: 4 },
  { lower: 4, upper: 6 },
  { lower: 6, upper: 8 },
  { lower: 8, upper: 12 },
  { lower: 12, upper: null },
];

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function condition(attribute: string, operator: string, value?: string | number): string {
  return value === undefined
    ? `<condition attribute="${attribute}" operator="${operator}" />`
    : `<condition attribute="${attribute}" operator="${operator}" value="${escapeXml(String(value))}" />`;
}

function inRange(attribute: string, filter: PageFilter): string {
  // on-or-after / on-or-before compare calendar days in the user's time zone, as the platform does.
  return condition(attribute, "on-or-after", filter.from) + condition(attribute, "on-or-before", filter.to);
}

function ownerCondition(filter: PageFilter): string {
  return filter.owner === null ? "" : condition(ContactColumns.ownerId, "eq", filter.owner.id);
}

/** Owners (users and teams) that own contacts, with how many: fills the owner filter. */
export function ownersFetch(): string {
  return (
    `<fetch aggregate="true"><entity name="${Tables.contact}">` +
    `<attribute name="${ContactColumns.id}" alias="count" aggregate="count" />` +
    `<attribute name="${ContactColumns.ownerId}" alias="owner" groupby="true" />` +
    `</entity></fetch>`
  );
}

/**
 * Contacts touched in the period whose current pressure falls in the bucket; with answeredOnly,
 * those of them who also answered in the period. Two counts per bucket give the response rate:
 * FetchXML cannot group by a numeric range, so each bucket is its own aggregate query.
 */
export function pressureBucketFetch(bucket: PressureBucket, filter: PageFilter, answeredOnly: boolean): string {
  return (
    `<fetch aggregate="true"><entity name="${Tables.contact}">` +
    `<attribute name="${ContactColumns.id}" alias="count" aggregate="count" />` +
    `<filter type="and">` +
    inRange(ContactColumns.lastTouchOn, filter) +
    condition(ContactColumns.pressure, "ge", bucket.lower) +
    (bucket.upper === null ? "" : condition(ContactColumns.pressure, "lt", bucket.upper)) +
    (answeredOnly ? inRange(ContactColumns.lastResponseOn, filter) : "") +
    ownerCondition(filter) +
    `</filter></entity></fetch>`
  );
}

/** Contacts touched in the period, by their current band. */
export function bandsFetch(filter: PageFilter): string {
  return (
    `<fetch aggregate="true"><entity name="${Tables.contact}">` +
    `<attribute name="${ContactColumns.id}" alias="count" aggregate="count" />` +
    `<attribute name="${ContactColumns.band}" alias="band" groupby="true" />` +
    `<filter type="and">` +
    inRange(ContactColumns.lastTouchOn, filter) +
    condition(ContactColumns.band, "not-null") +
    ownerCondition(filter) +
    `</filter></entity></fetch>`
  );
}

function contactOwnerLink(filter: PageFilter, groupByOwner: boolean): string {
  if (filter.owner === null && !groupByOwner) {
    return "";
  }
  return (
    `<link-entity name="${Tables.contact}" from="${ContactColumns.id}" to="${DecisionColumns.contactId}" alias="c" link-type="inner">` +
    (groupByOwner ? `<attribute name="${ContactColumns.ownerId}" alias="owner" groupby="true" />` : "") +
    (filter.owner === null ? "" : `<filter type="and">${ownerCondition(filter)}</filter>`) +
    `</link-entity>`
  );
}

/** Decisions in the period per ISO-ish week (the org's week numbering) and kind. */
export function weeklyDecisionsFetch(filter: PageFilter): string {
  return (
    `<fetch aggregate="true"><entity name="${Tables.attentionDecision}">` +
    `<attribute name="${DecisionColumns.id}" alias="count" aggregate="count" />` +
    `<attribute name="${DecisionColumns.evaluatedOn}" alias="year" groupby="true" dategrouping="year" />` +
    `<attribute name="${DecisionColumns.evaluatedOn}" alias="week" groupby="true" dategrouping="week" />` +
    `<attribute name="${DecisionColumns.decision}" alias="decision" groupby="true" />` +
    `<filter type="and">${inRange(DecisionColumns.evaluatedOn, filter)}</filter>` +
    contactOwnerLink(filter, false) +
    `</entity></fetch>`
  );
}

/** Suppressed and routed decisions in the period, by the owner of the contact they protected. */
export function ownerOutcomesFetch(filter: PageFilter): string {
  return (
    `<fetch aggregate="true"><entity name="${Tables.attentionDecision}">` +
    `<attribute name="${DecisionColumns.id}" alias="count" aggregate="count" />` +
    `<attribute name="${DecisionColumns.decision}" alias="decision" groupby="true" />` +
    `<filter type="and">` +
    inRange(DecisionColumns.evaluatedOn, filter) +
    `<condition attribute="${DecisionColumns.decision}" operator="in">` +
    `<value>${toOptionValue(DecisionKind.Suppress)}</value><value>${toOptionValue(DecisionKind.RouteToHuman)}</value>` +
    `</condition></filter>` +
    contactOwnerLink(filter, true) +
    `</entity></fetch>`
  );
}
