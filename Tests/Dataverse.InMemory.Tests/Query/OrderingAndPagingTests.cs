using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class OrderingAndPagingTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        private void AddNamed(params string?[] names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                world.Add("contact", i + 1, ("lastname", names[i]));
            }
        }

        private static QueryExpression ByName(OrderType direction = OrderType.Ascending)
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
            query.AddOrder("lastname", direction);
            return query;
        }

        [Fact]
        public void Without_an_order_rows_come_in_sql_server_uniqueidentifier_order()
        {
            var random = new Random(42);
            var ids = Enumerable.Range(0, 200).Select(_ =>
            {
                var bytes = new byte[16];
                random.NextBytes(bytes);
                return new Guid(bytes);
            }).ToList();
            foreach (var id in ids)
            {
                world.AddRaw(new Entity("contact", id));
            }

            var expected = ids.OrderBy(id => new SqlGuid(id)).ToList();
            var actual = world.Run(new QueryExpression("contact")).Entities.Select(e => e.Id).ToList();
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void Nulls_sort_first_ascending_and_last_descending()
        {
            AddNamed("b", null, "A", "c");
            Assert.Equal(new[] { 2, 3, 1, 4 }, world.Ids(ByName()));
            Assert.Equal(new[] { 4, 1, 3, 2 }, world.Ids(ByName(OrderType.Descending)));
        }

        [Fact]
        public void Lookups_sort_by_the_related_rows_name()
        {
            world.Add("contact", 1, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(900)) { Name = "Zeta" }));
            world.Add("contact", 2, ("parentcustomerid", new EntityReference("account", QueryWorld.Id(800)) { Name = "Alpha" }));
            var query = new QueryExpression("contact");
            query.AddOrder("parentcustomerid", OrderType.Ascending);
            Assert.Equal(new[] { 2, 1 }, world.Ids(query));
        }

        [Fact]
        public void Choices_sort_by_label_unless_the_fetch_asks_for_raw_values()
        {
            world.Add("contact", 1, ("preferredcontactmethodcode", new OptionSetValue(1)));
            world.Add("contact", 2, ("preferredcontactmethodcode", new OptionSetValue(2)));
            world.Context.ChoiceLabel = (table, column, value) => value == 1 ? "Phone" : "Email";
            const string Fetch = "<fetch{0}><entity name='contact'><order attribute='preferredcontactmethodcode' /></entity></fetch>";
            Assert.Equal(new[] { 2, 1 }, QueryWorld.Numbers(world.Fetch(string.Format(Fetch, string.Empty))));
            Assert.Equal(new[] { 1, 2 }, QueryWorld.Numbers(world.Fetch(string.Format(Fetch, " useraworderby='true'"))));
        }

        [Fact]
        public void An_order_on_an_aggregate_alias_in_a_QueryExpression_is_refused_by_name()
        {
            var query = new QueryExpression("contact");
            query.Orders.Add(new OrderExpression("lastname", OrderType.Ascending, "total"));
            var error = Assert.Throws<NotSupportedException>(() => world.Run(query));
            Assert.Contains("'total'", error.Message);
        }

        [Fact]
        public void TopCount_limits_the_rows_and_reports_no_more_records()
        {
            AddNamed("a", "b", "c");
            var query = ByName();
            query.TopCount = 2;
            var result = world.Run(query);
            Assert.Equal(new[] { 1, 2 }, QueryWorld.Numbers(result));
            Assert.False(result.MoreRecords);
        }

        [Fact]
        public void TopCount_with_a_page_size_faults()
        {
            AddNamed("a");
            var query = ByName();
            query.TopCount = 2;
            query.PageInfo = new PagingInfo { Count = 10, PageNumber = 1 };
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(query));
            Assert.Contains("does not allow combining them", fault.Detail.Message);
        }

        [Fact]
        public void TopCount_above_5000_faults()
        {
            var query = ByName();
            query.TopCount = 5001;
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(query));
            Assert.Equal("TopCount (top) must be between 0 and 5000, not 5001.", fault.Detail.Message);
        }

        [Fact]
        public void Pages_follow_page_number_and_count_with_more_records_flag()
        {
            AddNamed("a", "b", "c", "d", "e");
            var query = ByName();
            query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
            var pages = new List<int[]>();
            var more = new List<bool>();
            for (var page = 1; page <= 3; page++)
            {
                query.PageInfo.PageNumber = page;
                var result = world.Run(query);
                pages.Add(QueryWorld.Numbers(result));
                more.Add(result.MoreRecords);
            }

            Assert.Equal(new[] { new[] { 1, 2 }, new[] { 3, 4 }, new[] { 5 } }, pages);
            Assert.Equal(new[] { true, true, false }, more);
        }

        [Fact]
        public void The_paging_cookie_has_the_platform_shape_with_order_values_and_primary_key()
        {
            AddNamed("a", "b", "c");
            var query = ByName();
            query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
            var cookie = world.Run(query).PagingCookie;
            Assert.Equal(
                "<cookie page=\"1\"><lastname last=\"b\" first=\"a\" /><contactid last=\"{00000000-0000-0000-0000-000000000002}\" first=\"{00000000-0000-0000-0000-000000000001}\" /></cookie>",
                cookie);
        }

        [Fact]
        public void The_next_page_with_a_cookie_continues_after_the_last_row_even_when_rows_were_added_before_it()
        {
            AddNamed("b", "d", "f", "h");
            var query = ByName();
            query.PageInfo = new PagingInfo { Count = 2, PageNumber = 1 };
            var first = world.Run(query);
            world.Add("contact", 10, ("lastname", "a"));

            query.PageInfo.PageNumber = 2;
            query.PageInfo.PagingCookie = first.PagingCookie;
            var withCookie = world.Run(query);
            query.PageInfo.PagingCookie = null;
            var simple = world.Run(query);

            Assert.Equal(new[] { 3, 4 }, QueryWorld.Numbers(withCookie));
            Assert.Equal(new[] { 2, 3 }, QueryWorld.Numbers(simple));
        }

        [Fact]
        public void A_cookie_of_the_following_page_pages_backwards()
        {
            AddNamed("a", "b", "c", "d", "e", "f");
            var query = ByName();
            query.PageInfo = new PagingInfo { Count = 2, PageNumber = 3 };
            var third = world.Run(query);
            query.PageInfo.PageNumber = 2;
            query.PageInfo.PagingCookie = third.PagingCookie;
            Assert.Equal(new[] { 3, 4 }, world.Ids(query));
        }

        [Fact]
        public void A_cookie_from_a_descending_query_continues_in_descending_order()
        {
            AddNamed("a", "b", "c", "d");
            var query = ByName(OrderType.Descending);
            query.PageInfo = new PagingInfo { Count = 3, PageNumber = 1 };
            var first = world.Run(query);
            query.PageInfo.PageNumber = 2;
            query.PageInfo.PagingCookie = first.PagingCookie;
            Assert.Equal(new[] { 1 }, world.Ids(query));
        }

        [Fact]
        public void FetchXml_paging_accepts_the_returned_cookie_in_the_paging_cookie_attribute()
        {
            AddNamed("a", "b", "c");
            var first = world.Fetch("<fetch count='2' page='1'><entity name='contact'><order attribute='lastname' /></entity></fetch>");
            var escaped = System.Security.SecurityElement.Escape(first.PagingCookie);
            var second = world.Fetch($"<fetch count='2' page='2' paging-cookie='{escaped}'><entity name='contact'><order attribute='lastname' /></entity></fetch>");
            Assert.Equal(new[] { 3 }, QueryWorld.Numbers(second));
            Assert.False(second.MoreRecords);
        }

        [Fact]
        public void Total_record_count_is_minus_one_unless_requested()
        {
            AddNamed("a", "b", "c");
            var query = ByName();
            query.PageInfo = new PagingInfo { Count = 1, PageNumber = 1 };
            Assert.Equal(-1, world.Run(query).TotalRecordCount);
            query.PageInfo.ReturnTotalRecordCount = true;
            var counted = world.Run(query);
            Assert.Equal(3, counted.TotalRecordCount);
            Assert.False(counted.TotalRecordCountLimitExceeded);
        }

        [Fact]
        public void Total_record_count_stops_at_5000_and_flags_the_excess_and_pages_hold_at_most_5000_rows()
        {
            for (var i = 1; i <= 5003; i++)
            {
                world.Add("contact", i);
            }

            var query = new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 6000, PageNumber = 1, ReturnTotalRecordCount = true } };
            var result = world.Run(query);
            Assert.Equal(5000, result.Entities.Count);
            Assert.True(result.MoreRecords);
            Assert.Equal(5000, result.TotalRecordCount);
            Assert.True(result.TotalRecordCountLimitExceeded);
        }

        [Fact]
        public void Top_with_total_record_count_faults()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Fetch("<fetch top='5' returntotalrecordcount='true'><entity name='contact' /></fetch>"));
            Assert.Contains("cannot be combined with TopCount", fault.Detail.Message);
        }

        [Fact]
        public void Distinct_removes_duplicate_rows_and_does_not_add_the_primary_key()
        {
            AddNamed("a", "A", "b");
            var query = ByName();
            query.Distinct = true;
            var result = world.Run(query);
            Assert.Equal(2, result.Entities.Count);
            Assert.All(result.Entities, e => Assert.False(e.Contains("contactid")));
            Assert.Equal(new[] { "a", "b" }, result.Entities.Select(e => e.GetAttributeValue<string>("lastname")).ToArray());
        }
    }
}
