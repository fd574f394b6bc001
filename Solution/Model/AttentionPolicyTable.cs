using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>cat_attentionpolicy: the budgets, model parameters and routing rules that apply to contacts.</summary>
    public static class AttentionPolicyTable
    {
        public static Table Build()
        {
            var table = new Table("cat_AttentionPolicy", "AttentionPolicy", isCustom: true)
            {
                DisplayName = L("Attention policy", "Aufmerksamkeitsrichtlinie"),
                CollectionName = L("Attention policies", "Aufmerksamkeitsrichtlinien"),
                Description = L("Contact-frequency budgets, scoring parameters and routing rules. One policy is the default; others apply through the policy lookup on an account or contact (the contact's wins).",
                                "Budgets für die Kontakthäufigkeit, Bewertungsparameter und Weiterleitungsregeln. Eine Richtlinie ist der Standard; andere gelten über die Richtliniensuche am Firmenkonto oder Kontakt (die des Kontakts gewinnt)."),
                EntitySetName = "cat_attentionpolicies",
                PrimaryIdAttribute = "cat_attentionpolicyid",
                PrimaryNameAttribute = "cat_name",
                ObjectTypeCode = 10300,
            };
            var caps = L("Leave empty for no cap on this channel.", "Leer lassen, wenn der Kanal keine Obergrenze hat.");
            table.WithColumns(
                Sys("cat_AttentionPolicyId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
                PrimaryName("cat_Name", 100, L("Name", "Name"), L("Name of the policy as users see it in lookups.", "Name der Richtlinie, wie Benutzer ihn in Suchen sehen.")),
                Bool("cat_IsDefault", false, L("Default policy", "Standardrichtlinie"),
                    L("Applies to every contact without a policy of its own or of its account. Keep exactly one active default.",
                      "Gilt für jeden Kontakt ohne eigene Richtlinie und ohne Richtlinie seines Firmenkontos. Genau eine aktive Standardrichtlinie behalten.")),
                Int("cat_Priority", 0, 1000, L("Priority", "Priorität"),
                    L("Breaks ties when several active policies are marked default: the highest priority wins.",
                      "Entscheidet, wenn mehrere aktive Richtlinien als Standard markiert sind: die höchste Priorität gewinnt.")),
                Pick("cat_Mode", "cat_policymode", L("Mode", "Modus"),
                    L("Audit logs decisions only, Warn allows and annotates, Enforce blocks human touches and suppresses or routes automated ones.",
                      "Prüfen protokolliert nur, Warnen lässt zu und vermerkt, Durchsetzen blockiert persönliche Kontakte und unterdrückt oder leitet automatisierte weiter."), RequiredLevel.ApplicationRequired),
                Int("cat_WindowDays", 1, 365, L("Window (days)", "Zeitfenster (Tage)"),
                    L("Length of the rolling window the touch caps count in. Default 14.", "Länge des gleitenden Zeitfensters, in dem die Obergrenzen zählen. Standard 14."), RequiredLevel.ApplicationRequired),
                Int("cat_MaxTouches", 0, 1000, L("Max touches per window", "Max. Kontakte pro Zeitfenster"),
                    L("Touches of any channel and origin one contact may receive per window. Default 6.", "Kontakte jedes Kanals und jeder Herkunft, die ein Kontakt pro Zeitfenster erhalten darf. Standard 6.")),
                Int("cat_MaxAutomatedTouches", 0, 1000, L("Max automated touches per window", "Max. automatisierte Kontakte pro Zeitfenster"),
                    L("Automated touches one contact may receive per window. Default 3.", "Automatisierte Kontakte, die ein Kontakt pro Zeitfenster erhalten darf. Standard 3.")),
                Int("cat_MaxEmailTouches", 0, 1000, L("Max emails per window", "Max. E-Mails pro Zeitfenster"), caps),
                Int("cat_MaxPhoneTouches", 0, 1000, L("Max calls per window", "Max. Anrufe pro Zeitfenster"), caps),
                Int("cat_MaxMeetingTouches", 0, 1000, L("Max meetings per window", "Max. Termine pro Zeitfenster"), caps),
                Int("cat_MaxLetterTouches", 0, 1000, L("Max letters per window", "Max. Briefe pro Zeitfenster"), caps),
                Int("cat_MaxSocialTouches", 0, 1000, L("Max social touches per window", "Max. Kontakte über soziale Medien pro Zeitfenster"), caps),
                Int("cat_MaxSmsTouches", 0, 1000, L("Max SMS per window", "Max. SMS pro Zeitfenster"), caps),
                Int("cat_MinGapHours", 0, 8760, L("Minimum gap (hours)", "Mindestabstand (Stunden)"),
                    L("Hours that must pass between two touches of the same contact. Default 24.", "Stunden, die zwischen zwei Kontakten mit derselben Person vergehen müssen. Standard 24.")),
                Int("cat_CoolDownDays", 0, 365, L("Cool-down (days)", "Abkühlphase (Tage)"),
                    L("Days without touches after too many unanswered ones. Default 21.", "Tage ohne Kontakt nach zu vielen unbeantworteten Kontakten. Standard 21.")),
                Int("cat_CoolDownAfterUnanswered", 0, 100, L("Cool-down after unanswered touches", "Abkühlphase nach unbeantworteten Kontakten"),
                    L("Unanswered touches in a row that start the cool-down. Default 4.", "Unbeantwortete Kontakte in Folge, die die Abkühlphase auslösen. Standard 4.")),
                Int("cat_AccountMaxTouches", 0, 10000, L("Account cap", "Obergrenze Firmenkonto"),
                    L("Touches all contacts of one account may receive together per account window. Default 15.", "Kontakte, die alle Kontakte eines Firmenkontos zusammen pro Zeitfenster des Firmenkontos erhalten dürfen. Standard 15.")),
                Int("cat_AccountWindowDays", 1, 365, L("Account window (days)", "Zeitfenster Firmenkonto (Tage)"),
                    L("Length of the rolling window of the account cap. Default 14.", "Länge des gleitenden Zeitfensters der Obergrenze des Firmenkontos. Standard 14.")),
                Dec("cat_HalfLifeDays", 0.1m, 365m, 2, L("Pressure half-life (days)", "Halbwertszeit des Drucks (Tage)"),
                    L("Days after which a touch weighs half as much in the contact's pressure. Default 14.", "Tage, nach denen ein Kontakt nur noch halb so viel zum Druck beiträgt. Standard 14.")),
                Dec("cat_Alpha", 0m, 10m, 4, L("Receptivity decay (alpha)", "Abfall der Aufnahmebereitschaft (Alpha)"),
                    L("How fast the receptivity score falls with pressure: score = 100 × e^(−alpha × pressure). Default 0.35.", "Wie schnell der Aufnahmewert mit dem Druck fällt: Wert = 100 × e^(−Alpha × Druck). Standard 0,35.")),
                Dec("cat_Beta", 0m, 10m, 4, L("Fatigue growth (beta)", "Anstieg der Ermüdung (Beta)"),
                    L("How fast the fatigue risk grows once pressure exceeds the tolerance. Default 0.15.", "Wie schnell das Ermüdungsrisiko steigt, sobald der Druck die Toleranz übersteigt. Standard 0,15.")),
                Dec("cat_PressureTolerance", 0m, 1000m, 2, L("Pressure tolerance", "Drucktoleranz"),
                    L("Pressure a contact tolerates before fatigue sets in. Default 3.", "Druck, den ein Kontakt verträgt, bevor Ermüdung einsetzt. Standard 3.")),
                Dec("cat_ResponseDamping", 0m, 1m, 2, L("Response damping", "Dämpfung bei Antwort"),
                    L("Factor the pressure is multiplied by when the contact responds. Default 0.25.", "Faktor, mit dem der Druck multipliziert wird, wenn der Kontakt antwortet. Standard 0,25.")),
                Dec("cat_LoadedBelow", 0m, 100m, 2, L("Loaded below score", "Belastet unter Wert"),
                    L("A receptivity score below this puts the contact in the Loaded band.", "Ein Aufnahmewert darunter ordnet den Kontakt der Stufe Belastet zu.")),
                Dec("cat_SaturatedBelow", 0m, 100m, 2, L("Saturated below score", "Gesättigt unter Wert"),
                    L("A receptivity score below this puts the contact in the Saturated band.", "Ein Aufnahmewert darunter ordnet den Kontakt der Stufe Gesättigt zu.")),
                Dec("cat_OversaturatedBelow", 0m, 100m, 2, L("Oversaturated below score", "Übersättigt unter Wert"),
                    L("A receptivity score below this puts the contact in the Oversaturated band.", "Ein Aufnahmewert darunter ordnet den Kontakt der Stufe Übersättigt zu.")),
                Memo("cat_ModelParameters", 20000, L("Model parameters", "Modellparameter"),
                    L("Weights, base response rates and costs per channel and origin in the engine's versioned text format; written by the calibrate command. Empty uses the defaults.",
                      "Gewichte, Basis-Antwortquoten und Kosten je Kanal und Herkunft im versionierten Textformat der Bewertung; vom Befehl calibrate geschrieben. Leer verwendet die Standardwerte.")),
                Pick("cat_ValueSource", "cat_valuesource", L("Value source", "Wertquelle"),
                    L("Where a contact's value comes from for routing: the contact's value column, the account's revenue or the sum of open opportunities.",
                      "Woher der Wert eines Kontakts für die Weiterleitung stammt: Wertspalte des Kontakts, Umsatz des Firmenkontos oder Summe der offenen Verkaufschancen.")),
                Dec("cat_ValueThreshold", 0m, 100000000000m, 2, L("High-value threshold", "Schwelle für hohen Wert"),
                    L("Contacts worth at least this are routed to a person's phone call instead of receiving a blocked or saturating automated touch.",
                      "Kontakte mit mindestens diesem Wert erhalten statt eines blockierten oder sättigenden automatisierten Kontakts einen Anruf durch eine Person.")),
                Bool("cat_HumanFirst", false, L("Human first for high value", "Person zuerst bei hohem Wert"),
                    L("Route every automated touch to a high-value contact to a person, not only blocked or saturating ones.",
                      "Jeden automatisierten Kontakt mit einem Kontakt hohen Werts an eine Person weiterleiten, nicht nur blockierte oder sättigende.")),
                Int("cat_CallSlaHours", 1, 720, L("Routed call due in (hours)", "Weitergeleiteter Anruf fällig in (Stunden)"),
                    L("Due date of a routed phone call, in hours after the suppressed touch. Default 24.", "Fälligkeit eines weitergeleiteten Anrufs in Stunden nach dem unterdrückten Kontakt. Standard 24.")),
                Int("cat_ReplyExemptionDays", 0, 365, L("Reply exemption (days)", "Ausnahme für Antworten (Tage)"),
                    L("A reply within this many days of the contact's own message is exempt from the budget.", "Eine Antwort innerhalb so vieler Tage nach einer Nachricht des Kontakts ist vom Budget ausgenommen.")),
                Memo("cat_AutomationTeams", 4000, L("Automation teams", "Automatisierungsteams"),
                    L("One team name per line. Activities owned or created by members of these teams count as automated.",
                      "Ein Teamname pro Zeile. Aktivitäten, die Mitglieder dieser Teams besitzen oder anlegen, gelten als automatisiert.")),
                Memo("cat_AutomationMarkers", 4000, L("Automation markers", "Automatisierungsmerkmale"),
                    L("One marker per line. An activity whose subject or category contains a marker counts as automated.",
                      "Ein Merkmal pro Zeile. Eine Aktivität, deren Betreff oder Kategorie ein Merkmal enthält, gilt als automatisiert.")),
                Pick("cat_LoggingLevel", "cat_logginglevel", L("Logging level", "Protokollierungsstufe"),
                    L("Which decisions are written to the decision log. Everything except plain allow is the default.",
                      "Welche Entscheidungen in das Entscheidungsprotokoll geschrieben werden. Standard: alles außer einfachem Zulassen.")),
                Memo("cat_Description", 2000, L("Description", "Beschreibung"),
                    L("What the policy is for and whom it applies to.", "Wofür die Richtlinie gedacht ist und für wen sie gilt.")),
                UserOwnedSystemColumns(ActiveInactiveState, ActiveInactiveStatus));
            return table;
        }
    }
}
