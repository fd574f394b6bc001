using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.Cli.Charts;
using CrmAttention.Cli.Csv;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace CrmAttention.Cli.Backtest
{
    /// <summary>Writes backtest.json, backtest.md, owner-weeks.csv and the two charts.</summary>
    public static class BacktestReport
    {
        public const string WeeklyChart = "backtest-weekly.png";
        public const string OwnersChart = "backtest-owners.png";
        public const int ChartedOwners = 15;

        public static IReadOnlyList<string> Layers => new[]
        {
            Text.T("allowed", "erlaubt"), Text.T("warned", "gewarnt"), Text.T("blocked", "blockiert"), Text.T("suppressed", "unterdrückt"),
            Text.T("routed to a person", "an Person übergeben"), Text.T("exempt", "ausgenommen"),
        };

        /// <summary>Layer colours from the palette: allowed blue, warned orange, blocked red, suppressed purple, routed green, exempt grey.</summary>
        public static readonly IReadOnlyList<int> LayerColors = new[] { 0, 1, 3, 4, 2, 7 };

        public static void Write(BacktestResult result, string directory)
        {
            Directory.CreateDirectory(directory);
            var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, Converters = { new StringEnumConverter() } };
            File.WriteAllText(Path.Combine(directory, "backtest.json"), JsonConvert.SerializeObject(result, settings).Replace("\r\n", "\n") + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, "backtest.md"), Markdown(result), new UTF8Encoding(false));
            using (var csv = CsvWriter.Create(Path.Combine(directory, "owner-weeks.csv")))
            {
                csv.WriteRow("owner", "week", "allowed", "warned", "blocked", "suppressed", "routed", "exempt", "overbudget");
                foreach (var o in result.OwnerWeeks)
                {
                    var d = o.Decisions;
                    csv.WriteRow(o.Owner, o.Week, I(d.Allowed), I(d.Warned), I(d.Blocked), I(d.Suppressed), I(d.Routed), I(d.Exempt), I(d.OverBudget));
                }
            }
            var weeks = result.Weeks().ToList();
            Chart.StackedBars(Path.Combine(directory, WeeklyChart), Text.T("Touches per ISO week by decision", "Kontakte je ISO-Woche nach Entscheidung"),
                Text.T("week", "Woche"), Text.T("touches", "Kontakte"), Layers, weeks.Select(w => w.Counts.ToArray()).ToList(),
                weeks.Select((w, i) => ((double)i, w.Week.Substring(5))).ToList(), LayerColors);
            var owners = result.Owners().OrderByDescending(o => o.Counts.Total).ThenBy(o => o.Owner, System.StringComparer.Ordinal).Take(ChartedOwners).ToList();
            Chart.StackedBars(Path.Combine(directory, OwnersChart), Text.T("Touches per owner by decision", "Kontakte je Besitzer nach Entscheidung"),
                Text.T("owner", "Besitzer"), Text.T("touches", "Kontakte"), Layers, owners.Select(o => o.Counts.ToArray()).ToList(),
                owners.Select((o, i) => ((double)i, Short(o.Owner))).ToList(), LayerColors);
        }

        public static string Markdown(BacktestResult r)
        {
            var sb = new StringBuilder();
            var t = r.Totals;
            sb.Append(Text.T("# Backtest", "# Backtest")).Append("\n\n");
            sb.Append(Text.T(
                $"Policy **{r.PolicyName}** in mode {r.Mode}, {r.Replay.ToString().ToLowerInvariant()} replay. {Text.N(r.Touches)} touches and {Text.N(r.Responses)} responses replayed; {Text.N(r.BadRows)} bad rows skipped, {Text.N(r.NotCompleted)} open or cancelled activities ignored, {Text.N(r.UnknownContact)} rows for contacts not in the contacts file.",
                $"Richtlinie **{r.PolicyName}** im Modus {r.Mode}, Wiedergabe {(r.Replay == ReplayMode.Counterfactual ? "kontrafaktisch" : "wie geschehen")}. {Text.N(r.Touches)} Kontakte und {Text.N(r.Responses)} Reaktionen abgespielt; {Text.N(r.BadRows)} fehlerhafte Zeilen übersprungen, {Text.N(r.NotCompleted)} offene oder abgebrochene Aktivitäten ignoriert, {Text.N(r.UnknownContact)} Zeilen zu Kontakten außerhalb der Kontaktdatei."))
                .Append("\n\n");
            sb.Append(Text.T("| decision | touches | share |\n| --- | ---: | ---: |\n", "| Entscheidung | Kontakte | Anteil |\n| --- | ---: | ---: |\n"));
            var values = t.ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                sb.Append("| ").Append(Layers[i]).Append(" | ").Append(Text.N((long)values[i])).Append(" | ").Append(Share(values[i], t.Total)).Append(" |\n");
            }
            sb.Append("| ").Append(Text.T("over budget (any rule broken)", "über Budget (eine Regel verletzt)")).Append(" | ").Append(Text.N(t.OverBudget)).Append(" | ").Append(Share(t.OverBudget, t.Total)).Append(" |\n\n");
            sb.Append(Text.T("## Reasons\n\n| reason | touches |\n| --- | ---: |\n", "## Gründe\n\n| Grund | Kontakte |\n| --- | ---: |\n"));
            foreach (var reason in r.Reasons.OrderByDescending(p => p.Value).ThenBy(p => p.Key, System.StringComparer.Ordinal))
                sb.Append("| ").Append(reason.Key).Append(" | ").Append(Text.N(reason.Value)).Append(" |\n");
            sb.Append('\n').Append(Text.T("## Per owner\n\n", "## Je Besitzer\n\n"));
            sb.Append(Text.T("| owner | touches | allowed | warned | blocked | suppressed | routed | exempt |\n", "| Besitzer | Kontakte | erlaubt | gewarnt | blockiert | unterdrückt | übergeben | ausgenommen |\n"));
            sb.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var (owner, c) in r.Owners())
            {
                sb.Append("| ").Append(owner).Append(" | ").Append(Text.N(c.Total)).Append(" | ").Append(Text.N(c.Allowed)).Append(" | ").Append(Text.N(c.Warned)).Append(" | ")
                    .Append(Text.N(c.Blocked)).Append(" | ").Append(Text.N(c.Suppressed)).Append(" | ").Append(Text.N(c.Routed)).Append(" | ").Append(Text.N(c.Exempt)).Append(" |\n");
            }
            sb.Append('\n').Append(Text.T("Per owner and week: `owner-weeks.csv`.\n\n", "Je Besitzer und Woche: `owner-weeks.csv`.\n\n"));
            sb.Append(Text.T("## Most over-touched contacts\n\n| contact | owner | touches | over budget | peak pressure | lowest score |\n",
                "## Am stärksten überkontaktierte Kontakte\n\n| Kontakt | Besitzer | Kontakte | über Budget | höchster Druck | niedrigster Wert |\n"));
            sb.Append("| --- | --- | ---: | ---: | ---: | ---: |\n");
            foreach (var c in r.MostOverTouched)
            {
                sb.Append("| ").Append(c.Name.Length > 0 ? c.Name : c.ContactId.ToString()).Append(" | ").Append(c.Owner).Append(" | ").Append(Text.N(c.Touches)).Append(" | ")
                    .Append(Text.N(c.OverBudget)).Append(" | ").Append(Text.N(c.PeakPressure, 2)).Append(" | ").Append(Text.N(c.LowestScore, 1)).Append(" |\n");
            }
            sb.Append('\n').Append("![").Append(Text.T("Touches per week", "Kontakte je Woche")).Append("](").Append(WeeklyChart).Append(")\n\n");
            sb.Append("![").Append(Text.T("Touches per owner", "Kontakte je Besitzer")).Append("](").Append(OwnersChart).Append(")\n");
            return sb.ToString();
        }

        private static string Share(double part, double total) => total <= 0 ? "–" : Text.N(100.0 * part / total, 1) + " %";

        private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

        private static string Short(string owner) => owner.Length <= 14 ? owner : owner.Substring(0, 13) + "…";
    }
}
