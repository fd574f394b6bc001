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
