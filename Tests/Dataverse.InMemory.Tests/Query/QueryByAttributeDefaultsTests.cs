using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>
    /// new QueryByAttribute(table) leaves ColumnSet and PageInfo null (as the real SDK does). The query must
    /// still run: without a column set the platform returns only the primary key (Microsoft documents
    /// "assign null ... to retrieve only the primary key" for the ColumnSet of retrieve requests), and without
    /// paging information it returns the default first page.
    /// </summary>
    public sealed class QueryByAttributeDefaultsTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        public QueryByAttributeDefaultsTests()
        {
            world.Add("contact", 1, ("firstname", "Anna"), ("lastname", "Berg"));
            world.Add("contact", 2, ("firstname", "Anna"), ("lastname", "Lind"));
            world.Add("contact", 3, ("firstname", "Ben"), ("lastname", "Berg"));
        }

        [Fact]
        public void QueryByAttribute_without_a_ColumnSet_returns_only_the_primary_key()
        {
            var query = new QueryByAttribute("contact");
            query.AddAttributeValue("lastname", "Lind");

            var row = Assert.Single(world.Run(query).Entities);

            Assert.Null(query.ColumnSet);
            Assert.Equal(new[] { "contactid" }, new SortedSet<string>(row.Attributes.Keys));
            Assert.Equal(QueryWorld.Id(2), row.Id);
        }

        [Fact]
        public void QueryByAttribute_without_PageInfo_returns_every_match_on_one_page()
        {
            var query = new QueryByAttribute("contact");
            query.AddAttributeValue("firstname", "Anna");
            query.AddOrder("lastname", OrderType.Ascending);

            var result = world.Run(query);

            Assert.Null(query.PageInfo);
            Assert.Equal(new[] { 1, 2 }, QueryWorld.Numbers(result));
            Assert.False(result.MoreRecords);
        }
    }
}
