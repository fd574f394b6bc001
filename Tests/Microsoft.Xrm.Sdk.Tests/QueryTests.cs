using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class QueryTests
    {
        [Fact]
        public void ColumnSet_with_names_lists_them_and_does_not_ask_for_all_columns()
        {
            ColumnSet columns = new ColumnSet("firstname", "lastname");

            Assert.False(columns.AllColumns);
            Assert.Equal(new[] { "firstname", "lastname" }, columns.Columns);
        }

        [Fact]
        public void ColumnSet_true_asks_for_all_columns()
        {
            ColumnSet columns = new ColumnSet(true);

            Assert.True(columns.AllColumns);
            Assert.Empty(columns.Columns);
        }

        [Fact]
        public void Empty_ColumnSet_asks_for_no_columns_and_grows_by_AddColumn()
        {
            ColumnSet columns = new ColumnSet();
            columns.AddColumn("fullname");
            columns.AddColumns("emailaddress1", "telephone1");

            Assert.False(columns.AllColumns);
            Assert.Equal(new[] { "fullname", "emailaddress1", "telephone1" }, columns.Columns);
        }

        [Fact]
        public void New_QueryExpression_has_empty_columns_filter_and_paging()
        {
            QueryExpression query = new QueryExpression("contact");

            Assert.Equal("contact", query.EntityName);
            Assert.NotNull(query.ColumnSet);
            Assert.False(query.ColumnSet.AllColumns);
            Assert.Empty(query.ColumnSet.Columns);
            Assert.NotNull(query.Criteria);
            Assert.Equal(LogicalOperator.And, query.Criteria.FilterOperator);
            Assert.Empty(query.Criteria.Conditions);
            Assert.Empty(query.Criteria.Filters);
            Assert.NotNull(query.PageInfo);
            Assert.Equal(0, query.PageInfo.PageNumber);
            Assert.Equal(0, query.PageInfo.Count);
            Assert.Null(query.PageInfo.PagingCookie);
            Assert.Empty(query.LinkEntities);
            Assert.Empty(query.Orders);
            Assert.Null(query.TopCount);
            Assert.False(query.Distinct);
            Assert.False(query.NoLock);
        }

        [Fact]
        public void Parameterless_QueryExpression_has_no_table_but_the_same_defaults()
        {
            QueryExpression query = new QueryExpression();

            Assert.Null(query.EntityName);
            Assert.NotNull(query.ColumnSet);
            Assert.NotNull(query.Criteria);
            Assert.NotNull(query.PageInfo);
        }

        [Fact]
        public void AddLink_joins_from_the_query_table_with_an_empty_filter_and_columns()
        {
            QueryExpression query = new QueryExpression("contact");

            LinkEntity link = query.AddLink("account", "parentcustomerid", "accountid");

            Assert.Same(link, Assert.Single(query.LinkEntities));
            Assert.Equal("contact", link.LinkFromEntityName);
            Assert.Equal("account", link.LinkToEntityName);
            Assert.Equal("parentcustomerid", link.LinkFromAttributeName);
            Assert.Equal("accountid", link.LinkToAttributeName);
            Assert.Equal(JoinOperator.Inner, link.JoinOperator);
            Assert.NotNull(link.LinkCriteria);
            Assert.Empty(link.LinkCriteria.Conditions);
            Assert.NotNull(link.Columns);
            Assert.False(link.Columns.AllColumns);
            Assert.Null(link.EntityAlias);
        }

        [Fact]
        public void AddLink_with_a_join_operator_keeps_it()
        {
            LinkEntity link = new QueryExpression("contact").AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);

            Assert.Equal(JoinOperator.LeftOuter, link.JoinOperator);
        }

        [Fact]
        public void Parameterless_LinkEntity_is_an_inner_join_with_empty_filter_and_columns()
        {
            LinkEntity link = new LinkEntity();

            Assert.Equal(JoinOperator.Inner, link.JoinOperator);
            Assert.NotNull(link.LinkCriteria);
            Assert.NotNull(link.Columns);
            Assert.Empty(link.LinkEntities);
            Assert.Empty(link.Orders);
        }

        [Fact]
        public void AddOrder_appends_orders_in_sequence()
        {
            QueryExpression query = new QueryExpression("contact");
            query.AddOrder("lastname", OrderType.Ascending);
            query.AddOrder("createdon", OrderType.Descending);

            Assert.Collection(
                query.Orders,
                order => Assert.Equal(("lastname", OrderType.Ascending), (order.AttributeName, order.OrderType)),
                order => Assert.Equal(("createdon", OrderType.Descending), (order.AttributeName, order.OrderType)));
        }

        [Fact]
        public void FilterExpression_AddCondition_builds_a_condition_with_its_values()
        {
            FilterExpression filter = new FilterExpression();
            filter.AddCondition("statecode", ConditionOperator.Equal, 0);
            filter.AddCondition("account", "name", ConditionOperator.BeginsWith, "Con");

            ConditionExpression first = filter.Conditions[0];
            Assert.Equal("statecode", first.AttributeName);
            Assert.Equal(ConditionOperator.Equal, first.Operator);
            Assert.Equal(new object[] { 0 }, first.Values);
            Assert.Null(first.EntityName);
            Assert.Equal("account", filter.Conditions[1].EntityName);
        }

        [Fact]
        public void FilterExpression_AddFilter_returns_the_new_child()
        {
            FilterExpression root = new FilterExpression(LogicalOperator.And);

            FilterExpression child = root.AddFilter(LogicalOperator.Or);
            child.AddCondition("cat_channel", ConditionOperator.Equal, 742800000);

            Assert.Same(child, Assert.Single(root.Filters));
            Assert.Equal(LogicalOperator.Or, child.FilterOperator);
            Assert.Single(child.Conditions);
        }

        [Fact]
        public void ConditionExpression_takes_a_typed_array_as_several_values()
        {
            ConditionExpression condition = new ConditionExpression("cat_channel", ConditionOperator.In, new[] { 742800000, 742800001 });

            Assert.Equal(new object[] { 742800000, 742800001 }, condition.Values);
        }

        [Fact]
        public void ConditionExpression_takes_an_object_array_as_its_values()
        {
            Guid first = new Guid("0c1d2e3f-0000-4000-8000-000000000001");
            Guid second = new Guid("0c1d2e3f-0000-4000-8000-000000000002");

            ConditionExpression condition = new ConditionExpression("contactid", ConditionOperator.In, first, second);

            Assert.Equal(new object[] { first, second }, condition.Values);
        }

        [Fact]
        public void ConditionExpression_takes_a_list_as_several_values()
        {
            ConditionExpression condition = new ConditionExpression("lastname", ConditionOperator.In, new List<string> { "Lovelace", "Hopper" });

            Assert.Equal(new object[] { "Lovelace", "Hopper" }, condition.Values);
        }

        [Fact]
        public void ConditionExpression_without_values_has_an_empty_value_list()
        {
            ConditionExpression condition = new ConditionExpression("emailaddress1", ConditionOperator.Null);

            Assert.Empty(condition.Values);
            Assert.Null(condition.EntityName);
        }

        [Fact]
        public void ConditionExpression_with_a_table_alias_keeps_it()
        {
            ConditionExpression condition = new ConditionExpression("acc", "name", ConditionOperator.Equal, "Contoso");

            Assert.Equal("acc", condition.EntityName);
            Assert.Equal(new object[] { "Contoso" }, condition.Values);
        }

        [Fact]
        public void QueryByAttribute_pairs_attributes_with_values()
        {
            QueryByAttribute query = new QueryByAttribute("contact");
            query.AddAttributeValue("lastname", "Lovelace");
            query.AddAttributeValue("statecode", 0);

            Assert.Equal(new[] { "lastname", "statecode" }, query.Attributes);
            Assert.Equal(new object[] { "Lovelace", 0 }, query.Values);
        }

        [Fact]
        public void FetchExpression_keeps_the_fetch_xml()
        {
            const string Fetch = "<fetch><entity name='contact'><attribute name='fullname' /></entity></fetch>";

            Assert.Equal(Fetch, new FetchExpression(Fetch).Query);
        }

        [Theory]
        [InlineData(ConditionOperator.Equal, 0)]
        [InlineData(ConditionOperator.NotEqual, 1)]
        [InlineData(ConditionOperator.GreaterThan, 2)]
        [InlineData(ConditionOperator.LessThan, 3)]
        [InlineData(ConditionOperator.GreaterEqual, 4)]
        [InlineData(ConditionOperator.LessEqual, 5)]
        [InlineData(ConditionOperator.Like, 6)]
        [InlineData(ConditionOperator.In, 8)]
        [InlineData(ConditionOperator.Between, 10)]
        [InlineData(ConditionOperator.Null, 12)]
        [InlineData(ConditionOperator.NotNull, 13)]
        [InlineData(ConditionOperator.On, 25)]
        [InlineData(ConditionOperator.OnOrBefore, 26)]
        [InlineData(ConditionOperator.OnOrAfter, 27)]
        [InlineData(ConditionOperator.LastXDays, 33)]
        [InlineData(ConditionOperator.NextXDays, 34)]
        [InlineData(ConditionOperator.EqualUserId, 41)]
        [InlineData(ConditionOperator.Contains, 49)]
        [InlineData(ConditionOperator.NotOn, 52)]
        [InlineData(ConditionOperator.BeginsWith, 54)]
        [InlineData(ConditionOperator.EndsWith, 56)]
        [InlineData(ConditionOperator.Under, 75)]
        [InlineData(ConditionOperator.OlderThanXDays, 84)]
        [InlineData(ConditionOperator.OlderThanXMinutes, 86)]
        [InlineData(ConditionOperator.ContainValues, 87)]
        [InlineData(ConditionOperator.DoesNotContainValues, 88)]
        public void ConditionOperator_has_the_platform_value(ConditionOperator conditionOperator, int value)
        {
            Assert.Equal(value, (int)conditionOperator);
        }

        [Fact]
        public void ConditionOperator_values_run_without_gaps_from_Equal_to_DoesNotContainValues()
        {
            for (int value = 0; value <= 88; value++)
            {
                Assert.True(Enum.IsDefined(typeof(ConditionOperator), value), $"ConditionOperator has no member {value}.");
            }
        }

        [Fact]
        public void JoinOperator_LogicalOperator_and_OrderType_have_the_platform_values()
        {
            Assert.Equal(0, (int)JoinOperator.Inner);
            Assert.Equal(1, (int)JoinOperator.LeftOuter);
            Assert.Equal(2, (int)JoinOperator.Natural);
            Assert.Equal(9, (int)JoinOperator.NotAll);
            Assert.Equal(1, (int)LogicalOperator.Or);
            Assert.Equal(1, (int)OrderType.Descending);
        }
    }
}
