using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// One rule's state behind a decision: for caps the touches used in the window and the limit; for the minimum gap
    /// the touches within the gap (limit 1); for the cool-down the unanswered touches and the threshold that starts it.
    /// <see cref="NextAllowedOn"/> is when this rule alone would pass; null when it passes now or never will (consent,
    /// human-first, a cap of 0). <see cref="Applies"/> is false when the rule is off in the policy or does not concern
    /// this touch (the automated cap for a human touch; every rule for a transactional one).
    /// </summary>
    public readonly struct RuleCounter
    {
        public RuleCounter(ReasonCode rule, bool applies, bool passed, int used, int limit, TimeSpan window, DateTime? nextAllowedOn)
        {
            Rule = rule;
            Applies = applies;
            Passed = passed;
            Used = used;
            Limit = limit;
            Window = window;
            NextAllowedOn = nextAllowedOn;
        }

        public ReasonCode Rule { get; }

        public bool Applies { get; }

        public bool Passed { get; }

        public int Used { get; }

        /// <summary>The limit; −1 when the rule has none.</summary>
        public int Limit { get; }

        public TimeSpan Window { get; }

        public DateTime? NextAllowedOn { get; }

        /// <summary>True when the rule applies and fails.</summary>
        public bool Failed => Applies && !Passed;

        /// <summary>Touches still possible under this rule (limit − used, not below 0); −1 when the rule has no limit.</summary>
        public int Remaining => Limit < 0 ? -1 : Math.Max(0, Limit - Used);

        public override string ToString() =>
            Rule + (Applies ? (Passed ? " passed " : " failed ") : " n/a ") + Used + "/" + Limit + " in " + Window + (NextAllowedOn is DateTime d ? " next " + d.ToString("o") : "");
    }
}
