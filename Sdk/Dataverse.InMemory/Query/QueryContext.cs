using System;
using System.Collections.Generic;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Who runs a query and when. Relative-date operators (Today, LastXDays, OlderThanXMonths …) are evaluated
    /// against <see cref="UtcNow"/> in the user's time zone, as Dataverse evaluates them.
    /// </summary>
    public sealed class QueryContext
    {
        /// <summary>The service clock's current instant (UTC). Relative-date operators use it.</summary>
        public DateTime UtcNow { get; set; }

        /// <summary>The calling user; EqualUserId / NotEqualUserId compare with it.</summary>
        public Guid UserId { get; set; }

        /// <summary>The calling user's business unit; EqualBusinessId / NotEqualBusinessId compare with it.</summary>
        public Guid BusinessUnitId { get; set; }

        /// <summary>
        /// The user's time zone. Day boundaries of date operators (On, Today, ThisWeek …) are the user's local
        /// midnight, as in Dataverse where the user's time zone setting decides them. Default UTC.
        /// </summary>
        public TimeZoneInfo UserTimeZone { get; set; } = TimeZoneInfo.Utc;

        /// <summary>
        /// Teams the calling user belongs to; EqualUserTeams and EqualUserOrUserTeams compare with them.
        /// </summary>
        public IReadOnlyCollection<Guid> UserTeamIds { get; set; } = Array.Empty<Guid>();

        /// <summary>
        /// First day of the week for ThisWeek / LastWeek / NextWeek and week date grouping. Dataverse takes it
        /// from the organization's or user's format settings; the default matches an en-US organization.
        /// </summary>
        public DayOfWeek FirstDayOfWeek { get; set; } = DayOfWeek.Sunday;

        /// <summary>
        /// The caller's UI language (LCID). Fault messages are given in German for 1031 and in English otherwise;
        /// EqualUserLanguage compares with it. Default 1033 (English).
        /// </summary>
        public int LanguageCode { get; set; } = 1033;

        /// <summary>
        /// Columns with a full-text index, as "table.column". Dataverse accepts Contains / DoesNotContain only
        /// on such columns (out of the box only knowledge article text) and faults for any other column.
        /// </summary>
        public ISet<string> FullTextIndexedColumns { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Optional lookup of a choice label: (table, column, value) → label in the user's language, or null.
        /// Dataverse sorts choice columns by label unless the fetch sets useraworderby; without this
        /// callback the engine sorts choices by their integer value.
        /// </summary>
        public Func<string, string, int, string?>? ChoiceLabel { get; set; }

        /// <summary>
        /// Optional check (table, column) → whether the column exists. When set, a query naming an unknown column
        /// (in a condition, order, column set, join or aggregate) faults as Dataverse does (0x80041103) instead of
        /// reading the column as NULL; set it for tables with metadata.
        /// </summary>
        public Func<string, string, bool>? ColumnExists { get; set; }
    }
}
