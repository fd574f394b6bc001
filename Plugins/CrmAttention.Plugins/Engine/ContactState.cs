using System;

namespace CrmAttention.Engine
{
    /// <summary>Contact consent flags as stored on the Dataverse contact row.</summary>
    [Flags]
    public enum ConsentFlags
    {
        None = 0,

        /// <summary>donotemail: no email of any origin except transactional.</summary>
        DoNotEmail = 1,

        /// <summary>donotphone: no phone calls and no SMS.</summary>
        DoNotPhone = 2,

        /// <summary>donotpostalmail: no letters.</summary>
        DoNotPostalMail = 4,

        /// <summary>donotbulkemail: no automated email (sequences, campaigns).</summary>
        DoNotBulkEmail = 8,
    }

    /// <summary>
    /// What the engine needs to know about a contact, read from the contact row. Language-independent: the
    /// display name is the only text. Record* methods of <see cref="AttentionRecorder"/> update it in place.
    /// </summary>
    public sealed class ContactState
    {
        public Guid Id { get; set; }

        public string DisplayName { get; set; } = "";

        /// <summary>Pressure as of <see cref="PressureAsOf"/> (cat_pressure).</summary>
        public double Pressure { get; set; }

        /// <summary>cat_pressureasof; null when no touch was ever recorded (then pressure is 0).</summary>
        public DateTime? PressureAsOf { get; set; }

        public Ledger Ledger { get; set; } = new Ledger();

        public ConsentFlags Consent { get; set; }

        /// <summary>The contact's value V from the policy's value source; null when unknown.</summary>
        public decimal? Value { get; set; }

        /// <summary>Budgeted touches since the last response (cat_unansweredtouches).</summary>
        public int UnansweredTouches { get; set; }

        public DateTime? LastTouchOn { get; set; }

        public DateTime? LastResponseOn { get; set; }

        /// <summary>
        /// Automated touches since the last response: the automated cool-down counts these. Stored in the ledger; a version-1
        /// ledger did not store it, so it is counted from the ledger's touches after the last response.
        /// </summary>
        public int UnansweredAutomatedTouches => Ledger.UnansweredAutomated ?? CountSinceLastResponse(Origin.Automated);

        /// <summary>A person's touches since the last response: the cool-down for people counts only these (never the automations').</summary>
        public int UnansweredHumanTouches => Ledger.UnansweredHuman ?? Math.Max(0, UnansweredTouches - UnansweredAutomatedTouches);

        /// <summary>
        /// True when the contact responded within the policy's conversation days before <paramref name="at"/>: a person may
        /// always reach them (consent aside) and automated touches stop.
        /// </summary>
        public bool InConversationAt(DateTime at, AttentionPolicy policy) =>
            policy.ConversationDays > 0 && LastResponseOn is DateTime replied && replied <= at && at - replied < TimeSpan.FromDays(policy.ConversationDays);

        /// <summary>Writes the derived counters into the ledger, so that they are stored (version 2) from now on.</summary>
        internal void MaterializeUnanswered()
        {
            if (Ledger.UnansweredAutomated is null || Ledger.UnansweredHuman is null)
            {
                var automated = UnansweredAutomatedTouches;
                var human = UnansweredHumanTouches;
                Ledger.UnansweredAutomated = automated;
                Ledger.UnansweredHuman = human;
            }
        }

        private int CountSinceLastResponse(Origin origin)
        {
            var n = 0;
            foreach (var e in Ledger.Entries)
            {
                if (e.Kind == LedgerEntryKind.Touch && e.Origin == origin && (LastResponseOn is null || e.Time > LastResponseOn.Value)) n++;
            }
            return Math.Min(n, UnansweredTouches);
        }

        /// <summary>Owner of the contact: who gets a routed call. Null when the owner is a team or unknown (no routing then).</summary>
        public Guid? OwnerId { get; set; }

        public Guid? AccountId { get; set; }

        public ContactState Clone()
        {
            var copy = (ContactState)MemberwiseClone();
            copy.Ledger = Ledger.Clone();
            return copy;
        }
    }

    /// <summary>What the engine needs to know about the contact's account (the account-wide cap counts every contact's touches).</summary>
    public sealed class AccountState
    {
        public Guid Id { get; set; }

        public string? DisplayName { get; set; }

        public double Pressure { get; set; }

        public DateTime? PressureAsOf { get; set; }

        public Ledger Ledger { get; set; } = new Ledger();

        public AccountState Clone()
        {
            var copy = (AccountState)MemberwiseClone();
            copy.Ledger = Ledger.Clone();
            return copy;
        }
    }
}
