using System;
using System.CommandLine;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>The crm-attention command line: sample, calibrate, backtest, simulate.</summary>
    public static class CliApp
    {
        /// <summary>Runs one command line; <paramref name="console"/> receives all output (tests pass a recording console).</summary>
        public static int Run(string[] args, IAnsiConsole? console = null)
        {
            console ??= AnsiConsole.Console;
            var language = new Option<string?>("--language")
            {
                Description = "en or de: the language of messages and reports (default: the system's UI language)",
                Recursive = true,
            };
            language.AcceptOnlyFromAmong("en", "de");
            var root = new RootCommand("CrmAttention: see and tune contact-frequency budgets and the diminishing-returns model on exported or simulated history.")
            {
                language,
            };
            root.Subcommands.Add(SampleCommand.Create(console, language));
            root.Subcommands.Add(CalibrateCommand.Create(console, language));
            root.Subcommands.Add(BacktestCommand.Create(console, language));
            root.Subcommands.Add(SimulateCommand.Create(console, language));
            // Help and parse errors go to the console's own writer, unwrapped: Spectre's layout would re-wrap the help columns.
            var output = console.Profile.Out.Writer;
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        }

        /// <summary>Runs a command body: a <see cref="CliException"/> (bad input) is printed in red and gives exit code 2.</summary>
        internal static int Guard(IAnsiConsole console, ParseResult parse, Option<string?> language, Func<int> body)
        {
            var lang = parse.GetValue(language);
            if (lang is not null) Text.IsGerman = lang == "de";
            try
            {
                return body();
            }
            catch (CliException ex)
            {
                console.MarkupLine("[red]" + Markup.Escape(Text.T("Error: ", "Fehler: ") + ex.Message) + "[/]");
                return ExitCodes.InvalidInput;
            }
        }
    }
}
