using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrmAttention.Engine
{
    /// <summary>One recipient of a multi-recipient touch: the contact, its account (may be null) and the policy that applies to it.</summary>
    public sealed class Recipient
    {
        public Recipient(ContactState contact, AccountState? account, AttentionPolicy policy)
        {
            Contact = contact ?? throw new ArgumentNullException(nameof(contact));
            Account = account;
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        }

        public ContactState Contact { get; }

        public AccountState? Account { get; }

        public AttentionPolicy Policy { get; }
    }

    /// <summary>
    /// The outcome of one touch (an email to 200 contacts) evaluated per recipient: who receives it, who is suppressed,
    /// who becomes a phone call, who is blocked. Decisions are in recipient order.
    /// </summary>
    public sealed class RecipientsResult
    {
        private readonly Decision[] _decisions;
        private readonly List<Decision> _proceeding = new List<Decision>();
        private readonly List<Decision> _suppressed = new List<Decision>();
        private readonly List<Decision> _routed = new List<Decision>();
        private readonly List<Decision> _blocked = new List<Decision>();

        internal RecipientsResult(Decision[] decisions)
        {
            _decisions = decisions;
            foreach (var d in decisions)
            {
                switch (d.Kind)
                {
                    case DecisionKind.Suppress: _suppressed.Add(d); break;
                    case DecisionKind.RouteToHuman: _routed.Add(d); break;
                    case DecisionKind.Block: _blocked.Add(d); break;
                    default: _proceeding.Add(d); break;
                }
            }
        }

        public IReadOnlyList<Decision> Decisions => _decisions;

        /// <summary>Recipients the touch goes to (Allow, Warn, Exempt).</summary>
        public IReadOnlyList<Decision> Proceeding => _proceeding;

        /// <summary>Automated touch dropped for these recipients.</summary>
        public IReadOnlyList<Decision> Suppressed => _suppressed;

        /// <summary>Automated touch replaced by a phone call for the owner.</summary>
        public IReadOnlyList<Decision> Routed => _routed;

        /// <summary>A person's touch blocked for these recipients (Enforce mode).</summary>
        public IReadOnlyList<Decision> Blocked => _blocked;

        /// <summary>True when no recipient remains: the activity itself is cancelled (suppressed) or refused (blocked).</summary>
        public bool NoneProceed => _proceeding.Count == 0;

        /// <summary>"Of 200 recipients, 150 receive the touch, 40 are suppressed, 10 become phone calls for their owners, 0 are blocked."</summary>
        public string GetSummary(MessageFormat format)
        {
            string N(int n) => n.ToString(CultureInfo.InvariantCulture);
            return format.Pick(
                "Of " + N(_decisions.Length) + " recipients, " + N(_proceeding.Count) + " receive the touch, " + N(_suppressed.Count) + " are suppressed, "
                + N(_routed.Count) + " become phone calls for their owners, " + N(_blocked.Count) + " are blocked.",
                "Von " + N(_decisions.Length) + " Empfängern erhalten " + N(_proceeding.Count) + " den Kontakt, " + N(_suppressed.Count) + " werden unterdrückt, "
                + N(_routed.Count) + " werden zu Anrufen für ihre Besitzer, " + N(_blocked.Count) + " sind blockiert.");
        }
    }

    public static partial class AttentionEngine
    {
        /// <summary>
        /// Evaluates one touch for each recipient independently, each under its own policy. The recipients share the touch's
        /// activity, so on a shared account the touch counts once, as it will once recorded.
        /// </summary>
        public static RecipientsResult EvaluateRecipients(Touch touch, IReadOnlyList<Recipient> recipients, DateTime now)
        {
            if (touch is null) throw new ArgumentNullException(nameof(touch));
            if (recipients is null) throw new ArgumentNullException(nameof(recipients));
            var decisions = new Decision[recipients.Count];
            for (var i = 0; i < decisions.Length; i++)
            {
                var r = recipients[i];
                decisions[i] = Evaluate(touch, r.Contact, r.Account, r.Policy, now);
            }
            return new RecipientsResult(decisions);
        }
    }
}
