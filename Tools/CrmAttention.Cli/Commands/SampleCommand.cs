using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CrmAttention.Cli.Sample;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`sample`: realistic exports from known parameters, to try backtest and calibrate at once.</summary>
    public static class SampleCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var defaults = new SampleOptions();
            var output = new Option<DirectoryInfo>("--out") { Description = Text.T("Folder for contacts.csv, accounts.csv, activities.csv, truth.json and policy.json", "Ordner für contacts.csv, accounts.csv, activities.csv, truth.json und policy.json"), DefaultValueFactory = _ => new DirectoryInfo("sample") };
            var contacts = new Option<int>("--contacts") { Description = Text.T("Number of contacts", "Anzahl der Kontakte"), DefaultValueFactory = _ => defaults.Contacts };
            var accounts = new Option<int>("--accounts") { Description = Text.T("Number of accounts", "Anzahl der Firmen"), DefaultValueFactory = _ => defaults.Accounts };
            var sellers = new Option<int>("--sellers") { Description = Text.T("Number of sellers (activity owners)", "Anzahl der Verkäufer (Besitzer der Aktivitäten)"), DefaultValueFactory = _ => defaults.Sellers };
            var days = new Option<int>("--days") { Description = Text.T("Days of history", "Tage Historie"), DefaultValueFactory = _ => defaults.Days };
            var seed = new Option<int>("--seed") { Description = Text.T("Random seed: the same seed writes the same files", "Zufalls-Seed: derselbe Seed schreibt dieselben Dateien"), DefaultValueFactory = _ => defaults.Seed };
            // No default value for the help to print: it would print the date in the machine's culture (01/06/2025 for 6 January).
            var startDefault = defaults.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var start = new Option<DateTime?>("--start")
            {
                Description = Text.T("First day of the history (UTC, yyyy-MM-dd) [default: " + startDefault + "]", "Erster Tag der Historie (UTC, yyyy-MM-dd) [Standard: " + startDefault + "]"),
            };
            var rate = new Option<double>("--touches-per-week") { Description = Text.T("Mean outbound touches per contact and week", "Mittlere ausgehende Kontakte je Kontakt und Woche"), DefaultValueFactory = _ => defaults.TouchesPerWeek };
            var command = new Command("sample", Text.T("Write realistic Dataverse export CSVs (contacts, accounts, activities) generated from known parameters (truth.json).", "Realistische Dataverse-Export-CSVs (Kontakte, Firmen, Aktivitäten) aus bekannten Parametern (truth.json) schreiben."))
            {
                output, contacts, accounts, sellers, days, seed, start, rate,
            };
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var options = new SampleOptions
                {
                    Contacts = parse.GetValue(contacts),
                    Accounts = parse.GetValue(accounts),
                    Sellers = parse.GetValue(sellers),
                    Days = parse.GetValue(days),
                    Seed = parse.GetValue(seed),
                    Start = DateTime.SpecifyKind((parse.GetValue(start) ?? defaults.Start).Date, DateTimeKind.Utc),
                    TouchesPerWeek = parse.GetValue(rate),
                };
                if (options.TouchesPerWeek <= 0 || double.IsNaN(options.TouchesPerWeek))
                    throw new CliException("--touches-per-week must be above 0.", "--touches-per-week muss größer als 0 sein.");
                var dir = parse.GetValue(output)!.FullName;
                SampleSummary summary = null!;
                console.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask(Text.T("Writing sample", "Schreibe Beispiel"), maxValue: 1.0);
                    summary = SampleGenerator.Write(options, new SampleTruth(), dir, p => task.Value = p);
                });
                console.MarkupLine(Markup.Escape(Text.T(
                    $"Wrote {Text.N(summary.Contacts)} contacts, {Text.N(summary.Accounts)} accounts, {Text.N(summary.Touches)} touches and {Text.N(summary.Responses)} responses to {dir} (seed {options.Seed}).",
                    $"{Text.N(summary.Contacts)} Kontakte, {Text.N(summary.Accounts)} Firmen, {Text.N(summary.Touches)} Kontaktaufnahmen und {Text.N(summary.Responses)} Reaktionen nach {dir} geschrieben (Seed {options.Seed}).")));
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
