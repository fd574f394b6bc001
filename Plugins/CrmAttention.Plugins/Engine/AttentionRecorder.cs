using System;

namespace CrmAttention.Engine
{
    /// <summary>The values a plugin writes back to the contact row (cat_pressure, cat_score, cat_band, …).</summary>
    public sealed class ContactSnapshot
    {
        internal ContactSnapshot(double pressure, DateTime pressureAsOf, double score, Band band, int touchesInWindow, int automatedTouchesInWindow,
            DateTime? nextAllowedTouchOn, DateTime? lastTouchOn, DateTime? lastResponseOn, int unansweredTouches, string ledger, bool ledgerFlagged)
        {
            Pressure = pressure;
            PressureAsOf = pressureAsOf;
            Score = score;
            Band = band;
            TouchesInWindow = touchesInWindow;
            AutomatedTouchesInWindow = automatedTouchesInWindow;
            NextAllowedTouchOn = nextAllowedTouchOn;
            LastTouchOn = lastTouchOn;
            LastResponseOn = lastResponseOn;
            UnansweredTouches = unansweredTouches;
            Ledger = ledger;
            LedgerFlagged = ledgerFlagged;
        }

        /// <summary>Stored pressure (cat_pressure) as of <see cref="PressureAsOf"/>: completed touches and responses only.</summary>
        public double Pressure { get; }

        public DateTime PressureAsOf { get; }

        /// <summary>Receptivity as the contact feels it now: also counts pending touches, like every evaluation does.</summary>
        public double Score { get; }

        public Band Band { get; }

        /// <summary>Budgeted touches in the window, pending ones included (cat_touchesinwindow).</summary>
        public int TouchesInWindow { get; }

        public int AutomatedTouchesInWindow { get; }

        /// <summary>When a person's next touch passes the contact-wide rules (window cap, minimum gap, cool-down, account cap); null when now.</summary>
        public DateTime? NextAllowedTouchOn { get; }

        public DateTime? LastTouchOn { get; }

        public DateTime? LastResponseOn { get; }

        public int UnansweredTouches { get; }

        /// <summary>The ledger text for cat_ledger (at most 4,000 characters).</summary>
        public string Ledger { get; }

        public bool LedgerFlagged { get; }
    }

    /// <summary>The values a plugin writes back to the account row.</summary>
    public sealed class AccountSnapshot
    {
        internal AccountSnapshot(double pressure, DateTime pressureAsOf, int touchesInWindow, DateTime? nextAllowedTouchOn, string ledger)
        {
            Pressure = pressure;
            PressureAsOf = pressureAsOf;
            TouchesInWindow = touchesInWindow;
            NextAllowedTouchOn = nextAllowedTouchOn;
            Ledger = ledger;
        }

        /// <summary>When the account cap lets the next touch through (account cat_nextallowedtouchon); null when now.</summary>
        public DateTime? NextAllowedTouchOn { get; }

        public double Pressure { get; }

        public DateTime PressureAsOf { get; }

        public int TouchesInWindow { get; }

        public string Ledger { get; }
    }

    /// <summary>
    /// Updates contact and account state as touches happen and responses arrive, in O(1) for the pressure (decay the
    /// stored value to the event, add the weight or damp) and O(ledger) for the ledger. The plugins call these in the
    /// PostOperation steps and persist <see cref="Recompute"/>'s snapshot.
    /// </summary>
    public static class AttentionRecorder
    {
        /// <summary>
        /// Reserves a touch that was evaluated and allowed but has not happened yet (an email about to be sent, a queued
        /// sequence step): it counts toward every cap until <see cref="RecordTouch"/> confirms it, <see cref="CancelPending"/>
        /// removes it, or it expires after the policy's pending lifetime. This keeps two automations that evaluate the same
        /// contact at the same moment from both passing the last free slot. Transactional touches are never reserved.
        /// </summary>
        public static void RecordPending(ContactState contact, AccountState? account, Touch touch, AttentionPolicy policy, DateTime now)
        {
            if (touch.Origin == Origin.Transactional) return;
            if (touch.ActivityKey == 0) throw new ArgumentException("A pending touch needs its activity id, so that it can be confirmed or cancelled.", nameof(touch));
            var expires = LedgerEntry.Normalize(now, nameof(now)).AddTicks((long)Math.Round(policy.PendingExpiryHours * TimeSpan.TicksPerHour));
            if (expires < touch.At) expires = touch.At.AddTicks((long)Math.Round(policy.PendingExpiryHours * TimeSpan.TicksPerHour));
            var entry = LedgerEntry.Pending(touch.At, touch.Channel, touch.Origin, touch.ActivityId, expires);
            contact.Ledger.RemovePending(touch.ActivityKey);
            contact.Ledger.Add(entry);
            if (account is not null)
            {
                account.Ledger.RemovePending(touch.ActivityKey);
                if (!account.Ledger.Contains(touch.ActivityKey, LedgerEntryKind.Touch)) account.Ledger.Add(entry);
            }
        }

        /// <summary>Removes the pending touch of an activity (an email deleted before sending, a cancelled sequence step).</summary>
        public static void CancelPending(ContactState contact, AccountState? account, Guid activityId)
        {
            var key = LedgerEntry.KeyOf(activityId);
            contact.Ledger.RemovePending(key);
            account?.Ledger.RemovePending(key);
        }

        /// <summary>
        /// Records a touch that happened at <paramref name="completedOn"/>: confirms its pending entry, adds its weight to the
        /// pressure, counts it as unanswered (unless transactional) and prunes what no rule needs. Recording the same activity
        /// twice (a retried plugin) changes nothing the second time. An email to several contacts of one account counts once
        /// on the account.
        /// </summary>
        public static void RecordTouch(ContactState contact, AccountState? account, Touch touch, AttentionPolicy policy, DateTime completedOn)
        {
            var at = LedgerEntry.Normalize(completedOn, nameof(completedOn));
            var key = touch.ActivityKey;
            var weight = policy.Model.Weight(touch.Channel, touch.Origin);
            contact.Ledger.RemovePending(key);
            if (!contact.Ledger.Contains(key, LedgerEntryKind.Touch))
            {
                contact.MaterializeUnanswered();
                AddPressure(contact, weight, at, policy);
                contact.Ledger.Add(LedgerEntry.Touch(at, touch.Channel, touch.Origin, touch.ActivityId));
                if (contact.LastTouchOn is null || at > contact.LastTouchOn.Value) contact.LastTouchOn = at;
                if (touch.Origin != Origin.Transactional && (contact.LastResponseOn is null || at > contact.LastResponseOn.Value))
                {
                    contact.UnansweredTouches++;
                    if (touch.Origin == Origin.Automated) contact.Ledger.UnansweredAutomated++;
                    else contact.Ledger.UnansweredHuman++;
                }
            }
            Prune(contact.Ledger, policy, at);
            if (account is not null)
            {
                account.Ledger.RemovePending(key);
                if (!account.Ledger.Contains(key, LedgerEntryKind.Touch))
                {
                    var pressure = account.PressureAsOf is DateTime asOf ? AttentionModel.Decay(account.Pressure, asOf, Later(asOf, at), policy.HalfLifeDays) : 0;
                    var asOfNew = account.PressureAsOf is DateTime a ? Later(a, at) : at;
                    account.Pressure = pressure + weight * AttentionModel.DecayFactor(asOfNew.Ticks - at.Ticks, policy.HalfLifeDays);
                    account.PressureAsOf = asOfNew;
                    account.Ledger.Add(LedgerEntry.Touch(at, touch.Channel, touch.Origin, touch.ActivityId));
                }
                Prune(account.Ledger, policy, at);
            }
        }

        /// <summary>
        /// Records a response (incoming email, inbound call, completed meeting): the conversation is two-sided again, so
        /// pressure is multiplied by ρ and the unanswered count resets. A response older than the stored pressure damps the
        /// pressure as of its stored time (the contributions cannot be separated any more). Recording the same activity
        /// twice changes nothing the second time.
        /// </summary>
        public static void RecordResponse(ContactState contact, Channel channel, DateTime at, Guid activityId, AttentionPolicy policy)
        {
            var time = LedgerEntry.Normalize(at, nameof(at));
            var key = LedgerEntry.KeyOf(activityId);
            if (contact.Ledger.Contains(key, LedgerEntryKind.Response)) return;
            if (contact.PressureAsOf is DateTime asOf)
            {
                var to = Later(asOf, time);
                contact.Pressure = AttentionModel.Decay(contact.Pressure, asOf, to, policy.HalfLifeDays) * policy.ResponseDamping;
                contact.PressureAsOf = to;
            }
            contact.Ledger.Add(LedgerEntry.Response(time, channel, activityId));
            if (contact.LastResponseOn is null || time > contact.LastResponseOn.Value)
            {
                contact.LastResponseOn = time;
                contact.UnansweredTouches = 0;
                contact.Ledger.UnansweredHuman = 0;
                contact.Ledger.UnansweredAutomated = 0;
            }
            Prune(contact.Ledger, policy, time);
        }

        /// <summary>
        /// Records a completed outbound phone call with its result: always a touch; with <see cref="CallResult.Connected"/>
        /// also a response at the same instant (the contact talked), so the pressure is damped, the unanswered counters
        /// reset and the contact is in conversation. Any other result, or none, leaves it a touch only.
        /// </summary>
        public static void RecordCall(ContactState contact, AccountState? account, Touch touch, CallResult? result, AttentionPolicy policy, DateTime completedOn)
        {
            if (touch.Channel != Channel.Phone) throw new ArgumentException("A call result belongs to a phone call touch.", nameof(touch));
            RecordTouch(contact, account, touch, policy, completedOn);
            if (result == CallResult.Connected) RecordResponse(contact, Channel.Phone, completedOn, touch.ActivityId, policy);
        }

        /// <summary>
        /// Brings the stored values up to <paramref name="now"/>: pressure decayed to now, score, band, counters in the
        /// window, when a person's next touch is allowed, and the pruned ledger text. Changes the state (pressure as of now,
        /// pruned ledgers) and returns what to write.
        /// </summary>
        public static ContactSnapshot Recompute(ContactState contact, AccountState? account, AttentionPolicy policy, DateTime now)
        {
            now = LedgerEntry.Normalize(now, nameof(now));
            contact.Pressure = AttentionModel.PressureAt(contact, policy, now);
            contact.PressureAsOf = now;
            contact.MaterializeUnanswered();
            Prune(contact.Ledger, policy, now);
            if (account is not null)
            {
                account.Pressure = AttentionModel.PressureAt(account, policy, now);
                account.PressureAsOf = now;
                Prune(account.Ledger, policy, now);
            }
            // A person's touch on a channel without cap or consent flag measures exactly the contact-wide rules.
            var probe = AttentionEngine.Evaluate(new Touch(Channel.Other, Origin.Human, now), contact, account, policy, now);
            var automated = AttentionEngine.Evaluate(new Touch(Channel.Other, Origin.Automated, now), contact, account, policy, now);
            return new ContactSnapshot(
                contact.Pressure, now, probe.Score, probe.Band,
                probe.CounterAt(Decision.IndexWindowCap).Used,
                automated.CounterAt(Decision.IndexAutomatedCap).Used,
                probe.HasViolation ? probe.NextAllowedOn : null,
                contact.LastTouchOn, contact.LastResponseOn, contact.UnansweredTouches,
                contact.Ledger.Format(), contact.Ledger.IsFlagged);
        }

        /// <summary>The account's values at <paramref name="now"/> (pressure decayed, touches in the account window, pruned ledger).</summary>
        public static AccountSnapshot Recompute(AccountState account, AttentionPolicy policy, DateTime now)
        {
            now = LedgerEntry.Normalize(now, nameof(now));
            account.Pressure = AttentionModel.PressureAt(account, policy, now);
            account.PressureAsOf = now;
            Prune(account.Ledger, policy, now);
            var windowStart = now - TimeSpan.FromDays(policy.AccountWindowDays);
            var used = 0;
            foreach (var e in account.Ledger.Entries)
            {
                if (e.IsBudgeted && e.Time > windowStart && (e.Kind != LedgerEntryKind.Pending || e.ExpiresOn > now)) used++;
            }
            return new AccountSnapshot(account.Pressure, now, used, AttentionEngine.AccountNextAllowedOn(account, policy, now), account.Ledger.Format());
        }

        private static void AddPressure(ContactState contact, double weight, DateTime at, AttentionPolicy policy)
        {
            if (contact.PressureAsOf is DateTime asOf)
            {
                // A touch recorded late (at before asOf) is added decayed to asOf, so the order of recording does not matter.
                var to = Later(asOf, at);
                contact.Pressure = AttentionModel.Decay(contact.Pressure, asOf, to, policy.HalfLifeDays) + weight * AttentionModel.DecayFactor(to.Ticks - at.Ticks, policy.HalfLifeDays);
                contact.PressureAsOf = to;
            }
            else
            {
                contact.Pressure = weight;
                contact.PressureAsOf = at;
            }
        }

        private static void Prune(Ledger ledger, AttentionPolicy policy, DateTime now)
        {
            var keep = TimeSpan.FromTicks((long)Math.Ceiling(policy.RetentionDays() * TimeSpan.TicksPerDay));
            ledger.Prune(now.Ticks > keep.Ticks ? now - keep : DateTime.MinValue, now);
        }

        private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
    }
}
