using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Export;
using Spectre.Console;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>What backtest and calibrate share when they read an org instead of exported files.</summary>
    public static class OrgInput
    {
        /// <summary>Names the org's activities in row problems, as the file name names a CSV's.</summary>
        public const string ActivitiesName = "activities (--org)";

        /// <summary>A file option that is required unless --org is given.</summary>
        public static string Required(FileInfo? file, string option) =>
            file?.FullName ?? throw new CliException(option + " is required (or read the org directly with --org).", option + " ist erforderlich (oder die Organisation mit --org direkt lesen).");

        /// <summary>--org reads everything from the org: export files given as well would be ignored silently, so they are refused.</summary>
        public static void NotWithFiles(ParseResult parse, params Option<FileInfo?>[] files)
        {
            var given = files.Where(f => parse.GetValue(f) is not null).Select(f => f.Name).ToList();
            if (given.Count > 0)
                throw new CliException("--org reads contacts, accounts and activities from the org: leave out " + string.Join(", ", given) + ".",
                    "--org liest Kontakte, Firmen und Aktivitäten aus der Organisation: " + string.Join(", ", given) + " weglassen.");
        }

        /// <summary>Contacts and accounts from the org, keyed as the CSV reader keys the exported files, with a status line while they load.</summary>
        public static (Dictionary<Guid, ContactRecord> Contacts, RowProblems ContactProblems, Dictionary<string, AccountRecord> Accounts, RowProblems AccountProblems) Tables(
            IAnsiConsole console, OrgReader org)
        {
            var contactProblems = new RowProblems("contacts (--org)");
            var accountProblems = new RowProblems("accounts (--org)");
            Dictionary<Guid, ContactRecord> contacts = null!;
            Dictionary<string, AccountRecord> accounts = null!;
            console.Status().Start(Text.T("Reading contacts and accounts…", "Lese Kontakte und Firmen…"), ctx =>
            {
                var progress = new StatusLine(text => ctx.Status(Markup.Escape(text)));
                contacts = OrgTables.Contacts(org, contactProblems, progress);
                accounts = OrgTables.Accounts(org, accountProblems, progress);
            });
            return (contacts, contactProblems, accounts, accountProblems);
        }
    }
}
