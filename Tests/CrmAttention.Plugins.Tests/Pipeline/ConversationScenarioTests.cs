using System;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using C = CrmAttention.Model.Contact.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.PhoneCall.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    /// <summary>Issue 11 through the pipeline: connected calls, a seller following up a contact in conversation, the account's next allowed touch.</summary>
    public sealed class ConversationScenarioTests
    {
        [Fact]
        public void A_connected_call_puts_the_contact_in_conversation_and_a_full_window_no_longer_blocks_the_seller()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var service = w.As(seller);
            var callId = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Intro call", P.To, anna));

            service.Update(new Entity(M.PhoneCall.EntityLogicalName, callId)
            {
                [P.CatCallResult] = World.Choice((int)CallResult.Connected),
                [P.StateCode] = new OptionSetValue(1),
                [P.StatusCode] = new OptionSetValue(2),
            });

            var contact = w.ContactRow(anna);
            Assert.Equal(w.Now, contact.GetAttributeValue<DateTime>(C.CatLastResponseOn));
            Assert.Equal(0, contact.GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.False(contact.Contains(C.CatNextAllowedTouchOn) && contact[C.CatNextAllowedTouchOn] != null);
            // The window cap of 1 is used up by the call, yet the follow-up email goes ahead: Anna is in conversation.
            var emailId = service.Create(World.Email("Thanks for the call", anna));
            var email = w.Row(M.Email.EntityLogicalName, emailId);
            Assert.Equal(World.Choice((int)ReasonCode.InConversation), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
            Assert.Equal(World.Choice((int)DecisionKind.Allow), email.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
        }

        [Fact]
        public void A_call_completed_without_a_result_is_a_touch_only()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var service = w.As(seller);
            var callId = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Intro call", P.To, anna));

            World.Complete(service, M.PhoneCall.EntityLogicalName, callId, 2);

            var contact = w.ContactRow(anna);
            Assert.False(contact.Contains(C.CatLastResponseOn) && contact[C.CatLastResponseOn] != null);
            Assert.Equal(1, contact.GetAttributeValue<int>(C.CatUnansweredTouches));
            World.Refused(() => service.Create(World.Email("Following up", anna)));
        }

        [Fact]
        public void The_account_row_shows_when_its_cap_lets_the_next_touch_through()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatAccountMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme");
            var anna = w.Contact("Anna Berg", seller, acme);
            var service = w.As(seller);

            World.Send(service, service.Create(World.Email("Hello", anna)));

            var account = w.Row(M.Account.EntityLogicalName, acme);
            Assert.Equal(w.Now.AddDays(14), account.GetAttributeValue<DateTime>(M.Account.Fields.CatNextAllowedTouchOn));
        }
    }
}
