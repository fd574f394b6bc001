using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Deploy;
using CrmAttention.Cli.LiveOrg;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`deploy`: import the solution into an org and register the steps the zip cannot carry (Send).</summary>
    public static class DeployCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var org = OrgOptions.Create(required: true, window: false);
            var zip = new Option<FileInfo?>("--zip")
            {
                Description = Text.T("The solution zip to import (default: the managed zip in out/)", "Das zu importierende Lösungs-Zip (Standard: das verwaltete Zip in out/)"),
            };
            var publish = new Option<bool>("--publish") { Description = Text.T("Publish all customizations after the import", "Nach dem Import alle Anpassungen veröffentlichen") };
            var whatIf = new Option<bool>("--what-if") { Description = Text.T("List what deploy would do and change nothing", "Auflisten, was deploy täte, und nichts ändern") };
            var command = new Command("deploy", Text.T(
                "Import the CrmAttention solution into an org (ImportSolutionAsync, with the import job's errors on failure) and register the Send steps from the plug-in declarations, idempotently.",
                "Die CrmAttention-Lösung in eine Organisation importieren (ImportSolutionAsync, bei Fehlern mit den Meldungen des Importauftrags) und die Send-Schritte aus den Plug-in-Deklarationen registrieren, wiederholbar."))
            {
                zip, publish, whatIf,
            };
            org.AddTo(command);
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var path = parse.GetValue(zip)?.FullName ?? DefaultZip();
                using var client = org.Connect(parse, console);
                var deployer = new Deployer(client, new DeployOptions { WhatIf = parse.GetValue(whatIf), Publish = parse.GetValue(publish) },
                    line => console.MarkupLine(Markup.Escape(line)));
                var result = deployer.DeployAsync(path).GetAwaiter().GetResult();
                console.MarkupLine(Markup.Escape(Text.T(
                    $"Steps: {result.StepsCreated} registered, {result.StepsUpdated} updated, {result.StepsUnchanged} unchanged; images: {result.ImagesWritten} written, {result.ImagesDeleted} removed.",
                    $"Schritte: {result.StepsCreated} registriert, {result.StepsUpdated} geändert, {result.StepsUnchanged} unverändert; Abbilder: {result.ImagesWritten} geschrieben, {result.ImagesDeleted} entfernt.")));
                return ExitCodes.Success;
            }));
            return command;
        }

        /// <summary>The managed zip build.ps1 writes to out/, when exactly one is there.</summary>
        private static string DefaultZip()
        {
            var zips = Directory.Exists("out") ? Directory.GetFiles("out", "CrmAttention_*_managed.zip") : Array.Empty<string>();
            return zips.Length switch
            {
                1 => zips[0],
                0 => throw new CliException("No out/CrmAttention_<version>_managed.zip here: build it with `dotnet pwsh ./build.ps1` or name one with --zip.",
                    "Kein out/CrmAttention_<Version>_managed.zip hier: mit `dotnet pwsh ./build.ps1` bauen oder mit --zip angeben."),
                _ => throw new CliException("Several managed zips in out/ (" + string.Join(", ", zips.Select(Path.GetFileName)) + "): name one with --zip.",
                    "Mehrere verwaltete Zips in out/ (" + string.Join(", ", zips.Select(Path.GetFileName)) + "): eines mit --zip angeben."),
            };
        }
    }
}
