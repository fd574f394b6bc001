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
    public sealed class PolicyScenarioTests
    {
        [Fact]
        public void An_override_with_a_reason_passes_the_budget_and_is_logged_with_the_reason()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            var email = World.Email("Contract draft she asked for", anna);
            email[M.Email.Fields.CatOverrideReason] = "Customer asked for the draft today";

            var id = w.As(seller).Create(email);

            var row = w.Row(M.Email.EntityLogicalName, id);
            Assert.Equal(World.Choice((int)DecisionKind.Exempt), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(World.Choice((int)ReasonCode.Override), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal("Customer asked for the draft today", decision.GetAttributeValue<string>(D.CatOverrideReason));
            Assert.Equal(World.Choice((int)ReasonCode.Override), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
        }

        [Fact]
        public void Audit_mode_logs_a_violation_without_blocking()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));

            var id = w.As(seller).Create(World.Email("One more", anna));

            Assert.Equal(World.Choice((int)DecisionKind.Allow), w.Row(M.Email.EntityLogicalName, id).GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)DecisionKind.Allow), decision.GetAttributeValue<OptionSetValue>(D.CatDecision));
            Assert.Equal(World.Choice((int)ReasonCode.WindowCap), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
        }

        [Fact]
        public void Without_any_policy_row_the_built_in_defaults_apply_in_audit_mode()
        {
            var w = new World();
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, Enumerable.Range(1, 6).Select(i => (TimeSpan.FromDays(i * 2), Channel.Email, Origin.Human)).ToArray());

            var id = w.As(seller).Create(World.Email("Seventh touch", anna));

            Assert.Equal(World.Choice((int)DecisionKind.Allow), w.Row(M.Email.EntityLogicalName, id).GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            // Six unanswered touches: the default cool-down (after 4) outlasts the window cap and is the reason logged.
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)ReasonCode.CoolDown), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.False(decision.Contains(D.CatPolicyId));
        }

        [Fact]
        public void The_contacts_policy_wins_over_the_accounts_and_the_accounts_over_the_default()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatMaxTouches] = 1);
            var accountPolicy = w.Policy(PolicyMode.Enforce, p => p[P.CatMaxTouches] = 1, isDefault: false);
            var contactPolicy = w.Policy(PolicyMode.Warn, p => p[P.CatMaxTouches] = 1, isDefault: false);
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme", accountPolicy);
            var anna = w.Contact("Anna Berg", seller, acme, configure: c => c[M.Contact.Fields.CatPolicyId] = new EntityReference(M.AttentionPolicy.EntityLogicalName, contactPolicy));
            var ben = w.Contact("Ben Kraus", seller, acme);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            w.SeedTouches(ben, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));

            var annaEmail = w.As(seller).Create(World.Email("Hi Anna", anna));
            World.Refused(() => w.As(seller).Create(World.Email("Hi Ben", ben)));

            Assert.Equal(World.Choice((int)DecisionKind.Warn), w.Row(M.Email.EntityLogicalName, annaEmail).GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(contactPolicy, Assert.Single(w.DecisionsFor(anna)).GetAttributeValue<EntityReference>(D.CatPolicyId).Id);
            Assert.Equal(accountPolicy, Assert.Single(w.DecisionsFor(ben)).GetAttributeValue<EntityReference>(D.CatPolicyId).Id);
        }

        [Fact]
        public void Invalid_policies_are_refused_with_every_error_listed_naming_the_fields()
        {
            var w = new World();
            var admin = w.Seller("Ops Admin");
            var policy = new Entity(M.AttentionPolicy.EntityLogicalName)
            {
                [P.CatName] = "Too strict",
                [P.CatWindowDays] = 7,
                [P.CatMaxTouches] = 3,
                [P.CatMaxAutomatedTouches] = 5,
                [P.CatSaturatedBelow] = 80m,
                [P.CatResponseDamping] = 1m,
            };

            var fault = World.Refused(() => w.As(admin).Create(policy));

            var message = fault.Detail.Message;
            Assert.StartsWith("The attention policy cannot be saved: 3 values are invalid.", message);
            Assert.Contains("[" + P.CatMaxAutomatedTouches + "]", message);
            Assert.Contains("[" + P.CatSaturatedBelow + "]", message);
            Assert.Contains("[" + P.CatResponseDamping + "]", message);
            Assert.Contains("Response damping must be between 0 and 0.99 (is 1).", message);
            Assert.Empty(w.Dataverse.Rows(M.AttentionPolicy.EntityLogicalName));
        }

        [Fact]
        public void A_policy_update_is_validated_together_with_the_values_it_keeps()
        {
            var w = new World();
            var admin = w.Seller("Ops Admin", language: 1031);
            var id = w.As(admin).Create(new Entity(M.AttentionPolicy.EntityLogicalName) { [P.CatName] = "Standard", [P.CatMaxTouches] = 4 });

            var fault = World.Refused(() => w.As(admin).Update(new Entity(M.AttentionPolicy.EntityLogicalName, id) { [P.CatMaxAutomatedTouches] = 6 }));

            Assert.StartsWith("Die Aufmerksamkeitsrichtlinie kann nicht gespeichert werden: 1 Wert ist ungültig.", fault.Detail.Message);
            Assert.Contains("(4)", fault.Detail.Message);
            Assert.Equal(4, w.Row(M.AttentionPolicy.EntityLogicalName, id).GetAttributeValue<int>(P.CatMaxTouches));
        }

        [Fact]
        public void Decision_records_cannot_be_edited_or_deleted_by_a_user()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            w.As(seller).Create(World.Email("One more", anna));
            var decision = Assert.Single(w.Decisions());
            var admin = w.As(w.Dataverse.DefaultUserId);

            var edit = World.Refused(() => admin.Update(new Entity(M.AttentionDecision.EntityLogicalName, decision.Id) { [D.CatMessage] = "nothing happened" }));
            var delete = World.Refused(() => admin.Delete(M.AttentionDecision.EntityLogicalName, decision.Id));

            Assert.Equal("Attention decisions are an append-only log and cannot be changed.", edit.Detail.Message);
            Assert.Equal("Attention decisions are an append-only log and cannot be deleted.", delete.Detail.Message);
            Assert.Equal(decision.GetAttributeValue<string>(D.CatMessage), w.Row(M.AttentionDecision.EntityLogicalName, decision.Id).GetAttributeValue<string>(D.CatMessage));
        }

        [Fact]
        public void The_system_user_may_remove_decision_records()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            w.As(seller).Create(World.Email("One more", anna));
            var decision = Assert.Single(w.Decisions());

            w.As(w.Dataverse.SystemUserId).Delete(M.AttentionDecision.EntityLogicalName, decision.Id);

            Assert.Empty(w.Decisions());
        }

        [Fact]
        public void With_account_revenue_as_value_source_a_high_revenue_account_makes_its_contacts_high_value()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p =>
            {
                p[P.CatValueSource] = World.Choice((int)ValueSource.AccountRevenue);
                p[P.CatHumanFirst] = true;
                p[P.CatValueThreshold] = 1000000m;
            });
            var owner = w.Seller("Dana Seller");
            var big = w.Contact("Anna Berg", owner, w.Account("Big Corp", revenue: 5000000m));
            var small = w.Contact("Ben Kraus", owner, w.Account("Small Shop", revenue: 20000m));
            var sequencer = w.Sequencer();

            w.As(sequencer).Create(World.Email("Step 1", big));
            w.As(sequencer).Create(World.Email("Step 1", small));

            Assert.Equal(World.Choice((int)ReasonCode.HumanFirst), Assert.Single(w.DecisionsFor(big)).GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Equal(5000000m, Assert.Single(w.DecisionsFor(big)).GetAttributeValue<decimal>(D.CatContactValue));
            Assert.Empty(w.DecisionsFor(small));
            Assert.Equal(big, Assert.Single(w.RoutedCalls()).GetAttributeValue<EntityCollection>(M.PhoneCall.Fields.To).Entities[0].GetAttributeValue<EntityReference>(M.ActivityParty.Fields.PartyId).Id);
        }

        [Fact]
        public void With_open_opportunities_as_value_source_only_open_ones_count()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p =>
            {
                p[P.CatValueSource] = World.Choice((int)ValueSource.OpenOpportunities);
                p[P.CatHumanFirst] = true;
                p[P.CatValueThreshold] = 30000m;
            });
            var owner = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", owner);
            foreach (var (value, state) in new[] { (20000m, 0), (15000m, 0), (90000m, 2) })
            {
                w.Dataverse.Seed(new Entity(M.Opportunity.EntityLogicalName)
                {
                    [M.Opportunity.Fields.Name] = "Deal " + value,
                    [M.Opportunity.Fields.ParentContactId] = new EntityReference(M.Contact.EntityLogicalName, anna),
                    [M.Opportunity.Fields.EstimatedValue] = new Money(value),
                    [M.Opportunity.Fields.StateCode] = new OptionSetValue(state),
                });
            }

            w.As(w.Sequencer()).Create(World.Email("Step 1", anna));

            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(35000m, decision.GetAttributeValue<decimal>(D.CatContactValue));
            Assert.Equal(World.Choice((int)DecisionKind.RouteToHuman), decision.GetAttributeValue<OptionSetValue>(D.CatDecision));
        }
    }
}
