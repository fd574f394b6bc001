using System;
using System.Globalization;
using System.Xml.Linq;
using CrmAttention.Cli.Export;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>
    /// Which activities a live-org read takes: those ended or created since a UTC time (--since), or in the last N days
    /// (--days) by the org's own clock — FetchXML's last-x-days, so a test org or a machine with a wrong clock still
    /// reads the org's recent history.
    /// </summary>
    public sealed class ActivityWindow
    {
        private ActivityWindow(DateTime? sinceUtc, int? lastDays)
        {
            SinceUtc = sinceUtc;
            LastDays = lastDays;
        }

        public DateTime? SinceUtc { get; }

        public int? LastDays { get; }

        public static ActivityWindow Since(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), null);

        public static ActivityWindow Days(int days)
        {
            if (days < 1 || days > 36500) throw new CliException("--days must be between 1 and 36500.", "--days muss zwischen 1 und 36500 liegen.");
            return new ActivityWindow(null, days);
        }

        /// <summary>The FetchXML condition that a column's time is in the window.</summary>
        public XElement Condition(string column) => LastDays is int days
            ? new XElement("condition", new XAttribute("attribute", column), new XAttribute("operator", "last-x-days"), new XAttribute("value", days.ToString(CultureInfo.InvariantCulture)))
            : new XElement("condition", new XAttribute("attribute", column), new XAttribute("operator", "ge"), new XAttribute("value", ValueParsers.FormatTime(SinceUtc!.Value)));

        public string Describe() => LastDays is int days
            ? Text.T($"of the last {days} days (by the org's clock)", $"der letzten {days} Tage (nach der Uhr der Organisation)")
            : Text.T("since ", "seit ") + SinceUtc!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }
}
