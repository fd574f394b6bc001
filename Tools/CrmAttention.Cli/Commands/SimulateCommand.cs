using System.CommandLine;
using System.IO;
using CrmAttention.Cli.Policies;
using CrmAttention.Cli.Simulation;
using CrmAttention.Engine;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`simulate`: one synthetic org, run without and with CrmAttention, compared in a report.</summary>
    public static class SimulateCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var d = new SimulationOptions();
            var contacts = new Option<int>("--contacts") { Description = Text.T("Contacts in the org", "Kontakte der Organisation"), DefaultValueFactory = _ => d.Contacts };
            var accounts = new Option<int>("--accounts") { Description = Text.T("Accounts", "Firmen"), DefaultValueFactory = _ => d.Accounts };
            var sellers = new Option<int>("--sellers") { Description = Text.T("Sellers", "Verkäufer"), DefaultValueFactory = _ => d.Sellers };
            var sequences = new Option<int>("--sequences") { Description = Text.T("Automated sequences", "Automatisierte Sequenzen"), DefaultValueFactory = _ => d.Sequences };
            var days = new Option<int>("--days") { Description = Text.T("Days to simulate", "Zu simulierende Tage"), DefaultValueFactory = _ => d.Days };
            var seed = new Option<int>("--seed") { Description = Text.T("Random seed: the same seed gives the same report", "Zufalls-Seed: derselbe Seed ergibt denselben Bericht"), DefaultValueFactory = _ => d.Seed };
            var policyOption = new Option<FileInfo?>("--policy") { Description = Text.T("Policy JSON for the run with CrmAttention (default: the default policy in Enforce mode)", "Richtlinie als JSON für den Lauf mit CrmAttention (Standard: die Standardrichtlinie im Modus Enforce)") };
            var engineOnly = new Option<bool>("--engine-only") { Description = Text.T("Apply the engine directly instead of the plugins on the in-memory Dataverse (much faster; same decisions model)", "Die Engine direkt anwenden statt der Plugins auf dem In-Memory-Dataverse (viel schneller; dasselbe Entscheidungsmodell)") };
            var output = new Option<DirectoryInfo>("--out") { Description = Text.T("Folder for simulation.json, simulation.md and the charts", "Ordner für simulation.json, simulation.md und die Diagramme"), DefaultValueFactory = _ => new DirectoryInfo("simulation") };
            var command = new Command("simulate", Text.T("Simulate an org whose recipients harden their filters as volume grows, without and with CrmAttention, through the real plugins on the in-memory Dataverse; write a report with charts.", "Eine Organisation simulieren, deren Empfänger ihre Filter mit wachsendem Volumen verschärfen, ohne und mit CrmAttention, über die echten Plugins auf dem In-Memory-Dataverse; einen Bericht mit Diagrammen schreiben."))
            {
                contacts, accounts, sellers, sequences, days, seed, policyOption, engineOnly, output,
            };
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var options = new SimulationOptions
                {
                    Contacts = parse.GetValue(contacts),
                    Accounts = parse.GetValue(accounts),
                    Sellers = parse.GetValue(sellers),
                    Sequences = parse.GetValue(sequences),
                    Days = parse.GetValue(days),
                    Seed = parse.GetValue(seed),
                };
                options.Validate();
                AttentionPolicy policy;
                if (parse.GetValue(policyOption) is FileInfo file) policy = PolicyFile.Load(file.FullName);
                else
                {
                    policy = AttentionPolicy.CreateDefault();
                    policy.Name = "Default";
                    policy.Mode = PolicyMode.Enforce;
                }
                var fast = parse.GetValue(engineOnly);
                SimulationResult result = null!;
                console.Progress().AutoClear(false).Start(ctx =>
                {
                    result = SimulationRunner.Run(options, policy, fast,
                        ctx.AddTask(Text.T("without CrmAttention", "ohne CrmAttention"), maxValue: 1.0),
                        ctx.AddTask(Text.T("with CrmAttention", "mit CrmAttention"), maxValue: 1.0));
                });
                var dir = parse.GetValue(output)!.FullName;
                SimulationReport.Write(result, dir);
                var table = new Table();
                table.AddColumns("", Text.T("without", "ohne"), Text.T("with", "mit"));
                table.AddRow(Text.T("touches", "Kontakte"), Text.N(result.Without.Touches), Text.N(result.With.Touches));
                table.AddRow(Text.T("conversations", "Gespräche"), Text.N(result.Without.Conversations), Text.N(result.With.Conversations));
                table.AddRow(Text.T("conversations per 100 touches", "Gespräche je 100 Kontakte"), Text.N(result.Without.ConversationsPer100Touches, 2), Text.N(result.With.ConversationsPer100Touches, 2));
                table.AddRow(Text.T("seller hours", "Verkäuferstunden"), Text.N(result.Without.SellerHours, 1), Text.N(result.With.SellerHours, 1));
                table.AddRow(Text.T("calls routed", "übergebene Anrufe"), "–", Text.N(result.With.RoutedCalls.Created));
                console.Write(table);
                console.MarkupLine(Markup.Escape(Text.T("Report written to ", "Bericht geschrieben nach ") + dir));
                return ExitCodes.Success;
            }));
            return command;
        }
    }
}
