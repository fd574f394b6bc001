using System;
using System.Globalization;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Export
{
    /// <summary>What an activity row is, once its type, direction and state are read.</summary>
    public enum ActivityState
    {
        Completed = 0,
        Open = 1,
        Canceled = 2,
    }

    /// <summary>
    /// Parses the values Dataverse writes into exports: logical values (true/false, option codes, ISO 8601 times)
    /// from the Web API and `pac data export`, and the English and German labels from view exports.
    /// </summary>
    public static class ValueParsers
    {
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
            "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy",
            "d.M.yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy",
        };

        /// <summary>
        /// A time in UTC. ISO 8601 with an offset is converted; times without an offset are taken as UTC (Web API and
        /// `pac` exports write UTC). US (M/d/yyyy) and German (d.M.yyyy) view-export formats are accepted too.
        /// </summary>
        public static bool TryParseTime(ReadOnlySpan<char> text, out DateTime utc)
        {
            text = text.Trim();
            if (TryParseIsoFast(text, out utc)) return true;
            if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
            {
                utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
                return true;
            }
            utc = default;
            return false;
        }

        // "2025-03-04T09:15:00Z" is what the Web API writes and what the sample writes: parse it without the general machinery.
        private static bool TryParseIsoFast(ReadOnlySpan<char> s, out DateTime utc)
        {
            utc = default;
            if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
            if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
                || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }

        private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - '0';
                if (d < 0 || d > 9) return false;
                value = value * 10 + d;
            }
            return true;
        }

        public static string FormatTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>A GUID in any of .NET's formats, with or without braces (view exports write braces on some columns).</summary>
        public static bool TryParseGuid(ReadOnlySpan<char> text, out Guid id) => Guid.TryParse(text.Trim(), out id);

        /// <summary>Two-option columns: true/false, 1/0, Yes/No, Ja/Nein, and the labels of the consent columns ("Do Not Allow" = true).</summary>
        public static bool TryParseFlag(ReadOnlySpan<char> text, out bool value)
        {
            var t = text.Trim();
            value = false;
            if (t.Length == 0) return true;
            if (Is(t, "true") || Is(t, "1") || Is(t, "yes") || Is(t, "ja") || Is(t, "do not allow") || Is(t, "nicht zulassen")) value = true;
            else if (Is(t, "false") || Is(t, "0") || Is(t, "no") || Is(t, "nein") || Is(t, "allow") || Is(t, "zulassen")) value = false;
            else return false;
            return true;
        }

        /// <summary>directioncode: true/Outgoing = outbound touch; false/Incoming = the contact's response. Empty means outgoing.</summary>
        public static bool TryParseIncoming(ReadOnlySpan<char> text, out bool incoming)
        {
            var t = text.Trim();
            incoming = false;
            if (t.Length == 0 || Is(t, "true") || Is(t, "1") || Is(t, "outgoing") || Is(t, "ausgehend")) return true;
            if (Is(t, "false") || Is(t, "0") || Is(t, "incoming") || Is(t, "eingehend"))
            {
                incoming = true;
                return true;
            }
            return false;
        }

        /// <summary>statecode of an activity: 0 Open, 1 Completed, 2 Canceled, 3 Scheduled (appointments), or their labels. Empty = Completed.</summary>
        public static bool TryParseState(ReadOnlySpan<char> text, out ActivityState state)
        {
            var t = text.Trim();
            state = ActivityState.Completed;
            if (t.Length == 0 || Is(t, "1") || Is(t, "completed") || Is(t, "abgeschlossen") || Is(t, "sent") || Is(t, "gesendet")) return true;
            if (Is(t, "0") || Is(t, "3") || Is(t, "open") || Is(t, "offen") || Is(t, "scheduled") || Is(t, "geplant"))
            {
                state = ActivityState.Open;
                return true;
            }
            if (Is(t, "2") || Is(t, "canceled") || Is(t, "cancelled") || Is(t, "abgebrochen") || Is(t, "storniert"))
            {
                state = ActivityState.Canceled;
                return true;
            }
            return false;
        }

        /// <summary>The channel of an activity type (logical name, object type code or label); false for a type that is not a touch channel.</summary>
        public static bool TryParseActivityType(ReadOnlySpan<char> text, out Channel channel)
        {
            var t = text.Trim();
            channel = Channel.Other;
            if (Is(t, "email") || Is(t, "4202") || Is(t, "e-mail")) channel = Channel.Email;
            else if (Is(t, "phonecall") || Is(t, "4210") || Is(t, "phone call") || Is(t, "telefonanruf")) channel = Channel.Phone;
            else if (Is(t, "appointment") || Is(t, "4201") || Is(t, "termin")) channel = Channel.Meeting;
            else if (Is(t, "letter") || Is(t, "4207") || Is(t, "brief")) channel = Channel.Letter;
            else if (Is(t, "task") || Is(t, "4212") || Is(t, "aufgabe")) channel = Channel.Other;
            else return false;
            return true;
        }

        /// <summary>cat_channel: a name (Email, Phone, …), a plain code 0–6, or the choice value 742800000 + code.</summary>
        public static bool TryParseChannel(ReadOnlySpan<char> text, out Channel channel) => TryParseCode(text, 7, ChannelNames, out channel);

        /// <summary>cat_origin: Human, Automated, Transactional (or Mensch, Automatisiert, Transaktional), a code 0–2 or 742800000 + code.</summary>
        public static bool TryParseOrigin(ReadOnlySpan<char> text, out Origin origin) => TryParseCode(text, 3, OriginNames, out origin);

        private static readonly string[][] ChannelNames =
        {
            new[] { "email", "e-mail" }, new[] { "phone", "telefon" }, new[] { "meeting", "termin", "besprechung" }, new[] { "letter", "brief" },
            new[] { "social", "soziale medien" }, new[] { "sms" }, new[] { "other", "sonstige", "andere" },
        };

        private static readonly string[][] OriginNames =
        {
            new[] { "human", "mensch", "person" }, new[] { "automated", "automatisiert" }, new[] { "transactional", "transaktional" },
        };

        private static bool TryParseCode<T>(ReadOnlySpan<char> text, int count, string[][] names, out T value) where T : struct, Enum
        {
            var t = text.Trim();
            value = default;
            if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
            {
                if (code >= CrmAttention.Model.Choices.OptionValueBase) code -= CrmAttention.Model.Choices.OptionValueBase;
                if (code < 0 || code >= count) return false;
                value = (T)Enum.ToObject(typeof(T), code);
                return true;
            }
            for (var i = 0; i < count; i++)
            {
                foreach (var name in names[i])
                {
                    if (Is(t, name))
                    {
                        value = (T)Enum.ToObject(typeof(T), i);
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>A money or decimal value in invariant form (1234.5), with an optional currency symbol or code around it.</summary>
        public static bool TryParseMoney(ReadOnlySpan<char> text, out decimal? value)
        {
            var t = text.Trim();
            value = null;
            if (t.Length == 0) return true;
            var start = 0;
            var end = t.Length;
            while (start < end && !char.IsDigit(t[start]) && t[start] != '-' && t[start] != '.') start++;
            while (end > start && !char.IsDigit(t[end - 1])) end--;
            if (start >= end) return false;
            if (!decimal.TryParse(t.Slice(start, end - start), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return false;
            value = d;
            return true;
        }

        private static bool Is(ReadOnlySpan<char> text, string candidate) => text.Equals(candidate.AsSpan(), StringComparison.OrdinalIgnoreCase);
    }
}
