using System;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>The crm-attention command line: sample, calibrate, backtest, simulate, serve, export, deploy, policy.</summary>
    public static class CliApp
    {
        /// <summary>Runs one command line; <paramref name="console"/> receives all output (tests pass a recording console).</summary>
        public static int Run(string[] args, IAnsiConsole? console = null)
        {
            console ??= AnsiConsole.Console;
            // The language must be known before the commands are built: their descriptions are the help text. System.CommandLine's
            // own help headings follow the UI culture, so that is switched for the run too.
            var requested = RequestedLanguage(args);
            var previousCulture = CultureInfo.CurrentUICulture;
            if (requested is not null)
            {
                Text.IsGerman = requested == "de";
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(requested == "de" ? "de-DE" : "en-GB");
            }
            try
            {
                return RunCore(args, console);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previousCulture;
            }
        }

        private static int RunCore(string[] args, IAnsiConsole console)
        {
            var language = new Option<string?>("--language")
            {
                Description = Text.T("en or de: the language of messages and reports (default: the system's UI language)", "en oder de: Sprache der Meldungen und Berichte (Standard: die Sprache der Oberfläche des Systems)"),
                Recursive = true,
            };
            language.AcceptOnlyFromAmong("en", "de");
            var root = new RootCommand(Text.T("CrmAttention: see and tune contact-frequency budgets and the diminishing-returns model on exported or simulated history.", "CrmAttention: Kontaktbudgets und das Modell abnehmender Erträge an exportierter oder simulierter Historie sehen und abstimmen."))
            {
                language,
            };
            root.Subcommands.Add(SampleCommand.Create(console, language));
            root.Subcommands.Add(CalibrateCommand.Create(console, language));
            root.Subcommands.Add(BacktestCommand.Create(console, language));
            root.Subcommands.Add(SimulateCommand.Create(console, language));
            root.Subcommands.Add(ServeCommand.Create(console, language));
            root.Subcommands.Add(ExportCommand.Create(console, language));
            root.Subcommands.Add(DeployCommand.Create(console, language));
            root.Subcommands.Add(PolicyCommand.Create(console, language));
            // Help and parse errors go to the console's own writer, unwrapped: Spectre's layout would re-wrap the help columns.
            var output = console.Profile.Out.Writer;
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        }

        private static string? RequestedLanguage(string[] args)
        {
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--language" && i + 1 < args.Length) return args[i + 1];
                if (args[i].StartsWith("--language=", StringComparison.Ordinal) || args[i].StartsWith("--language:", StringComparison.Ordinal)) return args[i].Substring(11);
            }
            return null;
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
