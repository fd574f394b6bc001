using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>
    /// Queries the store answers from its equality indexes (an id condition, an inner join on a party) or from a
    /// cached column array return exactly what a scan returns, however the rows changed after it was built.
    /// </summary>
    public sealed class IndexedLookupTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public IndexedLookupTests()
        {
            service = dataverse.CreateService();
        }

        private List<Guid> ContactsOf(Guid accountId)
        {
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
            query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, accountId);
            query.AddOrder("lastname", OrderType.Ascending);
            return service.RetrieveMultiple(query).Entities.Select(e => e.Id).ToList();
        }

        private Guid Contact(string lastName, Guid? accountId = null)
        {
            var contact = new Entity("contact") { ["lastname"] = lastName };
            if (accountId != null) contact["parentcustomerid"] = new EntityReference("account", accountId.Value);
            return service.Create(contact);
        }

        [Fact]
        public void A_lookup_changed_after_the_first_query_is_found_under_its_new_value_only()
        {
            var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
            var fabrikam = service.Create(new Entity("account") { ["name"] = "Fabrikam" });
            var anna = Contact("Anna", contoso);
            var bert = Contact("Bert", contoso);
            Assert.Equal(new[] { anna, bert }, ContactsOf(contoso));

            service.Update(new Entity("contact", anna) { ["parentcustomerid"] = new EntityReference("account", fabrikam) });
            var cleo = Contact("Cleo", contoso);

            Assert.Equal(new[] { bert, cleo }, ContactsOf(contoso));
            Assert.Equal(new[] { anna }, ContactsOf(fabrikam));
        }

        [Fact]
        public void Clearing_a_lookup_or_deleting_the_row_removes_it_from_id_queries()
        {
            var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
            var anna = Contact("Anna", contoso);
            var bert = Contact("Bert", contoso);
            Assert.Equal(2, ContactsOf(contoso).Count);

            service.Update(new Entity("contact", anna) { ["parentcustomerid"] = null });
            service.Delete("contact", bert);

            Assert.Empty(ContactsOf(contoso));
        }

        [Fact]
        public void Primary_ids_in_an_in_condition_return_each_existing_row_once()
        {
            var anna = Contact("Anna");
            var bert = Contact("Bert");
            Contact("Cleo");
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
            query.Criteria.AddCondition("contactid", ConditionOperator.In, anna, bert, anna, Guid.NewGuid());
            query.Criteria.AddCondition("lastname", ConditionOperator.NotEqual, "Bert");

            var rows = service.RetrieveMultiple(query).Entities;

            Assert.Equal("Anna", Assert.Single(rows)["lastname"]);
        }

        [Fact]
        public void A_fetchxml_id_condition_written_as_text_finds_the_row()
        {
            var anna = Contact("Anna");
            Contact("Bert");
            var fetch = $"<fetch><entity name='contact'><attribute name='lastname' /><filter><condition attribute='contactid' operator='eq' value='{{{anna:D}}}' /></filter></entity></fetch>";

            var rows = service.RetrieveMultiple(new FetchExpression(fetch)).Entities;

            Assert.Equal(anna, Assert.Single(rows).Id);
        }

        [Fact]
        public void An_inner_join_on_a_party_condition_returns_only_the_activities_of_that_party()
        {
            var anna = Contact("Anna");
            var bert = Contact("Bert");
            var toAnna = Call("First call", anna);
            Call("Call Bert", bert);
            var secondToAnna = Call("Second call", anna);
            service.Update(new Entity("phonecall", secondToAnna) { ["to"] = Parties(bert) });

            Assert.Equal(new[] { toAnna }, CallsTo(anna));
            Assert.Equal(new[] { "Call Bert", "Second call" }, CallSubjectsTo(bert));
        }

        [Fact]
        public void A_plugin_reading_by_id_sees_its_own_transactions_uncommitted_rows_and_changes()
        {
            var contoso = service.Create(new Entity("account") { ["name"] = "Contoso" });
            var anna = Contact("Anna", contoso);
            Assert.Equal(new[] { anna }, ContactsOf(contoso));
            List<string>? seen = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                // Moves Anna away and then asks for the account's contacts inside the same transaction.
                p.Service.Update(new Entity("contact", anna) { ["parentcustomerid"] = null });
                var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
                query.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, contoso);
                seen = p.Service.RetrieveMultiple(query).Entities.Select(e => (string)e["lastname"]).ToList();
            }));

            Contact("Bert", contoso);

            Assert.Equal(new[] { "Bert" }, seen);
        }

        [Fact]
        public void Repeated_filters_over_a_table_see_every_change_made_between_them()
        {
            var anna = service.Create(new Entity("contact") { ["lastname"] = "Anna", ["address1_city"] = "Berlin" });
            var bert = service.Create(new Entity("contact") { ["lastname"] = "Bert", ["address1_city"] = "Hamburg" });
            List<string> InBerlin()
            {
                var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
                query.Criteria.AddCondition("address1_city", ConditionOperator.Equal, "berlin");
                query.AddOrder("lastname", OrderType.Ascending);
                return service.RetrieveMultiple(query).Entities.Select(e => (string)e["lastname"]).ToList();
            }

            // The third query over the unchanged table reads the column array the second one built.
            Assert.Equal(new[] { "Anna" }, InBerlin());
            Assert.Equal(new[] { "Anna" }, InBerlin());
            Assert.Equal(new[] { "Anna" }, InBerlin());
            service.Update(new Entity("contact", bert) { ["address1_city"] = "Berlin " });
            service.Update(new Entity("contact", anna) { ["address1_city"] = null });
            Assert.Equal(new[] { "Bert" }, InBerlin());
            Assert.Equal(new[] { "Bert" }, InBerlin());
            Assert.Equal(new[] { "Bert" }, InBerlin());

            List<string>? seen = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
                query.Criteria.AddCondition("address1_city", ConditionOperator.Equal, "Berlin");
                query.AddOrder("lastname", OrderType.Ascending);
                seen = p.Service.RetrieveMultiple(query).Entities.Select(e => (string)e["lastname"]).ToList();
            }));
            service.Create(new Entity("contact") { ["lastname"] = "Cleo", ["address1_city"] = "Berlin" });
            Assert.Equal(new[] { "Bert", "Cleo" }, seen);
        }

        private static EntityCollection Parties(Guid contactId) =>
            new(new List<Entity> { new Entity("activityparty") { ["partyid"] = new EntityReference("contact", contactId) } });

        private Guid Call(string subject, Guid contactId) =>
            service.Create(new Entity("phonecall") { ["subject"] = subject, ["to"] = Parties(contactId) });

        private QueryExpression CallsToQuery(Guid contactId)
        {
            var query = new QueryExpression("phonecall") { ColumnSet = new ColumnSet("subject") };
            query.AddOrder("subject", OrderType.Ascending);
            var party = query.AddLink("activityparty", "activityid", "activityid", JoinOperator.Inner);
            party.LinkCriteria.AddCondition("partyid", ConditionOperator.Equal, contactId);
            return query;
        }

        private List<Guid> CallsTo(Guid contactId) => service.RetrieveMultiple(CallsToQuery(contactId)).Entities.Select(e => e.Id).ToList();

        private List<string> CallSubjectsTo(Guid contactId) =>
            service.RetrieveMultiple(CallsToQuery(contactId)).Entities.Select(e => (string)e["subject"]).ToList();
    }
}
