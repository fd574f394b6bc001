using System;
using System.CommandLine;
using System.IO;
using CrmAttention.Cli.LiveOrg;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`export`: contacts.csv, accounts.csv and activities.csv from an org over the Web API, as backtest and calibrate read them.</summary>
    public static class ExportCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var org = OrgOptions.Create(required: true, window: true);
            var output = new Option<DirectoryInfo>("--out")
            {
                Description = Text.T("Folder for contacts.csv, accounts.csv and activities.csv", "Ordner für contacts.csv, accounts.csv und activities.csv"),
                DefaultValueFactory = _ => new DirectoryInfo("export"),
            };
            var command = new Command("export", Text.T(
                "Export contacts, accounts and the completed activities of the last --days days (one row per activity and contact) from an org over the Web API, streaming, as backtest and calibrate read them.",
                "Kontakte, Firmen und die abgeschlossenen Aktivitäten der letzten --days Tage (eine Zeile je Aktivität und Kontakt) über die Web API aus einer Organisation exportieren, fortlaufend, wie backtest und calibrate sie lesen."))
            {
                output,
            };
            org.AddTo(command);
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var since = org.Window(parse);
                var dir = parse.GetValue(output)!.FullName;
                using var client = org.Connect(parse, console);
                console.MarkupLine(Markup.Escape(Text.T(
                    $"Exporting from {client.OrgUrl} the activities {since.Describe()} to {dir}",
                    $"Export aus {client.OrgUrl}, Aktivitäten {since.Describe()}, nach {dir}")));
                ExportSummary summary = null!;
                console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var bars = new ProgressBars(ctx);
                        summary = OrgExporter.Export(new OrgReader(client), dir, since, bars);
                        bars.Finish();
                    });
                var table = new Table();
                table.AddColumns(Text.T("file", "Datei"), Text.T("rows", "Zeilen"));
                table.AddRow("contacts.csv", Text.N(summary.Contacts));
                table.AddRow("accounts.csv", Text.N(summary.Accounts));
                table.AddRow("activities.csv", Text.N(summary.Activities));
                console.Write(table);
                console.MarkupLine(Markup.Escape(Text.T(
                    $"Written to {dir} with {Text.N(summary.Requests)} Web API requests.",
                    $"Geschrieben nach {dir} mit {Text.N(summary.Requests)} Web-API-Anfragen.")));
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
