using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrmAttention.Cli.Csv;
using CrmAttention.Engine;
using A = CrmAttention.Cli.Export.ExportSchema.Activities;
using Ac = CrmAttention.Cli.Export.ExportSchema.Accounts;
using C = CrmAttention.Cli.Export.ExportSchema.Contacts;

namespace CrmAttention.Cli.Export
{
    /// <summary>Reads the three exports. Contacts and accounts are loaded (they are the state); activities are streamed.</summary>
    public static class ExportReader
    {
        public const string NoOwner = "(no owner)";

        public static Dictionary<Guid, ContactRecord> ReadContacts(string path, RowProblems problems)
        {
            var result = new Dictionary<Guid, ContactRecord>();
            using var csv = OpenWithHeader(path, C.All, out var map);
            int id = map[C.ContactId], name = map[C.FullName], parent = map[C.ParentCustomer], owner = map[C.Owner], value = map[C.Value];
            int dnEmail = map[C.DoNotEmail], dnPhone = map[C.DoNotPhone], dnBulk = map[C.DoNotBulkEmail], dnPostal = map[C.DoNotPostalMail];
            while (csv.Read())
            {
                problems.CountRow();
                var line = csv.LineNumber;
                if (csv.IsMalformed)
                {
                    problems.Add(line, Unterminated());
                    continue;
                }
                if (!ValueParsers.TryParseGuid(Get(csv, id), out var contactId))
                {
                    problems.Add(line, Text.T("contactid \"" + Get(csv, id).ToString() + "\" is not a GUID.", "contactid \"" + Get(csv, id).ToString() + "\" ist keine GUID."));
                    continue;
                }
                var consent = ConsentFlags.None;
                string? error = null;
                consent |= Flag(csv, dnEmail, C.DoNotEmail, ConsentFlags.DoNotEmail, ref error);
                consent |= Flag(csv, dnPhone, C.DoNotPhone, ConsentFlags.DoNotPhone, ref error);
                consent |= Flag(csv, dnBulk, C.DoNotBulkEmail, ConsentFlags.DoNotBulkEmail, ref error);
                consent |= Flag(csv, dnPostal, C.DoNotPostalMail, ConsentFlags.DoNotPostalMail, ref error);
                if (!ValueParsers.TryParseMoney(Get(csv, value), out var money)) error ??= Text.T("cat_value \"" + Get(csv, value).ToString() + "\" is not a number.", "cat_value \"" + Get(csv, value).ToString() + "\" ist keine Zahl.");
                if (error is not null)
                {
                    problems.Add(line, error);
                    continue;
                }
                if (result.ContainsKey(contactId))
                {
                    problems.Add(line, Text.T("contact " + contactId + " is listed twice; the first row is used.", "Kontakt " + contactId + " ist doppelt aufgeführt; die erste Zeile gilt."));
                    continue;
                }
                result.Add(contactId, new ContactRecord(contactId, Get(csv, name).ToString(), AccountKey(Get(csv, parent)), OwnerOf(Get(csv, owner)), consent, money));
                problems.ThrowIfMostlyBad(false);
            }
            problems.ThrowIfMostlyBad(true);
            if (problems.Rows == 0) throw new CliException(path + ": the file has a header but no contacts.", path + ": Die Datei hat eine Kopfzeile, aber keine Kontakte.");
            return result;
        }

        public static Dictionary<string, AccountRecord> ReadAccounts(string path, RowProblems problems)
        {
            var result = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
            using var csv = OpenWithHeader(path, Ac.All, out var map);
            int id = map[Ac.AccountId], name = map[Ac.Name], revenue = map[Ac.Revenue], owner = map[Ac.Owner];
            while (csv.Read())
            {
                problems.CountRow();
                if (csv.IsMalformed)
                {
                    problems.Add(csv.LineNumber, Unterminated());
                    continue;
                }
                var key = AccountKey(Get(csv, id));
                if (key is null)
                {
                    problems.Add(csv.LineNumber, Text.T("accountid is empty.", "accountid ist leer."));
                    continue;
                }
                if (!ValueParsers.TryParseMoney(Get(csv, revenue), out var money))
                {
                    problems.Add(csv.LineNumber, Text.T("revenue \"" + Get(csv, revenue).ToString() + "\" is not a number.", "revenue \"" + Get(csv, revenue).ToString() + "\" ist keine Zahl."));
                    continue;
                }
                var record = new AccountRecord(key, Get(csv, name).ToString(), money, OwnerOf(Get(csv, owner)));
                result[key] = record;
                // A view export shows the contact's company by name, so the account is found by its name as well.
                var byName = AccountKey(record.Name.AsSpan());
                if (byName is not null && !result.ContainsKey(byName)) result[byName] = record;
                problems.ThrowIfMostlyBad(false);
            }
            problems.ThrowIfMostlyBad(true);
            return result;
        }

        /// <summary>Files of at least this size are read in two parts at once (<see cref="CsvSplit"/>) when there is more than one processor.</summary>
        internal const long ParallelReadMinimumBytes = 8 << 20;

        /// <summary>
        /// Streams activities.csv row by row. Bad rows are reported to <paramref name="problems"/> and skipped; rows that
        /// are not completed (open, cancelled) are counted in <paramref name="notCompleted"/> and skipped.
        /// </summary>
        public static IEnumerable<ActivityRecord> ReadActivities(string path, RowProblems problems, Counter notCompleted) =>
            ReadActivities(path, problems, notCompleted, ParallelReadFrom);

        /// <summary>The size from which this machine reads a file in two parts: never with one processor.</summary>
        internal static long ParallelReadFrom => Environment.ProcessorCount > 1 ? ParallelReadMinimumBytes : long.MaxValue;

        /// <summary>
        /// <see cref="ReadActivities(string, RowProblems, Counter)"/>; a file of at least <paramref name="parallelFrom"/> bytes is
        /// cut at a row near its middle and the second part is parsed on another thread while the first is read. Its rows
        /// are handed on after the first part's, with their problems counted in the same order, so the records, the line
        /// numbers, the problems and the "mostly bad" stop are those of reading the file front to back.
        /// </summary>
        internal static IEnumerable<ActivityRecord> ReadActivities(string path, RowProblems problems, Counter notCompleted, long parallelFrom) =>
            ReadActivities(null, path, problems, notCompleted, parallelFrom);

        /// <summary>Reads <paramref name="opened"/> (a file opened earlier), or the file opened when the read starts, and closes it at the end.</summary>
        internal static IEnumerable<ActivityRecord> ReadActivities(ActivityFile? opened, string path, RowProblems problems, Counter notCompleted, long parallelFrom)
        {
            using var file = opened ?? ActivityFile.Open(path, parallelFrom);
            foreach (var record in file.Read(problems, notCompleted)) yield return record;
        }

        /// <summary>
        /// activities.csv opened for one read: the header is checked and, for a file read in two parts, the second part is
        /// being parsed on another thread from the moment it is opened, so a caller can open it before other work (reading
        /// the contacts) and find part of it done. Disposing it stops that parse.
        /// </summary>
        internal sealed class ActivityFile : IDisposable
        {
            private readonly string _path;
            private readonly CsvReader _csv;
            private readonly ActivityColumns _columns;
            private readonly TailPart? _tail;
            private bool _read;

            private ActivityFile(string path, CsvReader csv, ActivityColumns columns, TailPart? tail)
            {
                _path = path;
                _csv = csv;
                _columns = columns;
                _tail = tail;
            }

            /// <summary>Opens the file; one of at least <paramref name="parallelFrom"/> bytes is cut at a row near its middle.</summary>
            public static ActivityFile Open(string path, long parallelFrom)
            {
                long split = 0, linesBefore = 0;
                var inParts = File.Exists(path) && new FileInfo(path).Length >= parallelFrom && CsvSplit.TryFindMiddle(path, out split, out linesBefore);
                var csv = OpenWithHeader(path, A.All, out var map, inParts ? split : (long?)null);
                try
                {
                    var columns = new ActivityColumns(path, map);
                    return new ActivityFile(path, csv, columns, inParts ? new TailPart(path, split, linesBefore, columns) : null);
                }
                catch
                {
                    csv.Dispose();
                    throw;
                }
            }

            /// <summary>The completed activities in file order (see <see cref="ReadActivities(string, RowProblems, Counter, long)"/>); once.</summary>
            public IEnumerable<ActivityRecord> Read(RowProblems problems, Counter notCompleted)
            {
                if (_read) throw new InvalidOperationException("activities.csv is read once per opening.");
                _read = true;
                var rows = ParseActivities(_csv, _columns, new Dictionary<string, string>(StringComparer.Ordinal), CancellationToken.None);
                foreach (var row in _tail is null ? rows : rows.Concat(_tail.Rows()))
                {
                    problems.CountRow();
                    if (row.Error is not null)
                    {
                        problems.Add(row.Record.Line, row.Error);
                        problems.ThrowIfMostlyBad(false);
                        continue;
                    }
                    if (row.NotCompleted)
                    {
                        notCompleted.Increment();
                        continue;
                    }
                    yield return row.Record;
                }
                problems.ThrowIfMostlyBad(true);
                if (problems.Rows == 0) throw new CliException(_path + ": the file has a header but no activities.", _path + ": Die Datei hat eine Kopfzeile, aber keine Aktivitäten.");
            }

            public void Dispose()
            {
                _tail?.Dispose();
                _csv.Dispose();
            }
        }

        private static IEnumerable<ActivityRow> ParseActivities(CsvReader csv, ActivityColumns c, Dictionary<string, string> owners, CancellationToken cancel)
        {
            while (csv.Read() && !cancel.IsCancellationRequested)
            {
                var line = csv.LineNumber;
                var error = ParseActivity(csv, c.Id, c.Type, c.Contact, c.Channel, c.Origin, c.Direction, c.State, c.Times, out var activityId, out var contactId,
                    out var channel, out var origin, out var incoming, out var activityState, out var time);
                if (error is not null) yield return new ActivityRow(new ActivityRecord(line, default, default, default, default, false, default, default, NoOwner), error, false);
                else if (activityState != ActivityState.Completed) yield return new ActivityRow(new ActivityRecord(line, default, default, default, default, false, activityState, default, NoOwner), null, true);
                else yield return new ActivityRow(new ActivityRecord(line, activityId, contactId, channel, origin, incoming, activityState, time, Intern(owners, Get(csv, c.Owner))), null, false);
            }
        }

        /// <summary>One row of activities.csv as parsed: a completed activity, or why it is skipped.</summary>
        private readonly struct ActivityRow
        {
            public ActivityRow(in ActivityRecord record, string? error, bool notCompleted)
            {
                Record = record;
                Error = error;
                NotCompleted = notCompleted;
            }

            /// <summary>The activity; for a skipped row only its line.</summary>
            public ActivityRecord Record { get; }

            public string? Error { get; }

            public bool NotCompleted { get; }
        }

        /// <summary>The columns of activities.csv, from its header.</summary>
        private sealed class ActivityColumns
        {
            public ActivityColumns(string path, HeaderMap map)
            {
                foreach (var f in A.Times)
                {
                    if (map[f] >= 0) Times.Add(map[f]);
                }
                if (Times.Count == 0)
                {
                    throw new CliException(
                        path + ": no time column: one of actualend (\"Actual End\"), senton (\"Date Sent\") or createdon (\"Created On\") is required.",
                        path + ": keine Zeitspalte: actualend (\"Tatsächliches Ende\"), senton (\"Sendedatum\") oder createdon (\"Erstellt am\") ist erforderlich.");
                }
                Id = map[A.ActivityId];
                Type = map[A.ActivityType];
                Contact = map[A.Contact];
                Channel = map[A.Channel];
                Origin = map[A.Origin];
                Direction = map[A.Direction];
                State = map[A.State];
                Owner = map[A.Owner];
            }

            public List<int> Times { get; } = new List<int>();

            public int Id { get; }

            public int Type { get; }

            public int Contact { get; }

            public int Channel { get; }

            public int Origin { get; }

            public int Direction { get; }

            public int State { get; }

            public int Owner { get; }
        }

        /// <summary>
        /// The second part of a file cut by <see cref="CsvSplit"/>, parsed on a thread of its own into memory while the first
        /// part is read: completed activities in blocks (no block reaches the large-object heap, none is copied to grow), the
        /// few skipped rows apart with their place among the rows.
        /// </summary>
        private sealed class TailPart : IDisposable
        {
            private const int BlockLength = 1024;
            private readonly List<ActivityRecord[]> _blocks = new List<ActivityRecord[]>();
            private readonly List<(long Index, ActivityRow Row)> _skipped = new List<(long, ActivityRow)>();
            private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
            private readonly Task _parse;
            private long _count;

            public TailPart(string path, long start, long linesBefore, ActivityColumns columns)
            {
                _parse = Task.Run(() =>
                {
                    using var csv = CsvReader.Open(path, start, new FileInfo(path).Length - start, linesBefore);
                    var records = 0L;
                    foreach (var row in ParseActivities(csv, columns, new Dictionary<string, string>(StringComparer.Ordinal), _cancel.Token))
                    {
                        if (row.Error is null && !row.NotCompleted)
                        {
                            if (records % BlockLength == 0) _blocks.Add(new ActivityRecord[BlockLength]);
                            _blocks[_blocks.Count - 1][records % BlockLength] = row.Record;
                            records++;
                        }
                        else
                        {
                            _skipped.Add((_count, row));
                        }
                        _count++;
                    }
                });
            }

            /// <summary>The part's rows in file order, once it is parsed.</summary>
            public IEnumerable<ActivityRow> Rows()
            {
                _parse.GetAwaiter().GetResult();
                var records = 0L;
                var skipped = 0;
                for (var i = 0L; i < _count; i++)
                {
                    if (skipped < _skipped.Count && _skipped[skipped].Index == i)
                    {
                        yield return _skipped[skipped++].Row;
                        continue;
                    }
                    var block = (int)(records / BlockLength);
                    yield return new ActivityRow(_blocks[block][records % BlockLength], null, false);
                    // A block handed on is let go: the part's records do not outlive their reading.
                    if (++records % BlockLength == 0) _blocks[block] = null!;
                }
            }

            // A read that stops early (a bad file, a failed replay) stops the parse and waits for it to let go of the file.
            public void Dispose()
            {
                _cancel.Cancel();
                ((IAsyncResult)_parse).AsyncWaitHandle.WaitOne();
                _cancel.Dispose();
            }
        }

        private static string? ParseActivity(CsvReader csv, int id, int type, int contact, int channelColumn, int originColumn, int direction, int state,
            List<int> timeColumns, out Guid activityId, out Guid contactId, out Channel channel, out Origin origin, out bool incoming, out ActivityState activityState, out DateTime time)
        {
            activityId = default;
            contactId = default;
            channel = default;
            origin = Origin.Human;
            incoming = false;
            activityState = ActivityState.Completed;
            time = default;
            if (csv.IsMalformed) return Unterminated();
            if (!ValueParsers.TryParseGuid(Get(csv, id), out activityId))
                return Text.T("activityid \"" + Get(csv, id).ToString() + "\" is not a GUID.", "activityid \"" + Get(csv, id).ToString() + "\" ist keine GUID.");
            if (!ValueParsers.TryParseGuid(Get(csv, contact), out contactId))
                return Text.T("the contact \"" + Get(csv, contact).ToString() + "\" is not a GUID.", "der Kontakt \"" + Get(csv, contact).ToString() + "\" ist keine GUID.");
            var channelText = Get(csv, channelColumn);
            if (channelText.Trim().Length > 0)
            {
                if (!ValueParsers.TryParseChannel(channelText, out channel))
                    return Text.T("unknown channel \"" + channelText.ToString() + "\" (Email, Phone, Meeting, Letter, Social, Sms, Other).",
                        "unbekannter Kanal \"" + channelText.ToString() + "\" (Email, Phone, Meeting, Letter, Social, Sms, Other).");
            }
            else if (!ValueParsers.TryParseActivityType(Get(csv, type), out channel))
            {
                return Text.T("unknown channel: activity type \"" + Get(csv, type).ToString() + "\" is not email, phonecall, appointment, letter or task, and cat_channel is empty.",
                    "unbekannter Kanal: Aktivitätstyp \"" + Get(csv, type).ToString() + "\" ist nicht email, phonecall, appointment, letter oder task, und cat_channel ist leer.");
            }
            var originText = Get(csv, originColumn);
            if (originText.Trim().Length > 0 && !ValueParsers.TryParseOrigin(originText, out origin))
                return Text.T("unknown origin \"" + originText.ToString() + "\" (Human, Automated, Transactional).", "unbekannte Herkunft \"" + originText.ToString() + "\" (Human, Automated, Transactional).");
            if (!ValueParsers.TryParseIncoming(Get(csv, direction), out incoming))
                return Text.T("directioncode \"" + Get(csv, direction).ToString() + "\" is neither Outgoing nor Incoming.", "directioncode \"" + Get(csv, direction).ToString() + "\" ist weder ausgehend noch eingehend.");
            if (!ValueParsers.TryParseState(Get(csv, state), out activityState))
                return Text.T("statecode \"" + Get(csv, state).ToString() + "\" is not Open, Completed, Canceled or Scheduled.", "statecode \"" + Get(csv, state).ToString() + "\" ist nicht Offen, Abgeschlossen, Abgebrochen oder Geplant.");
            foreach (var column in timeColumns)
            {
                var t = Get(csv, column);
                if (t.Trim().Length == 0) continue;
                if (!ValueParsers.TryParseTime(t, out time))
                    return Text.T("\"" + t.ToString() + "\" is not a date and time (use ISO 8601, e.g. 2025-03-04T09:15:00Z).",
                        "\"" + t.ToString() + "\" ist kein Datum mit Uhrzeit (ISO 8601 verwenden, z. B. 2025-03-04T09:15:00Z).");
                if (time.Year < 2000) return Text.T("the date " + t.ToString() + " is before 2000.", "das Datum " + t.ToString() + " liegt vor 2000.");
                return null;
            }
            return Text.T("no date: actualend, senton and createdon are all empty.", "kein Datum: actualend, senton und createdon sind alle leer.");
        }

        private static string Unterminated() =>
            Text.T("a quoted field is not closed before the end of the file.", "ein Feld in Anführungszeichen wird vor dem Dateiende nicht geschlossen.");

        /// <summary>Opens the file (or its first <paramref name="length"/> bytes) and maps its header.</summary>
        private static CsvReader OpenWithHeader(string path, IReadOnlyList<ExportField> fields, out HeaderMap map, long? length = null)
        {
            if (!File.Exists(path)) throw new CliException("File not found: " + path, "Datei nicht gefunden: " + path);
            var csv = length is long bytes ? CsvReader.Open(path, 0, bytes, 0) : CsvReader.Open(path);
            if (!csv.Read())
            {
                csv.Dispose();
                throw new CliException(path + ": the file is empty (no header row).", path + ": Die Datei ist leer (keine Kopfzeile).");
            }
            var headers = new List<string>();
            for (var i = 0; i < csv.FieldCount; i++) headers.Add(csv.GetString(i));
            try
            {
                map = HeaderMap.Resolve(Path.GetFileName(path), headers, fields);
            }
            catch
            {
                csv.Dispose();
                throw;
            }
            return csv;
        }

        private static ReadOnlySpan<char> Get(CsvReader csv, int index) => index >= 0 && index < csv.FieldCount ? csv.Field(index) : ReadOnlySpan<char>.Empty;

        private static ConsentFlags Flag(CsvReader csv, int index, ExportField field, ConsentFlags flag, ref string? error)
        {
            if (!ValueParsers.TryParseFlag(Get(csv, index), out var set))
            {
                error ??= Text.T(field.LogicalName + " \"" + Get(csv, index).ToString() + "\" is not Yes/No (Allow/Do Not Allow).",
                    field.LogicalName + " \"" + Get(csv, index).ToString() + "\" ist nicht Ja/Nein (Zulassen/Nicht zulassen).");
                return ConsentFlags.None;
            }
            return set ? flag : ConsentFlags.None;
        }

        /// <summary>GUIDs are compared in one form; a name (view exports show the company by name) in lower case.</summary>
        internal static string? AccountKey(ReadOnlySpan<char> text)
        {
            var t = text.Trim();
            if (t.Length == 0) return null;
            return ValueParsers.TryParseGuid(t, out var g) ? g.ToString("D") : t.ToString().ToLowerInvariant();
        }

        private static string OwnerOf(ReadOnlySpan<char> text)
        {
            var t = text.Trim();
            return t.Length == 0 ? NoOwner : t.ToString();
        }

        private static string Intern(Dictionary<string, string> owners, ReadOnlySpan<char> text)
        {
            var t = text.Trim();
            if (t.Length == 0) return NoOwner;
            var lookup = owners.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(t, out var s)) return s;
            s = t.ToString();
            owners.Add(s, s);
            return s;
        }
    }

    /// <summary>A count passed into an iterator (iterators cannot have ref parameters).</summary>
    public sealed class Counter
    {
        public long Value { get; private set; }

        public void Increment() => Value++;
    }
}
