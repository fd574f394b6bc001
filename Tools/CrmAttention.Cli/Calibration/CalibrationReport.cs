using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.Cli.Charts;
using CrmAttention.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace CrmAttention.Cli.Calibration
{
    /// <summary>Writes calibration.json, calibration.md and calibrate-curve.png.</summary>
    public static class CalibrationReport
    {
        public const string CurveFile = "calibrate-curve.png";

        /// <summary>The groups drawn on the chart: the ones with most touches (more lines would hide each other).</summary>
        public const int ChartedGroups = 4;

        public static void Write(CalibrationResult result, string directory, string policyPath)
        {
            Directory.CreateDirectory(directory);
            var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, Converters = { new StringEnumConverter() }, Culture = CultureInfo.InvariantCulture };
            File.WriteAllText(Path.Combine(directory, "calibration.json"), JsonConvert.SerializeObject(result, settings).Replace("\r\n", "\n") + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, "calibration.md"), Markdown(result, policyPath), new UTF8Encoding(false));
            Curve(result, Path.Combine(directory, CurveFile));
        }

        public static string Markdown(CalibrationResult r, string policyPath)
        {
            string F(double v, int d) => Text.N(v, d);
            var sb = new StringBuilder();
            sb.Append(Text.T("# Calibration", "# Kalibrierung")).Append("\n\n");
            sb.Append(Text.T(
                $"{Text.N(r.Touches)} touches and {Text.N(r.Responses)} responses; {Text.N(r.Censored)} touches at the end of the history were left out (their response window was not over). Policy written to `{policyPath}`.",
                $"{Text.N(r.Touches)} Kontakte und {Text.N(r.Responses)} Reaktionen; {Text.N(r.Censored)} Kontakte am Ende der Historie blieben unberücksichtigt (ihr Antwortfenster war noch offen). Richtlinie geschrieben nach `{policyPath}`.")).Append("\n\n");
            sb.Append(Text.T(
                $"Decay α = **{F(r.Alpha, 3)}** (95% profile-likelihood interval {F(r.AlphaProfileLow, 3)}–{F(r.AlphaProfileHigh, 3)}; Wald {F(r.AlphaWaldLow, 3)}–{F(r.AlphaWaldHigh, 3)}), shared by all channels.",
                $"Abnahme α = **{F(r.Alpha, 3)}** (95-%-Profil-Likelihood-Intervall {F(r.AlphaProfileLow, 3)}–{F(r.AlphaProfileHigh, 3)}; Wald {F(r.AlphaWaldLow, 3)}–{F(r.AlphaWaldHigh, 3)}), gemeinsam für alle Kanäle.")).Append("\n\n");
            sb.Append(Text.T("| channel | origin | touches | responses | p₀ | 95% interval | own p₀ | own α (95%) |\n",
                "| Kanal | Herkunft | Kontakte | Reaktionen | p₀ | 95-%-Intervall | eigenes p₀ | eigenes α (95 %) |\n"));
            sb.Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var g in r.Groups)
            {
                sb.Append("| ").Append(g.Channel).Append(" | ").Append(g.Origin).Append(" | ").Append(Text.N(g.Touches)).Append(" | ").Append(Text.N(g.Responses)).Append(" | ");
                if (g.Fitted)
                {
                    sb.Append(F(g.BaseRate, 4)).Append(" | ").Append(F(g.BaseRateLow, 4)).Append("–").Append(F(g.BaseRateHigh, 4)).Append(" | ")
                        .Append(F(g.OwnBaseRate, 4)).Append(" | ").Append(F(g.OwnAlpha, 3)).Append(" (").Append(F(g.OwnAlphaLow, 3)).Append("–").Append(F(g.OwnAlphaHigh, 3)).Append(") |\n");
                }
                else
                {
                    sb.Append(F(g.BaseRate, 4)).Append(Text.T(" | too little data: base value kept | | |\n", " | zu wenig Daten: Ausgangswert beibehalten | | |\n"));
                }
            }
            sb.Append('\n').Append("![").Append(Text.T("Response rate by pressure", "Antwortquote nach Druck")).Append("](").Append(CurveFile).Append(")\n");
            return sb.ToString();
        }

        /// <summary>Empirical response rate per pressure bucket (with 95% intervals) against the fitted p₀·e^(−αP), for the largest groups.</summary>
        public static void Curve(CalibrationResult r, string path)
        {
            var charted = r.Groups.Where(g => g.Fitted).OrderByDescending(g => g.Touches).Take(ChartedGroups).ToList();
            var all = new List<double>();
            foreach (var g in charted)
            {
                var o = r.Observations[(g.Channel, g.Origin)];
                for (var i = 0; i < o.Entries; i++)
                {
                    for (var t = 0; t < o.Touched(i); t++) all.Add(o.Pressure(i));
                }
            }
            all.Sort();
            var top = all.Count == 0 ? 1 : Math.Max(0.5, all[(int)(0.97 * (all.Count - 1))]);
            const int Buckets = 12;
            var width = top / Buckets;
            var series = new List<Series>();
            for (var gi = 0; gi < charted.Count; gi++)
            {
                var g = charted[gi];
                var o = r.Observations[(g.Channel, g.Origin)];
                var n = new int[Buckets];
                var y = new int[Buckets];
                var sum = new double[Buckets];
                for (var i = 0; i < o.Entries; i++)
                {
                    if (o.Pressure(i) > top) continue;
                    var b = Math.Min(Buckets - 1, (int)(o.Pressure(i) / width));
                    n[b] += o.Touched(i);
                    sum[b] += o.Pressure(i) * o.Touched(i);
                    y[b] += o.AnsweredCount(i);
                }
                var xs = new List<double>();
                var ys = new List<double>();
                var errs = new List<double>();
                for (var b = 0; b < Buckets; b++)
                {
                    if (n[b] < 20) continue;
                    var rate = y[b] / (double)n[b];
                    xs.Add(sum[b] / n[b]);
                    ys.Add(rate);
                    errs.Add(ResponseModelFit.Z95 * Math.Sqrt(Math.Max(rate * (1 - rate), 1.0 / n[b]) / n[b]));
                }
                var label = g.Channel + " / " + g.Origin;
                series.Add(new Series(label + Text.T(" (observed)", " (beobachtet)"), xs, ys, errs, markersOnly: true) { ColorGroup = gi });
                var fx = Enumerable.Range(0, 61).Select(i => top * i / 60.0).ToArray();
                var fy = fx.Select(p => g.BaseRate * Math.Exp(-r.Alpha * p)).ToArray();
                series.Add(new Series(label + Text.T(" (fit)", " (Modell)"), fx, fy, dashed: true) { ColorGroup = gi });
            }
            Chart.Lines(path, Text.T("Response rate by pressure: observed vs. fitted p₀·e^(−αP)", "Antwortquote nach Druck: beobachtet vs. Modell p₀·e^(−αP)"),
                Text.T("pressure P before the touch", "Druck P vor dem Kontakt"), Text.T("share of touches answered", "Anteil beantworteter Kontakte"), series, yFromZero: true);
        }
    }
}
