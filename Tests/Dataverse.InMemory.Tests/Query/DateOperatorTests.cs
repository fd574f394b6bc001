using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>The clock is fixed at Wednesday 15 May 2024, 10:30 UTC.</summary>
    public sealed class DateOperatorTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");
        private int next = 1;

        private static DateTime Utc(int month, int day, int hour = 0, int minute = 0, int second = 0, int year = 2024) =>
            new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);

        private int At(DateTime value)
        {
            var id = next++;
            world.Add("contact", id, ("createdon", value));
            return id;
        }

        private int[] Matching(ConditionOperator op, params object[] values) => world.Where("createdon", op, values);

        [Fact]
        public void Today_covers_the_whole_utc_day_and_nothing_around_it()
        {
            At(Utc(5, 14, 23, 59, 59));
            var midnight = At(Utc(5, 15));
            var lastSecond = At(Utc(5, 15, 23, 59, 59));
            At(Utc(5, 16));
            world.Add("contact", 99);
            Assert.Equal(new[] { midnight, lastSecond }, Matching(ConditionOperator.Today));
        }

        [Fact]
        public void Yesterday_and_Tomorrow_are_the_neighbouring_days()
        {
            var yesterday = At(Utc(5, 14, 12));
            At(Utc(5, 15, 12));
            var tomorrow = At(Utc(5, 16, 12));
            Assert.Equal(new[] { yesterday }, Matching(ConditionOperator.Yesterday));
            Assert.Equal(new[] { tomorrow }, Matching(ConditionOperator.Tomorrow));
        }

        [Fact]
        public void Day_boundaries_follow_the_users_time_zone()
        {
            world.Context.UserTimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");
            var localMidnight = At(Utc(5, 14, 22));
            At(Utc(5, 14, 21, 59, 59));
            At(Utc(5, 15, 22));
            var lateLocal = At(Utc(5, 15, 21, 59));
            Assert.Equal(new[] { localMidnight, lateLocal }, Matching(ConditionOperator.Today));
        }

        [Fact]
        public void On_matches_the_named_day_and_NotOn_the_other_non_null_days()
        {
            var on = At(Utc(5, 10, 18));
            var before = At(Utc(5, 9, 23, 59));
            var after = At(Utc(5, 11));
            world.Add("contact", 99);
            Assert.Equal(new[] { on }, Matching(ConditionOperator.On, new DateTime(2024, 5, 10)));
            Assert.Equal(new[] { before, after }, Matching(ConditionOperator.NotOn, new DateTime(2024, 5, 10)));
        }

        [Fact]
        public void OnOrBefore_and_OnOrAfter_include_the_whole_named_day()
        {
            var before = At(Utc(5, 9));
            var on = At(Utc(5, 10, 23, 59, 59));
            var after = At(Utc(5, 11));
            Assert.Equal(new[] { before, on }, Matching(ConditionOperator.OnOrBefore, new DateTime(2024, 5, 10)));
            Assert.Equal(new[] { on, after }, Matching(ConditionOperator.OnOrAfter, new DateTime(2024, 5, 10)));
        }

        [Fact]
        public void Last7Days_runs_from_midnight_seven_days_ago_until_now()
        {
            At(Utc(5, 7, 23, 59, 59));
            var first = At(Utc(5, 8));
            var now = At(QueryWorld.Now);
            At(QueryWorld.Now.AddSeconds(1));
            Assert.Equal(new[] { first, now }, Matching(ConditionOperator.Last7Days));
        }

        [Fact]
        public void Next7Days_runs_from_now_to_the_end_of_the_seventh_day()
        {
            At(QueryWorld.Now.AddSeconds(-1));
            var now = At(QueryWorld.Now);
            var last = At(Utc(5, 22, 23, 59, 59));
            At(Utc(5, 23));
            Assert.Equal(new[] { now, last }, Matching(ConditionOperator.Next7Days));
        }

        [Fact]
        public void Weeks_start_on_sunday_by_default()
        {
            var lastSaturday = At(Utc(5, 11, 23, 59));
            var sunday = At(Utc(5, 12));
            var saturday = At(Utc(5, 18, 23, 59));
            var nextSunday = At(Utc(5, 19));
            var previousSunday = At(Utc(5, 5));
            Assert.Equal(new[] { sunday, saturday }, Matching(ConditionOperator.ThisWeek));
            Assert.Equal(new[] { lastSaturday, previousSunday }, Matching(ConditionOperator.LastWeek));
            Assert.Equal(new[] { nextSunday }, Matching(ConditionOperator.NextWeek));
        }

        [Fact]
        public void Weeks_start_on_the_configured_first_day()
        {
            world.Context.FirstDayOfWeek = DayOfWeek.Monday;
            At(Utc(5, 12));
            var monday = At(Utc(5, 13));
            var sunday = At(Utc(5, 19, 12));
            Assert.Equal(new[] { monday, sunday }, Matching(ConditionOperator.ThisWeek));
        }

        [Fact]
        public void Months_and_years_are_calendar_periods()
        {
            var april = At(Utc(4, 30, 23, 59));
            var may = At(Utc(5, 1));
            var june = At(Utc(6, 1));
            var lastYear = At(Utc(12, 31, 23, 59, year: 2023));
            var nextYear = At(Utc(1, 1, year: 2025));
            Assert.Equal(new[] { may }, Matching(ConditionOperator.ThisMonth));
            Assert.Equal(new[] { april }, Matching(ConditionOperator.LastMonth));
            Assert.Equal(new[] { june }, Matching(ConditionOperator.NextMonth));
            Assert.Equal(new[] { april, may, june }, Matching(ConditionOperator.ThisYear));
            Assert.Equal(new[] { lastYear }, Matching(ConditionOperator.LastYear));
            Assert.Equal(new[] { nextYear }, Matching(ConditionOperator.NextYear));
        }

        [Fact]
        public void LastXHours_and_NextXHours_are_exact_instants()
        {
            At(Utc(5, 15, 8, 29, 59));
            var twoHoursAgo = At(Utc(5, 15, 8, 30));
            var inTwoHours = At(Utc(5, 15, 12, 30));
            At(Utc(5, 15, 12, 30, 1));
            Assert.Equal(new[] { twoHoursAgo }, Matching(ConditionOperator.LastXHours, 2));
            Assert.Equal(new[] { inTwoHours }, Matching(ConditionOperator.NextXHours, 2));
        }

        [Fact]
        public void LastXDays_and_NextXDays_align_to_midnight()
        {
            At(Utc(5, 11, 23, 59));
            var threeDaysAgo = At(Utc(5, 12));
            var inThreeDays = At(Utc(5, 18, 23, 59));
            At(Utc(5, 19));
            Assert.Equal(new[] { threeDaysAgo }, Matching(ConditionOperator.LastXDays, 3));
            Assert.Equal(new[] { inThreeDays }, Matching(ConditionOperator.NextXDays, "3"));
        }

        [Fact]
        public void LastXWeeks_LastXMonths_and_LastXYears_count_back_from_today()
        {
            var weekAgo = At(Utc(5, 8));
            var monthAgo = At(Utc(4, 15));
            var yearAgo = At(Utc(5, 15, year: 2023));
            Assert.Equal(new[] { weekAgo }, Matching(ConditionOperator.LastXWeeks, 1));
            Assert.Equal(new[] { weekAgo, monthAgo }, Matching(ConditionOperator.LastXMonths, 1));
            Assert.Equal(new[] { weekAgo, monthAgo, yearAgo }, Matching(ConditionOperator.LastXYears, 1));
        }

        [Fact]
        public void NextXWeeks_NextXMonths_and_NextXYears_count_forward_from_today()
        {
            var inWeek = At(Utc(5, 22, 23));
            var inMonth = At(Utc(6, 15, 23));
            var inYear = At(Utc(5, 15, 23, year: 2025));
            Assert.Equal(new[] { inWeek }, Matching(ConditionOperator.NextXWeeks, 1));
            Assert.Equal(new[] { inWeek, inMonth }, Matching(ConditionOperator.NextXMonths, 1));
            Assert.Equal(new[] { inWeek, inMonth, inYear }, Matching(ConditionOperator.NextXYears, 1));
        }

        [Fact]
        public void OlderThan_minutes_and_hours_are_exact_instants()
        {
            var older = At(Utc(5, 15, 9, 59));
            At(Utc(5, 15, 10));
            var hourOld = At(Utc(5, 15, 9, 29));
            Assert.Equal(new[] { older, hourOld }, Matching(ConditionOperator.OlderThanXMinutes, 30));
            Assert.Equal(new[] { hourOld }, Matching(ConditionOperator.OlderThanXHours, 1));
        }

        [Fact]
        public void OlderThanXDays_aligns_to_midnight()
        {
            var days = At(Utc(5, 12, 23, 59));
            At(Utc(5, 13));
            Assert.Equal(new[] { days }, Matching(ConditionOperator.OlderThanXDays, 2));
        }

        [Fact]
        public void OlderThan_weeks_months_and_years()
        {
            var week = At(Utc(5, 7, 23));
            var month = At(Utc(4, 14, 23));
            var year = At(Utc(5, 14, 23, year: 2023));
            At(Utc(5, 8));
            Assert.Equal(new[] { week, month, year }, Matching(ConditionOperator.OlderThanXWeeks, 1));
            Assert.Equal(new[] { month, year }, Matching(ConditionOperator.OlderThanXMonths, 1));
            Assert.Equal(new[] { year }, Matching(ConditionOperator.OlderThanXYears, 1));
        }

        [Fact]
        public void Date_operators_never_match_null()
        {
            world.Add("contact", 1);
            Assert.Empty(Matching(ConditionOperator.OlderThanXYears, 0));
            Assert.Empty(Matching(ConditionOperator.NotOn, new DateTime(2024, 5, 15)));
        }

        [Fact]
        public void A_date_operator_on_a_text_column_faults()
        {
            world.Add("contact", 1, ("lastname", "x"));
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("lastname", ConditionOperator.Today));
            Assert.Equal("The ConditionOperator.Today needs a DateTime column, but 'lastname' holds String.", fault.Detail.Message);
        }

        [Fact]
        public void An_x_operator_needs_a_whole_number()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Matching(ConditionOperator.LastXDays, "three"));
            Assert.Equal("The ConditionOperator.LastXDays on 'createdon' needs a whole number of at least 0, not 'three'.", fault.Detail.Message);
        }
    }
}
