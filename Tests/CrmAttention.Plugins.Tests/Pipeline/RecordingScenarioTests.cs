using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using C = CrmAttention.Model.Contact.Fields;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class RecordingScenarioTests
    {
        [Fact]
        public void Sending_an_email_records_the_touch_on_contact_and_account_and_updates_the_columns()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme");
            var anna = w.Contact("Anna Berg", seller, acme);
            var service = w.As(seller);

            var emailId = service.Create(World.Email("Hello", anna));
            World.Send(service, emailId);

            var contact = w.ContactRow(anna);
            var entry = Assert.Single(w.ContactLedger(anna).Entries);
            Assert.Equal(LedgerEntryKind.Touch, entry.Kind);
            Assert.Equal(Channel.Email, entry.Channel);
            Assert.Equal(Origin.Human, entry.Origin);
            Assert.Equal(0.8m, contact.GetAttributeValue<decimal>(C.CatPressure));
            Assert.Equal(w.Now, contact.GetAttributeValue<DateTime>(C.CatLastTouchOn));
            Assert.Equal(1, contact.GetAttributeValue<int>(C.CatTouchesInWindow));
            Assert.Equal(1, contact.GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.Equal(World.Choice((int)Band.Receptive), contact.GetAttributeValue<OptionSetValue>(C.CatBand));
            Assert.Equal(Math.Round(100m * (decimal)Math.Exp(-0.35 * 0.8), 2), contact.GetAttributeValue<decimal>(C.CatScore));
            Assert.Equal(w.Now.AddHours(24), contact.GetAttributeValue<DateTime>(C.CatNextAllowedTouchOn));
            Assert.Single(w.AccountLedger(acme).Entries);
            Assert.Equal(1, w.Row(M.Account.EntityLogicalName, acme).GetAttributeValue<int>(M.Account.Fields.CatTouchesInWindow));
        }

        [Fact]
        public void Completing_a_phone_call_records_a_touch_and_completing_it_again_records_nothing_more()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var service = w.As(seller);
            var callId = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Intro call", M.PhoneCall.Fields.To, anna));

            World.Complete(service, M.PhoneCall.EntityLogicalName, callId, 2);
            service.Update(new Entity(M.PhoneCall.EntityLogicalName, callId) { [M.PhoneCall.Fields.StateCode] = new OptionSetValue(1), [M.PhoneCall.Fields.StatusCode] = new OptionSetValue(2) });

            var entry = Assert.Single(w.ContactLedger(anna).Entries);
            Assert.Equal(Channel.Phone, entry.Channel);
            Assert.Equal(0.6m, w.ContactRow(anna).GetAttributeValue<decimal>(C.CatPressure));
        }

        [Fact]
        public void An_inbound_reply_damps_pressure_and_resets_the_unanswered_count()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(3), Channel.Email, Origin.Human), (TimeSpan.FromDays(1), Channel.Email, Origin.Human));
            var before = w.ContactRow(anna);
            Assert.Equal(2, before.GetAttributeValue<int>(C.CatUnansweredTouches));

            var reply = new Entity(M.Email.EntityLogicalName)
            {
                [M.Email.Fields.Subject] = "Re: Hello",
                [M.Email.Fields.DirectionCode] = false,
                [M.Email.Fields.From] = World.Parties(anna),
            };
            w.As(seller).Create(reply);

            var after = w.ContactRow(anna);
            Assert.Equal(0, after.GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.Equal(w.Now, after.GetAttributeValue<DateTime>(C.CatLastResponseOn));
            var expected = (double)before.GetAttributeValue<decimal>(C.CatPressure) * 0.25;
            Assert.Equal(expected, (double)after.GetAttributeValue<decimal>(C.CatPressure), 3);
            Assert.Equal(LedgerEntryKind.Response, w.ContactLedger(anna).Entries.Last().Kind);
            Assert.Empty(w.Decisions());
        }

        [Fact]
        public void A_reply_to_the_contacts_inbound_email_is_transactional_and_exempt_from_the_budget()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            var service = w.As(seller);
            var inbound = service.Create(new Entity(M.Email.EntityLogicalName) { [M.Email.Fields.Subject] = "Question", [M.Email.Fields.DirectionCode] = false, [M.Email.Fields.From] = World.Parties(anna) });

            var reply = World.Email("Re: Question", anna);
            reply[M.Email.Fields.ParentActivityId] = new EntityReference(M.Email.EntityLogicalName, inbound);
            var replyId = service.Create(reply);

            var row = w.Row(M.Email.EntityLogicalName, replyId);
            Assert.Equal(World.Choice((int)Origin.Transactional), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatOrigin));
            Assert.Equal(World.Choice((int)DecisionKind.Exempt), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision));
            Assert.Equal(World.Choice((int)ReasonCode.ReplyToInbound), row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
        }

        [Fact]
        public void A_completed_appointment_the_contact_attended_is_a_meeting_touch_and_a_response()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            var service = w.As(seller);
            var meeting = service.Create(World.Activity(M.Appointment.EntityLogicalName, "Workshop", M.Appointment.Fields.RequiredAttendees, anna));

            World.Complete(service, M.Appointment.EntityLogicalName, meeting, 3);

            var contact = w.ContactRow(anna);
            Assert.Equal(0, contact.GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.Equal(w.Now, contact.GetAttributeValue<DateTime>(C.CatLastResponseOn));
            var kinds = w.ContactLedger(anna).Entries.Select(e => e.Kind + "/" + e.Channel).ToList();
            Assert.Equal(new[] { "Touch/Email", "Touch/Meeting", "Response/Meeting" }, kinds);
        }

        [Fact]
        public void An_inbound_phone_call_completed_is_a_response()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            var service = w.As(seller);
            var call = new Entity(M.PhoneCall.EntityLogicalName) { [M.PhoneCall.Fields.Subject] = "Anna called back", [M.PhoneCall.Fields.DirectionCode] = false, [M.PhoneCall.Fields.From] = World.Parties(anna) };
            var callId = service.Create(call);

            World.Complete(service, M.PhoneCall.EntityLogicalName, callId, 4);

            Assert.Equal(0, w.ContactRow(anna).GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.Equal(LedgerEntryKind.Response, w.ContactLedger(anna).Entries.Last().Kind);
        }

        [Fact]
        public void Account_cap_holds_across_two_contacts_and_two_sellers()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p =>
            {
                p[M.AttentionPolicy.Fields.CatAccountMaxTouches] = 2;
                p[M.AttentionPolicy.Fields.CatMinGapHours] = 0;
            });
            var dana = w.Seller("Dana Seller");
            var jonas = w.Seller("Jonas Weber");
            var acme = w.Account("Acme");
            var anna = w.Contact("Anna Berg", dana, acme);
            var ben = w.Contact("Ben Kraus", jonas, acme);

            World.Send(w.As(dana), w.As(dana).Create(World.Email("Hello Anna", anna)));
            World.Send(w.As(jonas), w.As(jonas).Create(World.Email("Hello Ben", ben)));
            var fault = World.Refused(() => w.As(dana).Create(World.Email("Another one", anna)));

            Assert.Contains("Acme", fault.Detail.Message);
            Assert.Equal(2, w.AccountLedger(acme).Count);
            var blocked = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)ReasonCode.AccountCap), blocked.GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Equal(acme, blocked.GetAttributeValue<EntityReference>(D.CatAccountId).Id);
        }
    }
}
