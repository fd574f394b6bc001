using System.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// cat_attentiondecision: the append-only log of decisions sales ops report on. The plugins refuse updates
    /// and deletes by anyone but the system. Every lookup removes its link when the referenced row is deleted, so
    /// deleting a contact, account, policy or call keeps the log; old decisions go only through cat_PurgeDecisions.
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
                Lookup("cat_ContactId", "contact", DeleteCascade.RemoveLink, L("Contact", "Kontakt"), L("The contact the touch was aimed at.", "Der Kontakt, an den sich der Kontaktversuch richtete.")),
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
            table.GridColumns.AddRange(new[]
            {
                new ViewColumn("cat_name", 250), new ViewColumn("cat_contactid", 150), new ViewColumn("cat_decision", 110),
                new ViewColumn("cat_reason", 160), new ViewColumn("cat_channel", 90), new ViewColumn("cat_origin", 100),
                new ViewColumn("cat_score", 80), new ViewColumn("cat_evaluatedon", 140), new ViewColumn("ownerid", 150),
            });
            table.Forms.Add(new Form("main", L("Attention decision", "Aufmerksamkeitsentscheidung"),
                L("One logged decision, read-only: the log is append-only.", "Eine protokollierte Entscheidung, schreibgeschützt: das Protokoll wird nur ergänzt."),
                new FormTab("decision", L("Decision", "Entscheidung"),
                    new FormSection("outcome", L("Outcome", "Ergebnis"),
                        new FieldCell("cat_name"), new FieldCell("cat_decision"), new FieldCell("cat_reason"), new FieldCell("cat_message"),
                        new FieldCell("cat_evaluatedon"), new FieldCell("cat_nextallowedon")),
                    new FormSection("touch", L("Touch", "Kontaktversuch"),
                        new FieldCell("cat_contactid"), new FieldCell("cat_accountid"), new FieldCell("cat_channel"), new FieldCell("cat_origin"),
                        new FieldCell("cat_activitytypecode"), new FieldCell("cat_activityid"), new FieldCell("cat_routedcallid"), new FieldCell("cat_overridereason")),
                    new FormSection("scores", L("Scores", "Werte"),
                        new FieldCell("cat_score"), new FieldCell("cat_pressure"), new FieldCell("cat_marginalvalue"), new FieldCell("cat_contactvalue")),
                    new FormSection("trace", L("Trace", "Nachverfolgung"),
                        new FieldCell("cat_policyid"), new FieldCell("cat_correlationid"), new FieldCell("ownerid") { Label = L("Owner", "Besitzer") },
                        new FieldCell("createdon") { Label = L("Created On", "Erstellt am") })))
            {
                ReadOnly = true,
                HeaderFields = new[] { "cat_decision", "cat_reason", "cat_evaluatedon" },
            });
            var columns = new[]
            {
                new ViewColumn("cat_evaluatedon", 140), new ViewColumn("cat_contactid", 160), new ViewColumn("cat_decision", 110),
                new ViewColumn("cat_reason", 170), new ViewColumn("cat_channel", 90), new ViewColumn("cat_origin", 100),
                new ViewColumn("cat_score", 80), new ViewColumn("ownerid", 150),
            };
            var active = new Condition("statecode", "eq", "0");
            var decision = Choices.DecisionKind();
            string Code(string name) => decision.Options.Single(o => o.Name == name).Value(CrmAttentionSolution.OptionValuePrefix).ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.Views.Add(new View("blockedthisweek", L("Decisions blocked this week", "Diese Woche blockierte Entscheidungen"),
                L("Human touches CrmAttention blocked since the start of this week, newest first.", "Persönliche Kontakte, die CrmAttention seit Wochenbeginn blockiert hat, neueste zuerst."))
            {
                Columns = columns,
                Filter = Filter.And(active, new Condition("cat_decision", "eq", Code("Block")), new Condition("cat_evaluatedon", "this-week")),
                Orders = new[] { new Order("cat_evaluatedon", Descending: true) },
            });
            table.Views.Add(new View("routed", L("Decisions routed to calls", "An Anrufe weitergeleitete Entscheidungen"),
                L("Automated touches turned into a phone call for a person, with the call.", "Automatisierte Kontakte, die in einen Anruf für eine Person umgewandelt wurden, mit dem Anruf."))
            {
                Columns = columns.Take(4).Concat(new[] { new ViewColumn("cat_routedcallid", 180), new ViewColumn("cat_contactvalue", 110), new ViewColumn("ownerid", 150) }).ToArray(),
                Filter = Filter.And(active, new Condition("cat_decision", "eq", Code("RouteToHuman"))),
                Orders = new[] { new Order("cat_evaluatedon", Descending: true) },
            });
            table.Views.Add(new View("byreason", L("Decisions by reason", "Entscheidungen nach Grund"),
                L("All logged decisions sorted by the rule that decided, then newest first.", "Alle protokollierten Entscheidungen nach entscheidender Regel sortiert, dann neueste zuerst."))
            {
                Columns = new[] { new ViewColumn("cat_reason", 170), new ViewColumn("cat_decision", 110) }.Concat(columns.Where(c => c.Attribute != "cat_reason" && c.Attribute != "cat_decision")).ToArray(),
                Filter = Filter.And(active),
                Orders = new[] { new Order("cat_reason"), new Order("cat_evaluatedon", Descending: true) },
            });
            table.Views.Add(new View("suppressedrouted", L("Suppressed and routed decisions", "Unterdrückte und weitergeleitete Entscheidungen"),
                L("Automated touches that were suppressed or routed to a person, newest first.", "Automatisierte Kontakte, die unterdrückt oder an eine Person weitergeleitet wurden, neueste zuerst."))
            {
                Columns = columns,
                Filter = Filter.And(active, new Condition("cat_decision", "in", Code("Suppress"), Code("RouteToHuman"))),
                Orders = new[] { new Order("cat_evaluatedon", Descending: true) },
            });
            table.Charts.Add(new Chart("byreason", L("Decisions by reason", "Entscheidungen nach Grund"),
                L("How many decisions each rule made.", "Wie viele Entscheidungen jede Regel getroffen hat."))
            {
                Type = ChartType.Bar,
                GroupBy = "cat_reason",
            });
            table.Charts.Add(new Chart("overtime", L("Decisions over time", "Entscheidungen im Zeitverlauf"),
                L("Decisions per week, split by decision.", "Entscheidungen pro Woche, aufgeteilt nach Entscheidung."))
            {
                Type = ChartType.StackedColumn,
                GroupBy = "cat_evaluatedon",
                DateGrouping = "week",
                SeriesBy = "cat_decision",
            });
            table.Charts.Add(new Chart("suppressedroutedbyowner", L("Suppressed and routed by owner", "Unterdrückt und weitergeleitet nach Besitzer"),
                L("Per owner, how many automated touches were suppressed and how many became calls.", "Je Besitzer, wie viele automatisierte Kontakte unterdrückt und wie viele zu Anrufen wurden."))
            {
                Type = ChartType.StackedColumn,
                GroupBy = "ownerid",
                SeriesBy = "cat_decision",
                Filter = Filter.And(new Condition("cat_decision", "in", Code("Suppress"), Code("RouteToHuman"))),
            });
            return table;
        }
    }
}
