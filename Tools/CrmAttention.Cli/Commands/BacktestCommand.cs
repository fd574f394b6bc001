using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CrmAttention.Cli.Backtest;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Policies;
using CrmAttention.Engine;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`backtest`: what a policy would have done to exported history.</summary>
    public static class BacktestCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var activities = new Option<FileInfo?>("--activities") { Description = Text.T("activities.csv exported from Dataverse (or --org)", "aus Dataverse exportierte activities.csv (oder --org)") };
            var contacts = new Option<FileInfo?>("--contacts") { Description = Text.T("contacts.csv exported from Dataverse (or --org)", "aus Dataverse exportierte contacts.csv (oder --org)") };
            var accounts = new Option<FileInfo?>("--accounts") { Description = Text.T("accounts.csv (account names, and revenue for the AccountRevenue value source)", "accounts.csv (Firmennamen und Umsatz für die Wertquelle AccountRevenue)") };
            var policyOption = new Option<FileInfo>("--policy") { Description = Text.T("Policy JSON (see docs/cli.md)", "Richtlinie als JSON (siehe docs/cli.md)"), Required = true };
            var mode = new Option<PolicyMode?>("--mode") { Description = Text.T("Override the policy's mode: Audit, Warn or Enforce", "Modus der Richtlinie überschreiben: Audit, Warn oder Enforce") };
            var replay = new Option<ReplayMode>("--replay") { Description = Text.T("Counterfactual: stopped touches did not happen (default). Actual: judge every touch against the real history.", "Counterfactual: gestoppte Kontakte fanden nicht statt (Standard). Actual: jeden Kontakt an der tatsächlichen Historie messen."), DefaultValueFactory = _ => ReplayMode.Counterfactual };
            var top = new Option<int>("--top") { Description = Text.T("How many over-touched contacts to list", "Wie viele überkontaktierte Kontakte aufgeführt werden"), DefaultValueFactory = _ => 20 };
            var output = new Option<DirectoryInfo>("--out") { Description = Text.T("Folder for backtest.json, backtest.md, owner-weeks.csv and charts", "Ordner für backtest.json, backtest.md, owner-weeks.csv und Diagramme"), DefaultValueFactory = _ => new DirectoryInfo("backtest") };
            var command = new Command("backtest", Text.T("Replay exported activity history in time order under a policy: what would have been allowed, warned, blocked, suppressed or routed, per owner and week.", "Exportierte Aktivitäten zeitlich geordnet unter einer Richtlinie abspielen: was erlaubt, gewarnt, blockiert, unterdrückt oder übergeben worden wäre, je Besitzer und Woche."))
            {
                activities, contacts, accounts, policyOption, mode, replay, top, output,
            };
            var org = OrgOptions.Create(required: false, window: true);
            org.AddTo(command);
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var policy = PolicyFile.Load(parse.GetValue(policyOption)!.FullName);
                if (org.IsGiven(parse))
                {
                    OrgInput.NotWithFiles(parse, activities, contacts, accounts);
                    return RunOnOrg(console, parse, org, policy, mode, replay, top, output);
                }
                var contactsPath = OrgInput.Required(parse.GetValue(contacts), "--contacts");
                var activitiesPath = OrgInput.Required(parse.GetValue(activities), "--activities");
                // The activities' header is checked first, and a big file's second half is parsed while the contacts are read.
                using var source = new CsvActivitySource(activitiesPath);
                source.Open();
                var contactProblems = new RowProblems(Path.GetFileName(contactsPath));
                var contactTable = ExportReader.ReadContacts(contactsPath, contactProblems);
                ReportProblems(console, contactProblems);
                Dictionary<string, AccountRecord>? accountTable = null;
                RowProblems? accountProblems = null;
                if (parse.GetValue(accounts) is FileInfo accountsFile)
                {
                    accountProblems = new RowProblems(accountsFile.Name);
                    accountTable = ExportReader.ReadAccounts(accountsFile.FullName, accountProblems);
                    ReportProblems(console, accountProblems);
                }
                var options = new BacktestOptions { Mode = parse.GetValue(mode), Replay = parse.GetValue(replay), TopContacts = Math.Max(0, parse.GetValue(top)) };
                var problems = new RowProblems(Path.GetFileName(activitiesPath));
                return Replay(console, source, contactTable, accountTable, policy, options, problems, contactProblems, accountProblems, parse.GetValue(output)!.FullName);
            }));
            return command;
        }

        /// <summary>backtest --org: contacts, accounts and activities read from the org, streaming, with no CSV in between.</summary>
        private static int RunOnOrg(IAnsiConsole console, ParseResult parse, OrgOptions org, AttentionPolicy policy, Option<PolicyMode?> mode, Option<ReplayMode> replay,
            Option<int> top, Option<DirectoryInfo> output)
        {
            var since = org.Window(parse);
            using var client = org.Connect(parse, console);
            var reader = new OrgReader(client);
            var (contactTable, contactProblems, accountTable, accountProblems) = OrgInput.Tables(console, reader);
            var options = new BacktestOptions { Mode = parse.GetValue(mode), Replay = parse.GetValue(replay), TopContacts = Math.Max(0, parse.GetValue(top)) };
            return Replay(console, new OrgActivitySource(reader, since), contactTable, accountTable, policy, options, new RowProblems(OrgInput.ActivitiesName),
                contactProblems, accountProblems, parse.GetValue(output)!.FullName);
        }

        private static int Replay(IAnsiConsole console, IActivitySource source, Dictionary<Guid, ContactRecord> contactTable, Dictionary<string, AccountRecord>? accountTable,
            AttentionPolicy policy, BacktestOptions options, RowProblems problems, RowProblems contactProblems, RowProblems? accountProblems, string dir)
        {
            BacktestResult result = null!;
            console.Status().Start(Text.T("Reading activities…", "Lese Aktivitäten…"), ctx =>
            {
                result = Backtester.Run(source, contactTable, accountTable, policy, options, problems, (phase, n) =>
                    ctx.Status((phase == "read" ? Text.T("Reading activities: ", "Lese Aktivitäten: ") : Text.T("Replaying: ", "Spiele ab: ")) + Text.N(n)));
            });
            ReportProblems(console, problems);
            BacktestReport.Write(result, dir);
            if (problems.BadRows > 0) problems.WriteCsv(Path.Combine(dir, "bad-rows-activities.csv"));
            if (contactProblems.BadRows > 0) contactProblems.WriteCsv(Path.Combine(dir, "bad-rows-contacts.csv"));
            if (accountProblems is not null && accountProblems.BadRows > 0) accountProblems.WriteCsv(Path.Combine(dir, "bad-rows-accounts.csv"));
            Print(console, result);
            console.MarkupLine(Markup.Escape(Text.T("Report written to ", "Bericht geschrieben nach ") + dir));
            return ExitCodes.Success;
        }

        internal static void ReportProblems(IAnsiConsole console, RowProblems problems)
        {
            if (problems.BadRows == 0) return;
            console.MarkupLine("[yellow]" + Markup.Escape(Text.T(
                $"{problems.FileName}: {Text.N(problems.BadRows)} of {Text.N(problems.Rows)} rows skipped:",
                $"{problems.FileName}: {Text.N(problems.BadRows)} von {Text.N(problems.Rows)} Zeilen übersprungen:")) + "[/]");
            foreach (var (line, message) in problems.Shown)
                console.MarkupLine("[yellow]" + Markup.Escape(Text.T("  line ", "  Zeile ") + line.ToString(CultureInfo.InvariantCulture) + ": " + message) + "[/]");
            if (problems.BadRows > problems.Shown.Count)
                console.MarkupLine("[yellow]" + Markup.Escape(Text.T("  … all of them in the report folder's bad-rows file.", "  … alle in der bad-rows-Datei im Berichtsordner.")) + "[/]");
        }

        private static void Print(IAnsiConsole console, BacktestResult r)
        {
            var table = new Table();
            table.AddColumns(Text.T("decision", "Entscheidung"), Text.T("touches", "Kontakte"));
            var values = r.Totals.ToArray();
            for (var i = 0; i < values.Length; i++) table.AddRow(BacktestReport.Layers[i], Text.N((long)values[i]));
            table.AddRow(Text.T("over budget", "über Budget"), Text.N(r.Totals.OverBudget));
            console.Write(table);
        }
    }
}
