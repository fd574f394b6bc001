using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CrmAttention.Cli.Calibration;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Policies;
using CrmAttention.Engine;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`calibrate`: fit p₀ per (channel, origin) and α from history; write a policy file and a report.</summary>
    public static class CalibrateCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var activities = new Option<FileInfo?>("--activities") { Description = Text.T("activities.csv exported from Dataverse (or --org)", "aus Dataverse exportierte activities.csv (oder --org)") };
            var policyOption = new Option<FileInfo?>("--policy") { Description = Text.T("Base policy JSON: weights, half-life and damping used for pressure; its other fields are copied (default: the defaults)", "Ausgangsrichtlinie als JSON: Gewichte, Halbwertszeit und Dämpfung für den Druck; die übrigen Felder werden übernommen (Standard: die Standardwerte)") };
            var window = new Option<double>("--window-days") { Description = Text.T("A touch is answered when a response comes within this many days (and before the next touch)", "Ein Kontakt gilt als beantwortet, wenn innerhalb so vieler Tage (und vor dem nächsten Kontakt) eine Reaktion kommt"), DefaultValueFactory = _ => 7.0 };
            var output = new Option<FileInfo>("--out") { Description = Text.T("The calibrated policy file to write", "Die zu schreibende kalibrierte Richtliniendatei"), DefaultValueFactory = _ => new FileInfo("calibrated-policy.json") };
            var report = new Option<DirectoryInfo>("--report") { Description = Text.T("Folder for calibration.json, calibration.md and calibrate-curve.png", "Ordner für calibration.json, calibration.md und calibrate-curve.png"), DefaultValueFactory = _ => new DirectoryInfo("calibration") };
            var minimum = new Option<int>("--min-touches") { Description = Text.T("Channels with fewer touches keep the base p₀", "Kanäle mit weniger Kontakten behalten das Ausgangs-p₀"), DefaultValueFactory = _ => 100 };
            var command = new Command("calibrate", Text.T("Fit the base response rate p₀ per channel and origin and the decay α by maximum likelihood from exported history; write a policy file with the fit.", "Basis-Antwortquote p₀ je Kanal und Herkunft und Abnahme α per Maximum Likelihood aus exportierter Historie schätzen; eine Richtliniendatei mit dem Ergebnis schreiben."))
            {
                activities, policyOption, window, output, report, minimum,
            };
            var org = OrgOptions.Create(required: false, window: true);
            org.AddTo(command);
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var basePolicy = parse.GetValue(policyOption) is FileInfo p ? PolicyFile.Load(p.FullName) : AttentionPolicy.CreateDefault();
                var options = new CalibrationOptions { ResponseWindowDays = parse.GetValue(window), MinimumTouches = parse.GetValue(minimum) };
                if (!(options.ResponseWindowDays > 0) || options.ResponseWindowDays > 90)
                    throw new CliException("--window-days must be above 0 and at most 90.", "--window-days muss größer als 0 und höchstens 90 sein.");
                // --org reads the org's activities directly (same streaming path as export, no CSV in between).
                WebApiClient? client = null;
                IActivitySource source;
                string sourceName;
                if (org.IsGiven(parse))
                {
                    OrgInput.NotWithFiles(parse, activities);
                    var since = org.Window(parse);
                    client = org.Connect(parse, console);
                    source = new OrgActivitySource(new OrgReader(client), since);
                    sourceName = client.OrgUrl.Host;
                }
                else
                {
                    var path = OrgInput.Required(parse.GetValue(activities), "--activities");
                    source = new CsvActivitySource(path);
                    sourceName = Path.GetFileName(path);
                }
                var problems = new RowProblems(client is null ? sourceName : OrgInput.ActivitiesName);
                CalibrationResult result = null!;
                using (client)
                {
                    console.Status().Start(Text.T("Replaying history and fitting…", "Historie wird abgespielt und angepasst…"), ctx =>
                    {
                        result = Calibrator.Run(source, basePolicy, options, problems,
                            n => ctx.Status(Text.T("Reading activities: ", "Lese Aktivitäten: ") + Text.N(n)));
                    });
                }
                BacktestCommand.ReportProblems(console, problems);
                var outPath = parse.GetValue(output)!.FullName;
                var description = string.Format(CultureInfo.InvariantCulture,
                    "Calibrated by crm-attention from {0} ({1} touches, {2} responses, response window {3} days): alpha = {4:0.####}.",
                    sourceName, result.Touches, result.Responses, options.ResponseWindowDays, result.Alpha);
                var policy = Calibrator.ToPolicy(result, basePolicy, description);
                PolicyFile.Save(policy, outPath);
                var reportDir = parse.GetValue(report)!.FullName;
                CalibrationReport.Write(result, reportDir, outPath);
                if (problems.BadRows > 0) problems.WriteCsv(Path.Combine(reportDir, "bad-rows-activities.csv"));
                Print(console, result);
                if (result.Alpha < Calibrator.MinimumAlpha)
                {
                    console.MarkupLine("[yellow]" + Markup.Escape(Text.T(
                        $"The history shows no fall of the response rate with pressure (α = {Text.N(result.Alpha, 4)}); the policy uses the smallest allowed α, {Calibrator.MinimumAlpha}.",
                        $"Die Historie zeigt keinen Rückgang der Antwortquote mit dem Druck (α = {Text.N(result.Alpha, 4)}); die Richtlinie verwendet das kleinste zulässige α, {Calibrator.MinimumAlpha}.")) + "[/]");
                }
                console.MarkupLine(Markup.Escape(Text.T("Policy written to ", "Richtlinie geschrieben nach ") + outPath + Text.T("; report in ", "; Bericht in ") + reportDir));
                return ExitCodes.Success;
            }));
            return command;
        }

        private static void Print(IAnsiConsole console, CalibrationResult r)
        {
            console.MarkupLine(Markup.Escape(Text.T(
                $"α = {Text.N(r.Alpha, 3)} (95%: {Text.N(r.AlphaProfileLow, 3)}–{Text.N(r.AlphaProfileHigh, 3)}) from {Text.N(r.Touches)} touches, {Text.N(r.Responses)} responses",
                $"α = {Text.N(r.Alpha, 3)} (95 %: {Text.N(r.AlphaProfileLow, 3)}–{Text.N(r.AlphaProfileHigh, 3)}) aus {Text.N(r.Touches)} Kontakten, {Text.N(r.Responses)} Reaktionen")));
            var table = new Table();
            table.AddColumns(Text.T("channel", "Kanal"), Text.T("origin", "Herkunft"), Text.T("touches", "Kontakte"), Text.T("responses", "Reaktionen"), "p₀", Text.T("95% interval", "95-%-Intervall"));
            foreach (var g in r.Groups)
            {
                table.AddRow(g.Channel.ToString(), g.Origin.ToString(), Text.N(g.Touches), Text.N(g.Responses), Text.N(g.BaseRate, 4),
                    g.Fitted ? Text.N(g.BaseRateLow, 4) + "–" + Text.N(g.BaseRateHigh, 4) : Text.T("base value (too little data)", "Ausgangswert (zu wenig Daten)"));
            }
            console.Write(table);
        }
    }
}
