using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Activities
{
    public sealed class ActivityTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public ActivityTests()
        {
            service = dataverse.CreateService();
        }

        private static EntityCollection Parties(params Entity[] parties) => new(parties.ToList());

        private static Entity Party(EntityReference who, string? address = null)
        {
            var party = new Entity("activityparty") { ["partyid"] = who };
            if (address != null) party["addressused"] = address;
            return party;
        }

        [Fact]
        public void Party_lists_are_stored_as_activityparty_rows_with_the_participation_type_of_their_column()
        {
            var contact = service.Create(new Entity("contact") { ["emailaddress1"] = "kim@example.com" });
            var email = service.Create(new Entity("email")
            {
                ["subject"] = "Hello",
                ["from"] = Parties(Party(new EntityReference("systemuser", dataverse.DefaultUserId))),
                ["to"] = Parties(Party(new EntityReference("contact", contact), "kim@example.com")),
                ["cc"] = Parties(new Entity("activityparty") { ["addressused"] = "someone@example.com" }),
            });

            var parties = service.RetrieveMultiple(new QueryExpression("activityparty")
            {
                ColumnSet = new ColumnSet("partyid", "participationtypemask", "addressused", "activityid"),
                Criteria = { Conditions = { new ConditionExpression("activityid", ConditionOperator.Equal, email) } },
            }).Entities;

            Assert.Equal(3, parties.Count);
            var to = parties.Single(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 2);
            Assert.Equal(contact, to.GetAttributeValue<EntityReference>("partyid").Id);
            Assert.Equal("kim@example.com", to["addressused"]);
            Assert.Single(parties, p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 1);
            Assert.Equal("someone@example.com", parties.Single(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 3)["addressused"]);
        }

        [Fact]
        public void Retrieve_of_an_activity_returns_its_party_lists()
        {
            var contact = service.Create(new Entity("contact"));
            var call = service.Create(new Entity("phonecall") { ["to"] = Parties(Party(new EntityReference("contact", contact))) });

            var row = service.Retrieve("phonecall", call, new ColumnSet("to", "activitytypecode"));

            var to = Assert.Single(row.GetAttributeValue<EntityCollection>("to").Entities);
            Assert.Equal("activityparty", to.LogicalName);
            Assert.Equal(contact, to.GetAttributeValue<EntityReference>("partyid").Id);
            Assert.Equal("phonecall", row["activitytypecode"]);
            Assert.Equal(call, row["activityid"]);
        }

        [Fact]
        public void Updating_a_party_list_replaces_its_party_rows()
        {
            var first = service.Create(new Entity("contact"));
            var second = service.Create(new Entity("contact"));
            var email = service.Create(new Entity("email") { ["to"] = Parties(Party(new EntityReference("contact", first))) });

            service.Update(new Entity("email", email) { ["to"] = Parties(Party(new EntityReference("contact", second))) });

            var party = Assert.Single(dataverse.Rows("activityparty"));
            Assert.Equal(second, party.GetAttributeValue<EntityReference>("partyid").Id);
        }

        [Fact]
        public void Activitypointer_lists_activities_of_every_table_with_their_type()
        {
            var contact = service.Create(new Entity("contact"));
            var regarding = new EntityReference("contact", contact);
            service.Create(new Entity("email") { ["subject"] = "Mail", ["regardingobjectid"] = regarding });
            service.Create(new Entity("task") { ["subject"] = "Todo", ["regardingobjectid"] = regarding });
            service.Create(new Entity("appointment") { ["subject"] = "Other" });

            var activities = service.RetrieveMultiple(new QueryExpression("activitypointer")
            {
                ColumnSet = new ColumnSet("activitytypecode", "subject"),
                Criteria = { Conditions = { new ConditionExpression("regardingobjectid", ConditionOperator.Equal, contact) } },
                Orders = { new OrderExpression("subject", OrderType.Ascending) },
            }).Entities;

            Assert.Equal(new[] { ("email", "Mail"), ("task", "Todo") }, activities.Select(a => ((string)a["activitytypecode"], (string)a["subject"])).ToArray());
        }

        [Fact]
        public void Deleting_an_activity_removes_its_parties_and_pointer()
        {
            var contact = service.Create(new Entity("contact"));
            var email = service.Create(new Entity("email") { ["to"] = Parties(Party(new EntityReference("contact", contact))) });

            service.Delete("email", email);

            Assert.Empty(dataverse.Rows("activityparty"));
            Assert.Empty(dataverse.Rows("activitypointer"));
        }

        [Fact]
        public void A_completed_activity_is_read_only_except_for_reopening_it()
        {
            var task = service.Create(new Entity("task") { ["subject"] = "Call" });
            service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(1) });

            Assertions.Faults(ErrorCodes.ActivityClosed, () => service.Update(new Entity("task", task) { ["subject"] = "Changed" }));
            service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(0) });
            service.Update(new Entity("task", task) { ["subject"] = "Changed" });

            Assert.Equal("Changed", dataverse.Get("task", task)!["subject"]);
            Assert.Equal(2, dataverse.Get("task", task)!.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Activity_parties_and_pointers_cannot_be_written_directly()
        {
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("activityparty") { ["addressused"] = "x@example.com" }));
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("activitypointer") { ["subject"] = "x" }));
        }

        [Fact]
        public void A_party_without_record_or_address_faults()
        {
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("email") { ["to"] = Parties(new Entity("activityparty")) }));
        }

        [Fact]
        public void Sending_an_email_completes_it_and_resolves_its_parties()
        {
            var contact = service.Create(new Entity("contact") { ["emailaddress1"] = "kim@example.com" });
            var lead = service.Create(new Entity("lead") { ["emailaddress1"] = "lee@example.com" });
            var email = service.Create(new Entity("email")
            {
                ["subject"] = "Proposal",
                ["to"] = Parties(Party(new EntityReference("contact", contact)), new Entity("activityparty") { ["addressused"] = "LEE@example.com" }),
            });

            var response = service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = email, ["IssueSend"] = false, ["TrackingToken"] = null });

            Assert.Equal("Proposal", response["Subject"]);
            var row = service.Retrieve("email", email, new ColumnSet(true));
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(3, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(dataverse.Clock.UtcNow, row["senton"]);
            var to = row.GetAttributeValue<EntityCollection>("to").Entities;
            Assert.Equal("kim@example.com", to.Single(p => p.GetAttributeValue<EntityReference>("partyid").Id == contact)["addressused"]);
            Assert.Equal(lead, to.Single(p => (string)p["addressused"] == "LEE@example.com").GetAttributeValue<EntityReference>("partyid").Id);
            Assert.Equal(dataverse.DefaultUserId, row.GetAttributeValue<EntityCollection>("from").Entities.Single().GetAttributeValue<EntityReference>("partyid").Id);
        }

        [Fact]
        public void IssueSend_leaves_the_email_pending_send_and_a_sent_email_cannot_be_sent_again()
        {
            var email = service.Create(new Entity("email") { ["subject"] = "Hi" });

            service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = email, ["IssueSend"] = true, ["TrackingToken"] = "" });

            Assert.Equal(6, dataverse.Get("email", email)!.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assertions.Faults(ErrorCodes.ActivityClosed, () =>
                service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = email, ["IssueSend"] = true, ["TrackingToken"] = "" }));
        }
    }
}
