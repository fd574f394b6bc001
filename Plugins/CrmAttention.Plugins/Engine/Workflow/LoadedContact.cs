using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>One contact as the engine sees it, with its account and the policy that applies to it.</summary>
    public class LoadedContact
    {
        public LoadedContact(ContactState contact, AccountState? account, AttentionPolicy policy, Exception? configurationError = null, RecordRef? owner = null)
        {
            Contact = contact;
            Account = account;
            Policy = policy;
            ConfigurationError = configurationError;
            Owner = owner;
        }

        /// <summary>Set when the policy row could not be read (e.g. model parameters saved around validation): evaluation fails open.</summary>
        public Exception? ConfigurationError { get; }

        public ContactState Contact { get; }

        /// <summary>Shared between the contacts of one account in one load, so a touch counts once on it.</summary>
        public AccountState? Account { get; }

        public AttentionPolicy Policy { get; }

        /// <summary>The contact's owner, user or team (routing needs a user: <see cref="ContactState.OwnerId"/>).</summary>
        public RecordRef? Owner { get; }

        /// <summary>
        /// What <see cref="IAttentionStateStore.Save"/> keeps, the same for every store: each contact brought up to
        /// <paramref name="now"/> (its snapshot measured against its account brought up to now on a copy), then each
        /// distinct account once, under the policy of the first of its contacts in this change.
        /// </summary>
        public static void BringUpTo(IReadOnlyList<LoadedContact> contacts, DateTime now, Action<LoadedContact, ContactSnapshot> keepContact,
            Action<LoadedContact, AccountSnapshot> keepAccount)
        {
            var accounts = new Dictionary<Guid, LoadedContact>();
            foreach (var c in contacts)
            {
                keepContact(c, AttentionRecorder.Recompute(c.Contact, c.Account?.Clone(), c.Policy, now));
                if (c.Account != null && !accounts.ContainsKey(c.Account.Id)) accounts.Add(c.Account.Id, c);
            }
            foreach (var c in accounts.Values) keepAccount(c, AttentionRecorder.Recompute(c.Account!, c.Policy, now));
        }
    }
}
