using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class ProjectionTests
    {
        private readonly QueryWorld world = new QueryWorld("contact", "account");
        private readonly Entity stored;

        public ProjectionTests()
        {
            stored = world.Add("contact", 1, ("firstname", "Anna"), ("lastname", "Berg"), ("annualincome", new Money(10m)),
                ("parentcustomerid", new EntityReference("account", QueryWorld.Id(100)) { Name = "Contoso" }),
                ("preferredcontactmethodcode", new OptionSetValue(2)),
                ("cat_channels", new OptionSetValueCollection { new OptionSetValue(1) }));
            stored.RowVersion = "42";
            world.Add("account", 100, ("name", "Contoso"), ("revenue", new Money(5m)));
        }

        [Fact]
        public void QueryExpression_returns_the_requested_columns_and_the_primary_key_only()
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("firstname", "middlename") };
            var row = world.Run(query).Entities[0];
            Assert.Equal(new[] { "contactid", "firstname" }, new System.Collections.Generic.SortedSet<string>(row.Attributes.Keys));
            Assert.Equal(QueryWorld.Id(1), row.Id);
            Assert.Equal("42", row.RowVersion);
        }

        [Fact]
        public void An_empty_column_set_returns_only_the_primary_key_and_all_columns_returns_every_stored_value()
        {
            Assert.Single(world.Run(new QueryExpression("contact")).Entities[0].Attributes);
            var all = world.Run(new QueryExpression("contact") { ColumnSet = new ColumnSet(true) }).Entities[0];
            Assert.Equal(stored.Attributes.Count, all.Attributes.Count);
        }

        [Fact]
        public void FetchXml_without_attributes_returns_every_column()
        {
            var row = world.Fetch("<fetch><entity name='contact' /></fetch>").Entities[0];
            Assert.Equal(stored.Attributes.Count, row.Attributes.Count);
            Assert.Equal("Berg", row["lastname"]);
        }

        [Fact]
        public void FetchXml_attribute_alias_returns_an_aliased_value_under_the_alias()
        {
            var row = world.Fetch("<fetch><entity name='contact'><attribute name='lastname' alias='surname' /></entity></fetch>").Entities[0];
            var aliased = Assert.IsType<AliasedValue>(row["surname"]);
            Assert.Equal("lastname", aliased.AttributeLogicalName);
            Assert.Equal("Berg", aliased.Value);
            Assert.False(row.Contains("lastname"));
        }

        [Fact]
        public void Returned_values_are_copies_so_changing_them_leaves_the_store_alone()
        {
            var row = world.Run(new QueryExpression("contact") { ColumnSet = new ColumnSet(true) }).Entities[0];
            row.GetAttributeValue<Money>("annualincome").Value = 99m;
            row.GetAttributeValue<EntityReference>("parentcustomerid").Id = Guid.Empty;
            row.GetAttributeValue<OptionSetValue>("preferredcontactmethodcode").Value = 9;
            row.GetAttributeValue<OptionSetValueCollection>("cat_channels")[0].Value = 9;
            row["lastname"] = "Changed";

            Assert.Equal(10m, stored.GetAttributeValue<Money>("annualincome").Value);
            Assert.Equal(QueryWorld.Id(100), stored.GetAttributeValue<EntityReference>("parentcustomerid").Id);
            Assert.Equal("Contoso", row.GetAttributeValue<EntityReference>("parentcustomerid").Name);
            Assert.Equal(2, stored.GetAttributeValue<OptionSetValue>("preferredcontactmethodcode").Value);
            Assert.Equal(1, stored.GetAttributeValue<OptionSetValueCollection>("cat_channels")[0].Value);
            Assert.Equal("Berg", stored["lastname"]);
        }

        [Fact]
        public void Linked_values_are_copies_too()
        {
            var query = new QueryExpression("contact");
            query.AddLink("account", "parentcustomerid", "accountid").Columns = new ColumnSet("revenue");
            var aliased = world.Run(query).Entities[0].GetAttributeValue<AliasedValue>("account.revenue");
            ((Money)aliased.Value).Value = 1m;
            Assert.Equal(5m, world.Run(query).Entities[0].GetAttributeValue<AliasedValue>("account.revenue").Value is Money m ? m.Value : 0m);
        }

        [Fact]
        public void Lookups_and_choices_carry_formatted_values_like_the_platform()
        {
            world.Context.ChoiceLabel = (table, column, value) => table == "contact" && column == "preferredcontactmethodcode" && value == 2 ? "Email" : null;
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("parentcustomerid", "preferredcontactmethodcode") };
            var row = world.Run(query).Entities[0];
            Assert.Equal("Contoso", row.FormattedValues["parentcustomerid"]);
            Assert.Equal("Email", row.FormattedValues["preferredcontactmethodcode"]);
        }

        [Fact]
        public void QueryByAttribute_matches_every_attribute_value_pair()
        {
            world.Add("contact", 2, ("firstname", "Anna"), ("lastname", "Other"));
            var query = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("lastname") };
            query.AddAttributeValue("firstname", "ANNA");
            query.AddAttributeValue("lastname", "other");
            Assert.Equal(new[] { 2 }, world.Ids(query));
        }

        [Fact]
        public void QueryByAttribute_without_attributes_or_with_missing_values_faults()
        {
            Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(new QueryByAttribute("contact")));
            var query = new QueryByAttribute("contact");
            query.Attributes.Add("firstname");
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(query));
            Assert.Equal("QueryByAttribute has 1 attributes but 0 values; each attribute needs exactly one value.", fault.Detail.Message);
        }

        [Fact]
        public void An_unknown_table_fails_in_the_data_source()
        {
            Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Run(new QueryExpression("nosuchtable")));
        }

        [Theory]
        [InlineData("<fetch><entity name='contact'><attribute name='lastnme' /></entity></fetch>", "contact", "lastnme")]
        [InlineData("<fetch><entity name='contact'><filter><condition attribute='lastnme' operator='null' /></filter></entity></fetch>", "contact", "lastnme")]
        [InlineData("<fetch><entity name='contact'><order attribute='lastnme' /></entity></fetch>", "contact", "lastnme")]
        [InlineData("<fetch><entity name='contact'><link-entity name='account' from='accountid' to='parentcustomer' /></entity></fetch>", "contact", "parentcustomer")]
        [InlineData("<fetch><entity name='contact'><link-entity name='account' from='accountid' to='parentcustomerid'><attribute name='nam' /></link-entity></entity></fetch>", "account", "nam")]
        public void With_column_metadata_an_unknown_column_faults_as_dataverse_does(string fetchXml, string table, string column)
        {
            var known = new System.Collections.Generic.HashSet<string> { "contact.contactid", "contact.lastname", "contact.parentcustomerid", "account.accountid", "account.name" };
            world.Context.ColumnExists = (t, c) => known.Contains(t + "." + c);
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Fetch(fetchXml));
            Assert.Equal(-2147217149, fault.Detail.ErrorCode);
            Assert.Equal($"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.", fault.Detail.Message);
        }

        [Fact]
        public void With_column_metadata_known_columns_run()
        {
            world.Context.ColumnExists = (t, c) => true;
            Assert.Single(world.Fetch("<fetch><entity name='contact'><attribute name='lastname' /></entity></fetch>").Entities);
        }

        [Fact]
        public void The_collection_names_the_queried_table()
        {
            Assert.Equal("contact", world.Run(new QueryExpression("contact")).EntityName);
        }
    }
}
