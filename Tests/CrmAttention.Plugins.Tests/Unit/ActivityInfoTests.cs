using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Services;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Unit
{
    public sealed class ActivityInfoTests
    {
        private static readonly Guid Anna = new Guid("00000000-0000-0000-0000-00000000a001");
        private static readonly Guid Ben = new Guid("00000000-0000-0000-0000-00000000b002");
        private static readonly Guid Carla = new Guid("00000000-0000-0000-0000-00000000c003");

        [Fact]
        public void Email_recipients_come_from_to_cc_and_bcc_and_skip_parties_that_are_not_contacts()
        {
            var email = World.Email("Hello", Anna);
            email[M.Email.Fields.Cc] = World.Parties(Ben);
            email[M.Email.Fields.Bcc] = new EntityCollection(new[]
            {
                new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(M.SystemUser.EntityLogicalName, Carla) },
                new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.AddressUsed] = "someone@example.com" },
            });

            var info = ActivityInfo.From(M.Email.EntityLogicalName, Guid.NewGuid(), null, email);

            Assert.Equal(new[] { Anna, Ben }, info.RecipientIds);
            Assert.Equal(new[] { M.Email.Fields.To, M.Email.Fields.Cc }, info.Recipients.Select(r => r.Column));
            Assert.Equal(Channel.Email, info.Channel);
            Assert.True(info.IsOutgoing);
        }

        [Fact]
        public void A_task_regarding_a_contact_goes_to_that_contact_on_the_channel_its_category_names()
        {
            var task = new Entity(M.TaskActivity.EntityLogicalName)
            {
                [M.TaskActivity.Fields.Subject] = "LinkedIn message",
                [M.TaskActivity.Fields.Category] = "Social",
                [M.TaskActivity.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, Anna),
            };

            var info = ActivityInfo.From(M.TaskActivity.EntityLogicalName, Guid.NewGuid(), null, task);

            Assert.Equal(new[] { Anna }, info.RecipientIds);
            Assert.Equal(Channel.Social, info.Channel);
        }

        [Fact]
        public void An_incoming_email_is_not_outgoing_and_its_senders_are_the_contacts_in_from()
        {
            var email = new Entity(M.Email.EntityLogicalName) { [M.Email.Fields.DirectionCode] = false, [M.Email.Fields.From] = World.Parties(Ben) };

            var info = ActivityInfo.From(M.Email.EntityLogicalName, Guid.NewGuid(), null, email);

            Assert.False(info.IsOutgoing);
            Assert.Equal(new[] { Ben }, info.Senders);
        }

        [Fact]
        public void The_targets_values_win_over_the_image()
        {
            var image = World.Email("Old", Anna);
            image[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Human);
            var target = new Entity(M.Email.EntityLogicalName) { [M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Automated) };

            var info = ActivityInfo.From(M.Email.EntityLogicalName, Guid.NewGuid(), image, target);

            Assert.Equal(Origin.Automated, info.ExplicitOrigin);
            Assert.Equal(new[] { Anna }, info.RecipientIds);
        }

        [Fact]
        public void Removing_recipients_keeps_the_other_parties_of_each_list()
        {
            var email = World.Email("Hello", Anna, Ben);
            email[M.Email.Fields.Cc] = World.Parties(Carla);
            var change = new Entity(M.Email.EntityLogicalName);

            var changed = ActivityInfo.RemoveRecipients(M.Email.EntityLogicalName, email, change, new System.Collections.Generic.HashSet<Guid> { Ben });

            Assert.True(changed);
            Assert.Equal(new[] { Anna }, change.GetAttributeValue<EntityCollection>(M.Email.Fields.To).Entities.Select(p => p.GetAttributeValue<EntityReference>(M.ActivityParty.Fields.PartyId).Id));
            Assert.False(change.Contains(M.Email.Fields.Cc));
        }

        [Fact]
        public void A_table_crm_attention_does_not_budget_is_refused_by_name()
        {
            var e = Assert.Throws<InvalidPluginExecutionException>(() => ActivityInfo.From(M.Opportunity.EntityLogicalName, Guid.NewGuid(), null, new Entity(M.Opportunity.EntityLogicalName)));

            Assert.Equal("CrmAttention does not budget activities of table 'opportunity'.", e.Message);
        }
    }
}
