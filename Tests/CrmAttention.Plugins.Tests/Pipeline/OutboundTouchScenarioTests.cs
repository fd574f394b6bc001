using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class OutboundTouchScenarioTests
    {
        [Fact]
        public void Sellers_email_to_contact_over_budget_is_refused_with_a_German_message_for_a_German_user()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 2);
            var seller = w.Seller("Jonas Weber", language: 1031);
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(5), Channel.Email, Origin.Human), (TimeSpan.FromDays(3), Channel.Phone, Origin.Human));

            var fault = World.Refused(() => w.As(seller).Create(World.Email("Angebot", anna)));

            Assert.Contains("Anna Berg", fault.Detail.Message);
            Assert.Contains("Kontakte", fault.Detail.Message);
            Assert.Empty(w.Dataverse.Rows(M.Email.EntityLogicalName));
        }

        [Fact]
        public void Sellers_email_within_budget_is_created_with_origin_and_decision_on_the_row()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);

            var id = w.As(seller).Create(World.Email("Hello", anna));

            var email = w.Row(M.Email.EntityLogicalName, id);
            Assert.Equal(World.Choice((int)Origin.Human), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatOrigin));
            Assert.Equal(World.Choice((int)DecisionKind.Allow), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(World.Choice((int)ReasonCode.WithinBudget), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
        }

        [Fact]
        public void Blocked_decision_record_survives_the_rollback_of_the_refused_create()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));

            World.Refused(() => w.As(seller).Create(World.Email("Follow-up", anna)));

            Assert.Empty(w.Dataverse.Rows(M.Email.EntityLogicalName));
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)DecisionKind.Block), decision.GetAttributeValue<OptionSetValue>(D.CatDecision));
            Assert.Equal(World.Choice((int)ReasonCode.WindowCap), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
        }

        [Fact]
        public void A_persons_email_to_several_contacts_is_refused_naming_each_blocked_recipient_and_logging_each()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var ben = w.Contact("Ben Kraus", seller);
            var carla = w.Contact("Carla Diaz", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            w.SeedTouches(ben, null, (TimeSpan.FromDays(3), Channel.Phone, Origin.Human));

            var fault = World.Refused(() => w.As(seller).Create(World.Email("Team update", anna, ben, carla)));

            Assert.StartsWith("CrmAttention refused this activity for 2 recipients:", fault.Detail.Message);
            Assert.Contains("\n- Anna Berg: ", fault.Detail.Message);
            Assert.Contains("\n- Ben Kraus: ", fault.Detail.Message);
            Assert.DoesNotContain("Carla Diaz", fault.Detail.Message);
            Assert.Single(w.DecisionsFor(anna));
            Assert.Single(w.DecisionsFor(ben));
            Assert.Empty(w.DecisionsFor(carla));
        }
    }
}
