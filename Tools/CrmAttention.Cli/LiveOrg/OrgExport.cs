using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CrmAttention.Cli.Csv;
using CrmAttention.Cli.Export;
using A = CrmAttention.Cli.Export.ExportSchema.Activities;
using Ac = CrmAttention.Cli.Export.ExportSchema.Accounts;
using C = CrmAttention.Cli.Export.ExportSchema.Contacts;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>What an export wrote.</summary>
    public sealed class ExportSummary
    {
        public long Contacts { get; set; }

        public long Accounts { get; set; }

        public long Activities { get; set; }

        public long Requests { get; set; }
    }

    /// <summary>
    /// Writes contacts.csv, accounts.csv and activities.csv from an org, streaming (one page in memory at a time), with
    /// the logical-name headers of <see cref="ExportSchema"/> that backtest and calibrate read, and the values in the
    /// forms the sample writes (ISO 8601 UTC times, choice labels).
    /// </summary>
    public static class OrgExporter
    {
        public static readonly string[] ContactHeader =
        {
            C.ContactId.LogicalName, C.FullName.LogicalName, C.ParentCustomer.LogicalName, C.Owner.LogicalName, C.DoNotEmail.LogicalName,
            C.DoNotPhone.LogicalName, C.DoNotBulkEmail.LogicalName, C.DoNotPostalMail.LogicalName, C.Value.LogicalName,
        };

        public static readonly string[] AccountHeader = { Ac.AccountId.LogicalName, Ac.Name.LogicalName, Ac.Revenue.LogicalName, Ac.Owner.LogicalName };

        public static readonly string[] ActivityHeader =
        {
            A.ActivityId.LogicalName, A.ActivityType.LogicalName, A.Contact.LogicalName, A.Channel.LogicalName, A.Origin.LogicalName, A.Direction.LogicalName,
            A.State.LogicalName, A.ActualEnd.LogicalName, A.SentOn.LogicalName, A.CreatedOn.LogicalName, A.Owner.LogicalName,
        };

        public static ExportSummary Export(OrgReader org, string directory, ActivityWindow window, IReadProgress? progress = null)
        {
            Directory.CreateDirectory(directory);
            var summary = new ExportSummary();
            // The owners are read first: a refused sign-in or a missing privilege stops the export before any file is written.
            org.Owners();
            // Each file is written under a .partial name and renamed when complete, so a failed export leaves no file that looks whole.
            using (var csv = new PartialFile(directory, "contacts.csv"))
            {
                csv.WriteRow(ContactHeader);
                var row = new string[ContactHeader.Length];
                foreach (var c in org.Contacts(progress))
                {
                    row[0] = c.Id.ToString("D");
                    row[1] = c.Name;
                    row[2] = c.AccountKey ?? "";
                    row[3] = c.Owner;
                    row[4] = Flag(c.Consent, Engine.ConsentFlags.DoNotEmail);
                    row[5] = Flag(c.Consent, Engine.ConsentFlags.DoNotPhone);
                    row[6] = Flag(c.Consent, Engine.ConsentFlags.DoNotBulkEmail);
                    row[7] = Flag(c.Consent, Engine.ConsentFlags.DoNotPostalMail);
                    row[8] = Money(c.Value);
                    csv.WriteRow(row);
                    summary.Contacts++;
                }
                csv.Complete();
            }
            using (var csv = new PartialFile(directory, "accounts.csv"))
            {
                csv.WriteRow(AccountHeader);
                var row = new string[AccountHeader.Length];
                foreach (var a in org.Accounts(progress))
                {
                    row[0] = a.Key;
                    row[1] = a.Name;
                    row[2] = Money(a.Revenue);
                    row[3] = a.Owner;
                    csv.WriteRow(row);
                    summary.Accounts++;
                }
                csv.Complete();
            }
            using (var csv = new PartialFile(directory, "activities.csv"))
            {
                csv.WriteRow(ActivityHeader);
                var row = new string[ActivityHeader.Length];
                foreach (var a in org.Activities(window, progress))
                {
                    row[0] = a.ActivityId.ToString("D");
                    row[1] = a.TypeCode;
                    row[2] = a.ContactId.ToString("D");
                    row[3] = a.TaskChannel?.ToString() ?? "";
                    row[4] = a.Origin?.ToString() ?? "";
                    row[5] = a.Outgoing switch { true => "Outgoing", false => "Incoming", null => "" };
                    // Every row read counts (completed, or an incoming email, a response from its creation on).
                    row[6] = "Completed";
                    row[7] = Time(a.ActualEnd);
                    row[8] = Time(a.SentOn);
                    row[9] = Time(a.CreatedOn);
                    row[10] = a.Owner;
                    csv.WriteRow(row);
                    summary.Activities++;
                }
                csv.Complete();
            }
            summary.Requests = org.Client.Requests;
            return summary;
        }

        /// <summary>A CSV written as name.partial, renamed to name by <see cref="Complete"/>; deleted when disposed before that.</summary>
        private sealed class PartialFile : IDisposable
        {
            private readonly string _path;
            private readonly string _partial;
            private CsvWriter? _writer;

            public PartialFile(string directory, string name)
            {
                _path = Path.Combine(directory, name);
                _partial = _path + ".partial";
                _writer = CsvWriter.Create(_partial);
            }

            public void WriteRow(string[] row) => _writer!.WriteRow(row);

            public void Complete()
            {
                _writer!.Dispose();
                _writer = null;
                File.Move(_partial, _path, overwrite: true);
            }

            public void Dispose()
            {
                if (_writer is null) return;
                _writer.Dispose();
                _writer = null;
                File.Delete(_partial);
            }
        }

        private static string Flag(Engine.ConsentFlags consent, Engine.ConsentFlags flag) => (consent & flag) != 0 ? "true" : "false";

        private static string Money(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

        private static string Time(DateTime? utc) => utc is DateTime t ? ValueParsers.FormatTime(t) : "";
    }

    /// <summary>
    /// An org read directly by backtest and calibrate: the same rows an export would write, turned into records as
    /// the CSV reader turns the exported file into them (same line numbers, same problems), without the file.
    /// </summary>
    public sealed class OrgActivitySource : IActivitySource
    {
        private readonly OrgReader _org;
        private readonly ActivityWindow _window;
        private readonly IReadProgress? _progress;

        public OrgActivitySource(OrgReader org, ActivityWindow window, IReadProgress? progress = null)
        {
            _org = org;
            _window = window;
            _progress = progress;
        }

        public string Name => _org.Client.OrgUrl.ToString();

        public IEnumerable<ActivityRecord> ReadActivities(RowProblems problems, Counter notCompleted)
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            // Line 1 of activities.csv is the header: the first activity is on line 2.
            long line = 1;
            foreach (var a in _org.Activities(_window, _progress))
            {
                line++;
                problems.CountRow();
                var time = a.Time;
                if (time is null || time.Value.Year < 2000)
                {
                    problems.Add(line, time is null
                        ? Text.T("no date: actualend, senton and createdon are all empty.", "kein Datum: actualend, senton und createdon sind alle leer.")
                        : Text.T("the date " + ValueParsers.FormatTime(time.Value) + " is before 2000.", "das Datum " + ValueParsers.FormatTime(time.Value) + " liegt vor 2000."));
                    problems.ThrowIfMostlyBad(false);
                    continue;
                }
                if (!owners.TryGetValue(a.Owner, out var owner)) owners.Add(a.Owner, owner = a.Owner);
                yield return new ActivityRecord(line, a.ActivityId, a.ContactId, OrgReader.ChannelOf(a), a.Origin ?? Engine.Origin.Human, a.Outgoing == false,
                    ActivityState.Completed, time.Value, owner);
            }
            problems.ThrowIfMostlyBad(true);
            if (problems.Rows == 0)
                throw new CliException(Name + ": the org has no completed activities with contacts in the time window.", Name + ": Die Organisation hat im Zeitfenster keine abgeschlossenen Aktivitäten mit Kontakten.");
        }
    }

    /// <summary>Contacts and accounts of an org as backtest holds them, keyed as the CSV reader keys the exported files.</summary>
    public static class OrgTables
    {
        public static Dictionary<Guid, ContactRecord> Contacts(OrgReader org, RowProblems problems, IReadProgress? progress = null)
        {
            var result = new Dictionary<Guid, ContactRecord>();
            foreach (var c in org.Contacts(progress))
            {
                problems.CountRow();
                result.TryAdd(c.Id, c);
            }
            if (result.Count == 0) throw new CliException(org.Client.OrgUrl + ": the org has no contacts.", org.Client.OrgUrl + ": Die Organisation hat keine Kontakte.");
            return result;
        }

        public static Dictionary<string, AccountRecord> Accounts(OrgReader org, RowProblems problems, IReadProgress? progress = null)
        {
            var result = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
            foreach (var a in org.Accounts(progress))
            {
                problems.CountRow();
                result[a.Key] = a;
                // As ExportReader.ReadAccounts: a view export names the contact's company, so the account is found by name too.
                var byName = ExportReader.AccountKey(a.Name.AsSpan());
                if (byName is not null && !result.ContainsKey(byName)) result[byName] = a;
            }
            return result;
        }
    }
}
