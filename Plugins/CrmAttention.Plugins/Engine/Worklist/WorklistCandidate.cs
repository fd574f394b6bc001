using System;

namespace CrmAttention.Engine.Worklist
{
    /// <summary>The open phone call CrmAttention routed to the contact's owner (at most one per contact).</summary>
    public sealed class OpenRoutedCall
    {
        public OpenRoutedCall(Guid id, DateTime createdOn, DateTime? dueOn, Channel? routedFromChannel)
        {
            Id = id;
            CreatedOn = createdOn;
            DueOn = dueOn;
            RoutedFromChannel = routedFromChannel;
        }

        public Guid Id { get; }

        public DateTime CreatedOn { get; }

        /// <summary>The call's due date (scheduledend: creation plus the policy's call SLA); null when none was set.</summary>
        public DateTime? DueOn { get; }

        /// <summary>The channel of the suppressed automated touch the call was routed from, when known.</summary>
        public Channel? RoutedFromChannel { get; }
    }

    /// <summary>One contact a seller owns, as the worklist ranks it: its stored state, its account and its policy.</summary>
    public sealed class WorklistCandidate
    {
        public WorklistCandidate(ContactState contact, AccountState? account, AttentionPolicy policy, OpenRoutedCall? routedCall = null)
        {
            Contact = contact ?? throw new ArgumentNullException(nameof(contact));
            Account = account;
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            RoutedCall = routedCall;
        }

        public ContactState Contact { get; }

        public AccountState? Account { get; }

        public AttentionPolicy Policy { get; }

        public OpenRoutedCall? RoutedCall { get; }
    }
}
