using System;
using System.Globalization;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The language, culture and time zone a message is written in. German when the culture's language is German,
    /// English otherwise (the solution ships labels for 1033 and 1031). Dates are shown in <see cref="TimeZone"/>;
    /// the engine itself works in UTC only.
    /// </summary>
    public sealed class MessageFormat
    {
        public static readonly MessageFormat English = new MessageFormat(CultureInfo.GetCultureInfo("en-GB"), TimeZoneInfo.Utc);
        public static readonly MessageFormat German = new MessageFormat(CultureInfo.GetCultureInfo("de-DE"), TimeZoneInfo.Utc);

        public MessageFormat(CultureInfo culture, TimeZoneInfo? timeZone = null)
        {
            Culture = culture ?? throw new ArgumentNullException(nameof(culture));
            TimeZone = timeZone ?? TimeZoneInfo.Utc;
            IsGerman = string.Equals(culture.TwoLetterISOLanguageName, "de", StringComparison.OrdinalIgnoreCase);
        }

        public CultureInfo Culture { get; }

        public TimeZoneInfo TimeZone { get; }

        public bool IsGerman { get; }

        /// <summary>From a Dataverse language code (the user's UI language, e.g. 1031 German, 1033 English).</summary>
        public static MessageFormat FromLcid(int lcid, TimeZoneInfo? timeZone = null)
        {
            CultureInfo culture;
            try
            {
                culture = CultureInfo.GetCultureInfo(lcid);
            }
            catch (CultureNotFoundException)
            {
                // An LCID the host does not know (custom or retired languages): fall back to English rather than fail a message.
                culture = CultureInfo.GetCultureInfo("en-GB");
            }
            return new MessageFormat(culture, timeZone);
        }

        public MessageFormat WithTimeZone(TimeZoneInfo timeZone) => new MessageFormat(Culture, timeZone);

        /// <summary>"3 December 2026 at 09:40" / "3. Dezember 2026 um 09:40" in the format's time zone.</summary>
        /// <remarks>
        /// Rounded UP to the minute: NextAllowedOn is exact to the second, and showing 09:39 for 09:39:30 would
        /// invite a touch that still fails.
        /// </remarks>
        public string FormatInstant(DateTime utc)
        {
            var ticks = utc.Ticks;
            var rem = ticks % TimeSpan.TicksPerMinute;
            if (rem != 0 && ticks <= DateTime.MaxValue.Ticks - TimeSpan.TicksPerMinute) ticks += TimeSpan.TicksPerMinute - rem;
            var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(ticks, DateTimeKind.Utc), TimeZone);
            var month = MonthName(local.Month);
            return IsGerman
                ? local.Day.ToString(CultureInfo.InvariantCulture) + ". " + month + " " + local.Year.ToString(CultureInfo.InvariantCulture) + " um " + local.ToString("HH:mm", CultureInfo.InvariantCulture)
                : local.Day.ToString(CultureInfo.InvariantCulture) + " " + month + " " + local.Year.ToString(CultureInfo.InvariantCulture) + " at " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        /// <summary>"3 December 2026" / "3. Dezember 2026" in the format's time zone.</summary>
        public string FormatDate(DateTime utc)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
            var month = MonthName(local.Month);
            return IsGerman
                ? local.Day.ToString(CultureInfo.InvariantCulture) + ". " + month + " " + local.Year.ToString(CultureInfo.InvariantCulture)
                : local.Day.ToString(CultureInfo.InvariantCulture) + " " + month + " " + local.Year.ToString(CultureInfo.InvariantCulture);
        }

        public string FormatNumber(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

        public string FormatInteger(int value) => value.ToString(CultureInfo.InvariantCulture);

        public string Pick(string english, string german) => IsGerman ? german : english;

        private string MonthName(int month)
        {
            // Month names come from the culture when it speaks the message language, otherwise from that language's
            // neutral culture (an English message for a user whose culture is fr-FR still reads "December").
            var names = Culture.TwoLetterISOLanguageName == (IsGerman ? "de" : "en")
                ? Culture.DateTimeFormat.MonthGenitiveNames
                : CultureInfo.GetCultureInfo(IsGerman ? "de-DE" : "en-GB").DateTimeFormat.MonthGenitiveNames;
            return names[month - 1];
        }
    }
}
