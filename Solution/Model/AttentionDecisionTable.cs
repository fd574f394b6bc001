using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// cat_attentiondecision: the append-only log of decisions sales ops report on. The plugins refuse updates
    /// and deletes by anyone but the system; rows go with their contact when it is deleted (personal data).
    /// </summary>
    public static class AttentionDecisionTable
    {
        public static Table Build()
        {
            var table = new Table("cat_AttentionDecision", "AttentionDecision", isCustom: true)
            {
                DisplayName = L("Attention decision", "Aufmerksamkeitsentscheidung"),
                CollectionName = L("Attention decisions", "Aufmerksamkeitsentscheidungen"),
                Description = L("One row per non-trivial decision CrmAttention made about touching a contact: the rule, the counters behind it and what happened. Written by the system only.",
                                "Eine Zeile je nicht trivialer Entscheidung von CrmAttention über einen Kontaktversuch: die Regel, die Zähler dahinter und was geschah. Wird nur vom System geschrieben."),
                EntitySetName = "cat_attentiondecisions",
                PrimaryIdAttribute = "cat_attentiondecisionid",
                PrimaryNameAttribute = "cat_name",
                ObjectTypeCode = 10301,
            };
            table.WithColumns(
                Sys("cat_AttentionDecisionId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
                PrimaryName("cat_Name", 200, L("Name", "Name"), L("Summary of the decision: decision, channel and contact.", "Zusammenfassung der Entscheidung: Entscheidung, Kanal und Kontakt.")),
                Lookup("cat_ContactId", "contact", DeleteCascade.Cascade, L("Contact", "Kontakt"), L("The contact the touch was aimed at.", "Der Kontakt, an den sich der Kontaktversuch richtete.")),
                Lookup("cat_AccountId", "account", DeleteCascade.RemoveLink, L("Account", "Firma"), L("The contact's account at the time of the decision.", "Das Firmenkonto des Kontakts zum Zeitpunkt der Entscheidung.")),
                Lookup("cat_PolicyId", "cat_attentionpolicy", DeleteCascade.RemoveLink, L("Policy", "Richtlinie"), L("The policy that applied.", "Die angewendete Richtlinie.")),
                Text("cat_ActivityId", 100, L("Activity id", "Aktivitäts-ID"), L("Id of the activity the decision was about (text, because the activity may have been deleted since).", "ID der betroffenen Aktivität (als Text, weil die Aktivität inzwischen gelöscht sein kann).")),
                Text("cat_ActivityTypeCode", 100, L("Activity type", "Aktivitätstyp"), L("Logical name of the activity's table, e.g. email or phonecall.", "Logischer Name der Tabelle der Aktivität, z. B. email oder phonecall.")),
                Pick("cat_Channel", "cat_channel", L("Channel", "Kanal"), L("Channel of the touch.", "Kanal des Kontaktversuchs.")),
                Pick("cat_Origin", "cat_origin", L("Origin", "Herkunft"), L("Whether a person, an automation or a transactional message caused the touch.", "Ob eine Person, eine Automatisierung oder eine transaktionale Nachricht den Kontaktversuch verursacht hat.")),
                Pick("cat_Decision", "cat_decisionkind", L("Decision", "Entscheidung"), L("What CrmAttention decided.", "Was CrmAttention entschieden hat.")),
                Pick("cat_Reason", "cat_reasoncode", L("Reason", "Grund"), L("The rule that decided.", "Die Regel, die entschieden hat.")),
                Memo("cat_Message", 4000, L("Message", "Meldung"), L("The explanation shown to the user, in their language.", "Die Erklärung, die dem Benutzer in seiner Sprache angezeigt wurde.")),
                Dec("cat_Score", 0m, 100m, 2, L("Receptivity score", "Aufnahmewert"), L("The contact's receptivity score (0–100) when the decision was made.", "Der Aufnahmewert des Kontakts (0–100) zum Zeitpunkt der Entscheidung.")),
                Dec("cat_Pressure", 0m, 100000m, 4, L("Pressure", "Druck"), L("The contact's recency-weighted touch pressure when the decision was made.", "Der nach Aktualität gewichtete Kontaktdruck zum Zeitpunkt der Entscheidung.")),
                Dec("cat_MarginalValue", -100000000000m, 100000000000m, 2, L("Marginal value", "Grenzwert"), L("Expected value of this one more touch; negative means it does more harm than good.", "Erwarteter Wert dieses zusätzlichen Kontakts; negativ heißt, er schadet mehr als er nützt.")),
                Dec("cat_ContactValue", 0m, 100000000000m, 2, L("Contact value", "Wert des Kontakts"), L("The contact's value from the policy's value source.", "Der Wert des Kontakts aus der Wertquelle der Richtlinie.")),
                Date("cat_NextAllowedOn", L("Next allowed on", "Nächster Kontakt erlaubt am"), L("The earliest time this touch would have been allowed; empty when it was allowed.", "Der früheste Zeitpunkt, zu dem der Kontakt erlaubt gewesen wäre; leer, wenn er erlaubt war.")),
                Date("cat_EvaluatedOn", L("Evaluated on", "Bewertet am"), L("When the decision was made.", "Wann die Entscheidung getroffen wurde.")),
                Lookup("cat_RoutedCallId", "phonecall", DeleteCascade.RemoveLink, L("Routed call", "Weitergeleiteter Anruf"), L("The phone call created for a person instead of the suppressed automated touch.", "Der Anruf, der statt des unterdrückten automatisierten Kontakts für eine Person angelegt wurde.")),
                Text("cat_OverrideReason", 400, L("Override reason", "Grund der Übersteuerung"), L("Why a user overrode the decision, copied from the activity.", "Warum ein Benutzer die Entscheidung übersteuert hat, aus der Aktivität übernommen.")),
                Text("cat_CorrelationId", 100, L("Correlation id", "Korrelations-ID"), L("The platform's correlation id of the request, to find the plugin trace.", "Die Korrelations-ID der Anfrage, um die Plugin-Ablaufverfolgung zu finden.")),
                UserOwnedSystemColumns(ActiveInactiveState, ActiveInactiveStatus));
            return table;
        }
    }
}
