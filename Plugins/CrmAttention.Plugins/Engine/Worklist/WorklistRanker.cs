using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Worklist
{
    /// <summary>
    /// A seller's worklist (product.md §3): the contacts they own ranked by the expected value of one person's touch now,
    /// EV = V · p₀(best channel, Human) · e^(−αP) − cost(best channel, Human), routed calls first by due date. A contact
    /// a person's touch would be refused for on every channel (consent, budgets in Enforce mode) is left out. Only stored
    /// state is used: the contact's and account's pressure and ledgers, so ranking costs the same however long the
    /// history is.
    /// </summary>
    public static class WorklistRanker
    {
        public const int DefaultCount = 25;
        public const int MaxCount = 250;

        /// <summary>Days without a touch after which a high-value contact is named "high value, no touch for N days".</summary>
        public const int QuietDays = 30;

        /// <summary>The channels a seller's one-click actions open: a call and an email.</summary>
        private static readonly Channel[] PersonChannels = { Channel.Phone, Channel.Email };

        public static IReadOnlyList<WorklistRow> Rank(IEnumerable<WorklistCandidate> candidates, DateTime now, int count = DefaultCount)
        {
            if (candidates is null) throw new ArgumentNullException(nameof(candidates));
            if (count < 1 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, "The worklist holds between 1 and " + MaxCount + " rows.");
            var routed = new List<WorklistRow>();
            var ranked = new List<WorklistRow>();
            foreach (var candidate in candidates)
            {
                var row = Evaluate(candidate, now);
                if (row is null) continue;
                (row.RoutedCall is null ? ranked : routed).Add(row);
            }
            routed.Sort(CompareRouted);
            ranked.Sort(CompareRanked);
            var result = new List<WorklistRow>(Math.Min(count, routed.Count + ranked.Count));
            // The rows above use the account's cap too: once the touches the cap still allows are taken by the rows
            // above, a further contact of the account would be refused when the seller reaches it, so it is left out.
            var taken = new Dictionary<Guid, int>();
            for (var i = 0; i < routed.Count && result.Count < count; i++)
            {
                result.Add(routed[i]);
                Take(routed[i], taken);
            }
            for (var i = 0; i < ranked.Count && result.Count < count; i++)
            {
                var row = ranked[i];
                if (row.AccountId is Guid account && row.AccountSlots >= 0 && taken.TryGetValue(account, out var used) && used >= row.AccountSlots) continue;
                result.Add(row);
                Take(row, taken);
            }
            return result;
        }

        /// <summary>The contact's row, or null when a person's touch now would be refused on every channel.</summary>
        public static WorklistRow? Evaluate(WorklistCandidate candidate, DateTime now)
        {
            var contact = candidate.Contact;
            var policy = candidate.Policy;
            var pressure = AttentionModel.EffectivePressure(contact, policy, now, now);
            var score = AttentionModel.Score(pressure, policy);
            var band = AttentionModel.BandOf(score, policy);
            var value = contact.Value.HasValue ? (double)contact.Value.Value : 0.0;
            if (candidate.RoutedCall is OpenRoutedCall call)
            {
                // A routed call is the product's own request to the owner: it is worked first, whatever the budgets say now
                // (routing already required phone consent).
                return new WorklistRow(contact, candidate.Account, Channel.Phone, ExpectedValue(value, pressure, Channel.Phone, policy), score, band,
                    WorklistReason.RoutedCall, null, call);
            }
            Channel? best = null;
            var bestValue = double.NegativeInfinity;
            var accountSlots = -1;
            foreach (var channel in PersonChannels)
            {
                if (policy.Model.BaseResponseRate(channel, Origin.Human) <= 0) continue;
                var decision = AttentionEngine.Evaluate(new Touch(channel, Origin.Human, now), contact, candidate.Account, policy, now);
                if (decision.ConsentFailed || !decision.Proceeds) continue;
                var ev = ExpectedValue(value, pressure, channel, policy);
                if (ev > bestValue)
                {
                    best = channel;
                    bestValue = ev;
                    var cap = decision.Counter(ReasonCode.AccountCap);
                    accountSlots = policy.Mode == PolicyMode.Enforce && cap.Applies && cap.Limit >= 0 ? cap.Remaining : -1;
                }
            }
            if (best is not Channel bestChannel) return null;
            var reason = ReasonFor(contact, policy, now, out var days);
            return new WorklistRow(contact, candidate.Account, bestChannel, bestValue, score, band, reason, days, null) { AccountSlots = accountSlots };
        }

        private static void Take(WorklistRow row, Dictionary<Guid, int> taken)
        {
            if (row.AccountId is Guid account) taken[account] = (taken.TryGetValue(account, out var used) ? used : 0) + 1;
        }

        /// <summary>V · p₀(c, Human) · e^(−αP) − cost(c, Human).</summary>
        public static double ExpectedValue(double value, double pressure, Channel channel, AttentionPolicy policy) =>
            AttentionModel.ExpectedResponseGain(value, pressure, channel, Origin.Human, policy) - policy.Model.Cost(channel, Origin.Human);

        private static WorklistReason ReasonFor(ContactState contact, AttentionPolicy policy, DateTime now, out int? days)
        {
            days = null;
            if (contact.LastResponseOn is DateTime replied && replied <= now && now - replied < TimeSpan.FromDays(ConversationDays(policy)))
            {
                days = WholeDays(now - replied);
                return WorklistReason.Replied;
            }
            var sinceTouch = contact.LastTouchOn is DateTime touched && touched <= now ? WholeDays(now - touched) : (int?)null;
            var highValue = contact.Value.HasValue && contact.Value.Value >= policy.ValueThreshold;
            if (highValue && (sinceTouch is null || sinceTouch >= QuietDays))
            {
                days = sinceTouch;
                return WorklistReason.HighValueQuiet;
            }
            if (sinceTouch is null) return WorklistReason.NeverTouched;
            days = sinceTouch;
            return WorklistReason.Receptive;
        }

        /// <summary>The window in which a response makes the contact "in conversation".</summary>
        private static int ConversationDays(AttentionPolicy policy) => policy.ReplyExemptionDays;

        private static int WholeDays(TimeSpan span) => (int)Math.Floor(span.TotalDays);

        private static int CompareRouted(WorklistRow a, WorklistRow b)
        {
            var ad = a.RoutedCall!.DueOn ?? DateTime.MaxValue;
            var bd = b.RoutedCall!.DueOn ?? DateTime.MaxValue;
            var c = ad.CompareTo(bd);
            if (c != 0) return c;
            c = a.RoutedCall.CreatedOn.CompareTo(b.RoutedCall.CreatedOn);
            return c != 0 ? c : a.ContactId.CompareTo(b.ContactId);
        }

        private static int CompareRanked(WorklistRow a, WorklistRow b)
        {
            var c = b.ExpectedValue.CompareTo(a.ExpectedValue);
            return c != 0 ? c : a.ContactId.CompareTo(b.ContactId);
        }
    }
}
