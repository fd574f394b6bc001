// English and German texts of the worklist page.
import { Language } from "../shared/localization";

const en = {
  title: "My attention worklist",
  subtitle: "The contacts you own where a touch by you is worth most now. Routed calls come first.",
  refresh: "Refresh",
  loading: "Loading your worklist…",
  count: "{count} contacts to touch now.",
  countOne: "1 contact to touch now.",
  empty: "Nobody to touch right now: every contact is in a pause or has no channel open.",
  error: "The worklist could not be loaded: {message}",
  openError: "The activity could not be opened: {message}",
  headContact: "Contact",
  headAccount: "Account",
  headWhy: "Why now",
  headChannel: "Best channel",
  headValue: "Expected value",
  headScore: "Receptivity",
  headActions: "Actions",
  call: "Call",
  email: "Email",
  callLabel: "Call {name}",
  emailLabel: "Email {name}",
  openRoutedCallLabel: "Open the routed call to {name}",
  channelPhone: "Phone",
  channelEmail: "Email",
  bandReceptive: "Receptive",
  bandLoaded: "Loaded",
  bandSaturated: "Saturated",
  bandOversaturated: "Oversaturated",
  routed: "Routed call",
  keyboardHelp: "Arrow keys move between contacts; C calls, E emails the contact in focus.",
  tableCaption: "Your contacts, best first",
};

type Texts = typeof en;

const de: Texts = {
  title: "Meine Aufmerksamkeits-Arbeitsliste",
  subtitle: "Ihre Kontakte, bei denen ein persönlicher Kontakt jetzt am meisten bringt. Weitergeleitete Anrufe stehen oben.",
  refresh: "Aktualisieren",
  loading: "Arbeitsliste wird geladen…",
  count: "{count} Kontakte, die Sie jetzt ansprechen können.",
  countOne: "1 Kontakt, den Sie jetzt ansprechen können.",
  empty: "Derzeit niemand zu kontaktieren: jeder Kontakt ist in einer Pause oder hat keinen offenen Kanal.",
  error: "Die Arbeitsliste konnte nicht geladen werden: {message}",
  openError: "Die Aktivität konnte nicht geöffnet werden: {message}",
  headContact: "Kontakt",
  headAccount: "Firma",
  headWhy: "Warum jetzt",
  headChannel: "Bester Kanal",
  headValue: "Erwarteter Wert",
  headScore: "Aufnahmebereitschaft",
  headActions: "Aktionen",
  call: "Anrufen",
  email: "E-Mail",
  callLabel: "{name} anrufen",
  emailLabel: "{name} eine E-Mail schreiben",
  openRoutedCallLabel: "Weitergeleiteten Anruf an {name} öffnen",
  channelPhone: "Telefon",
  channelEmail: "E-Mail",
  bandReceptive: "Aufnahmebereit",
  bandLoaded: "Ausgelastet",
  bandSaturated: "Gesättigt",
  bandOversaturated: "Übersättigt",
  routed: "Weitergeleiteter Anruf",
  keyboardHelp: "Pfeiltasten wechseln den Kontakt; A ruft an, E schreibt dem Kontakt im Fokus eine E-Mail.",
  tableCaption: "Ihre Kontakte, die besten zuerst",
};

export type WorklistTextKey = keyof Texts;

export function worklistText(language: Language, key: WorklistTextKey, values: Record<string, string> = {}): string {
  const template = (language === "de" ? de : en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The keyboard shortcuts for call and email in the page's language (C/E; German A for "Anrufen"). */
export function shortcutKeys(language: Language): { call: string; email: string } {
  return language === "de" ? { call: "a", email: "e" } : { call: "c", email: "e" };
}

export function bandText(language: Language, band: number): string {
  const keys: WorklistTextKey[] = ["bandReceptive", "bandLoaded", "bandSaturated", "bandOversaturated"];
  return worklistText(language, keys[band] ?? "bandOversaturated");
}

export function channelText(language: Language, channel: number): string {
  return worklistText(language, channel === 1 ? "channelPhone" : "channelEmail");
}
