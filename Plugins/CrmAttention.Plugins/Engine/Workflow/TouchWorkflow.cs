using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>
    /// One touch from the moment it is attempted until it is recorded: classify its origin, evaluate it for each recipient
    /// (failing open), reserve it, route high-value contacts to a person (one open routed call per contact), record what
    /// happened and log what is worth logging. Every rule of that path is here once; the plugins, cat_EvaluateTouch and the
    /// command-line tool differ only in the adapters they plug into the ports and in how they apply the
    /// <see cref="TouchResult"/>.
    /// </summary>
    public sealed class TouchWorkflow
    {
        private static readonly IReadOnlyList<RecipientDecision> NoDecisions = Array.Empty<RecipientDecision>();

        private readonly IAttentionStateStore _store;
        private readonly IDecisionLog _log;
        private readonly ICallRouter _router;
        private readonly IActorFacts _actors;
        private readonly Guid _correlationId;
        private readonly Action<string>? _trace;

        public TouchWorkflow(IAttentionStateStore store, IDecisionLog log, ICallRouter router, IActorFacts actors, Guid correlationId, Action<string>? trace = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _log = log ?? throw new ArgumentNullException(nameof(log));
            _router = router ?? throw new ArgumentNullException(nameof(router));
            _actors = actors ?? throw new ArgumentNullException(nameof(actors));
            _correlationId = correlationId;
            _trace = trace;
        }

        /// <summary>
        /// Before the transaction (PreValidation of Create and Send): classifies the origin, then evaluates a person's or
        /// transactional touch, logs it, and refuses a blocked one. The log is written before the refusal is raised, and at
        /// the top level PreValidation runs outside the transaction, so the record of the block survives the rollback.
        /// Automated touches are left to <see cref="Enforce"/> (under the lock), except at Send when nobody would receive
        /// the email: then it is cancelled here, with its routed calls and log, and the Send is refused.
        /// </summary>
        public TouchResult Screen(TouchActivity activity, bool isSend, DateTime now)
        {
            if (!IsBudgetedOutbound(activity)) return TouchResult.Nothing;
            // An activity created as explicitly automated has nothing to screen here: Enforce evaluates it under the lock.
            if (!isSend && activity.ExplicitOrigin == Origin.Automated) return TouchResult.Nothing;
            var loaded = _store.Load(activity.RecipientIds);
            if (loaded.Count == 0) return TouchResult.Nothing;
            var origin = OriginClassifier.Classify(activity, _actors, loaded.Select(l => l.Policy));
            if (origin == Origin.Automated) return isSend ? CancelUnsendable(activity, loaded, now) : new TouchResult(Origin.Automated, null, null, false, null, NoDecisions);
            var decisions = Evaluate(activity, origin, loaded, now);
            foreach (var d in decisions)
            {
                // At Send, what Create already logged is not logged twice.
                if (!d.ShouldLog || (isSend && activity.RecordedDecision == d.Decision.Kind && activity.RecordedReason == d.Decision.Reason)) continue;
                Log(d, activity, now, null);
            }
            var blocked = decisions.Where(d => d.Decision.Kind == DecisionKind.Block).ToList();
            var refusal = blocked.Count > 0 ? BlockMessage(blocked, _actors.InitiatorFormat()) : null;
            // Create writes origin and decision onto the Target (saved by the core operation, no extra Update); Send changes nothing.
            return isSend
                ? new TouchResult(null, null, null, false, refusal, decisions)
                : new TouchResult(ActivityOrigin(origin, decisions), Headline(decisions), null, false, refusal, decisions);
        }

        /// <summary>
        /// Inside the transaction (PreOperation of Create and Send): evaluates an automated touch under the row lock, reserves
        /// it for those who receive it (pending, so concurrent automations cannot overshoot a cap), routes high-value contacts
        /// to their owner and logs. Recipients who do not receive it are dropped; when nobody does, Create cancels the
        /// activity and Send is refused (another automation took the last slot since PreValidation; a retry is cancelled
        /// cleanly by <see cref="Screen"/>).
        /// </summary>
        public TouchResult Enforce(TouchActivity activity, bool isSend, DateTime now)
        {
            if (!IsBudgetedOutbound(activity) || activity.ExplicitOrigin != Origin.Automated) return TouchResult.Nothing;
            var loaded = _store.LoadForUpdate(activity.RecipientIds, recipientsOfThisOperation: true);
            var decisions = Evaluate(activity, Origin.Automated, loaded, now);
            var reserved = new List<LoadedContact>();
            foreach (var d in decisions)
            {
                if (!d.Decision.Proceeds || d.IsEngineError) continue;
                AttentionRecorder.RecordPending(d.Loaded.Contact, d.Loaded.Account, d.Touch, d.Loaded.Policy, now);
                reserved.Add(d.Loaded);
            }
            _store.Save(reserved, now);
            RouteAndLog(activity, decisions, now);
            var stopped = new HashSet<Guid>(decisions.Where(d => !d.Decision.Proceeds).Select(d => d.Loaded.Contact.Id));
            var nobody = stopped.Count == decisions.Count;
            return isSend
                ? new TouchResult(null, null, nobody ? null : stopped, false, nobody ? SuppressionMessage(decisions, _actors.InitiatorFormat()) : null, decisions)
                : new TouchResult(Origin.Automated, Headline(decisions), nobody ? null : stopped, nobody, null, decisions);
        }

        /// <summary>The email was sent (PostOperation of Send): a touch for each contact recipient.</summary>
        public void Sent(TouchActivity activity, DateTime now)
        {
            if (activity.IsOutgoing) RecordTouch(activity, now);
        }

        /// <summary>
        /// The activity's state changed (Update of statecode): completed outgoing, it is a touch; completed incoming, the
        /// senders' response; a cancelled automated touch gives its reservation back at once.
        /// </summary>
        public void StateChanged(TouchActivity activity, ActivityState? before, DateTime now)
        {
            // Only a change of state matters: our own updates (descriptions of routed calls, recipients) never get here,
            // and re-saving a completed activity with the same state records nothing twice.
            if (activity.State == before) return;
            if (activity.State == ActivityState.Completed)
            {
                if (activity.IsOutgoing) RecordTouch(activity, now);
                else RecordResponse(activity, activity.Senders, now);
            }
            else if (activity.State == ActivityState.Canceled && activity.IsOutgoing && activity.ExplicitOrigin == Origin.Automated
                && activity.RecordedDecision != DecisionKind.Suppress && activity.RecordedDecision != DecisionKind.RouteToHuman)
            {
                // A suppressed activity that CrmAttention cancelled itself never held a reservation.
                CancelPending(activity, now);
            }
        }

        /// <summary>A new email was saved (PostOperation of Create): an incoming one is its senders' response.</summary>
        public void Received(TouchActivity activity, DateTime now)
        {
            if (!activity.IsOutgoing) RecordResponse(activity, activity.Senders, now);
        }

        /// <summary>
        /// cat_EvaluateTouch: "may I touch this contact on this channel at <paramref name="at"/>?" Reads only: no reservation,
        /// no log, no routing.
        /// </summary>
        public TouchAnswer Ask(Guid contactId, Channel channel, Origin origin, DateTime at, DateTime now)
        {
            var loaded = _store.Load(new[] { contactId });
            if (loaded.Count == 0)
                throw new AttentionEngineException("The contact " + contactId.ToString("D") + " does not exist.", "Der Kontakt " + contactId.ToString("D") + " existiert nicht.");
            var l = loaded[0];
            var decision = Evaluate(new Touch(channel, origin, at), l, now, withNextBestAction: true, out var next, out _);
            return new TouchAnswer(decision, next, _router.FindOpenCall(l.Contact.Id), l.Policy.Mode);
        }

        /// <summary>
        /// A touch replayed from history (the backtest): evaluated at its own time, failing open (without a log to write
        /// the failure to, the EngineError decision itself is what the replay counts), and recorded at once when it
        /// proceeds — or always, when <paramref name="recordAnyway"/> (a replay of what actually happened). Static: a
        /// replay keeps its contacts in memory and needs no port. The touch and the decision are the
        /// <paramref name="buffer"/>'s, written over for every call: the decision returned holds until the next call.
        /// </summary>
        public static Decision Replay(ReplayBuffer buffer, Channel channel, Origin origin, DateTime at, Guid activityId, ContactState contact, AccountState? account,
            AttentionPolicy policy, bool recordAnyway)
        {
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            var touch = buffer.Touch;
            touch.Set(channel, origin, at, activityId);
            var decision = EvaluateFailingOpen(touch, contact, account, policy, null, at, withNextBestAction: false, out _, out _, buffer.Decision);
            if (recordAnyway || decision.Proceeds) AttentionRecorder.RecordTouch(contact, account, touch, policy, at);
            return decision;
        }

        /// <summary>A response replayed from history (the backtest): an inbound activity is the contact's response.</summary>
        public static void ReplayResponse(ContactState contact, Channel channel, DateTime at, Guid activityId, AttentionPolicy policy) =>
            AttentionRecorder.RecordResponse(contact, channel, at, activityId, policy);

        /// <summary>
        /// Evaluates one touch for one contact, failing open: when the engine (or a policy that could not be read) throws,
        /// the touch proceeds and the decision is an EngineError whose <paramref name="errorDetail"/> carries the exception
        /// type and the correlation id, never the exception itself.
        /// </summary>
        public Decision Evaluate(Touch touch, LoadedContact loaded, DateTime now, out string? errorDetail) =>
            Evaluate(touch, loaded, now, withNextBestAction: false, out _, out errorDetail);

        /// <summary>
        /// The decision shown on the activity row: a block or a full suppression/routing when nobody proceeds,
        /// otherwise the most notable decision among those who receive it (Warn before Exempt before Allow).
        /// </summary>
        public static RecipientDecision? Headline(IReadOnlyList<RecipientDecision> decisions)
        {
            if (decisions.Count == 0) return null;
            var blocked = decisions.FirstOrDefault(d => d.Decision.Kind == DecisionKind.Block);
            if (blocked != null) return blocked;
            var proceeding = decisions.Where(d => d.Decision.Proceeds).ToList();
            if (proceeding.Count == 0) return decisions.FirstOrDefault(d => d.Decision.Kind == DecisionKind.RouteToHuman) ?? decisions[0];
            return proceeding.OrderByDescending(d => Rank(d.Decision.Kind)).ThenByDescending(d => d.IsEngineError).First();
        }

        /// <summary>The origin to store on the activity: Transactional when every recipient is answered in reply.</summary>
        public static Origin ActivityOrigin(Origin origin, IReadOnlyList<RecipientDecision> decisions) =>
            origin == Origin.Human && decisions.Count > 0 && decisions.All(d => d.Touch.IsReplyToInbound) ? Origin.Transactional : origin;

        /// <summary>"The touch was suppressed: …" — one line per recipient, for an automation whose Send is refused.</summary>
        public static string SuppressionMessage(IReadOnlyList<RecipientDecision> decisions, MessageFormat format)
        {
            var sb = new StringBuilder(format.Pick("CrmAttention did not send this automated email; it was cancelled and kept with its reason.",
                "CrmAttention hat diese automatisierte E-Mail nicht gesendet; sie wurde storniert und mit ihrem Grund aufbewahrt."));
            foreach (var d in decisions) sb.Append('\n').Append(d.Decision.GetMessage(format));
            return sb.ToString();
        }

        private static bool IsBudgetedOutbound(TouchActivity activity) => !activity.IsRoutedCall && activity.IsOutgoing && activity.RecipientIds.Count > 0;

        private IReadOnlyList<RecipientDecision> Evaluate(TouchActivity activity, Origin origin, IReadOnlyList<LoadedContact> contacts, DateTime now)
        {
            var result = new List<RecipientDecision>(contacts.Count);
            foreach (var loaded in contacts)
            {
                var isReply = origin == Origin.Human && OriginClassifier.IsReplyToInbound(activity, loaded.Contact, loaded.Policy, now);
                var touch = new Touch(activity.Channel, origin, now, activity.Id, isReply, activity.OverrideReason);
                var decision = Evaluate(touch, loaded, now, out var detail);
                result.Add(new RecipientDecision(loaded, touch, decision, detail));
                Trace("{0} {1} to contact {2}: {3} under policy {4} ({5}).", origin, activity.LogicalName, loaded.Contact.Id, decision,
                    loaded.Policy.Id == Guid.Empty ? "built-in defaults" : loaded.Policy.Id.ToString("D"), loaded.Policy.Mode);
            }
            return result;
        }

        private Decision Evaluate(Touch touch, LoadedContact loaded, DateTime now, bool withNextBestAction, out NextBestAction? next, out string? errorDetail)
        {
            var decision = EvaluateFailingOpen(touch, loaded.Contact, loaded.Account, loaded.Policy, loaded.ConfigurationError, now, withNextBestAction, out next, out var failure);
            errorDetail = failure == null ? null : FailedOpen(failure, "Evaluation failed for contact " + loaded.Contact.Id.ToString("D") + "; the touch proceeds.");
            return decision;
        }

        /// <summary>
        /// The one place evaluation fails open: when the engine (or a policy that could not be read) throws, the touch
        /// proceeds with an EngineError decision and <paramref name="failure"/> says why.
        /// </summary>
        private static Decision EvaluateFailingOpen(Touch touch, ContactState contact, AccountState? account, AttentionPolicy policy, Exception? configurationError,
            DateTime now, bool withNextBestAction, out NextBestAction? next, out Exception? failure, Decision? into = null)
        {
            try
            {
                if (configurationError != null) throw configurationError;
                var decision = AttentionEngine.Evaluate(touch, contact, account, policy, now, into);
                next = withNextBestAction ? AttentionModel.NextBestAction(contact, account, policy, touch.Origin, now) : null;
                failure = null;
                return decision;
            }
            catch (Exception e)
            {
                // Nothing inside the try reaches the platform (no port is called), so no platform fault is swallowed here.
                failure = e;
                next = null;
                return AttentionEngine.FailOpen(touch, contact, account, policy);
            }
        }

        // At Send, when no recipient would receive the automated email, it is cancelled at PreValidation, outside the
        // transaction at the top level, so that the cancelled row, its routed calls and its log survive the refusal.
        private TouchResult CancelUnsendable(TouchActivity activity, IReadOnlyList<LoadedContact> loaded, DateTime now)
        {
            var decisions = Evaluate(activity, Origin.Automated, loaded, now);
            if (decisions.Any(d => d.Decision.Proceeds)) return TouchResult.Nothing;
            RouteAndLog(activity, decisions, now);
            // The reservation made when the email was created is released now, not when it would expire.
            CancelPending(activity, now);
            return new TouchResult(null, Headline(decisions), null, true, SuppressionMessage(decisions, _actors.InitiatorFormat()), decisions);
        }

        private void RouteAndLog(TouchActivity activity, IReadOnlyList<RecipientDecision> decisions, DateTime now)
        {
            foreach (var d in decisions)
            {
                RoutedCallRef? call = null;
                if (d.Decision.Kind == DecisionKind.RouteToHuman) call = Route(d.Decision, d.Loaded, activity, now);
                if (d.ShouldLog || call != null) Log(d, activity, now, call);
            }
        }

        /// <summary>
        /// Turns a RouteToHuman decision into a phone call for the contact's owner, with the briefing in the owner's
        /// language. A contact has at most one open routed call: a later routing appends its briefing to that call.
        /// </summary>
        private RoutedCallRef Route(Decision decision, LoadedContact loaded, TouchActivity activity, DateTime now)
        {
            var owner = decision.OwnerId ?? throw new InvalidOperationException("A decision without an owner cannot be routed.");
            var format = MessageFormat.FromLcid(_actors.User(owner).UiLanguageId);
            var request = new RoutedCallRequest(owner, loaded, activity, CallBriefing.Compose(decision, loaded.Contact, loaded.Policy, now), format, now);
            var open = _router.FindOpenCall(loaded.Contact.Id);
            if (open == null) return _router.Create(request);
            _router.Append(open, request);
            return open;
        }

        // The decision row belongs to whoever owns the touched activity — for a routed touch, the routed call — so its
        // owner can read it; with no owner known, the log's default owner.
        private void Log(RecipientDecision d, TouchActivity activity, DateTime now, RoutedCallRef? call) =>
            _log.Write(new DecisionRecord(d.Decision, activity, now, call?.Id, d.ErrorDetail, call != null ? call.Owner : activity.Owner));

        /// <summary>An outbound activity was completed or sent: one touch for each recipient.</summary>
        private void RecordTouch(TouchActivity activity, DateTime now)
        {
            var ids = activity.RecipientIds;
            if (ids.Count == 0) return;
            var at = HappenedAt(activity, now);
            var loaded = _store.LoadForUpdate(ids, recipientsOfThisOperation: true);
            var origin = activity.ExplicitOrigin ?? OriginClassifier.Classify(activity, _actors, loaded.Select(l => l.Policy));
            var recorded = Recorded(activity, origin, loaded, now, response: false, () =>
            {
                foreach (var l in loaded)
                {
                    var touchOrigin = origin == Origin.Human && OriginClassifier.IsReplyToInbound(activity, l.Contact, l.Policy, at) ? Origin.Transactional : origin;
                    Record(l, new Touch(activity.Channel, touchOrigin, at, activity.Id), activity.Kind, activity.CallResult, at);
                }
            });
            if (!recorded) return;
            _store.Save(loaded, now);
            Trace("Recorded a {0} touch for {1} contact(s).", activity.Channel, loaded.Count);
        }

        /// <summary>
        /// What one touch that happened does to one contact: a phone call carries its result (Connected: it is also the
        /// contact's answer, without a result a touch only); a meeting held is a two-sided conversation, a touch and the
        /// contact's response at once; anything else is a touch.
        /// </summary>
        private static void Record(LoadedContact l, Touch touch, ActivityKind kind, CallResult? callResult, DateTime at)
        {
            if (kind == ActivityKind.PhoneCall) AttentionRecorder.RecordCall(l.Contact, l.Account, touch, callResult, l.Policy, at);
            else AttentionRecorder.RecordTouch(l.Contact, l.Account, touch, l.Policy, at);
            if (kind == ActivityKind.Appointment) AttentionRecorder.RecordResponse(l.Contact, Channel.Meeting, at, touch.ActivityId, l.Policy);
        }

        /// <summary>An inbound interaction from contacts: damp pressure, reset unanswered, last response.</summary>
        private void RecordResponse(TouchActivity activity, IReadOnlyList<Guid> contactIds, DateTime now)
        {
            if (contactIds.Count == 0) return;
            var at = HappenedAt(activity, now);
            var loaded = _store.LoadForUpdate(contactIds, recipientsOfThisOperation: false);
            var recorded = Recorded(activity, Origin.Human, loaded, now, response: true, () =>
            {
                foreach (var l in loaded) AttentionRecorder.RecordResponse(l.Contact, activity.Channel, at, activity.Id, l.Policy);
            });
            if (!recorded) return;
            _store.Save(loaded, now);
            Trace("Recorded a {0} response from {1} contact(s).", activity.Channel, loaded.Count);
        }

        /// <summary>An automated touch was cancelled before it happened: its reservation stops counting at once.</summary>
        private void CancelPending(TouchActivity activity, DateTime now)
        {
            var ids = activity.RecipientIds;
            if (ids.Count == 0) return;
            var loaded = _store.LoadForUpdate(ids, recipientsOfThisOperation: false);
            var key = LedgerEntry.KeyOf(activity.Id);
            var affected = loaded.Where(l => l.Contact.Ledger.Entries.Any(e => e.Kind == LedgerEntryKind.Pending && e.Key == key)).ToList();
            if (affected.Count == 0) return;
            foreach (var l in affected) AttentionRecorder.CancelPending(l.Contact, l.Account, activity.Id);
            _store.Save(affected, now);
        }

        /// <summary>
        /// Runs the engine's part of a recording. An unexpected failure must not cost the user the completed activity: it
        /// is traced, logged as an EngineError decision per contact (type and correlation id), and nothing is kept.
        /// </summary>
        private bool Recorded(TouchActivity activity, Origin origin, IReadOnlyList<LoadedContact> loaded, DateTime now, bool response, Action record)
        {
            try
            {
                record();
                return true;
            }
            catch (Exception e)
            {
                // As in Evaluate: only the engine runs inside the try, never a port.
                var detail = FailedOpen(e, "Recording failed; the activity is kept and the contacts' state is left as it was.");
                foreach (var l in loaded)
                {
                    var decision = AttentionEngine.FailOpen(new Touch(activity.Channel, origin, now, activity.Id), l.Contact, l.Account, l.Policy);
                    // A response without an owner of its own belongs with the contact's owner.
                    _log.Write(new DecisionRecord(decision, activity, now, null, detail, activity.Owner ?? (response ? l.Owner : null)));
                }
                return false;
            }
        }

        /// <summary>Traces a failure in full and returns what the log keeps of it: the type and the correlation id.</summary>
        private string FailedOpen(Exception e, string what)
        {
            _trace?.Invoke(what + " " + e);
            return "EngineError " + e.GetType().FullName + ", correlation id " + _correlationId.ToString("D") + ": " + e.Message;
        }

        /// <summary>When the activity happened: its actual end when set and not in the future, otherwise the operation's time.</summary>
        private static DateTime HappenedAt(TouchActivity activity, DateTime now) => activity.ActualEnd is DateTime end && end <= now ? end : now;

        private static string BlockMessage(IReadOnlyList<RecipientDecision> blocked, MessageFormat format)
        {
            if (blocked.Count == 1) return blocked[0].Decision.GetMessage(format);
            var sb = new StringBuilder(format.Pick("CrmAttention refused this activity for " + blocked.Count + " recipients:",
                "CrmAttention hat diese Aktivität für " + blocked.Count + " Empfänger abgelehnt:"));
            foreach (var d in blocked) sb.Append("\n- ").Append(d.Decision.ContactName).Append(": ").Append(d.Decision.GetMessage(format));
            return sb.ToString();
        }

        private static int Rank(DecisionKind kind)
        {
            switch (kind)
            {
                case DecisionKind.Warn: return 3;
                case DecisionKind.Exempt: return 2;
                default: return 1;
            }
        }

        private void Trace(string format, params object[] args)
        {
            if (_trace != null) _trace(string.Format(CultureInfo.InvariantCulture, format, args));
        }
    }
}
