using System;

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
    }
}
