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
            var contacts = new Option<int>("--contacts") { Description = "Contacts in the org", DefaultValueFactory = _ => d.Contacts };
            var accounts = new Option<int>("--accounts") { Description = "Accounts", DefaultValueFactory = _ => d.Accounts };
            var sellers = new Option<int>("--sellers") { Description = "Sellers", DefaultValueFactory = _ => d.Sellers };
            var sequences = new Option<int>("--sequences") { Description = "Automated sequences", DefaultValueFactory = _ => d.Sequences };
            var days = new Option<int>("--days") { Description = "Days to simulate", DefaultValueFactory = _ => d.Days };
            var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same report", DefaultValueFactory = _ => d.Seed };
            var policyOption = new Option<FileInfo?>("--policy") { Description = "Policy JSON for the run with CrmAttention (default: the default policy in Enforce mode)" };
            var engineOnly = new Option<bool>("--engine-only") { Description = "Apply the engine directly instead of the plugins on the in-memory Dataverse (much faster; same decisions model)" };
            var output = new Option<DirectoryInfo>("--out") { Description = "Folder for simulation.json, simulation.md and the charts", DefaultValueFactory = _ => new DirectoryInfo("simulation") };
            var command = new Command("simulate", "Simulate an org whose recipients harden their filters as volume grows, without and with CrmAttention, through the real plugins on the in-memory Dataverse; write a report with charts.")
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
                    policy.Name = "Default (Enforce)";
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
