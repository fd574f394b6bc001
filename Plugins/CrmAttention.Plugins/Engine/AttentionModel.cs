using System;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The diminishing-returns model (product.md §3), as pure functions of a pressure value and the policy:
    /// <list type="bullet">
    /// <item>pressure P(t) = Σ wᵢ · 2^(−(t−tᵢ)/H), each response multiplying it by ρ;</item>
    /// <item>score S = 100 · e^(−αP), band from the policy's thresholds;</item>
    /// <item>response probability p(c,o) = p₀(c,o) · e^(−αP); fatigue f(P) = 1 − e^(−β·max(0, P − P_tol));</item>
    /// <item>marginal value MV = V · p(c,o) − V · f(P) − cost(c,o).</item>
    /// </list>
    /// </summary>
    public static class AttentionModel
    {
        internal const double Ln2 = 0.69314718055994530942;

        /// <summary>Pressure <paramref name="pressure"/> measured at <paramref name="from"/>, decayed (or, backwards, grown) to <paramref name="to"/>.</summary>
        public static double Decay(double pressure, DateTime from, DateTime to, double halfLifeDays)
        {
            if (pressure == 0) return 0;
            return pressure * DecayFactor(to.Ticks - from.Ticks, halfLifeDays);
        }

        /// <summary>2^(−Δ/H) for Δ in ticks. Every pressure computation goes through this one expression so that the same
        /// inputs give bit-identical pressures wherever they are computed (NextAllowedOn relies on it).</summary>
        internal static double DecayFactor(long deltaTicks, double halfLifeDays) =>
            Math.Exp(-Ln2 * deltaTicks / (halfLifeDays * TimeSpan.TicksPerDay));

        /// <summary>The contact's stored pressure decayed to <paramref name="at"/> (pending touches not included).</summary>
        public static double PressureAt(ContactState contact, AttentionPolicy policy, DateTime at) =>
            contact.PressureAsOf is DateTime asOf ? Decay(contact.Pressure, asOf, at, policy.HalfLifeDays) : 0;

        /// <summary>The account's stored pressure decayed to <paramref name="at"/>.</summary>
        public static double PressureAt(AccountState account, AttentionPolicy policy, DateTime at) =>
            account.PressureAsOf is DateTime asOf ? Decay(account.Pressure, asOf, at, policy.HalfLifeDays) : 0;

        /// <summary>
        /// Pressure the contact feels at <paramref name="at"/>: the stored value plus the pending touches still valid at
        /// <paramref name="now"/> (they are as good as sent), leaving out the activity <paramref name="excludeKey"/>.
        /// </summary>
        public static double EffectivePressure(ContactState contact, AttentionPolicy policy, DateTime at, DateTime now, uint excludeKey = 0)
        {
            var p = PressureAt(contact, policy, at);
            var items = contact.Ledger.Items;
            for (var i = 0; i < items.Count; i++)
            {
                var e = items[i];
                if (e.Kind != LedgerEntryKind.Pending || e.Origin == Origin.Transactional || e.ExpiresOn <= now || (excludeKey != 0 && e.Key == excludeKey)) continue;
                p += policy.Model.Weight(e.Channel, e.Origin) * DecayFactor(at.Ticks - e.Time.Ticks, policy.HalfLifeDays);
            }
            return p;
        }

        public static double Score(double pressure, AttentionPolicy policy) => 100.0 * Math.Exp(-policy.Alpha * pressure);

        public static Band BandOf(double score, AttentionPolicy policy)
        {
            if (score >= policy.LoadedBelow) return Band.Receptive;
            if (score >= policy.SaturatedBelow) return Band.Loaded;
            if (score >= policy.OversaturatedBelow) return Band.Saturated;
            return Band.Oversaturated;
        }

        /// <summary>Chance that one more touch on (channel, origin) gets a response: p₀ · e^(−αP).</summary>
        public static double ResponseProbability(double pressure, Channel channel, Origin origin, AttentionPolicy policy) =>
            policy.Model.BaseResponseRate(channel, origin) * Math.Exp(-policy.Alpha * pressure);

        /// <summary>Risk that one more touch does harm (annoyance, filtering, opt-out): 1 − e^(−β·max(0, P − P_tol)).</summary>
        public static double Fatigue(double pressure, AttentionPolicy policy) =>
            1.0 - Math.Exp(-policy.Beta * Math.Max(0.0, pressure - policy.PressureTolerance));

        /// <summary>The expected value the next touch earns: V · p₀ · e^(−αP).</summary>
        public static double ExpectedResponseGain(double value, double pressure, Channel channel, Origin origin, AttentionPolicy policy) =>
            value * ResponseProbability(pressure, channel, origin, policy);

        /// <summary>MV = V · p₀(c,o) · e^(−αP) − V · f(P) − cost(c,o).</summary>
        public static double MarginalValue(double value, double pressure, Channel channel, Origin origin, AttentionPolicy policy) =>
            value * ResponseProbability(pressure, channel, origin, policy) - value * Fatigue(pressure, policy) - policy.Model.Cost(channel, origin);

        /// <summary>Pressure right after one more touch at the same instant.</summary>
        public static double PressureAfterTouch(double pressure, Channel channel, Origin origin, AttentionPolicy policy) =>
            pressure + policy.Model.Weight(channel, origin);

        /// <summary>
        /// Pressure at <paramref name="at"/> recomputed from a full history in closed form: each touch contributes
        /// wᵢ · 2^(−(t−tᵢ)/H) · ρ^(responses after it). Entries are taken in list order (time order; for equal times,
        /// a response damps the touches listed before it). Pending entries and entries after <paramref name="at"/> are ignored.
        /// </summary>
        public static double PressureFromHistory(IReadOnlyList<LedgerEntry> history, AttentionPolicy policy, DateTime at)
        {
            var damping = 1.0;
            var sum = 0.0;
            for (var i = history.Count - 1; i >= 0; i--)
            {
                var e = history[i];
                if (e.Time > at || e.Kind == LedgerEntryKind.Pending) continue;
                if (e.Kind == LedgerEntryKind.Response)
                {
                    damping *= policy.ResponseDamping;
                    continue;
                }
                sum += policy.Model.Weight(e.Channel, e.Origin) * damping * Math.Pow(2.0, -(at - e.Time).Ticks / (policy.HalfLifeDays * TimeSpan.TicksPerDay));
            }
            return sum;
        }

        /// <summary>
        /// The pressure at or below which MV on (channel, origin) is not negative, or null when even a contact under no
        /// pressure at all is not worth the touch (MV(0) ≤ 0). MV falls strictly with P, so bisection finds it.
        /// </summary>
        public static double? BreakEvenPressure(double value, Channel channel, Origin origin, AttentionPolicy policy)
        {
            if (MarginalValue(value, 0, channel, origin, policy) <= 0) return null;
            double lo = 0, hi = 1;
            while (MarginalValue(value, hi, channel, origin, policy) >= 0)
            {
                hi *= 2;
                if (hi > 1e6) return hi;
            }
            for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
            {
                var mid = 0.5 * (lo + hi);
                if (MarginalValue(value, mid, channel, origin, policy) >= 0) lo = mid;
                else hi = mid;
            }
            return lo;
        }

        /// <summary>
        /// The channel to use next for <paramref name="origin"/> touches: the one with the highest marginal value among the
        /// channels the contact consents to and the budgets allow now; otherwise "wait until" the earliest instant a channel
        /// is both allowed and worth it; or "none" when no channel ever becomes worth it. When the contact's value is
        /// unknown, channels are ranked by response probability instead.
        /// </summary>
        public static NextBestAction NextBestAction(ContactState contact, AccountState? account, AttentionPolicy policy, Origin origin, DateTime now)
        {
            if (origin == Origin.Transactional) origin = Origin.Human;
            var value = contact.Value.HasValue ? (double)contact.Value.Value : 0.0;
            var valueKnown = contact.Value.HasValue && contact.Value.Value > 0;
            Channel? bestNow = null;
            var bestNowScore = double.NegativeInfinity;
            Channel? bestLater = null;
            var bestLaterTime = DateTime.MaxValue;
            var bestLaterScore = double.NegativeInfinity;
            var pressure = EffectivePressure(contact, policy, now, now);
            for (var c = 0; c < ModelParameters.ChannelCount; c++)
            {
                var channel = (Channel)c;
                if (policy.Model.BaseResponseRate(channel, origin) <= 0) continue;
                var decision = AttentionEngine.Evaluate(new Touch(channel, origin, now), contact, account, policy, now);
                if (decision.ConsentFailed) continue;
                var score = valueKnown ? decision.MarginalValue : ResponseProbability(pressure, channel, origin, policy);
                DateTime? worthFrom = now;
                if (valueKnown && score < 0)
                {
                    var breakEven = BreakEvenPressure(value, channel, origin, policy);
                    worthFrom = breakEven is double pStar && pStar > 0
                        ? now.AddTicks((long)Math.Ceiling(policy.HalfLifeDays * TimeSpan.TicksPerDay * Math.Log(pressure / pStar) / Ln2))
                        : (DateTime?)null;
                }
                if (worthFrom is null) continue;
                var allowedFrom = decision.HasViolation ? decision.NextAllowedOn : now;
                if (allowedFrom is null) continue;
                var from = worthFrom.Value > allowedFrom.Value ? worthFrom.Value : allowedFrom.Value;
                if (from <= now)
                {
                    if (score > bestNowScore)
                    {
                        bestNow = channel;
                        bestNowScore = score;
                    }
                }
                else if (from < bestLaterTime || (from == bestLaterTime && score > bestLaterScore))
                {
                    bestLater = channel;
                    bestLaterTime = from;
                    bestLaterScore = score;
                }
            }
            if (bestNow is Channel nowChannel) return new NextBestAction(nowChannel, null, valueKnown ? bestNowScore : (double?)null, origin);
            if (bestLater is Channel laterChannel) return new NextBestAction(laterChannel, bestLaterTime, null, origin);
            return new NextBestAction(null, null, null, origin);
        }
    }
}
