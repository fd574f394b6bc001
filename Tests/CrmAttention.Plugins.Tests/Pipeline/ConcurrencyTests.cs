using System;
using System.Linq;
using System.Threading.Tasks;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using C = CrmAttention.Model.Contact.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class ConcurrencyTests
    {
        [Fact]
        public void Two_hundred_parallel_completions_on_one_contact_are_all_recorded()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme");
            var anna = w.Contact("Anna Berg", seller, acme);
            var calls = Enumerable.Range(0, 200).Select(i =>
            {
                var call = World.Activity(M.PhoneCall.EntityLogicalName, "Call " + i, M.PhoneCall.Fields.To, anna);
                call[M.PhoneCall.Fields.CatOrigin] = World.Choice((int)Origin.Human);
                return w.Dataverse.Seed(call, seller);
            }).ToArray();

            Parallel.ForEach(calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, id => World.Complete(w.As(seller), M.PhoneCall.EntityLogicalName, id, 2));

            var ledger = w.ContactLedger(anna);
            Assert.Equal(200, ledger.Count);
            Assert.Equal(calls.Select(LedgerEntry.KeyOf).OrderBy(k => k), ledger.Entries.Select(e => e.Key).OrderBy(k => k));
            var contact = w.ContactRow(anna);
            Assert.Equal(200, contact.GetAttributeValue<int>(C.CatUnansweredTouches));
            Assert.Equal(200, contact.GetAttributeValue<int>(C.CatTouchesInWindow));
            Assert.Equal(120m, contact.GetAttributeValue<decimal>(C.CatPressure));
            Assert.Equal(200, w.AccountLedger(acme).Count);
            Assert.Equal(200, w.Row(M.Account.EntityLogicalName, acme).GetAttributeValue<int>(M.Account.Fields.CatTouchesInWindow));
        }

        [Fact]
        public void Fifty_parallel_automated_emails_to_contacts_of_one_account_never_exceed_an_account_cap_of_fifteen()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatAccountMaxTouches] = 15);
            var owner = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var acme = w.Account("Acme");
            var contacts = Enumerable.Range(0, 50).Select(i => w.Contact("Contact No" + i, owner, acme)).ToArray();

            var emails = new Guid[contacts.Length];
            Parallel.For(0, contacts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => emails[i] = w.As(sequencer).Create(World.Email("Sequence step", contacts[i])));

            var rows = emails.Select(id => w.Row(M.Email.EntityLogicalName, id)).ToList();
            var open = rows.Where(r => r.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value == 0).ToList();
            var cancelled = rows.Where(r => r.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value == 2).ToList();
            Assert.Equal(15, open.Count);
            Assert.Equal(35, cancelled.Count);
            Assert.All(cancelled, r => Assert.Equal(World.Choice((int)ReasonCode.AccountCap), r.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason)));
            var pending = w.AccountLedger(acme).Entries;
            Assert.Equal(15, pending.Count);
            Assert.All(pending, e => Assert.Equal(LedgerEntryKind.Pending, e.Kind));
            Assert.Equal(open.Select(r => LedgerEntry.KeyOf(r.Id)).OrderBy(k => k), pending.Select(e => e.Key).OrderBy(k => k));
            Assert.Equal(35, w.Decisions().Count);

            Parallel.ForEach(open, new ParallelOptions { MaxDegreeOfParallelism = 8 }, r => World.Send(w.As(sequencer), r.Id));

            var sent = w.AccountLedger(acme).Entries;
            Assert.Equal(15, sent.Count);
            Assert.All(sent, e => Assert.Equal(LedgerEntryKind.Touch, e.Kind));
            Assert.Equal(15, w.Row(M.Account.EntityLogicalName, acme).GetAttributeValue<int>(M.Account.Fields.CatTouchesInWindow));
        }
    }
}
