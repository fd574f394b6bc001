using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using E = CrmAttention.Model.Email.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Records what happened on the contact and account ledgers and columns: completed or sent touches, responses, and
    /// touches that were cancelled before they happened. Each change takes the row lock first (update before read), so
    /// concurrent completions queue and none is lost.
    /// </summary>
    public sealed class TouchRecordingService
    {
        private readonly LocalPluginContext _ctx;
        private readonly AttentionStore _store;

        public TouchRecordingService(LocalPluginContext ctx)
        {
            _ctx = ctx;
            _store = new AttentionStore(ctx.SystemService);
        }

        /// <summary>An outbound activity was completed or sent: one touch for each recipient; an appointment held is also a response.</summary>
        public void RecordTouch(ActivityInfo activity)
        {
            var ids = activity.RecipientIds;
            if (ids.Count == 0) return;
            var at = HappenedAt(activity);
            var loaded = _store.LoadForUpdate(ids, _ctx.SharedFromEarlierStage(OutboundTouchService.LockHintVariable) as string);
            var origin = activity.ExplicitOrigin ?? OriginClassifier.Classify(activity, _ctx.UserFacts, loaded.Select(l => l.Policy));
            var recorded = FailOpen(activity, origin, loaded, () =>
            {
                foreach (var l in loaded)
                {
                    var touchOrigin = origin == Origin.Human && OriginClassifier.IsReplyToInbound(activity, l.Contact, l.Policy, at) ? Origin.Transactional : origin;
                    var touch = new Touch(activity.Channel, touchOrigin, at, activity.Id);
                    // A connected call is a touch and the contact's answer at once; without a result it is a touch only.
                    if (activity.LogicalName == M.PhoneCall.EntityLogicalName) AttentionRecorder.RecordCall(l.Contact, l.Account, touch, activity.CallResult, l.Policy, at);
                    else AttentionRecorder.RecordTouch(l.Contact, l.Account, touch, l.Policy, at);
                    // A meeting that took place is a two-sided conversation: it is a touch and the contact's response at once.
                    if (activity.LogicalName == M.Appointment.EntityLogicalName)
                        AttentionRecorder.RecordResponse(l.Contact, Channel.Meeting, at, activity.Id, l.Policy);
                }
            });
            if (!recorded) return;
            _store.Save(loaded, _ctx.Now);
            _ctx.Trace("Recorded a {0} touch for {1} contact(s).", activity.Channel, loaded.Count);
        }

        /// <summary>An inbound interaction from contacts (incoming email, inbound call): damp pressure, reset unanswered, last response.</summary>
        public void RecordResponse(ActivityInfo activity, IReadOnlyList<Guid> contactIds)
        {
            if (contactIds.Count == 0) return;
            var at = HappenedAt(activity);
            var loaded = _store.LoadForUpdate(contactIds);
            var recorded = FailOpen(activity, Origin.Human, loaded, () =>
            {
                foreach (var l in loaded) AttentionRecorder.RecordResponse(l.Contact, activity.Channel, at, activity.Id, l.Policy);
            });
            if (!recorded) return;
            _store.Save(loaded, _ctx.Now);
            _ctx.Trace("Recorded a {0} response from {1} contact(s).", activity.Channel, loaded.Count);
        }

        /// <summary>An automated touch was cancelled before it happened: its reservation stops counting at once.</summary>
        public void CancelPending(ActivityInfo activity)
        {
            var ids = activity.RecipientIds;
            if (ids.Count == 0) return;
            var loaded = _store.LoadForUpdate(ids);
            var key = LedgerEntry.KeyOf(activity.Id);
            var affected = loaded.Where(l => l.Contact.Ledger.Entries.Any(e => e.Kind == LedgerEntryKind.Pending && e.Key == key)).ToList();
            if (affected.Count == 0) return;
            foreach (var l in affected) AttentionRecorder.CancelPending(l.Contact, l.Account, activity.Id);
            _store.Save(affected, _ctx.Now);
        }

        /// <summary>
        /// Runs the engine's part of a recording. An unexpected failure must not cost the user the completed activity: it
        /// is traced, logged as an EngineError decision per contact (type and correlation id), and nothing is written.
        /// </summary>
        private bool FailOpen(ActivityInfo activity, Origin origin, IReadOnlyList<LoadedContact> loaded, Action record)
        {
            try
            {
                record();
                return true;
            }
            catch (Exception e) when (!(e is System.ServiceModel.FaultException))
            {
                _ctx.Trace("Recording failed; the activity is kept and the contacts' state is left as it was. {0}", e.ToString());
                var log = new DecisionLog(_ctx.SystemService, _ctx.CorrelationId);
                var detail = "EngineError " + e.GetType().FullName + ", correlation id " + _ctx.CorrelationId.ToString("D") + ": " + e.Message;
                foreach (var l in loaded)
                {
                    var touch = new Touch(activity.Channel, origin, _ctx.Now, activity.Id);
                    log.Write(AttentionEngine.FailOpen(touch, l.Contact, l.Account, l.Policy), activity, _ctx.Now, null, detail);
                }
                return false;
            }
        }

        /// <summary>When the activity happened: its actual end when set and not in the future, otherwise the operation's time.</summary>
        private DateTime HappenedAt(ActivityInfo activity)
        {
            var now = _ctx.Now;
            if (Row.Get<DateTime?>(activity.Values, E.ActualEnd) is DateTime end)
            {
                var utc = end.Kind == DateTimeKind.Utc ? end : DateTime.SpecifyKind(end, DateTimeKind.Utc);
                if (utc <= now) return utc;
            }
            return now;
        }
    }
}
