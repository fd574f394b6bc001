using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests
{
    public sealed class ClockTests
    {
        [Fact]
        public void Timestamps_follow_the_clock_the_test_sets_and_advances()
        {
            var dataverse = new InMemoryDataverse(new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc));
            var service = dataverse.CreateService();
            var id = service.Create(new Entity("contact"));

            dataverse.Clock.Advance(TimeSpan.FromDays(3));
            service.Update(new Entity("contact", id) { ["lastname"] = "Kim" });
            dataverse.Clock.Set(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
            var later = service.Create(new Entity("contact"));

            Assert.Equal(new DateTime(2026, 4, 4, 8, 0, 0, DateTimeKind.Utc), service.Retrieve("contact", id, new ColumnSet("modifiedon"))["modifiedon"]);
            Assert.Equal(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), service.Retrieve("contact", later, new ColumnSet("createdon"))["createdon"]);
        }

        [Fact]
        public void Relative_date_queries_use_the_organization_clock()
        {
            var dataverse = new InMemoryDataverse(new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc));
            var service = dataverse.CreateService();
            service.Create(new Entity("contact") { ["lastname"] = "Old" });
            dataverse.Clock.Advance(TimeSpan.FromDays(10));
            service.Create(new Entity("contact") { ["lastname"] = "New" });

            var recent = service.RetrieveMultiple(new QueryExpression("contact")
            {
                ColumnSet = new ColumnSet("lastname"),
                Criteria = { Conditions = { new ConditionExpression("createdon", ConditionOperator.LastXDays, 7) } },
            });

            Assert.Equal("New", Assert.Single(recent.Entities)["lastname"]);
        }

        [Fact]
        public void The_clock_cannot_be_advanced_backwards()
        {
            var clock = new DataverseClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

            Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        }
    }
}
