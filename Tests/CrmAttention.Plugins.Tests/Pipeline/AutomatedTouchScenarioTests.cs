using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using PC = CrmAttention.Model.PhoneCall.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class AutomatedTouchScenarioTests
    {
        private static void Generous(Entity p)
        {
            p[M.AttentionPolicy.Fields.CatMaxTouches] = 50;
            p[M.AttentionPolicy.Fields.CatMaxAutomatedTouches] = 50;
            p[M.AttentionPolicy.Fields.CatMinGapHours] = 0;
            p[M.AttentionPolicy.Fields.CatCoolDownAfterUnanswered] = 0;
        }

        [Fact]
        public void Automated_sequence_email_to_saturated_high_value_contact_is_cancelled_and_becomes_a_call_for_the_owner_with_a_briefing()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, Generous);
            var owner = w.Seller("Jonas Weber", language: 1031);
            var sequencer = w.Sequencer();
            var anna = w.Contact("Anna Berg", owner, value: 50000m);
            w.SeedTouches(anna, null,
                (TimeSpan.FromDays(9), Channel.Email, Origin.Automated), (TimeSpan.FromDays(6), Channel.Email, Origin.Automated),
                (TimeSpan.FromDays(4), Channel.Email, Origin.Automated), (TimeSpan.FromDays(2), Channel.Email, Origin.Automated));

            var emailId = w.As(sequencer).Create(World.Email("Step 5: case study", anna));

            var email = w.Row(M.Email.EntityLogicalName, emailId);
            Assert.Equal(2, email.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            Assert.Equal(World.Choice((int)Origin.Automated), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatOrigin));
            Assert.Equal(World.Choice((int)DecisionKind.RouteToHuman), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(World.Choice((int)ReasonCode.Saturated), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));

            var call = Assert.Single(w.RoutedCalls());
            Assert.Equal(owner, call.GetAttributeValue<EntityReference>(PC.OwnerId).Id);
            Assert.Equal(emailId.ToString("D"), call.GetAttributeValue<string>(PC.CatRoutedFromId));
            Assert.Equal(anna, call.GetAttributeValue<EntityReference>(PC.RegardingObjectId).Id);
            Assert.Equal(w.Now.AddHours(24), call.GetAttributeValue<DateTime>(PC.ScheduledEnd));
            Assert.StartsWith("Anruf bei Anna Berg", call.GetAttributeValue<string>(PC.Subject));
            Assert.Contains("Gesprächspunkte", call.GetAttributeValue<string>(PC.Description));
            Assert.Equal(0, call.GetAttributeValue<OptionSetValue>(PC.StateCode).Value);

            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)DecisionKind.RouteToHuman), decision.GetAttributeValue<OptionSetValue>(D.CatDecision));
            Assert.Equal(call.Id, decision.GetAttributeValue<EntityReference>(D.CatRoutedCallId).Id);
            Assert.Equal(emailId.ToString("D"), decision.GetAttributeValue<string>(D.CatActivityId));
            // A suppressed touch reserves nothing: the contact's ledger holds only the four seeded touches.
            Assert.Equal(4, w.ContactLedger(anna).Count);
        }

        [Fact]
        public void A_later_routing_for_the_same_contact_appends_to_the_open_routed_call()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, Generous);
            var owner = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var anna = w.Contact("Anna Berg", owner, value: 50000m);
            w.SeedTouches(anna, null,
                (TimeSpan.FromDays(6), Channel.Email, Origin.Automated), (TimeSpan.FromDays(4), Channel.Email, Origin.Automated),
                (TimeSpan.FromDays(3), Channel.Email, Origin.Automated), (TimeSpan.FromDays(1), Channel.Email, Origin.Automated));

            w.As(sequencer).Create(World.Email("Step 5", anna));
            w.Advance(TimeSpan.FromHours(2));
            var second = w.As(sequencer).Create(World.Email("Step 6", anna));

            var call = Assert.Single(w.RoutedCalls());
            var description = call.GetAttributeValue<string>(PC.Description);
            Assert.Contains("Routed again on", description);
            Assert.Equal(2, description.Split(new[] { "Talking points:" }, StringSplitOptions.None).Length - 1);
            Assert.Equal(2, w.Row(M.Email.EntityLogicalName, second).GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
        }

        [Fact]
        public void Donotemail_suppresses_an_automated_email_and_keeps_it_cancelled_with_its_reason()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var owner = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", owner, configure: c => c[M.Contact.Fields.DoNotEMail] = true);

            var emailId = w.As(w.Sequencer()).Create(World.Email("Newsletter", anna));

            var email = w.Row(M.Email.EntityLogicalName, emailId);
            Assert.Equal(2, email.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            Assert.Equal(5, email.GetAttributeValue<OptionSetValue>(M.Email.Fields.StatusCode).Value);
            Assert.Equal(World.Choice((int)DecisionKind.Suppress), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(World.Choice((int)ReasonCode.NoConsentEmail), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
            Assert.Empty(w.RoutedCalls());
            Assert.Equal(World.Choice((int)ReasonCode.NoConsentEmail), Assert.Single(w.DecisionsFor(anna)).GetAttributeValue<OptionSetValue>(D.CatReason));
        }

        [Fact]
        public void A_mass_email_is_partly_suppressed_and_only_over_budget_recipients_are_removed_and_logged()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxAutomatedTouches] = 1);
            var owner = w.Seller("Dana Seller");
            var fresh = Enumerable.Range(1, 3).Select(i => w.Contact("Fresh Contact" + i, owner)).ToArray();
            var busy = Enumerable.Range(1, 2).Select(i => w.Contact("Busy Contact" + i, owner)).ToArray();
            foreach (var b in busy) w.SeedTouches(b, null, (TimeSpan.FromDays(3), Channel.Email, Origin.Automated));

            var emailId = w.As(w.Sequencer()).Create(World.Email("Product update", fresh.Concat(busy).ToArray()));

            var email = w.Row(M.Email.EntityLogicalName, emailId);
            Assert.Equal(0, email.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            var to = email.GetAttributeValue<EntityCollection>(M.Email.Fields.To).Entities.Select(p => p.GetAttributeValue<EntityReference>(M.ActivityParty.Fields.PartyId).Id).ToList();
            Assert.Equal(fresh.OrderBy(x => x), to.OrderBy(x => x));
            foreach (var b in busy)
                Assert.Equal(World.Choice((int)ReasonCode.AutomatedCap), Assert.Single(w.DecisionsFor(b)).GetAttributeValue<OptionSetValue>(D.CatReason));
            // The recipients who receive it hold a reservation until it is sent.
            foreach (var f in fresh) Assert.Equal(LedgerEntryKind.Pending, Assert.Single(w.ContactLedger(f).Entries).Kind);
        }
    }
}
