using System;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>How a ledger text was read.</summary>
    public enum LedgerStatus
    {
        /// <summary>Read completely.</summary>
        Ok = 0,

        /// <summary>No text: a contact nobody has touched yet.</summary>
        Empty = 1,

        /// <summary>The text is damaged; treated as empty.</summary>
        Corrupt = 2,

        /// <summary>Written by a newer (or unknown) format version; treated as empty.</summary>
        UnknownVersion = 3,
    }

    /// <summary>
    /// The recent touches, responses and pending touches of a contact or account, oldest first. Persisted in
    /// cat_ledger as compact versioned text:
    /// <c>L2|U3.1;T01fx3k2a.1z9k3b;R00fx4a01;P11fx5b00.k2j3!1z14</c> — first, optionally, the unanswered counters
    /// ('U', a person's and the automations' unanswered touches since the last response, base 36), then per entry a kind letter (T touch, R response,
    /// P pending), the channel and origin digits, the time in base-36 seconds since 2000-01-01 UTC, optionally '.'
    /// and the base-36 activity key, and for a pending touch '!' and its lifetime in base-36 seconds. About 17
    /// characters per entry, so the 4,000-character memo holds some 200 entries; <see cref="Format"/> drops the
    /// oldest first when more would not fit. Version 1 (<c>L1|</c>, no counters) is still read: its counters are
    /// derived from the entries when first needed, and the next write is version 2. Reading never throws: damaged or unknown-version text yields an empty
    /// ledger with <see cref="Status"/> saying why, so a broken memo costs some history, never a touch.
    /// </summary>
    public sealed class Ledger
    {
        public const string VersionPrefix = "L2|";

        /// <summary>The first format: entries only, no unanswered counters. Read, never written.</summary>
        public const string Version1Prefix = "L1|";
        private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        private readonly LedgerEntryList _entries;
        private LedgerIndex? _index;

        // Pending entries in _entries: without any, pruning and confirming a touch need not look for them.
        private int _pending;

        // Transactional touches in _entries, the touches the index leaves out: without any, the index answers Contains.
        private int _transactional;

        public Ledger()
        {
            _entries = new LedgerEntryList(0);
            Status = LedgerStatus.Empty;
        }

        private Ledger(LedgerEntryList entries, LedgerStatus status, int? unansweredHuman = null, int? unansweredAutomated = null)
        {
            _entries = entries;
            CountKinds(entries, out _pending, out _transactional);
            Status = status;
            UnansweredHuman = unansweredHuman;
            UnansweredAutomated = unansweredAutomated;
        }

        /// <summary>
        /// A person's touches since the contact's last response (the cool-down for people counts these); null when the
        /// text was version 1, which did not store it (<see cref="ContactState.UnansweredHumanTouches"/> derives it then).
        /// </summary>
        public int? UnansweredHuman { get; set; }

        /// <summary>Automated touches since the contact's last response (the automated cool-down counts these); null as above.</summary>
        public int? UnansweredAutomated { get; set; }

        public LedgerStatus Status { get; private set; }

        /// <summary>True when the stored text could not be used (corrupt or unknown version): worth logging.</summary>
        public bool IsFlagged => Status == LedgerStatus.Corrupt || Status == LedgerStatus.UnknownVersion;

        public IReadOnlyList<LedgerEntry> Entries => _entries;

        /// <summary>The list itself, for the evaluation loop: indexing it is cheaper than an interface call per entry.</summary>
        internal LedgerEntryList Items => _entries;

        public int Count => _entries.Count;

        public LedgerEntry this[int index] => _entries[index];

        /// <summary>Reads a ledger text; never throws.</summary>
        public static Ledger Parse(string? text)
        {
            if (text is null || text.Length == 0) return new Ledger();
            var bar = text.IndexOf('|');
            var version2 = bar + 1 == VersionPrefix.Length && string.CompareOrdinal(text, 0, VersionPrefix, 0, VersionPrefix.Length) == 0;
            if (!version2 && (bar + 1 != Version1Prefix.Length || string.CompareOrdinal(text, 0, Version1Prefix, 0, Version1Prefix.Length) != 0))
            {
                // "L7|..." is a well-formed header of a version we do not know; anything else is damage.
                var knownShape = bar >= 2 && text[0] == 'L' && AllDigits(text, 1, bar - 1);
                return new Ledger(new LedgerEntryList(0), knownShape ? LedgerStatus.UnknownVersion : LedgerStatus.Corrupt);
            }
            // Entries take 13 to 25 characters; sizing the list once avoids regrowing it for a full memo.
            var entries = new LedgerEntryList(text.Length / 12 + 1);
            var pos = VersionPrefix.Length;
            int? human = null, automated = null;
            if (version2 && pos < text.Length && text[pos] == 'U')
            {
                var end = text.IndexOf(';', pos);
                if (end < 0) end = text.Length;
                var at = pos + 1;
                if (!TryReadBase36(text, ref at, end, 6, out var h) || at >= end || text[at] != '.') return new Ledger(new LedgerEntryList(0), LedgerStatus.Corrupt);
                at++;
                if (!TryReadBase36(text, ref at, end, 6, out var a) || at != end) return new Ledger(new LedgerEntryList(0), LedgerStatus.Corrupt);
                if (end == text.Length - 1) return new Ledger(new LedgerEntryList(0), LedgerStatus.Corrupt);
                human = (int)h;
                automated = (int)a;
                pos = end + 1;
            }
            var sorted = true;
            while (pos < text.Length)
            {
                var end = text.IndexOf(';', pos);
                if (end < 0) end = text.Length;
                if (!TryParseEntry(text, pos, end, out var entry)) return new Ledger(new LedgerEntryList(0), LedgerStatus.Corrupt);
                if (entries.Count > 0 && entries[entries.Count - 1].Time > entry.Time) sorted = false;
                entries.Add(entry);
                pos = end + 1;
                if (end == text.Length - 1) return new Ledger(new LedgerEntryList(0), LedgerStatus.Corrupt);
            }
            if (!sorted) StableSortByTime(entries);
            return new Ledger(entries, entries.Count == 0 && human is null ? LedgerStatus.Empty : LedgerStatus.Ok, human, automated);
        }

        /// <summary>The ledger text, at most <paramref name="maxChars"/> characters; the oldest entries are left out first.</summary>
        public string Format(int maxChars = PolicyDefaults.LedgerMaxChars)
        {
            if (maxChars < VersionPrefix.Length) throw new ArgumentOutOfRangeException(nameof(maxChars), maxChars, "Too short for the ledger header.");
            var counters = UnansweredHuman is int h && UnansweredAutomated is int a
                ? "U" + ToBase36((ulong)Math.Max(0, h)) + "." + ToBase36((ulong)Math.Max(0, a))
                : null;
            var length = VersionPrefix.Length;
            if (counters is not null && length + counters.Length <= maxChars) length += counters.Length;
            else counters = null;
            var first = _entries.Count;
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                var add = EncodedLength(_entries[i]) + (i == _entries.Count - 1 && counters is null ? 0 : 1);
                if (length + add > maxChars) break;
                length += add;
                first = i;
            }
            // The exact length is known, so the text is written straight into one buffer.
            var buffer = new char[length];
            VersionPrefix.CopyTo(0, buffer, 0, VersionPrefix.Length);
            var pos = VersionPrefix.Length;
            if (counters is not null)
            {
                counters.CopyTo(0, buffer, pos, counters.Length);
                pos += counters.Length;
            }
            for (var i = first; i < _entries.Count; i++)
            {
                if (i > first || counters is not null) buffer[pos++] = ';';
                pos = Encode(buffer, pos, _entries[i]);
            }
            return new string(buffer, 0, pos);
        }

        /// <summary>Inserts an entry in time order (after entries with the same time).</summary>
        public void Add(LedgerEntry entry)
        {
            var i = _entries.Count;
            while (i > 0 && _entries[i - 1].Time > entry.Time) i--;
            if (i == _entries.Count) _entries.Add(entry);
            else _entries.Insert(i, entry);
            if (entry.Kind == LedgerEntryKind.Pending) _pending++;
            else if (entry.Kind == LedgerEntryKind.Touch && entry.Origin == Origin.Transactional) _transactional++;
            // Responses and transactional touches are not in the index (it holds budgeted touches and pending ones); a
            // touch after every indexed one (the usual case: touches are recorded as they happen) is appended to it.
            if (_index is not null)
            {
                if (entry.Kind == LedgerEntryKind.Pending) _index = null;
                else if (LedgerIndex.IsIndexed(entry))
                {
                    if (entry.Time.Ticks >= _index.LastTicks) _index.Append(entry);
                    else _index = null;
                }
            }
            if (Status != LedgerStatus.Ok) Status = LedgerStatus.Ok;
        }

        /// <summary>True when an entry of <paramref name="kind"/> with this activity key exists (key 0 never matches).</summary>
        public bool Contains(uint key, LedgerEntryKind kind)
        {
            if (key == 0) return false;
            // Every touch but a transactional one is in the index, when there is one (a replay evaluated the touch first).
            if (kind == LedgerEntryKind.Touch && _transactional == 0 && _index is not null) return _index.HasTouchKey(key);
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key == key && _entries[i].Kind == kind) return true;
            }
            return false;
        }

        /// <summary>Removes the pending entries of an activity; returns how many.</summary>
        public int RemovePending(uint key)
        {
            if (key == 0) return 0;
            // Without pending entries there is nothing to look for (the common case: a touch without a reservation).
            if (_pending == 0) return 0;
            var removed = 0;
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                if (_entries[i].Kind != LedgerEntryKind.Pending || _entries[i].Key != key) continue;
                _entries.RemoveAt(i);
                removed++;
            }
            // The index stays valid when nothing was removed.
            if (removed > 0)
            {
                _pending -= removed;
                _index = null;
            }
            return removed;
        }

        /// <summary>
        /// Drops what no rule or model step can use any more: touches and responses at or before
        /// <paramref name="keepAfter"/>, and pending touches that have expired by <paramref name="now"/>.
        /// </summary>
        public int Prune(DateTime keepAfter, DateTime now)
        {
            if (_pending == 0)
            {
                // Entries are in time order, so without pending entries the ones to drop are the oldest: scan from the
                // front until the first one to keep, and drop the same touches from the front of the index.
                var drop = 0;
                var droppedTouches = 0;
                while (drop < _entries.Count && _entries[drop].Time <= keepAfter)
                {
                    var e = _entries[drop];
                    if (LedgerIndex.IsIndexed(e)) droppedTouches++;
                    else if (e.Kind == LedgerEntryKind.Touch) _transactional--;
                    drop++;
                }
                if (drop == 0) return 0;
                _entries.RemoveOldest(drop);
                _index?.DropOldest(droppedTouches);
                return drop;
            }
            var write = 0;
            for (var read = 0; read < _entries.Count; read++)
            {
                var e = _entries[read];
                if (e.Kind == LedgerEntryKind.Pending ? e.ExpiresOn <= now : e.Time <= keepAfter) continue;
                if (write != read) _entries[write] = e;
                write++;
            }
            var removed = _entries.Count - write;
            if (removed == 0) return 0;
            _entries.Truncate(write);
            CountKinds(_entries, out _pending, out _transactional);
            _index = null;
            return removed;
        }

        /// <summary>
        /// Sorted times and prefix counts of the completed budgeted touches (see <see cref="LedgerIndex"/>): built on first
        /// use, then kept up to date by <see cref="Add"/> and <see cref="Prune"/> where they can, built again otherwise.
        /// </summary>
        internal LedgerIndex Index => _index ??= LedgerIndex.Build(_entries);

        public Ledger Clone() => new Ledger(new LedgerEntryList(_entries), Status, UnansweredHuman, UnansweredAutomated);

        private static void CountKinds(LedgerEntryList entries, out int pending, out int transactional)
        {
            pending = 0;
            transactional = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Kind == LedgerEntryKind.Pending) pending++;
                else if (e.Kind == LedgerEntryKind.Touch && e.Origin == Origin.Transactional) transactional++;
            }
        }

        private static string ToBase36(ulong v)
        {
            var buffer = new char[Base36Length(v)];
            WriteBase36(buffer, 0, v);
            return new string(buffer);
        }

        private static int EncodedLength(LedgerEntry e)
        {
            var n = 3 + Base36Length((ulong)SecondsSinceEpoch(e.Time));
            if (e.Key != 0) n += 1 + Base36Length(e.Key);
            if (e.Kind == LedgerEntryKind.Pending) n += 1 + Base36Length((ulong)((e.ExpiresOn - e.Time).Ticks / TimeSpan.TicksPerSecond));
            return n;
        }

        private static int Encode(char[] buffer, int pos, LedgerEntry e)
        {
            buffer[pos++] = e.Kind == LedgerEntryKind.Touch ? 'T' : e.Kind == LedgerEntryKind.Response ? 'R' : 'P';
            buffer[pos++] = (char)('0' + (int)e.Channel);
            buffer[pos++] = (char)('0' + (int)e.Origin);
            pos = WriteBase36(buffer, pos, (ulong)SecondsSinceEpoch(e.Time));
            if (e.Key != 0)
            {
                buffer[pos++] = '.';
                pos = WriteBase36(buffer, pos, e.Key);
            }
            if (e.Kind == LedgerEntryKind.Pending)
            {
                buffer[pos++] = '!';
                pos = WriteBase36(buffer, pos, (ulong)((e.ExpiresOn - e.Time).Ticks / TimeSpan.TicksPerSecond));
            }
            return pos;
        }

        private static bool TryParseEntry(string text, int start, int end, out LedgerEntry entry)
        {
            entry = default;
            if (end - start < 4) return false;
            LedgerEntryKind kind;
            switch (text[start])
            {
                case 'T': kind = LedgerEntryKind.Touch; break;
                case 'R': kind = LedgerEntryKind.Response; break;
                case 'P': kind = LedgerEntryKind.Pending; break;
                default: return false;
            }
            var channel = text[start + 1] - '0';
            var origin = text[start + 2] - '0';
            if (channel < 0 || channel >= ModelParameters.ChannelCount || origin < 0 || origin >= ModelParameters.OriginCount) return false;
            var pos = start + 3;
            if (!TryReadBase36(text, ref pos, end, 8, out var seconds)) return false;
            // 250,000,000,000 s after 2000 is still before DateTime.MaxValue; anything beyond is damage.
            if (seconds > 250000000000UL) return false;
            var time = LedgerEntry.Epoch.AddTicks((long)seconds * TimeSpan.TicksPerSecond);
            uint key = 0;
            if (pos < end && text[pos] == '.')
            {
                pos++;
                if (!TryReadBase36(text, ref pos, end, 7, out var k) || k == 0 || k > uint.MaxValue) return false;
                key = (uint)k;
            }
            var expires = DateTime.MaxValue;
            if (kind == LedgerEntryKind.Pending)
            {
                if (pos >= end || text[pos] != '!') return false;
                pos++;
                if (!TryReadBase36(text, ref pos, end, 7, out var life) || life > 31UL * 24 * 3600) return false;
                expires = time.AddTicks((long)life * TimeSpan.TicksPerSecond);
            }
            if (pos != end) return false;
            if (kind == LedgerEntryKind.Response && origin != (int)Origin.Human) return false;
            entry = LedgerEntry.FromParts(kind, time, (Channel)channel, (Origin)origin, key, expires);
            return true;
        }

        private static bool TryReadBase36(string text, ref int pos, int end, int maxDigits, out ulong value)
        {
            value = 0;
            var digits = 0;
            while (pos < end)
            {
                var c = text[pos];
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
                else break;
                if (++digits > maxDigits) return false;
                value = value * 36 + (ulong)d;
                pos++;
            }
            return digits > 0;
        }

        private static long SecondsSinceEpoch(DateTime t) => (t.Ticks - LedgerEntry.Epoch.Ticks) / TimeSpan.TicksPerSecond;

        private static int Base36Length(ulong v)
        {
            var n = 1;
            while (v >= 36)
            {
                v /= 36;
                n++;
            }
            return n;
        }

        private static int WriteBase36(char[] buffer, int pos, ulong v)
        {
            var n = Base36Length(v);
            for (var i = n - 1; i >= 0; i--)
            {
                buffer[pos + i] = Digits[(int)(v % 36)];
                v /= 36;
            }
            return pos + n;
        }

        private static bool AllDigits(string s, int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }
            return count > 0;
        }

        private static void StableSortByTime(LedgerEntryList entries)
        {
            // Insertion sort keeps entries with equal times in their written order; ledgers are short and nearly sorted.
            for (var i = 1; i < entries.Count; i++)
            {
                var item = entries[i];
                var j = i - 1;
                while (j >= 0 && entries[j].Time > item.Time)
                {
                    entries[j + 1] = entries[j];
                    j--;
                }
                entries[j + 1] = item;
            }
        }
    }
}
