using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.Cli.Charts;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>Both runs of a simulation and what they were run on.</summary>
    public sealed class SimulationResult
    {
        public SimulationOptions Options { get; set; } = new SimulationOptions();

        /// <summary>What ran the touches: the in-memory Dataverse with the plugins, or the engine alone.</summary>
        public string OrgKind { get; set; } = "";

        public string PolicyName { get; set; } = "";

        public RecipientModel Recipients { get; set; } = new RecipientModel();

        public RunResult Without { get; set; } = new RunResult();

        public RunResult With { get; set; } = new RunResult();
    }

    /// <summary>Writes simulation.json, simulation.md and four charts. JSON and Markdown depend on the seed and options only.</summary>
    public static class SimulationReport
    {
        public const string TouchesChart = "sim-touches.png";
        public const string RateChart = "sim-conversation-rate.png";
        public const string SpiralChart = "sim-spiral.png";
        public const string DecisionsChart = "sim-decisions.png";

        public static void Write(SimulationResult result, string directory)
        {
            Directory.CreateDirectory(directory);
            var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, Converters = { new StringEnumConverter() }, DateTimeZoneHandling = DateTimeZoneHandling.Utc };
            File.WriteAllText(Path.Combine(directory, "simulation.json"), JsonConvert.SerializeObject(result, settings).Replace("\r\n", "\n") + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, "simulation.md"), Markdown(result), new UTF8Encoding(false));
            Charts(result, directory);
        }

        public static string Markdown(SimulationResult r)
        {
            var o = r.Options;
            var a = r.Without;
            var b = r.With;
            var sb = new StringBuilder();
            sb.Append(Text.T("# Simulation: the same org without and with CrmAttention\n\n", "# Simulation: dieselbe Organisation ohne und mit CrmAttention\n\n"));
            sb.Append(Text.T(
                $"{Text.N(o.Contacts)} contacts at {Text.N(o.Accounts)} accounts, {Text.N(o.Sellers)} sellers, {Text.N(o.Sequences)} automated sequences, {Text.N(o.Days)} days from {o.Start:yyyy-MM-dd}, seed {o.Seed}. Touches ran through {r.OrgKind}; policy: {r.PolicyName}.",
                $"{Text.N(o.Contacts)} Kontakte bei {Text.N(o.Accounts)} Firmen, {Text.N(o.Sellers)} Verkäufer, {Text.N(o.Sequences)} automatisierte Sequenzen, {Text.N(o.Days)} Tage ab {o.Start:yyyy-MM-dd}, Seed {o.Seed}. Die Kontakte liefen durch {r.OrgKind}; Richtlinie: {r.PolicyName}."))
                .Append("\n\n");
            sb.Append(Text.T("| | without CrmAttention | with CrmAttention | change |\n", "| | ohne CrmAttention | mit CrmAttention | Änderung |\n"));
            sb.Append("| --- | ---: | ---: | ---: |\n");
            Row(sb, Text.T("automated emails attempted", "versuchte automatisierte E-Mails"), a.AutomatedAttempts, b.AutomatedAttempts);
            Row(sb, Text.T("touches delivered", "zugestellte Kontakte"), a.Touches, b.Touches);
            Row(sb, Text.T("– automated", "– automatisiert"), a.AutomatedTouches, b.AutomatedTouches);
            Row(sb, Text.T("– by sellers", "– durch Verkäufer"), a.HumanTouches, b.HumanTouches);
            Row(sb, Text.T("responses (replies, meetings)", "Reaktionen (Antworten, Termine)"), a.Responses, b.Responses);
            Row(sb, Text.T("conversations", "Gespräche"), a.Conversations, b.Conversations);
            RowD(sb, Text.T("conversations per 100 touches", "Gespräche je 100 Kontakte"), a.ConversationsPer100Touches, b.ConversationsPer100Touches, 2);
            RowD(sb, Text.T("seller hours", "Verkäuferstunden"), a.SellerHours, b.SellerHours, 1);
            RowD(sb, Text.T("seller hours per conversation", "Verkäuferstunden je Gespräch"), a.SellerHoursPerConversation, b.SellerHoursPerConversation, 2);
            RowD(sb, Text.T("filter hardness in the last week", "Filterhärte in der letzten Woche"), a.FilterHardnessLastWeek, b.FilterHardnessLastWeek, 2);
            RowD(sb, Text.T("sequence volume multiplier in the last week", "Volumenfaktor der Sequenzen in der letzten Woche"), Last(a).VolumeMultiplier, Last(b).VolumeMultiplier, 2);
            sb.Append('\n');
            sb.Append(Text.T("## Conversations by source\n\n| source | without | with |\n| --- | ---: | ---: |\n", "## Gespräche nach Quelle\n\n| Quelle | ohne | mit |\n| --- | ---: | ---: |\n"));
            foreach (var key in a.ConversationsBySource.Keys.Union(b.ConversationsBySource.Keys).OrderBy(k => k, StringComparer.Ordinal))
                sb.Append("| ").Append(key).Append(" | ").Append(Text.N(Get(a.ConversationsBySource, key))).Append(" | ").Append(Text.N(Get(b.ConversationsBySource, key))).Append(" |\n");
            sb.Append('\n').Append(Text.T("## Decisions by kind (with CrmAttention)\n\n| decision | touches |\n| --- | ---: |\n", "## Entscheidungen nach Art (mit CrmAttention)\n\n| Entscheidung | Kontakte |\n| --- | ---: |\n"));
            foreach (var d in b.Decisions.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
                sb.Append("| ").Append(d.Key).Append(" | ").Append(Text.N(d.Value)).Append(" |\n");
            var rc = b.RoutedCalls;
            sb.Append('\n').Append(Text.T("## Calls routed to sellers\n\n", "## An Verkäufer übergebene Anrufe\n\n"));
            sb.Append(Text.T(
                $"{Text.N(rc.Created)} call activities were created for sellers from suppressed automated touches to high-value contacts; {Text.N(rc.Answered)} were answered, {Text.N(rc.NotAnswered)} were not, {Text.N(rc.OpenAtEnd)} were still open at the end. Sellers made them {Text.N(rc.MeanHoursToCall, 1)} hours after creation on average.",
                $"{Text.N(rc.Created)} Anrufaktivitäten wurden für Verkäufer aus unterdrückten automatisierten Kontakten zu wertvollen Kontakten erstellt; {Text.N(rc.Answered)} wurden angenommen, {Text.N(rc.NotAnswered)} nicht, {Text.N(rc.OpenAtEnd)} waren am Ende noch offen. Die Verkäufer riefen im Mittel {Text.N(rc.MeanHoursToCall, 1)} Stunden nach der Erstellung an."))
                .Append("\n\n");
            sb.Append(Text.T("## Charts\n\n", "## Diagramme\n\n"));
            sb.Append("![").Append(Text.T("Touches per week", "Kontakte je Woche")).Append("](").Append(TouchesChart).Append(")\n\n");
            sb.Append("![").Append(Text.T("Conversations per 100 touches", "Gespräche je 100 Kontakte")).Append("](").Append(RateChart).Append(")\n\n");
            sb.Append("![").Append(Text.T("The spiral", "Die Spirale")).Append("](").Append(SpiralChart).Append(")\n\n");
            sb.Append("![").Append(Text.T("Decisions per week", "Entscheidungen je Woche")).Append("](").Append(DecisionsChart).Append(")\n\n");
            var m = r.Recipients;
            sb.Append(Text.T("## Assumptions\n\n", "## Annahmen\n\n"));
            sb.Append(Text.T(
                $"Recipients: an email is seen with probability e^(−(F+N)) (a seller's email e^(−(F+N)/2)); a seen touch is answered with p₀·e^(−αP), α = {Text.N(m.Alpha, 2)}, p₀ = {Text.N(m.AutomatedEmailRate, 2)} (sequence email), {Text.N(m.HumanEmailRate, 2)} (seller email), {Text.N(m.CallAnswerRate, 2)} (call, not filtered but discouraged by market noise). Every delivered email adds {Text.N(m.FilterStep, 2)} to the contact's filter F (half-life {Text.N(m.FilterHalfLifeDays, 0)} days); market noise N rises by {Text.N(m.NoiseGain, 2)} per automated email per contact and week above {Text.N(m.QuietVolume, 2)}. {Text.N(m.MeetingShare * 100, 0)}% of conversations lead to a meeting. Sellers spend up to 5 hours a day on outreach: a call 0.2 h (+0.4 h when answered), an email 0.15 h, a meeting 1 h, a blocked attempt 0.03 h. Below their conversation target (weeks 2–3), orgs enrol 20% more contacts into sequences each week, up to four times.",
                $"Empfänger: eine E-Mail wird mit Wahrscheinlichkeit e^(−(F+N)) gesehen (eine Verkäufer-E-Mail e^(−(F+N)/2)); ein gesehener Kontakt wird mit p₀·e^(−αP) beantwortet, α = {Text.N(m.Alpha, 2)}, p₀ = {Text.N(m.AutomatedEmailRate, 2)} (Sequenz-E-Mail), {Text.N(m.HumanEmailRate, 2)} (Verkäufer-E-Mail), {Text.N(m.CallAnswerRate, 2)} (Anruf, nicht gefiltert, aber vom Marktrauschen gedämpft). Jede zugestellte E-Mail erhöht den Filter F des Kontakts um {Text.N(m.FilterStep, 2)} (Halbwertszeit {Text.N(m.FilterHalfLifeDays, 0)} Tage); das Marktrauschen N steigt um {Text.N(m.NoiseGain, 2)} je automatisierter E-Mail pro Kontakt und Woche über {Text.N(m.QuietVolume, 2)}. {Text.N(m.MeetingShare * 100, 0)} % der Gespräche führen zu einem Termin. Verkäufer verwenden bis zu 5 Stunden am Tag auf Kontaktaufnahme: ein Anruf 0,2 h (+0,4 h bei Annahme), eine E-Mail 0,15 h, ein Termin 1 h, ein blockierter Versuch 0,03 h. Unter ihrem Gesprächsziel (Wochen 2–3) schreiben Organisationen jede Woche 20 % mehr Kontakte in Sequenzen ein, bis zum Vierfachen."))
                .Append('\n');
            return sb.ToString();
        }

        private static void Charts(SimulationResult r, string directory)
        {
            var without = Text.T("without CrmAttention", "ohne CrmAttention");
            var with = Text.T("with CrmAttention", "mit CrmAttention");
            // Charts show whole weeks only: a short last week would read as a drop in every weekly series.
            var withWeeks = FullWeeks(r.With);
            var withoutWeeks = FullWeeks(r.Without);
            double[] Weeks(List<WeekFigures> weeks) => weeks.Select(w => (double)w.Week).ToArray();
            Chart.Lines(Path.Combine(directory, TouchesChart), Text.T("Touches delivered per week", "Zugestellte Kontakte je Woche"), Text.T("week", "Woche"), Text.T("touches", "Kontakte"),
                new List<Series>
                {
                    new Series(without, Weeks(withoutWeeks), withoutWeeks.Select(w => (double)(w.AutomatedTouches + w.HumanTouches)).ToArray()) { ColorGroup = 3 },
                    new Series(with, Weeks(withWeeks), withWeeks.Select(w => (double)(w.AutomatedTouches + w.HumanTouches)).ToArray()) { ColorGroup = 0 },
                    new Series(Text.T("automated attempted, with CrmAttention", "automatisiert versucht, mit CrmAttention"), Weeks(withWeeks), withWeeks.Select(w => (double)w.AutomatedAttempts).ToArray(), dashed: true) { ColorGroup = 0 },
                });
            Chart.Lines(Path.Combine(directory, RateChart), Text.T("Conversations per 100 touches", "Gespräche je 100 Kontakte"), Text.T("week", "Woche"), Text.T("conversations per 100 touches", "Gespräche je 100 Kontakte"),
                new List<Series>
                {
                    new Series(without, Weeks(withoutWeeks), withoutWeeks.Select(w => w.ConversationsPer100Touches).ToArray()) { ColorGroup = 3 },
                    new Series(with, Weeks(withWeeks), withWeeks.Select(w => w.ConversationsPer100Touches).ToArray()) { ColorGroup = 0 },
                }, yFromZero: true);
            Chart.Lines(Path.Combine(directory, SpiralChart), Text.T("The spiral: filter hardness and sequence volume", "Die Spirale: Filterhärte und Sequenzvolumen"), Text.T("week", "Woche"), Text.T("filter hardness F+N / volume multiplier", "Filterhärte F+N / Volumenfaktor"),
                new List<Series>
                {
                    new Series(Text.T("filter hardness, ", "Filterhärte, ") + without, Weeks(withoutWeeks), withoutWeeks.Select(w => w.FilterHardness).ToArray()) { ColorGroup = 3 },
                    new Series(Text.T("filter hardness, ", "Filterhärte, ") + with, Weeks(withWeeks), withWeeks.Select(w => w.FilterHardness).ToArray()) { ColorGroup = 0 },
                    new Series(Text.T("volume multiplier, ", "Volumenfaktor, ") + without, Weeks(withoutWeeks), withoutWeeks.Select(w => w.VolumeMultiplier).ToArray(), dashed: true) { ColorGroup = 3 },
                    new Series(Text.T("volume multiplier, ", "Volumenfaktor, ") + with, Weeks(withWeeks), withWeeks.Select(w => w.VolumeMultiplier).ToArray(), dashed: true) { ColorGroup = 0 },
                }, yFromZero: true);
            var layers = new[]
            {
                Text.T("automated, delivered", "automatisiert, zugestellt"), Text.T("by sellers, delivered", "durch Verkäufer, zugestellt"), Text.T("blocked", "blockiert"),
                Text.T("suppressed", "unterdrückt"), Text.T("routed to a seller", "an Verkäufer übergeben"),
            };
            Chart.StackedBars(Path.Combine(directory, DecisionsChart), Text.T("With CrmAttention: what happened to each attempted touch", "Mit CrmAttention: was mit jedem versuchten Kontakt geschah"),
                Text.T("week", "Woche"), Text.T("touches", "Kontakte"), layers,
                withWeeks.Select(w => new double[] { w.AutomatedTouches, w.HumanTouches, w.Blocked, w.Suppressed, w.Routed }).ToList(),
                withWeeks.Select((w, i) => ((double)i, w.Week.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), new[] { 0, 1, 3, 4, 2 });
        }

        private static List<WeekFigures> FullWeeks(RunResult r) => r.Weeks.Where(w => w.Days == 7).ToList();

        private static WeekFigures Last(RunResult r) => r.LastWeek();

        private static long Get(SortedDictionary<string, long> d, string key) => d.TryGetValue(key, out var v) ? v : 0;

        private static void Row(StringBuilder sb, string label, long a, long b) =>
            sb.Append("| ").Append(label).Append(" | ").Append(Text.N(a)).Append(" | ").Append(Text.N(b)).Append(" | ").Append(Change(a, b)).Append(" |\n");

        private static void RowD(StringBuilder sb, string label, double a, double b, int decimals) =>
            sb.Append("| ").Append(label).Append(" | ").Append(Text.N(a, decimals)).Append(" | ").Append(Text.N(b, decimals)).Append(" | ").Append(Change(a, b)).Append(" |\n");

        private static string Change(double a, double b) => a == 0 ? "–" : (b >= a ? "+" : "−") + Text.N(Math.Abs(100.0 * (b - a) / a), 0) + " %";
    }
}
