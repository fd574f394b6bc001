using System.Linq;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class JoinTests
    {
        private readonly QueryWorld world = new QueryWorld("contact", "account", "task", "systemuser");

        public JoinTests()
        {
            world.Add("systemuser", 50, ("fullname", "Olga Owner"));
            world.Add("account", 100, ("name", "Contoso"), ("ownerid", new EntityReference("systemuser", QueryWorld.Id(50))));
            world.Add("account", 101, ("name", "Fabrikam"));
            world.Add("contact", 1, ("fullname", "Anna"), ("parentcustomerid", new EntityReference("account", QueryWorld.Id(100))));
            world.Add("contact", 2, ("fullname", "Bert"), ("parentcustomerid", new EntityReference("account", QueryWorld.Id(101))));
            world.Add("contact", 3, ("fullname", "Cleo"));
            world.Add("task", 10, ("subject", "Call Anna"), ("regardingobjectid", new EntityReference("contact", QueryWorld.Id(1))), ("prioritycode", new OptionSetValue(2)));
            world.Add("task", 11, ("subject", "Mail Anna"), ("regardingobjectid", new EntityReference("contact", QueryWorld.Id(1))), ("prioritycode", new OptionSetValue(0)));
        }

        private static QueryExpression ContactsWithAccount(JoinOperator join)
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            var link = query.AddLink("account", "parentcustomerid", "accountid", join);
            link.EntityAlias = "acc";
            link.Columns = new ColumnSet("name");
            return query;
        }

        [Fact]
        public void Inner_join_returns_linked_columns_as_aliased_values_under_alias_dot_column()
        {
            var result = world.Run(ContactsWithAccount(JoinOperator.Inner));
            Assert.Equal(new[] { 1, 2 }, QueryWorld.Numbers(result));
            var aliased = Assert.IsType<AliasedValue>(result.Entities[0]["acc.name"]);
            Assert.Equal("account", aliased.EntityLogicalName);
            Assert.Equal("name", aliased.AttributeLogicalName);
            Assert.Equal("Contoso", aliased.Value);
        }

        [Fact]
        public void Outer_join_keeps_rows_without_a_match_and_returns_no_linked_columns_for_them()
        {
            var result = world.Run(ContactsWithAccount(JoinOperator.LeftOuter));
            Assert.Equal(new[] { 1, 2, 3 }, QueryWorld.Numbers(result));
            Assert.False(result.Entities[2].Contains("acc.name"));
        }

        [Fact]
        public void A_filter_on_the_link_applies_inside_the_join()
        {
            var inner = ContactsWithAccount(JoinOperator.Inner);
            inner.LinkEntities[0].LinkCriteria.AddCondition("name", ConditionOperator.Equal, "Fabrikam");
            Assert.Equal(new[] { 2 }, world.Ids(inner));

            var outer = ContactsWithAccount(JoinOperator.LeftOuter);
            outer.LinkEntities[0].LinkCriteria.AddCondition("name", ConditionOperator.Equal, "Fabrikam");
            var result = world.Run(outer);
            Assert.Equal(new[] { 1, 2, 3 }, QueryWorld.Numbers(result));
            Assert.Equal(new[] { false, true, false }, result.Entities.Select(e => e.Contains("acc.name")).ToArray());
        }

        [Fact]
        public void A_root_condition_on_an_outer_link_alias_filters_after_the_join()
        {
            var query = new QueryExpression("contact");
            var tasks = query.AddLink("task", "contactid", "regardingobjectid", JoinOperator.LeftOuter);
            tasks.EntityAlias = "t";
            query.Criteria.AddCondition("t", "activityid", ConditionOperator.Null);
            Assert.Equal(new[] { 2, 3 }, world.Ids(query));
        }

        [Fact]
        public void A_one_to_many_join_returns_the_parent_once_per_child()
        {
            var query = new QueryExpression("contact");
            var tasks = query.AddLink("task", "contactid", "regardingobjectid");
            tasks.Columns = new ColumnSet("subject");
            tasks.EntityAlias = "t";
            tasks.Orders.Add(new OrderExpression("subject", OrderType.Ascending));
            var result = world.Run(query);
            Assert.Equal(new[] { 1, 1 }, QueryWorld.Numbers(result));
            Assert.Equal(new[] { "Call Anna", "Mail Anna" }, result.Entities.Select(e => (string)e.GetAttributeValue<AliasedValue>("t.subject").Value).ToArray());
        }

        [Fact]
        public void Nested_links_join_through_intermediate_tables()
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname") };
            var account = query.AddLink("account", "parentcustomerid", "accountid");
            account.EntityAlias = "acc";
            var owner = account.AddLink("systemuser", "ownerid", "systemuserid");
            owner.EntityAlias = "owner";
            owner.Columns = new ColumnSet("fullname");
            var result = world.Run(query);
            Assert.Equal(new[] { 1 }, QueryWorld.Numbers(result));
            Assert.Equal("Olga Owner", result.Entities[0].GetAttributeValue<AliasedValue>("owner.fullname").Value);
        }

        [Fact]
        public void A_link_without_alias_to_a_primary_key_is_named_after_the_table()
        {
            var query = new QueryExpression("contact");
            query.AddLink("account", "parentcustomerid", "accountid").Columns = new ColumnSet("name");
            Assert.True(world.Run(query).Entities[0].Contains("account.name"));
        }

        [Fact]
        public void One_to_many_links_without_alias_are_numbered_per_table()
        {
            var query = new QueryExpression("contact");
            query.AddLink("task", "contactid", "regardingobjectid").Columns = new ColumnSet("subject");
            var second = query.AddLink("task", "contactid", "regardingobjectid");
            second.Columns = new ColumnSet("prioritycode");
            second.LinkCriteria.AddCondition("prioritycode", ConditionOperator.Equal, 2);
            var first = world.Run(query).Entities[0];
            Assert.True(first.Contains("task1.subject"));
            Assert.Equal(2, ((OptionSetValue)first.GetAttributeValue<AliasedValue>("task2.prioritycode").Value).Value);
        }

        [Fact]
        public void Orders_on_a_link_apply_after_the_root_orders()
        {
            world.Add("contact", 4, ("fullname", "Anna"), ("parentcustomerid", new EntityReference("account", QueryWorld.Id(101))));
            var query = ContactsWithAccount(JoinOperator.Inner);
            query.AddOrder("fullname", OrderType.Ascending);
            query.LinkEntities[0].Orders.Add(new OrderExpression("name", OrderType.Descending));
            Assert.Equal(new[] { 4, 1, 2 }, world.Ids(query));
        }

        [Fact]
        public void In_a_self_join_the_table_name_means_the_root_and_the_alias_the_link()
        {
            world.Add("account", 102, ("name", "Contoso Child"), ("parentaccountid", new EntityReference("account", QueryWorld.Id(100))));
            var query = new QueryExpression("account");
            var parent = query.AddLink("account", "parentaccountid", "accountid");
            parent.EntityAlias = "parent";
            query.Criteria.AddCondition("account", "name", ConditionOperator.Like, "%Child");
            query.Criteria.AddCondition("parent", "name", ConditionOperator.Equal, "Contoso");
            Assert.Equal(new[] { 102 }, world.Ids(query));
        }

        [Fact]
        public void Two_links_with_the_same_alias_fault()
        {
            var query = ContactsWithAccount(JoinOperator.Inner);
            query.AddLink("task", "contactid", "regardingobjectid").EntityAlias = "acc";
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(query));
            Assert.Equal("The alias 'acc' is used by more than one linked table.", fault.Detail.Message);
        }

        [Fact]
        public void A_condition_naming_an_unknown_alias_faults()
        {
            var query = new QueryExpression("contact");
            query.Criteria.AddCondition("nosuch", "name", ConditionOperator.Null);
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(query));
            Assert.Contains("'nosuch'", fault.Detail.Message);
        }

        [Fact]
        public void Exists_link_returns_each_parent_once_without_linked_columns()
        {
            var query = new QueryExpression("contact");
            var link = query.AddLink("task", "contactid", "regardingobjectid", JoinOperator.Exists);
            link.Columns = new ColumnSet("subject");
            var result = world.Run(query);
            Assert.Equal(new[] { 1 }, QueryWorld.Numbers(result));
            Assert.DoesNotContain(result.Entities[0].Attributes, a => a.Key.EndsWith(".subject", System.StringComparison.Ordinal));
        }

        [Fact]
        public void FetchXml_joins_with_link_type_outer_and_an_order_naming_the_link_alias()
        {
            var result = world.Fetch(@"
<fetch>
  <entity name='contact'>
    <attribute name='fullname' />
    <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='a'>
      <attribute name='name' alias='company' />
    </link-entity>
    <order entityname='a' attribute='name' descending='true' />
  </entity>
</fetch>");
            Assert.Equal(new[] { 2, 1, 3 }, QueryWorld.Numbers(result));
            Assert.Equal("Fabrikam", result.Entities[0].GetAttributeValue<AliasedValue>("company").Value);
            Assert.Null(result.PagingCookie);
        }

        [Fact]
        public void FetchXml_condition_with_entityname_filters_on_a_linked_table()
        {
            var result = world.Fetch(@"
<fetch>
  <entity name='contact'>
    <attribute name='fullname' />
    <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='a' />
    <filter type='or'>
      <condition entityname='a' attribute='name' operator='eq' value='contoso' />
      <condition attribute='parentcustomerid' operator='null' />
    </filter>
  </entity>
</fetch>");
            Assert.Equal(new[] { 1, 3 }, QueryWorld.Numbers(result));
        }
    }
}
