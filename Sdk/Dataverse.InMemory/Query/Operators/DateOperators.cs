using System;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>
    /// Date operators. Each is turned once per query into a UTC interval, computed from QueryContext.UtcNow
    /// (the service clock, never the machine clock) and the user's time zone, which decides where a day,
    /// week, month or year begins, as Dataverse does for UserLocal columns. Stored values are UTC instants.
    /// Hour and minute operators are exact instants; the others are aligned to the user's local midnight.
    /// </summary>
    internal static class DateOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            var clock = new UserClock(scope.Context);
            var today = clock.Today;
            switch (scope.Operator)
            {
                case ConditionOperator.On:
                    return Range(scope, clock.Utc(OnDate(scope, clock)), clock.Utc(OnDate(scope, clock).AddDays(1)), false);
                case ConditionOperator.NotOn:
                {
                    var day = OnDate(scope, clock);
                    var on = Range(scope, clock.Utc(day), clock.Utc(day.AddDays(1)), false);
                    return value => value != null && !on(value);
                }

                case ConditionOperator.OnOrBefore:
                    return Range(scope, DateTime.MinValue, clock.Utc(OnDate(scope, clock).AddDays(1)), false);
                case ConditionOperator.OnOrAfter:
                    return Range(scope, clock.Utc(OnDate(scope, clock)), DateTime.MaxValue, false);
                case ConditionOperator.Today:
                    return Days(scope, clock, today, 1);
                case ConditionOperator.Yesterday:
                    return Days(scope, clock, today.AddDays(-1), 1);
                case ConditionOperator.Tomorrow:
                    return Days(scope, clock, today.AddDays(1), 1);
                case ConditionOperator.Last7Days:
                    scope.RequireValues(0);
                    return Range(scope, clock.Utc(today.AddDays(-7)), clock.NowUtc, true);
                case ConditionOperator.Next7Days:
                    scope.RequireValues(0);
                    return Range(scope, clock.NowUtc, clock.Utc(today.AddDays(8)), false);
                case ConditionOperator.ThisWeek:
                    return Days(scope, clock, clock.WeekStart, 7);
                case ConditionOperator.LastWeek:
                    return Days(scope, clock, clock.WeekStart.AddDays(-7), 7);
                case ConditionOperator.NextWeek:
                    return Days(scope, clock, clock.WeekStart.AddDays(7), 7);
                case ConditionOperator.ThisMonth:
                    return Months(scope, clock, clock.MonthStart, 1);
                case ConditionOperator.LastMonth:
                    return Months(scope, clock, clock.MonthStart.AddMonths(-1), 1);
                case ConditionOperator.NextMonth:
                    return Months(scope, clock, clock.MonthStart.AddMonths(1), 1);
                case ConditionOperator.ThisYear:
                    return Months(scope, clock, clock.YearStart, 12);
                case ConditionOperator.LastYear:
                    return Months(scope, clock, clock.YearStart.AddYears(-1), 12);
                case ConditionOperator.NextYear:
                    return Months(scope, clock, clock.YearStart.AddYears(1), 12);
                case ConditionOperator.LastXHours:
                    return Range(scope, clock.NowUtc.AddHours(-scope.Count()), clock.NowUtc, true);
                case ConditionOperator.NextXHours:
                    return Range(scope, clock.NowUtc, clock.NowUtc.AddHours(scope.Count()), true);
                case ConditionOperator.LastXDays:
                    return Range(scope, clock.Utc(today.AddDays(-scope.Count())), clock.NowUtc, true);
                case ConditionOperator.NextXDays:
                    return Range(scope, clock.NowUtc, clock.Utc(today.AddDays(scope.Count() + 1)), false);
                case ConditionOperator.LastXWeeks:
                    return Range(scope, clock.Utc(today.AddDays(-7 * scope.Count())), clock.NowUtc, true);
                case ConditionOperator.NextXWeeks:
                    return Range(scope, clock.NowUtc, clock.Utc(today.AddDays((7 * scope.Count()) + 1)), false);
                case ConditionOperator.LastXMonths:
                    return Range(scope, clock.Utc(today.AddMonths(-scope.Count())), clock.NowUtc, true);
                case ConditionOperator.NextXMonths:
                    return Range(scope, clock.NowUtc, clock.Utc(today.AddMonths(scope.Count()).AddDays(1)), false);
                case ConditionOperator.LastXYears:
                    return Range(scope, clock.Utc(today.AddYears(-scope.Count())), clock.NowUtc, true);
                case ConditionOperator.NextXYears:
                    return Range(scope, clock.NowUtc, clock.Utc(today.AddYears(scope.Count()).AddDays(1)), false);
                case ConditionOperator.OlderThanXMinutes:
                    return Range(scope, DateTime.MinValue, clock.NowUtc.AddMinutes(-scope.Count()), false);
                case ConditionOperator.OlderThanXHours:
                    return Range(scope, DateTime.MinValue, clock.NowUtc.AddHours(-scope.Count()), false);
                case ConditionOperator.OlderThanXDays:
                    return Range(scope, DateTime.MinValue, clock.Utc(today.AddDays(-scope.Count())), false);
                case ConditionOperator.OlderThanXWeeks:
                    return Range(scope, DateTime.MinValue, clock.Utc(today.AddDays(-7 * scope.Count())), false);
                case ConditionOperator.OlderThanXMonths:
                    return Range(scope, DateTime.MinValue, clock.Utc(today.AddMonths(-scope.Count())), false);
                case ConditionOperator.OlderThanXYears:
                    return Range(scope, DateTime.MinValue, clock.Utc(today.AddYears(-scope.Count())), false);
                default:
                    return null;
            }
        }

        /// <summary>The calendar day an On-style condition names, in the user's time zone.</summary>
        private static DateTime OnDate(OperatorScope scope, UserClock clock)
        {
            scope.RequireValues(1);
            var literal = scope.Literals()[0];
            if (!literal.HasDate)
            {
                throw QueryFaults.Invalid(scope.Context,
                    "The ConditionOperator.{0} on '{1}' needs a date, not '{2}'.",
                    "Der ConditionOperator.{0} für '{1}' braucht ein Datum, nicht '{2}'.",
                    scope.Operator, scope.Column, literal);
            }

            // A UTC instant names the day it falls on for the user; an unspecified or local date names itself.
            return literal.Raw is DateTime { Kind: DateTimeKind.Utc } instant ? clock.Local(instant).Date : literal.CalendarDate;
        }

        private static ValueTest Days(OperatorScope scope, UserClock clock, DateTime localStart, int days)
        {
            scope.RequireValues(0);
            return Range(scope, clock.Utc(localStart), clock.Utc(localStart.AddDays(days)), false);
        }

        private static ValueTest Months(OperatorScope scope, UserClock clock, DateTime localStart, int months)
        {
            scope.RequireValues(0);
            return Range(scope, clock.Utc(localStart), clock.Utc(localStart.AddMonths(months)), false);
        }

        /// <summary>Matches stored instants in [start, end) or [start, end] when endInclusive.</summary>
        private static ValueTest Range(OperatorScope scope, DateTime startUtc, DateTime endUtc, bool endInclusive)
        {
            var start = startUtc.Ticks;
            var end = endUtc.Ticks;
            return value =>
            {
                if (value == null)
                {
                    return false;
                }

                if (value is not DateTime date)
                {
                    throw scope.Mismatch(value, "DateTime");
                }

                var ticks = Literal.ToUtc(date).Ticks;
                return ticks >= start && (endInclusive ? ticks <= end : ticks < end);
            };
        }

        /// <summary>The user's view of the service clock.</summary>
        internal sealed class UserClock
        {
            private readonly TimeZoneInfo zone;

            public UserClock(QueryContext context)
            {
                zone = context.UserTimeZone;
                NowUtc = Literal.ToUtc(context.UtcNow);
                Today = Local(NowUtc).Date;
                var offset = ((int)Today.DayOfWeek - (int)context.FirstDayOfWeek + 7) % 7;
                WeekStart = Today.AddDays(-offset);
                MonthStart = new DateTime(Today.Year, Today.Month, 1);
                YearStart = new DateTime(Today.Year, 1, 1);
            }

            public DateTime NowUtc { get; }

            public DateTime Today { get; }

            public DateTime WeekStart { get; }

            public DateTime MonthStart { get; }

            public DateTime YearStart { get; }

            public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(Literal.ToUtc(utc), zone);

            /// <summary>The UTC instant of a local wall-clock time; a time skipped by a DST change moves forward.</summary>
            public DateTime Utc(DateTime local)
            {
                var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
                while (zone.IsInvalidTime(unspecified))
                {
                    unspecified = unspecified.AddMinutes(30);
                }

                return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
            }
        }
    }
}
