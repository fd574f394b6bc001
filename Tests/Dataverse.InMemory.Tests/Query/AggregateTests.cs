using System;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>Uses the ten accounts of the platform's aggregate documentation.</summary>
    public sealed class AggregateTests
    {
        private readonly QueryWorld world = new QueryWorld("account", "contact");

        public AggregateTests()
        {
            var march = new DateTime(2023, 3, 25, 12, 0, 0, DateTimeKind.Utc);
            (int? Employees, string? City, DateTime Created)[] rows =
            {
                (null, null, new DateTime(2023, 8, 27, 12, 0, 0, DateTimeKind.Utc)),
                (1500, "Redmond", march),
                (2700, "Lynnwood", march),
                (2900, "Los Angeles", march),
                (2900, "Redmond", march),
                (3900, "Phoenix", march),
                (4300, "Santa Cruz", march),
                (4800, "Missoula", march),
                (6000, "Dallas", march),
                (6200, "Redmond", march),
            };
            for (var i = 0; i < rows.Length; i++)
            {
                world.Add("account", i + 1, ("numberofemployees", rows[i].Employees), ("address1_city", rows[i].City), ("createdon", rows[i].Created),
                    ("revenue", rows[i].Employees is int e ? new Money(e * 10m) : null));
            }
        }

        private static object? Value(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value;

        [Fact]
        public void Aggregates_ignore_nulls_and_keep_the_column_type()
        {
            var row = Assert.Single(world.Fetch(@"<fetch aggregate='true'><entity name='account'>
                <attribute name='numberofemployees' alias='Average' aggregate='avg' />
                <attribute name='numberofemployees' alias='Count' aggregate='count' />
                <attribute name='numberofemployees' alias='ColumnCount' aggregate='countcolumn' />
                <attribute name='numberofemployees' alias='Maximum' aggregate='max' />
                <attribute name='numberofemployees' alias='Minimum' aggregate='min' />
                <attribute name='numberofemployees' alias='Sum' aggregate='sum' />
              </entity></fetch>").Entities);
            Assert.Equal(3911, Value(row, "Average"));
            Assert.Equal(10, Value(row, "Count"));
            Assert.Equal(9, Value(row, "ColumnCount"));
            Assert.Equal(6200, Value(row, "Maximum"));
            Assert.Equal(1500, Value(row, "Minimum"));
            Assert.Equal(35200, Value(row, "Sum"));
            Assert.Equal("numberofemployees", row.GetAttributeValue<AliasedValue>("Sum").AttributeLogicalName);
            Assert.Equal("account", row.GetAttributeValue<AliasedValue>("Sum").EntityLogicalName);
        }

        [Fact]
        public void Distinct_countcolumn_counts_unique_values()
        {
            var row = world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='n' aggregate='countcolumn' distinct='true' /></entity></fetch>").Entities[0];
            Assert.Equal(8, Value(row, "n"));
        }

        [Fact]
        public void Currency_sums_and_averages_come_back_as_money()
        {
            var row = world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='total' aggregate='sum' /><attribute name='revenue' alias='mean' aggregate='avg' /></entity></fetch>").Entities[0];
            Assert.Equal(352000m, Assert.IsType<Money>(Value(row, "total")).Value);
            Assert.Equal(352000m / 9, Assert.IsType<Money>(Value(row, "mean")).Value);
        }

        [Fact]
        public void Grouping_by_city_puts_null_in_its_own_group_with_a_zero_sum()
        {
            var result = world.Fetch(@"<fetch aggregate='true'><entity name='account'>
                <attribute name='numberofemployees' alias='Total' aggregate='sum' />
                <attribute name='address1_city' alias='Count' aggregate='count' />
                <attribute name='address1_city' alias='City' groupby='true' />
                <order alias='City' />
              </entity></fetch>");
            Assert.Equal(new object?[] { null, "Dallas", "Los Angeles", "Lynnwood", "Missoula", "Phoenix", "Redmond", "Santa Cruz" },
                result.Entities.Select(e => Value(e, "City")).ToArray());
            Assert.Equal(new object?[] { 0, 6000, 2900, 2700, 4800, 3900, 10600, 4300 }, result.Entities.Select(e => Value(e, "Total")).ToArray());
            Assert.Equal(3, Value(result.Entities[6], "Count"));
        }

        [Fact]
        public void Groups_can_be_ordered_by_an_aggregate_descending()
        {
            var result = world.Fetch(@"<fetch aggregate='true'><entity name='account'>
                <attribute name='numberofemployees' alias='Total' aggregate='sum' />
                <attribute name='address1_city' alias='City' groupby='true' />
                <order alias='Total' descending='true' />
              </entity></fetch>");
            Assert.Equal("Redmond", Value(result.Entities[0], "City"));
            Assert.Null(Value(result.Entities[7], "City"));
        }

        [Fact]
        public void Date_grouping_returns_day_week_month_quarter_and_year_numbers()
        {
            var result = world.Fetch(@"<fetch aggregate='true'><entity name='account'>
                <attribute name='numberofemployees' alias='Total' aggregate='sum' />
                <attribute name='createdon' alias='Day' groupby='true' dategrouping='day' />
                <attribute name='createdon' alias='Week' groupby='true' dategrouping='week' />
                <attribute name='createdon' alias='Month' groupby='true' dategrouping='month' />
                <attribute name='createdon' alias='Quarter' groupby='true' dategrouping='quarter' />
                <attribute name='createdon' alias='Year' groupby='true' dategrouping='year' />
                <order alias='Month' />
              </entity></fetch>");
            Assert.Equal(2, result.Entities.Count);
            var march = result.Entities[0];
            Assert.Equal(new object?[] { 35200, 25, 12, 3, 1, 2023 }, new[] { "Total", "Day", "Week", "Month", "Quarter", "Year" }.Select(a => Value(march, a)).ToArray());
            var august = result.Entities[1];
            Assert.Equal(new object?[] { 0, 27, 35, 8, 3 }, new[] { "Total", "Day", "Week", "Month", "Quarter" }.Select(a => Value(august, a)).ToArray());
        }

        [Fact]
        public void Date_grouping_uses_the_users_time_zone()
        {
            world.Context.UserTimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+13", TimeSpan.FromHours(13), "UTC+13", "UTC+13");
            var result = world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='Day' groupby='true' dategrouping='day' /></entity></fetch>");
            Assert.Equal(new object?[] { 26, 28 }, result.Entities.Select(e => Value(e, "Day")).ToArray());
        }

        [Fact]
        public void Aggregate_values_carry_formatted_values_in_the_users_language()
        {
            const string Fetch = "<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='Sum' aggregate='sum' /></entity></fetch>";
            Assert.Equal("35,200", world.Fetch(Fetch).Entities[0].FormattedValues["Sum"]);
            world.Context.LanguageCode = 1031;
            Assert.Equal("35.200", world.Fetch(Fetch).Entities[0].FormattedValues["Sum"]);
        }

        [Fact]
        public void Grouping_by_a_lookup_returns_the_reference()
        {
            world.Add("contact", 1, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(1)) { Name = "A" }));
            world.Add("contact", 2, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(1)) { Name = "A" }));
            var row = Assert.Single(world.Fetch("<fetch aggregate='true'><entity name='contact'><attribute name='parentcustomerid' alias='acc' groupby='true' /><attribute name='contactid' alias='n' aggregate='count' /></entity></fetch>").Entities);
            Assert.Equal(QueryWorld.Id(1), Assert.IsType<EntityReference>(Value(row, "acc")).Id);
            Assert.Equal("A", row.FormattedValues["acc"]);
            Assert.Equal(2, Value(row, "n"));
        }

        [Fact]
        public void Aggregates_over_a_linked_table_use_the_join()
        {
            world.Add("contact", 1, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(2))));
            world.Add("contact", 2, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(3))));
            var row = world.Fetch(@"<fetch aggregate='true'><entity name='contact'>
                <link-entity name='account' from='accountid' to='parentcustomerid' alias='a'>
                  <attribute name='numberofemployees' alias='employees' aggregate='sum' />
                </link-entity></entity></fetch>").Entities[0];
            Assert.Equal(1500 + 2700, Value(row, "employees"));
        }

        [Fact]
        public void More_than_50000_rows_fault_with_the_platform_code()
        {
            for (var i = 11; i <= 50001; i++)
            {
                world.Add("account", i);
            }

            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>"));
            Assert.Equal(-2147164125, fault.Detail.ErrorCode);
            Assert.Equal("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", fault.Detail.Message);
        }

        [Fact]
        public void Exactly_50000_rows_aggregate_and_a_filter_keeps_a_large_table_under_the_limit()
        {
            for (var i = 11; i <= 50000; i++)
            {
                world.Add("account", i);
            }

            Assert.Equal(50000, Value(world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>").Entities[0], "n"));
        }

        [Fact]
        public void The_aggregatelimit_attribute_lowers_the_limit()
        {
            const string Fetch = "<fetch aggregate='true' aggregatelimit='{0}'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>";
            Assert.Equal(10, Value(world.Fetch(string.Format(Fetch, 10)).Entities[0], "n"));
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Fetch(string.Format(Fetch, 9)));
            Assert.Equal(-2147164125, fault.Detail.ErrorCode);
        }

        [Theory]
        [InlineData("<attribute name='numberofemployees' aggregate='sum' />", "The aggregate attribute 'numberofemployees' needs an alias.")]
        [InlineData("<attribute name='name' />", "In an aggregate query every attribute needs 'aggregate' or groupby='true'; 'name' has neither.")]
        [InlineData("<all-attributes />", "all-attributes cannot be used in an aggregate query.")]
        public void Invalid_aggregate_queries_fault_with_a_clear_message(string attribute, string message)
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Fetch($"<fetch aggregate='true'><entity name='account'>{attribute}</entity></fetch>"));
            Assert.Equal("Invalid aggregate query: " + message, fault.Detail.Message);
        }

        [Fact]
        public void An_aggregate_attribute_without_aggregate_true_faults()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Fetch("<fetch><entity name='account'><attribute name='numberofemployees' alias='s' aggregate='sum' /></entity></fetch>"));
            Assert.Contains("does not set aggregate='true'", fault.Detail.Message);
        }

        [Fact]
        public void Summing_a_text_column_faults()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='address1_city' alias='s' aggregate='sum' /></entity></fetch>"));
            Assert.Equal("Invalid aggregate query: the aggregate 'sum' on 'address1_city' needs a numeric or currency column, but it holds String.", fault.Detail.Message);
        }

        [Fact]
        public void Aggregate_results_page_by_group()
        {
            var result = world.Fetch(@"<fetch aggregate='true' count='3' page='2'><entity name='account'>
                <attribute name='address1_city' alias='City' groupby='true' /><attribute name='accountid' alias='n' aggregate='count' />
                <order alias='City' /></entity></fetch>");
            Assert.Equal(new object?[] { "Lynnwood", "Missoula", "Phoenix" }, result.Entities.Select(e => Value(e, "City")).ToArray());
            Assert.True(result.MoreRecords);
        }

        [Fact]
        public void Fiscal_date_grouping_is_refused_by_name()
        {
            var error = Assert.Throws<NotSupportedException>(() =>
                world.Fetch("<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='p' groupby='true' dategrouping='fiscal-period' /></entity></fetch>"));
            Assert.Contains("fiscal-period", error.Message);
        }
    }
}
