using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// Evaluates one touch for one contact against a policy: consent, exemptions, budgets (rolling window, automated,
    /// per-channel and account caps, minimum gap, cool-down) and, for automated touches, the model (saturation,
    /// negative marginal value, human-first routing); then maps violations through the policy mode.
    /// </summary>
    /// <remarks>
    /// Rules are evaluated at the touch's time <c>touch.At</c>; <c>now</c> decides which pending touches have expired.
    /// A touch at time t counts every budgeted ledger entry (completed or pending) later than t − window, including entries
    /// after t, so each rule's pass set is [instant, ∞) and the earliest instant is exact. Entries of the touch's own
    /// activity are left out: a draft evaluated at Create and again at Send does not count against itself.
    /// </remarks>
    public static partial class AttentionEngine
    {
        private const long TicksPerSecond = TimeSpan.TicksPerSecond;

        public static Decision Evaluate(Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, DateTime now) =>
            Evaluate(touch, contact, account, policy, now, null);

        /// <summary>
        /// <see cref="Evaluate(Touch, ContactState, AccountState?, AttentionPolicy, DateTime)"/>, writing the outcome into
        /// <paramref name="into"/> (a replay's one reused decision) instead of a new decision when it is given.
        /// </summary>
        internal static Decision Evaluate(Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, DateTime now, Decision? into)
        {
            if (touch is null) throw new ArgumentNullException(nameof(touch));
            if (contact is null) throw new ArgumentNullException(nameof(contact));
            if (policy is null) throw new ArgumentNullException(nameof(policy));
            var t = touch.At;
            var key = touch.ActivityKey;
            var automated = touch.Origin == Origin.Automated;
            var budgeted = touch.Origin != Origin.Transactional;
            var model = policy.Model;

            var window = TimeSpan.FromDays(policy.WindowDays);
            var windowStart = Before(t, window);
            var gap = TimeSpan.FromTicks((long)Math.Round(policy.MinGapHours * TimeSpan.TicksPerHour));
            var gapStart = Before(t, gap);
            var lastResponse = contact.LastResponseOn;

            int total = 0, automatedCount = 0, channelCount = 0, inGap = 0, pendingUnanswered = 0;
            // The cool-down counts only the touch's own kind: automations' unanswered touches never close a contact to people.
            var coolDownOrigin = automated ? Origin.Automated : Origin.Human;
            var latest = DateTime.MinValue;
            // Same summation order as AttentionModel.EffectivePressure: stored pressure first, then pending touches in ledger order.
            var pressure = AttentionModel.PressureAt(contact, policy, t);
            var index = contact.Ledger.Index;
            if (!index.HasTouchKey(key))
            {
                // Completed touches by binary search and prefix counts; only the (few) pending entries are scanned.
                var first = index.FirstAfter(windowStart.Ticks);
                total = index.Count - first;
                automatedCount = index.AutomatedFrom(first);
                channelCount = index.ChannelFrom(touch.Channel, first);
                inGap = index.Count - index.FirstAfter(gapStart.Ticks);
                if (index.Count > 0) latest = new DateTime(index.LastTicks, DateTimeKind.Utc);
                var pending = index.Pending;
                for (var i = 0; i < pending.Length; i++)
                {
                    var e = pending[i];
                    if (e.Origin == Origin.Transactional || e.ExpiresOn <= now || (key != 0 && e.Key == key)) continue;
                    pressure += model.Weight(e.Channel, e.Origin) * AttentionModel.DecayFactor(t.Ticks - e.Time.Ticks, policy.HalfLifeDays);
                    if (e.Origin == coolDownOrigin && (lastResponse is null || e.Time > lastResponse.Value)) pendingUnanswered++;
                    Tally(e, touch.Channel, windowStart, gapStart, ref latest, ref inGap, ref total, ref automatedCount, ref channelCount);
                }
            }
            else
            {
                // The evaluated activity is already recorded as completed (a retried step): leave it out entry by entry.
                var items = contact.Ledger.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    var e = items[i];
                    if (!Counts(e, key, now)) continue;
                    if (e.Kind == LedgerEntryKind.Pending)
                    {
                        pressure += model.Weight(e.Channel, e.Origin) * AttentionModel.DecayFactor(t.Ticks - e.Time.Ticks, policy.HalfLifeDays);
                        if (e.Origin == coolDownOrigin && (lastResponse is null || e.Time > lastResponse.Value)) pendingUnanswered++;
                    }
                    Tally(e, touch.Channel, windowStart, gapStart, ref latest, ref inGap, ref total, ref automatedCount, ref channelCount);
                }
            }

            var counters = into?.CountersForReuse ?? new RuleCounter[Decision.CounterCount];
            counters[Decision.IndexWindowCap] = Cap(ReasonCode.WindowCap, budgeted, policy.MaxTouches, total, window, contact.Ledger, key, now, windowStart, CapFilter.All, touch.Channel);
            counters[Decision.IndexAutomatedCap] = Cap(ReasonCode.AutomatedCap, automated, policy.MaxAutomatedTouches, automatedCount, window, contact.Ledger, key, now, windowStart, CapFilter.Automated, touch.Channel);
            counters[Decision.IndexChannelCap] = Cap(ReasonCode.ChannelCap, budgeted, policy.ChannelCap(touch.Channel), channelCount, window, contact.Ledger, key, now, windowStart, CapFilter.Channel, touch.Channel);

            var gapApplies = budgeted && gap > TimeSpan.Zero;
            counters[Decision.IndexMinimumGap] = new RuleCounter(ReasonCode.MinimumGap, gapApplies, !gapApplies || inGap == 0, inGap, 1, gap,
                gapApplies && inGap > 0 ? latest.Add(gap) : (DateTime?)null);

            var unanswered = (automated ? contact.UnansweredAutomatedTouches : contact.UnansweredHumanTouches) + pendingUnanswered;
            var coolDown = TimeSpan.FromDays(policy.CoolDownDays);
            var coolDownApplies = budgeted && policy.CoolDownAfterUnanswered > 0 && policy.CoolDownDays > 0;
            DateTime? lastBudgeted = LatestOf(contact.Ledger, coolDownOrigin, key, now) ?? contact.LastTouchOn;
            var coolDownEnd = coolDownApplies && unanswered >= policy.CoolDownAfterUnanswered && lastBudgeted is DateTime last ? last.Add(coolDown) : (DateTime?)null;
            var coolDownPassed = coolDownEnd is null || t >= coolDownEnd.Value;
            counters[Decision.IndexCoolDown] = new RuleCounter(ReasonCode.CoolDown, coolDownApplies, !coolDownApplies || coolDownPassed, unanswered,
                policy.CoolDownAfterUnanswered, coolDown, coolDownPassed ? null : coolDownEnd);

            counters[Decision.IndexAccountCap] = AccountCap(budgeted, account, policy, key, t, now);
            counters[Decision.IndexConsent] = Consent(touch, contact.Consent);

            var score = AttentionModel.Score(pressure, policy);
            var band = AttentionModel.BandOf(score, policy);
            var valueKnown = contact.Value.HasValue && contact.Value.Value > 0;
            var value = contact.Value.HasValue ? (double)contact.Value.Value : 0.0;
            var marginalValue = AttentionModel.MarginalValue(value, pressure, touch.Channel, touch.Origin, policy);
            var highValue = contact.Value.HasValue && contact.Value.Value >= policy.ValueThreshold;
            var canRoute = contact.OwnerId.HasValue && (contact.Consent & ConsentFlags.DoNotPhone) == 0;

            var saturated = band >= Band.Saturated;
            counters[Decision.IndexSaturated] = new RuleCounter(ReasonCode.Saturated, automated, !automated || !saturated, 0, -1, TimeSpan.Zero,
                automated && saturated ? EarliestModelPass(ModelRule.Saturated, touch, contact, policy, now, pressure, value) : null);
            var negative = marginalValue < 0;
            var mvApplies = automated && valueKnown;
            counters[Decision.IndexNegativeMarginalValue] = new RuleCounter(ReasonCode.NegativeMarginalValue, mvApplies, !mvApplies || !negative, 0, -1, TimeSpan.Zero,
                mvApplies && negative ? EarliestModelPass(ModelRule.MarginalValue, touch, contact, policy, now, pressure, value) : null);
            var humanFirst = automated && policy.HumanFirst && highValue && canRoute;
            counters[Decision.IndexHumanFirst] = new RuleCounter(ReasonCode.HumanFirst, humanFirst, !humanFirst, 0, -1, TimeSpan.Zero, null);

            // In conversation (a response within the policy's conversation days): a person's touch and any meeting pass every
            // budget and model rule — the counters stay for the log, they just do not apply; consent still does.
            var conversation = budgeted && contact.InConversationAt(t, policy);
            var personInConversation = conversation && (!automated || touch.Channel == Channel.Meeting);
            if (personInConversation)
            {
                for (var i = 0; i < Decision.CounterCount; i++)
                {
                    if (i == Decision.IndexConsent) continue;
                    var c = counters[i];
                    counters[i] = new RuleCounter(c.Rule, false, true, c.Used, c.Limit, c.Window, null);
                }
            }
            var conversationEnds = conversation && !personInConversation ? lastResponse!.Value.AddDays(policy.ConversationDays) : (DateTime?)null;

            return Decide(into, touch, contact, account, policy, counters, pressure, score, band, marginalValue, highValue, canRoute, personInConversation, conversationEnds);
        }

        private static void Tally(LedgerEntry e, Channel channel, DateTime windowStart, DateTime gapStart, ref DateTime latest, ref int inGap,
            ref int total, ref int automated, ref int channelCount)
        {
            if (e.Time > latest) latest = e.Time;
            if (e.Time > gapStart) inGap++;
            if (e.Time <= windowStart) return;
            total++;
            if (e.Origin == Origin.Automated) automated++;
            if (e.Channel == channel) channelCount++;
        }

        /// <summary>
        /// The fail-open decision when evaluation itself failed: the touch proceeds and the failure is logged as EngineError
        /// (product.md §4: an engine failure never stops a touch).
        /// </summary>
        public static Decision FailOpen(Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy)
        {
            var counters = new RuleCounter[Decision.CounterCount];
            counters[Decision.IndexWindowCap] = new RuleCounter(ReasonCode.WindowCap, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexAutomatedCap] = new RuleCounter(ReasonCode.AutomatedCap, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexChannelCap] = new RuleCounter(ReasonCode.ChannelCap, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexMinimumGap] = new RuleCounter(ReasonCode.MinimumGap, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexCoolDown] = new RuleCounter(ReasonCode.CoolDown, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexAccountCap] = new RuleCounter(ReasonCode.AccountCap, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexConsent] = new RuleCounter(ReasonCode.NoConsentEmail, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexSaturated] = new RuleCounter(ReasonCode.Saturated, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexNegativeMarginalValue] = new RuleCounter(ReasonCode.NegativeMarginalValue, false, true, 0, -1, TimeSpan.Zero, null);
            counters[Decision.IndexHumanFirst] = new RuleCounter(ReasonCode.HumanFirst, false, true, 0, -1, TimeSpan.Zero, null);
            return new Decision(touch, contact, account, policy, counters, DecisionKind.Allow, ReasonCode.EngineError, null, false, null,
                0, 100, Band.Receptive, 0, false);
        }

        private static Decision Decide(Decision? into, Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, RuleCounter[] counters,
            double pressure, double score, Band band, double marginalValue, bool highValue, bool canRoute, bool personInConversation,
            DateTime? automationStoppedUntil)
        {
            if (touch.Origin == Origin.Transactional)
            {
                return Make(into, touch, contact, account, policy, counters, DecisionKind.Exempt, ReasonCode.Transactional, null, false, null,
                    pressure, score, band, marginalValue, highValue);
            }

            // The binding violation is the one that lasts longest ("never" beats any instant); ties go to the rule listed
            // first. Human-first only decides when nothing else fails: a cap with counters explains more.
            var consent = counters[Decision.IndexConsent];
            var primary = -1;
            var never = false;
            DateTime? next = null;
            for (var i = 0; i < Decision.CounterCount; i++)
            {
                if (i == Decision.IndexConsent || i == Decision.IndexHumanFirst || !counters[i].Failed) continue;
                var at = counters[i].NextAllowedOn;
                if (at is null)
                {
                    if (!never) primary = i;
                    never = true;
                }
                else if (!never && (next is null || at.Value > next.Value))
                {
                    next = at;
                    primary = i;
                }
            }
            if (counters[Decision.IndexHumanFirst].Failed)
            {
                if (primary < 0) primary = Decision.IndexHumanFirst;
                never = true;
            }
            if (consent.Failed) never = true;
            var hasViolation = consent.Failed || primary >= 0;
            DateTime? nextAllowed = hasViolation && !never ? next : null;

            DecisionKind kind;
            ReasonCode reason;
            ReasonCode? overridden = null;
            if (consent.Failed)
            {
                reason = consent.Rule;
                kind = MapViolation(policy.Mode, touch.Origin, highValue && canRoute && touch.Channel != Channel.Phone);
            }
            else if (IsReplyExempt(touch, contact, policy))
            {
                return Make(into, touch, contact, account, policy, counters, DecisionKind.Exempt, ReasonCode.ReplyToInbound,
                    primary >= 0 ? counters[primary].Rule : (ReasonCode?)null, hasViolation, null, pressure, score, band, marginalValue, highValue);
            }
            else if (automationStoppedUntil is DateTime conversationEnds && touch.OverrideReason is null)
            {
                // Sequences stop on reply: an automated touch to a contact in conversation is suppressed, or routed to the owner
                // when the contact is high value, until the conversation window closes (or a later rule's instant).
                reason = ReasonCode.InConversation;
                kind = MapViolation(policy.Mode, touch.Origin, highValue && canRoute);
                hasViolation = true;
                nextAllowed = never ? null : next is DateTime later && later > conversationEnds ? later : conversationEnds;
            }
            else if (primary >= 0 && touch.OverrideReason is not null)
            {
                kind = DecisionKind.Exempt;
                reason = ReasonCode.Override;
                overridden = counters[primary].Rule;
                nextAllowed = null;
            }
            else if (primary >= 0)
            {
                reason = counters[primary].Rule;
                kind = MapViolation(policy.Mode, touch.Origin, highValue && canRoute);
            }
            else
            {
                kind = DecisionKind.Allow;
                reason = personInConversation ? ReasonCode.InConversation : ReasonCode.WithinBudget;
            }
            return Make(into, touch, contact, account, policy, counters, kind, reason, overridden, hasViolation, nextAllowed,
                pressure, score, band, marginalValue, highValue);
        }

        private static Decision Make(Decision? into, Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, RuleCounter[] counters,
            DecisionKind kind, ReasonCode reason, ReasonCode? overriddenReason, bool hasViolation, DateTime? nextAllowedOn,
            double pressure, double score, Band band, double marginalValue, bool isHighValue) =>
            into is null
                ? new Decision(touch, contact, account, policy, counters, kind, reason, overriddenReason, hasViolation, nextAllowedOn, pressure, score, band, marginalValue, isHighValue)
                : into.Set(touch, contact, account, policy, counters, kind, reason, overriddenReason, hasViolation, nextAllowedOn, pressure, score, band, marginalValue, isHighValue);

        /// <summary>Audit → Allow (logged), Warn → Warn, Enforce → Block a person's touch; suppress an automated one or route it to the owner.</summary>
        private static DecisionKind MapViolation(PolicyMode mode, Origin origin, bool route)
        {
            switch (mode)
            {
                case PolicyMode.Audit: return DecisionKind.Allow;
                case PolicyMode.Warn: return DecisionKind.Warn;
                default:
                    if (origin != Origin.Automated) return DecisionKind.Block;
                    return route ? DecisionKind.RouteToHuman : DecisionKind.Suppress;
            }
        }

        private static bool IsReplyExempt(Touch touch, ContactState contact, AttentionPolicy policy)
        {
            if (!touch.IsReplyToInbound || policy.ReplyExemptionDays <= 0 || contact.LastResponseOn is not DateTime inbound) return false;
            return inbound <= touch.At && touch.At - inbound <= TimeSpan.FromDays(policy.ReplyExemptionDays);
        }

        private static RuleCounter Consent(Touch touch, ConsentFlags consent)
        {
            var applies = touch.Origin != Origin.Transactional;
            switch (touch.Channel)
            {
                case Channel.Email:
                    if ((consent & ConsentFlags.DoNotEmail) != 0) return new RuleCounter(ReasonCode.NoConsentEmail, applies, !applies, 0, -1, TimeSpan.Zero, null);
                    if (touch.Origin == Origin.Automated)
                        return new RuleCounter(ReasonCode.NoConsentBulkEmail, applies, !applies || (consent & ConsentFlags.DoNotBulkEmail) == 0, 0, -1, TimeSpan.Zero, null);
                    return new RuleCounter(ReasonCode.NoConsentEmail, applies, true, 0, -1, TimeSpan.Zero, null);
                case Channel.Phone:
                case Channel.Sms:
                    return new RuleCounter(ReasonCode.NoConsentPhone, applies, !applies || (consent & ConsentFlags.DoNotPhone) == 0, 0, -1, TimeSpan.Zero, null);
                case Channel.Letter:
                    return new RuleCounter(ReasonCode.NoConsentPostalMail, applies, !applies || (consent & ConsentFlags.DoNotPostalMail) == 0, 0, -1, TimeSpan.Zero, null);
                default:
                    // Meetings, social and other channels have no consent flag on the contact row.
                    return new RuleCounter(ReasonCode.NoConsentEmail, false, true, 0, -1, TimeSpan.Zero, null);
            }
        }

        private enum CapFilter
        {
            All,
            Automated,
            Channel,
        }

        private static RuleCounter Cap(ReasonCode rule, bool applies, int? limit, int used, TimeSpan window, Ledger ledger, uint key, DateTime now,
            DateTime windowStart, CapFilter filter, Channel channel)
        {
            if (!applies || limit is null) return new RuleCounter(rule, false, true, used, limit ?? -1, window, null);
            var passed = used + 1 <= limit.Value;
            DateTime? next = null;
            if (!passed && limit.Value > 0)
            {
                // Count must fall to limit − 1: the (used − limit + 1)-th oldest entry in the window has to leave it.
                next = KthInWindow(ledger, key, now, windowStart, filter, channel, used - limit.Value + 1)?.Add(window);
            }
            return new RuleCounter(rule, true, passed, used, limit.Value, window, next);
        }

        private static DateTime? KthInWindow(Ledger ledger, uint key, DateTime now, DateTime windowStart, CapFilter filter, Channel channel, int k)
        {
            var index = ledger.Index;
            if (!index.HasTouchKey(key) && !AnyPendingCounts(index, key, now))
            {
                // Only completed touches count: the k-th after the window start is found on the prefix counts.
                var first = index.FirstAfter(windowStart.Ticks);
                int lo = first + 1, hi = index.Count;
                if (PrefixAt(index, filter, channel, hi) - PrefixAt(index, filter, channel, first) < k) return null;
                var target = PrefixAt(index, filter, channel, first) + k;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    if (PrefixAt(index, filter, channel, mid) >= target) hi = mid;
                    else lo = mid + 1;
                }
                return new DateTime(index.TicksAt(lo - 1), DateTimeKind.Utc);
            }
            var items = ledger.Items;
            var n = 0;
            for (var i = 0; i < items.Count; i++)
            {
                var e = items[i];
                if (!Counts(e, key, now) || e.Time <= windowStart) continue;
                if (filter == CapFilter.Automated && e.Origin != Origin.Automated) continue;
                if (filter == CapFilter.Channel && e.Channel != channel) continue;
                if (++n == k) return e.Time;
            }
            return null;
        }

        private static int PrefixAt(LedgerIndex index, CapFilter filter, Channel channel, int i)
        {
            switch (filter)
            {
                case CapFilter.Automated: return index.AutomatedBefore(i);
                case CapFilter.Channel: return index.ChannelBefore(channel, i);
                default: return i;
            }
        }

        private static bool AnyPendingCounts(LedgerIndex index, uint key, DateTime now)
        {
            var pending = index.Pending;
            for (var i = 0; i < pending.Length; i++)
            {
                if (Counts(pending[i], key, now)) return true;
            }
            return false;
        }

        private static bool Counts(LedgerEntry e, uint key, DateTime now) =>
            e.IsBudgeted && (key == 0 || e.Key != key) && (e.Kind != LedgerEntryKind.Pending || e.ExpiresOn > now);

        private static RuleCounter AccountCap(bool budgeted, AccountState? account, AttentionPolicy policy, uint key, DateTime t, DateTime now)
        {
            var window = TimeSpan.FromDays(policy.AccountWindowDays);
            if (account is null) return new RuleCounter(ReasonCode.AccountCap, false, true, 0, policy.AccountMaxTouches ?? -1, window, null);
            var windowStart = Before(t, window);
            var used = 0;
            var index = account.Ledger.Index;
            if (!index.HasTouchKey(key))
            {
                used = index.Count - index.FirstAfter(windowStart.Ticks);
                var pending = index.Pending;
                for (var i = 0; i < pending.Length; i++)
                {
                    if (Counts(pending[i], key, now) && pending[i].Time > windowStart) used++;
                }
            }
            else
            {
                var items = account.Ledger.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    if (Counts(items[i], key, now) && items[i].Time > windowStart) used++;
                }
            }
            return Cap(ReasonCode.AccountCap, budgeted, policy.AccountMaxTouches, used, window, account.Ledger, key, now, windowStart, CapFilter.All, Channel.Other);
        }

        private enum ModelRule
        {
            Saturated,
            MarginalValue,
        }

        /// <summary>
        /// The earliest whole second from which a model rule passes, given no further touches. Pressure only decays, so the
        /// pass set is [instant, ∞): the closed-form estimate t + H·log₂(P/P*) is refined second by second against the very
        /// test <see cref="Evaluate"/> applies, so a touch one second earlier fails and one at the instant passes.
        /// </summary>
        private static DateTime? EarliestModelPass(ModelRule rule, Touch touch, ContactState contact, AttentionPolicy policy, DateTime now, double pressure, double value)
        {
            double target;
            if (rule == ModelRule.Saturated)
            {
                target = Math.Log(100.0 / policy.SaturatedBelow) / policy.Alpha;
            }
            else
            {
                var breakEven = AttentionModel.BreakEvenPressure(value, touch.Channel, touch.Origin, policy);
                if (breakEven is null || breakEven.Value <= 0) return null;
                target = breakEven.Value;
            }
            if (target <= 0 || pressure <= 0) return null;
            var days = policy.HalfLifeDays * Math.Log(pressure / target) / AttentionModel.Ln2;
            var ticks = touch.At.Ticks + (long)Math.Ceiling(Math.Max(0, days) * TimeSpan.TicksPerDay);
            if (ticks > DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay) return null;
            ticks += (TicksPerSecond - ticks % TicksPerSecond) % TicksPerSecond;
            var candidate = new DateTime(ticks, DateTimeKind.Utc);
            var guard = 0;
            while (!ModelPasses(rule, touch, contact, policy, now, candidate, value))
            {
                candidate = candidate.AddTicks(TicksPerSecond << Math.Min(guard / 8, 30));
                if (++guard > 400) return null;
            }
            while (candidate.AddTicks(-TicksPerSecond) > touch.At && ModelPasses(rule, touch, contact, policy, now, candidate.AddTicks(-TicksPerSecond), value))
            {
                candidate = candidate.AddTicks(-TicksPerSecond);
            }
            return candidate;
        }

        private static bool ModelPasses(ModelRule rule, Touch touch, ContactState contact, AttentionPolicy policy, DateTime now, DateTime at, double value)
        {
            var p = AttentionModel.EffectivePressure(contact, policy, at, now, touch.ActivityKey);
            if (rule == ModelRule.Saturated) return AttentionModel.BandOf(AttentionModel.Score(p, policy), policy) < Band.Saturated;
            return AttentionModel.MarginalValue(value, p, touch.Channel, touch.Origin, policy) >= 0;
        }

        /// <summary>The latest budgeted touch (completed or live pending) of one origin, the activity's own entries left out.</summary>
        private static DateTime? LatestOf(Ledger ledger, Origin origin, uint key, DateTime now)
        {
            var items = ledger.Items;
            for (var i = items.Count - 1; i >= 0; i--)
            {
                var e = items[i];
                if (e.Origin == origin && e.Kind != LedgerEntryKind.Response && Counts(e, key, now)) return e.Time;
            }
            return null;
        }

        /// <summary>When the account cap lets a new touch through at <paramref name="now"/>; null when it does now (account cat_nextallowedtouchon).</summary>
        internal static DateTime? AccountNextAllowedOn(AccountState account, AttentionPolicy policy, DateTime now)
        {
            var cap = AccountCap(true, account, policy, 0, now, now);
            return cap.Passed ? null : cap.NextAllowedOn;
        }

        private static DateTime Before(DateTime t, TimeSpan span) => t.Ticks > span.Ticks ? t - span : DateTime.MinValue;
    }
}
