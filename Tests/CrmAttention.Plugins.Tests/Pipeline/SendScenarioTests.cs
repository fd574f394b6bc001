using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class SendScenarioTests
    {
        [Fact]
        public void Send_refuses_a_persons_draft_that_went_over_budget_after_it_was_created_and_logs_the_block()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var service = w.As(seller);
            var draft = service.Create(World.Email("Proposal", anna));
            var call = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Quick call", M.PhoneCall.Fields.To, anna));
            World.Complete(service, M.PhoneCall.EntityLogicalName, call, 2);
            w.Advance(TimeSpan.FromHours(1));

            var fault = World.Refused(() => World.Send(service, draft));

            Assert.Contains("Anna Berg", fault.Detail.Message);
            Assert.Equal(0, w.Row(M.Email.EntityLogicalName, draft).GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            var block = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)ReasonCode.MinimumGap), block.GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Equal(draft.ToString("D"), block.GetAttributeValue<string>(D.CatActivityId));
            Assert.Single(w.ContactLedger(anna).Entries);
        }

        [Fact]
        public void Send_cancels_an_automated_email_whose_only_recipient_withdrew_consent_since_it_was_created()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var owner = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var anna = w.Contact("Anna Berg", owner);
            var email = w.As(sequencer).Create(World.Email("Step 1", anna));
            Assert.Equal(LedgerEntryKind.Pending, Assert.Single(w.ContactLedger(anna).Entries).Kind);
            w.As(owner).Update(new Entity(M.Contact.EntityLogicalName, anna) { [M.Contact.Fields.DoNotBulkEMail] = true });

            var fault = World.Refused(() => World.Send(w.As(sequencer), email));

            Assert.StartsWith("CrmAttention did not send this automated email", fault.Detail.Message);
            var row = w.Row(M.Email.EntityLogicalName, email);
            Assert.Equal(2, row.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            Assert.Equal(World.Choice((int)ReasonCode.NoConsentBulkEmail), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
            Assert.Equal(World.Choice((int)ReasonCode.NoConsentBulkEmail), Assert.Single(w.DecisionsFor(anna)).GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Empty(w.ContactLedger(anna).Entries);
        }

        [Fact]
        public void Send_removes_recipients_who_went_over_budget_and_sends_to_the_rest()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatMaxAutomatedTouches] = 1);
            var owner = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var anna = w.Contact("Anna Berg", owner);
            var ben = w.Contact("Ben Kraus", owner);
            var email = w.As(sequencer).Create(World.Email("Webinar invite", anna, ben));
            // Between Create and Send, another automation reached Ben first.
            w.SeedTouches(ben, null, (TimeSpan.FromHours(30), Channel.Email, Origin.Automated));
            w.Advance(TimeSpan.FromDays(2));

            World.Send(w.As(sequencer), email);

            var row = w.Row(M.Email.EntityLogicalName, email);
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            var to = row.GetAttributeValue<EntityCollection>(M.Email.Fields.To).Entities.Select(p => p.GetAttributeValue<EntityReference>(M.ActivityParty.Fields.PartyId).Id).ToList();
            Assert.Equal(new[] { anna }, to);
            Assert.Equal(LedgerEntryKind.Touch, Assert.Single(w.ContactLedger(anna).Entries).Kind);
            Assert.Equal(World.Choice((int)ReasonCode.AutomatedCap), Assert.Single(w.DecisionsFor(ben)).GetAttributeValue<OptionSetValue>(D.CatReason));
        }

        [Fact]
        public void Cancelling_an_automated_draft_releases_its_reservation()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var owner = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var anna = w.Contact("Anna Berg", owner);
            var email = w.As(sequencer).Create(World.Email("Step 1", anna));

            w.As(sequencer).Update(new Entity(M.Email.EntityLogicalName, email) { [M.Email.Fields.StateCode] = new OptionSetValue(2), [M.Email.Fields.StatusCode] = new OptionSetValue(5) });

            Assert.Empty(w.ContactLedger(anna).Entries);
        }
    }
}
