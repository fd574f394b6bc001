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
            var loaded = _store.LoadForUpdate(ids);
            var origin = activity.ExplicitOrigin ?? OriginClassifier.Classify(activity, _ctx.UserFacts, loaded.Select(l => l.Policy));
            foreach (var l in loaded)
            {
                var touchOrigin = origin == Origin.Human && OriginClassifier.IsReplyToInbound(activity, l.Contact, l.Policy, at) ? Origin.Transactional : origin;
                AttentionRecorder.RecordTouch(l.Contact, l.Account, new Touch(activity.Channel, touchOrigin, at, activity.Id), l.Policy, at);
                // A meeting that took place is a two-sided conversation: it is a touch and the contact's response at once.
                if (activity.LogicalName == M.Appointment.EntityLogicalName)
                    AttentionRecorder.RecordResponse(l.Contact, Channel.Meeting, at, activity.Id, l.Policy);
            }
            _store.Save(loaded, _ctx.Now);
            _ctx.Trace("Recorded a {0} touch for {1} contact(s).", activity.Channel, loaded.Count);
        }

        /// <summary>An inbound interaction from contacts (incoming email, inbound call): damp pressure, reset unanswered, last response.</summary>
        public void RecordResponse(ActivityInfo activity, IReadOnlyList<Guid> contactIds)
        {
            if (contactIds.Count == 0) return;
            var at = HappenedAt(activity);
            var loaded = _store.LoadForUpdate(contactIds);
            foreach (var l in loaded) AttentionRecorder.RecordResponse(l.Contact, activity.Channel, at, activity.Id, l.Policy);
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

        /// <summary>When the activity happened: its actual end when set and not in the future, otherwise the operation's time.</summary>
        private DateTime HappenedAt(ActivityInfo activity)
        {
            var now = _ctx.Now;
            if (Row.Get<DateTime?>(activity.Values, E.ActualEnd) is DateTime end)
            {
                var utc = end.Kind == DateTimeKind.Utc ? end : DateTime.SpecifyKind(end, DateTimeKind.Utc);
                if (utc <= now && utc.Year >= 2000) return utc;
            }
            return now;
        }
    }
}
