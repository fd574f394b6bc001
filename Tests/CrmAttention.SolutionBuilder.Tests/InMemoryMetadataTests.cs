using System;
using System.IO;
using System.ServiceModel;
using CrmAttention.Model;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// The committed metadata.json loads into the in-memory Dataverse, its platform seeding works under it, the
    /// columns the product writes are accepted with their types, and anything else faults as on the platform.
    /// </summary>
    public class InMemoryMetadataTests
    {
        private static InMemoryDataverse Strict()
        {
            var dataverse = new InMemoryDataverse();
            dataverse.LoadMetadata(File.ReadAllText(RepoPaths.Combine("Solution/generated/metadata.json")));
            return dataverse;
        }

        [Fact]
        public void Users_policies_contacts_and_activities_are_written_with_the_solution_columns()
        {
            var dataverse = Strict();
            var service = dataverse.CreateService(dataverse.CreateUser("Dana Seller", "dana@example.com"));
            var policyId = service.Create(new Entity(AttentionPolicy.EntityLogicalName)
            {
                [AttentionPolicy.Fields.CatName] = "Default",
                [AttentionPolicy.Fields.CatIsDefault] = true,
                [AttentionPolicy.Fields.CatMode] = new OptionSetValue(Choices.PolicyMode.Enforce),
                [AttentionPolicy.Fields.CatWindowDays] = 14,
                [AttentionPolicy.Fields.CatAlpha] = 0.35m,
            });
            var contactId = service.Create(new Entity(Contact.EntityLogicalName)
            {
                [Contact.Fields.LastName] = "Kim",
                [Contact.Fields.CatBand] = new OptionSetValue(Choices.Band.Saturated),
                [Contact.Fields.CatScore] = 42.5m,
                [Contact.Fields.CatValue] = new Money(250000m),
                [Contact.Fields.CatPolicyId] = new EntityReference(AttentionPolicy.EntityLogicalName, policyId),
            });
            var emailId = service.Create(new Entity(Email.EntityLogicalName)
            {
                [Email.Fields.Subject] = "Hello",
                [Email.Fields.CatOrigin] = new OptionSetValue(Choices.Origin.Automated),
                [Email.Fields.CatAttentionReason] = new OptionSetValue(Choices.ReasonCode.EngineError),
                [Email.Fields.RegardingObjectId] = new EntityReference(Contact.EntityLogicalName, contactId),
            });
            var stored = service.Retrieve(Contact.EntityLogicalName, contactId, new Microsoft.Xrm.Sdk.Query.ColumnSet(Contact.Fields.CatBand));
            Assert.Equal(Choices.Band.Saturated, stored.GetAttributeValue<OptionSetValue>(Contact.Fields.CatBand).Value);
            Assert.NotEqual(Guid.Empty, emailId);
        }

        [Fact]
        public void A_column_the_model_does_not_define_faults()
        {
            var dataverse = Strict();
            var service = dataverse.CreateService();
            Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                service.Create(new Entity(AttentionPolicy.EntityLogicalName) { [AttentionPolicy.Fields.CatName] = "X", ["cat_nosuchcolumn"] = 1 }));
        }

        [Fact]
        public void A_choice_value_outside_the_model_faults()
        {
            var dataverse = Strict();
            var service = dataverse.CreateService();
            Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                service.Create(new Entity(Contact.EntityLogicalName) { [Contact.Fields.LastName] = "Kim", [Contact.Fields.CatBand] = new OptionSetValue(4) }));
        }

        [Fact]
        public void A_lookup_to_a_table_the_column_does_not_target_faults()
        {
            var dataverse = Strict();
            var service = dataverse.CreateService();
            var accountId = service.Create(new Entity(Account.EntityLogicalName) { [Account.Fields.Name] = "Contoso" });
            Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                service.Create(new Entity(Contact.EntityLogicalName) { [Contact.Fields.LastName] = "Kim", [Contact.Fields.CatPolicyId] = new EntityReference(Account.EntityLogicalName, accountId) }));
        }
    }
}
