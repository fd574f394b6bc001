// English and German texts for the form scripts and the attention page. The user's language comes
// from userSettings.languageId (an LCID); every German LCID gets German, everything else English,
// because the solution ships labels in 1033 and 1031 only.

export type Language = "en" | "de";

const germanLcids = new Set([1031, 2055, 3079, 4103, 5127]);

const localeByLcid: Record<number, string> = {
  1031: "de-DE",
  2055: "de-CH",
  3079: "de-AT",
  4103: "de-LU",
  5127: "de-LI",
  1033: "en-US",
  2057: "en-GB",
  3081: "en-AU",
  4105: "en-CA",
};

export function languageFromLcid(lcid: number | null | undefined): Language {
  return lcid !== null && lcid !== undefined && germanLcids.has(lcid) ? "de" : "en";
}

/** BCP 47 tag for Intl formatting: the user's own locale where we know it, else the language's default. */
export function localeFromLcid(lcid: number | null | undefined): string {
  if (lcid !== null && lcid !== undefined) {
    const known = localeByLcid[lcid];
    if (known !== undefined) {
      return known;
    }
  }
  return languageFromLcid(lcid) === "de" ? "de-DE" : "en-US";
}

const en = {
  callResultMissing: "Set the Call result: a connected call counts as the contact's answer, so the next follow-up is not held back by the budget.",
  bandReceptive: "Receptive",
  bandLoaded: "Loaded",
  bandSaturated: "Saturated",
  bandOversaturated: "Oversaturated",
  decisionAllow: "Allowed",
  decisionWarn: "Warned",
  decisionBlock: "Blocked",
  decisionSuppress: "Suppressed",
  decisionRouteToHuman: "Routed to a person",
  decisionExempt: "Exempt",
  contactSummary: "Attention: {band}, score {score} of 100.",
  touchesLeftOne: "1 touch left in this window.",
  touchesLeftMany: "{count} touches left in this window.",
  touchesLeftNone: "No touches left in this window.",
  nextAllowedNow: "A touch is allowed now.",
  nextAllowedOn: "Next touch allowed {date}.",
  nextBestAction: "Next best action: {action}.",
  routedCall: "A call has been routed to the owner instead of an automated touch.",
  contactChangedPendingSave: "Consent, policy or value changed: the attention check refreshes after you save.",
  errorApiMissing: "Attention check unavailable: the CrmAttention API is not installed in this environment.",
  errorNoPrivilege: "Attention check unavailable: you do not have the privilege to run it.",
  errorOffline: "Attention check unavailable while offline.",
  errorUnknown: "Attention check unavailable right now; the form works as usual.",
  recipientOverBudget: "{name}: {message}",
  recipientsOverBudget: "Over the attention budget: {list}",
  sendBlocked: "Send blocked by the attention policy. {list}",
  sendNeedsOverrideReason: "Recipients are over budget under an enforcing policy. Enter an override reason to send anyway. {list}",
  sendHeldForCheck: "Checking the recipients against the attention budget. Select Send again when the check is done.",
  sendCheckPassed: "Recipients checked. Select Send again to send.",
  unnamedRecipient: "(contact without name)",
  moreRecipients: "and {count} more",
  pageTitle: "Attention overview",
  pageSubtitle: "Diminishing returns, bands and what the budgets did",
  filtersLegend: "Filters",
  filterFrom: "From",
  filterTo: "To",
  filterOwner: "Owner",
  filterAllOwners: "All owners",
  filterUsers: "Users",
  filterTeams: "Teams",
  filterApply: "Apply",
  filterInvalidRange: "The start date must be on or before the end date.",
  loading: "Loading…",
  loaded: "Charts updated.",
  loadFailed: "The data could not be loaded: {message}",
  noData: "No data for this selection.",
  tooManyRows: "This selection covers more than 50,000 rows, the most Dataverse aggregates at once. Narrow the date range or choose an owner.",
  showTable: "Show data as a table",
  chartResponseTitle: "Response rate by pressure",
  chartResponseDescription: "Share of contacts touched in the period who answered, by touch pressure, with the fitted curve.",
  chartBandsTitle: "Contacts by band",
  chartBandsDescription: "Contacts touched in the period, by their current attention band.",
  chartWeeklyTitle: "Decisions per week",
  chartWeeklyDescription: "Attention decisions per week, by kind.",
  chartOwnersTitle: "Suppressed and routed per owner",
  chartOwnersDescription: "Automated touches suppressed or turned into calls, by the contact's owner.",
  axisPressure: "Pressure",
  axisResponseRate: "Response rate",
  axisContacts: "Contacts",
  axisDecisions: "Decisions",
  axisWeek: "Week",
  axisOwner: "Owner",
  seriesObserved: "Observed",
  seriesFitted: "Fitted curve",
  fittedFormula: "Fitted: {p0} · e^(−{alpha} · P)",
  fitUnavailable: "Not enough data to fit a curve.",
  columnContacts: "Contacts touched",
  columnResponded: "Answered",
  weekLabel: "W{week}",
  weekLabelWithYear: "{year} W{week}",
  ownersTruncated: "The chart shows the {shown} busiest of {total} owners; the table lists all.",
  kpisTitle: "Key figures for the period",
  kpiTouched: "Contacts touched",
  kpiRate: "Answered",
  kpiDecisions: "Attention decisions",
  kpiProtected: "Suppressed or routed to a person",
} as const;

export type TextKey = keyof typeof en;

const de: Record<TextKey, string> = {
  callResultMissing: "Bitte das Anrufergebnis setzen: ein verbundener Anruf zählt als Antwort des Kontakts, damit das Budget das nächste Nachfassen nicht zurückhält.",
  bandReceptive: "Aufnahmebereit",
  bandLoaded: "Belastet",
  bandSaturated: "Gesättigt",
  bandOversaturated: "Übersättigt",
  decisionAllow: "Zugelassen",
  decisionWarn: "Gewarnt",
  decisionBlock: "Blockiert",
  decisionSuppress: "Unterdrückt",
  decisionRouteToHuman: "An eine Person weitergeleitet",
  decisionExempt: "Ausgenommen",
  contactSummary: "Aufmerksamkeit: {band}, Aufnahmewert {score} von 100.",
  touchesLeftOne: "Noch 1 Kontakt in diesem Zeitfenster.",
  touchesLeftMany: "Noch {count} Kontakte in diesem Zeitfenster.",
  touchesLeftNone: "Keine Kontakte mehr in diesem Zeitfenster.",
  nextAllowedNow: "Ein Kontakt ist jetzt erlaubt.",
  nextAllowedOn: "Nächster Kontakt erlaubt am {date}.",
  nextBestAction: "Nächste beste Aktion: {action}.",
  routedCall: "Statt eines automatisierten Kontakts wurde ein Anruf an den Besitzer weitergeleitet.",
  contactChangedPendingSave: "Einwilligung, Richtlinie oder Wert geändert: Die Aufmerksamkeitsprüfung wird nach dem Speichern aktualisiert.",
  errorApiMissing: "Aufmerksamkeitsprüfung nicht verfügbar: Die CrmAttention-API ist in dieser Umgebung nicht installiert.",
  errorNoPrivilege: "Aufmerksamkeitsprüfung nicht verfügbar: Ihnen fehlt die Berechtigung dafür.",
  errorOffline: "Aufmerksamkeitsprüfung offline nicht verfügbar.",
  errorUnknown: "Aufmerksamkeitsprüfung derzeit nicht verfügbar; das Formular funktioniert wie gewohnt.",
  recipientOverBudget: "{name}: {message}",
  recipientsOverBudget: "Über dem Aufmerksamkeitsbudget: {list}",
  sendBlocked: "Senden durch die Aufmerksamkeitsrichtlinie blockiert. {list}",
  sendNeedsOverrideReason: "Empfänger liegen unter einer durchsetzenden Richtlinie über dem Budget. Geben Sie einen Übersteuerungsgrund ein, um trotzdem zu senden. {list}",
  sendHeldForCheck: "Die Empfänger werden gegen das Aufmerksamkeitsbudget geprüft. Wählen Sie nach der Prüfung erneut Senden.",
  sendCheckPassed: "Empfänger geprüft. Wählen Sie erneut Senden, um zu senden.",
  unnamedRecipient: "(Kontakt ohne Namen)",
  moreRecipients: "und {count} weitere",
  pageTitle: "Aufmerksamkeitsübersicht",
  pageSubtitle: "Abnehmender Ertrag, Stufen und was die Budgets bewirkt haben",
  filtersLegend: "Filter",
  filterFrom: "Von",
  filterTo: "Bis",
  filterOwner: "Besitzer",
  filterAllOwners: "Alle Besitzer",
  filterUsers: "Benutzer",
  filterTeams: "Teams",
  filterApply: "Anwenden",
  filterInvalidRange: "Das Startdatum muss vor oder auf dem Enddatum liegen.",
  loading: "Wird geladen…",
  loaded: "Diagramme aktualisiert.",
  loadFailed: "Die Daten konnten nicht geladen werden: {message}",
  noData: "Keine Daten für diese Auswahl.",
  tooManyRows: "Diese Auswahl umfasst mehr als 50.000 Zeilen, mehr als Dataverse auf einmal aggregiert. Verkleinern Sie den Zeitraum oder wählen Sie einen Besitzer.",
  showTable: "Daten als Tabelle anzeigen",
  chartResponseTitle: "Antwortquote nach Kontaktdruck",
  chartResponseDescription: "Anteil der im Zeitraum kontaktierten Personen, die geantwortet haben, nach Kontaktdruck, mit angepasster Kurve.",
  chartBandsTitle: "Kontakte nach Stufe",
  chartBandsDescription: "Im Zeitraum kontaktierte Personen nach ihrer aktuellen Aufmerksamkeitsstufe.",
  chartWeeklyTitle: "Entscheidungen pro Woche",
  chartWeeklyDescription: "Aufmerksamkeitsentscheidungen pro Woche, nach Art.",
  chartOwnersTitle: "Unterdrückt und weitergeleitet je Besitzer",
  chartOwnersDescription: "Unterdrückte oder in Anrufe umgewandelte automatisierte Kontakte, nach Besitzer des Kontakts.",
  axisPressure: "Kontaktdruck",
  axisResponseRate: "Antwortquote",
  axisContacts: "Kontakte",
  axisDecisions: "Entscheidungen",
  axisWeek: "Woche",
  axisOwner: "Besitzer",
  seriesObserved: "Beobachtet",
  seriesFitted: "Angepasste Kurve",
  fittedFormula: "Angepasst: {p0} · e^(−{alpha} · P)",
  fitUnavailable: "Zu wenige Daten für eine Kurvenanpassung.",
  columnContacts: "Kontaktierte Personen",
  columnResponded: "Geantwortet",
  weekLabel: "KW {week}",
  weekLabelWithYear: "{year} KW {week}",
  ownersTruncated: "Das Diagramm zeigt die {shown} aktivsten von {total} Besitzern; die Tabelle listet alle.",
  kpisTitle: "Kennzahlen des Zeitraums",
  kpiTouched: "Kontaktierte Personen",
  kpiRate: "Geantwortet",
  kpiDecisions: "Aufmerksamkeitsentscheidungen",
  kpiProtected: "Unterdrückt oder an eine Person weitergeleitet",
};

const tables: Record<Language, Record<TextKey, string>> = { en, de };

/** The text for a key in a language, with {placeholders} filled from values. */
export function text(language: Language, key: TextKey, values: Record<string, string | number> = {}): string {
  const template = tables[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`Text '${key}' needs a value for {${name}}.`);
    }
    return String(value);
  });
}

export function bandLabel(language: Language, band: number): string {
  switch (band) {
    case 0:
      return text(language, "bandReceptive");
    case 1:
      return text(language, "bandLoaded");
    case 2:
      return text(language, "bandSaturated");
    case 3:
      return text(language, "bandOversaturated");
    default:
      throw new RangeError(`Unknown attention band code ${band}.`);
  }
}

export function decisionLabel(language: Language, decision: number): string {
  const keys: TextKey[] = [
    "decisionAllow",
    "decisionWarn",
    "decisionBlock",
    "decisionSuppress",
    "decisionRouteToHuman",
    "decisionExempt",
  ];
  const key = keys[decision];
  if (key === undefined) {
    throw new RangeError(`Unknown decision kind code ${decision}.`);
  }
  return text(language, key);
}
