using System;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The outcome of evaluating one touch for one contact. Plain data computed eagerly; the English and German
    /// texts are composed only when <see cref="GetMessage"/> is called, so evaluating thousands of recipients costs
    /// no string building.
    /// </summary>
    public sealed class Decision
    {
        internal const int IndexWindowCap = 0;
        internal const int IndexAutomatedCap = 1;
        internal const int IndexChannelCap = 2;
        internal const int IndexMinimumGap = 3;
        internal const int IndexCoolDown = 4;
        internal const int IndexAccountCap = 5;
        internal const int IndexConsent = 6;
        internal const int IndexSaturated = 7;
        internal const int IndexNegativeMarginalValue = 8;
        internal const int IndexHumanFirst = 9;
        internal const int CounterCount = 10;

        private static readonly int[] CapIndexes = { IndexWindowCap, IndexAutomatedCap, IndexChannelCap, IndexAccountCap };
        private RuleCounter[] _counters;

        internal Decision(
            Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, RuleCounter[] counters,
            DecisionKind kind, ReasonCode reason, ReasonCode? overriddenReason, bool hasViolation, DateTime? nextAllowedOn,
            double pressure, double score, Band band, double marginalValue, bool isHighValue)
        {
            _counters = counters;
            ContactName = "";
            Set(touch, contact, account, policy, counters, kind, reason, overriddenReason, hasViolation, nextAllowedOn, pressure, score, band, marginalValue, isHighValue);
        }

        /// <summary>An empty decision with its own counters, for <see cref="Workflow.ReplayBuffer"/> to fill again and again.</summary>
        internal Decision()
        {
            _counters = new RuleCounter[CounterCount];
            ContactName = "";
        }

        /// <summary>The counters the next evaluation into this decision writes (a replay's reused decision lends its own).</summary>
        internal RuleCounter[] CountersForReuse => _counters;

        /// <summary>
        /// Gives the decision its values: once, from the constructor, for every decision but a replay's, whose one decision
        /// is set again for each replayed touch (<see cref="Workflow.ReplayBuffer"/>).
        /// </summary>
        internal Decision Set(
            Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, RuleCounter[] counters,
            DecisionKind kind, ReasonCode reason, ReasonCode? overriddenReason, bool hasViolation, DateTime? nextAllowedOn,
            double pressure, double score, Band band, double marginalValue, bool isHighValue)
        {
            Channel = touch.Channel;
            Origin = touch.Origin;
            At = touch.At;
            ActivityId = touch.ActivityId;
            OverrideReason = touch.OverrideReason;
            ContactId = contact.Id;
            ContactName = contact.DisplayName;
            ContactValue = contact.Value;
            OwnerId = contact.OwnerId;
            AccountId = account?.Id;
            AccountName = account?.DisplayName;
            PolicyId = policy.Id;
            Mode = policy.Mode;
            ValueThreshold = policy.ValueThreshold;
            LedgerFlagged = contact.Ledger.IsFlagged || (account is not null && account.Ledger.IsFlagged);
            _counters = counters;
            Kind = kind;
            Reason = reason;
            OverriddenReason = overriddenReason;
            HasViolation = hasViolation;
            NextAllowedOn = nextAllowedOn;
            Pressure = pressure;
            Score = score;
            Band = band;
            MarginalValue = marginalValue;
            IsHighValue = isHighValue;
            return this;
        }

        public DecisionKind Kind { get; private set; }

        /// <summary>The rule that decided: the binding violation, the exemption, or WithinBudget.</summary>
        public ReasonCode Reason { get; private set; }

        /// <summary>For an override, the violation the user overrode; otherwise null.</summary>
        public ReasonCode? OverriddenReason { get; private set; }

        /// <summary>True when some rule failed (also in Audit mode, where the touch is still allowed, and when overridden).</summary>
        public bool HasViolation { get; private set; }

        /// <summary>The earliest instant at which the same touch passes every rule; null when allowed now, or never possible.</summary>
        public DateTime? NextAllowedOn { get; private set; }

        /// <summary>True when the touch violates a rule that time does not cure (consent, human-first, a cap of 0).</summary>
        public bool IsNeverAllowed => HasViolation && NextAllowedOn is null;

        public IReadOnlyList<RuleCounter> Counters => _counters;

        /// <summary>The counter of <paramref name="rule"/> (consent rules share one slot); default when the rule has none.</summary>
        public RuleCounter Counter(ReasonCode rule)
        {
            for (var i = 0; i < _counters.Length; i++)
            {
                if (_counters[i].Rule == rule) return _counters[i];
            }
            return default;
        }

        /// <summary>Touches left in the tightest applicable cap (window, automated, channel, account); null when no cap applies.</summary>
        public int? RemainingTouches
        {
            get
            {
                int? min = null;
                for (var i = 0; i < CapIndexes.Length; i++)
                {
                    var c = _counters[CapIndexes[i]];
                    if (!c.Applies || c.Limit < 0) continue;
                    if (min is null || c.Remaining < min.Value) min = c.Remaining;
                }
                return min;
            }
        }

        /// <summary>Pressure P the contact feels at the touch time (stored pressure decayed plus pending touches).</summary>
        public double Pressure { get; private set; }

        /// <summary>Receptivity score 0–100 before the touch.</summary>
        public double Score { get; private set; }

        public Band Band { get; private set; }

        /// <summary>Marginal value of this touch (channel, origin); with an unknown contact value V = 0, so it is −cost.</summary>
        public double MarginalValue { get; private set; }

        public decimal? ContactValue { get; private set; }

        public decimal ValueThreshold { get; private set; }

        public bool IsHighValue { get; private set; }

        public Channel Channel { get; private set; }

        public Origin Origin { get; private set; }

        public DateTime At { get; private set; }

        public Guid ActivityId { get; private set; }

        public string? OverrideReason { get; private set; }

        public Guid ContactId { get; private set; }

        public string ContactName { get; private set; }

        public Guid? OwnerId { get; private set; }

        public Guid? AccountId { get; private set; }

        public string? AccountName { get; private set; }

        public Guid PolicyId { get; private set; }

        public PolicyMode Mode { get; private set; }

        /// <summary>True when the contact's or account's ledger text was corrupt or of an unknown version and was read as empty.</summary>
        public bool LedgerFlagged { get; private set; }

        /// <summary>The touch may go ahead (Allow, Warn or Exempt).</summary>
        public bool Proceeds => Kind == DecisionKind.Allow || Kind == DecisionKind.Warn || Kind == DecisionKind.Exempt;

        /// <summary>True when the consent rule failed.</summary>
        public bool ConsentFailed => _counters[IndexConsent].Failed;

        /// <summary>Whether a policy with <paramref name="level"/> logs this decision (NonTrivial = all but a plain Allow within budget).</summary>
        public bool ShouldLog(LoggingLevel level)
        {
            switch (level)
            {
                case LoggingLevel.Off: return false;
                case LoggingLevel.All: return true;
                default: return !(Kind == DecisionKind.Allow && Reason == ReasonCode.WithinBudget) || LedgerFlagged;
            }
        }

        /// <summary>What a seller reads: the rule, its counters and the next allowed instant, in the format's language and time zone.</summary>
        public string GetMessage(MessageFormat format) => DecisionMessages.Compose(this, format);

        internal RuleCounter CounterAt(int index) => _counters[index];

        public override string ToString() => Kind + "/" + Reason + (NextAllowedOn is DateTime d ? " next " + d.ToString("o") : "");
    }
}
