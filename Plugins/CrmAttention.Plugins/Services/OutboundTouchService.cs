using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;
using E = CrmAttention.Model.Email.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Evaluates outbound activities and acts on the decisions: people's touches are screened read-only (and refused in
    /// Enforce mode), automated touches are evaluated under the row lock and reserved, suppressed or routed.
    /// </summary>
    public sealed class OutboundTouchService
    {
        /// <summary>Shared variable by which PreOperation asks PostOperation to cancel a fully suppressed activity.</summary>
        public const string CancelVariable = "cat_attention_cancel";

        /// <summary>Shared variable carrying the rows to lock, found by PreValidation's read, to the later stages.</summary>
        public const string LockHintVariable = "cat_attention_locks";

        private readonly LocalPluginContext _ctx;
        private readonly AttentionStore _store;
        private readonly DecisionLog _log;

        public OutboundTouchService(LocalPluginContext ctx)
        {
            _ctx = ctx;
            _store = new AttentionStore(ctx.SystemService);
            _log = new DecisionLog(ctx.SystemService, ctx.CorrelationId);
        }

        /// <summary>
        /// PreValidation: classifies the origin and stores it on <paramref name="target"/> (when given), then evaluates a
        /// person's or transactional touch: writes the decision onto the Target, logs it, and refuses a blocked touch with
        /// the engine's message in the user's language. The log row is written before the refusal, and at the top level
        /// PreValidation runs outside the transaction, so the record of the block survives the rollback. Automated touches
        /// are left to PreOperation (under the lock), except at Send when nobody would receive the email.
        /// </summary>
        public void Screen(ActivityInfo activity, Entity? target, bool isSend)
        {
            // An activity created as explicitly automated has nothing to screen here: PreOperation evaluates it under the lock.
            if (!isSend && activity.ExplicitOrigin == Origin.Automated) return;
            var loaded = _store.Load(activity.RecipientIds);
            if (loaded.Count == 0) return;
            _ctx.Context.SharedVariables[LockHintVariable] = AttentionStore.LockHint(loaded);
            var origin = OriginClassifier.Classify(activity, _ctx.UserFacts, loaded.Select(l => l.Policy));
            if (origin == Origin.Automated)
            {
                if (target != null) target[E.CatOrigin] = PolicyMapper.Choice((int)origin);
                if (isSend) CancelUnsendable(activity, loaded);
                return;
            }
            var decisions = TouchEvaluator.Evaluate(activity, origin, loaded, _ctx.Now, _ctx.CorrelationId, TraceLine);
            TraceDecisions(activity, decisions);
            if (target != null) Annotate(target, TouchEvaluator.ActivityOrigin(origin, decisions), decisions);
            foreach (var d in decisions)
            {
                // At Send, what Create already logged is not logged twice.
                if (!d.ShouldLog || (isSend && activity.RecordedDecision == d.Decision.Kind && activity.RecordedReason == d.Decision.Reason)) continue;
                _log.Write(d.Decision, activity, _ctx.Now, null, d.ErrorDetail);
            }
            var blocked = decisions.Where(d => d.Decision.Kind == DecisionKind.Block).ToList();
            if (blocked.Count > 0) throw new InvalidPluginExecutionException(BlockMessage(blocked, _ctx.UserFormat()));
        }

        /// <summary>
        /// PreOperation: evaluates an automated touch for its recipients under the row lock, reserves the touch for those who
        /// receive it (pending, so concurrent automations cannot overshoot a cap), routes high-value contacts to their owner,
        /// logs, and drops the suppressed recipients. Returns the decisions, or null when the touch is not automated.
        /// </summary>
        public IReadOnlyList<RecipientDecision>? EnforceAutomated(ActivityInfo activity)
        {
            if (activity.ExplicitOrigin != Origin.Automated || activity.RecipientIds.Count == 0) return null;
            var now = _ctx.Now;
            var loaded = _store.LoadForUpdate(activity.RecipientIds, _ctx.SharedFromEarlierStage(LockHintVariable) as string);
            var decisions = TouchEvaluator.Evaluate(activity, Origin.Automated, loaded, now, _ctx.CorrelationId, TraceLine);
            TraceDecisions(activity, decisions);
            var reserved = new List<LoadedContact>();
            foreach (var d in decisions)
            {
                if (!d.Decision.Proceeds || d.IsEngineError) continue;
                AttentionRecorder.RecordPending(d.Loaded.Contact, d.Loaded.Account, d.Touch, d.Loaded.Policy, now);
                reserved.Add(d.Loaded);
            }
            _store.Save(reserved, now);
            RouteAndLog(activity, decisions);
            return decisions;
        }

        /// <summary>Writes origin, decision and reason onto the Target (saved by the core operation, no extra Update).</summary>
        public static void Annotate(Entity target, Origin origin, IReadOnlyList<RecipientDecision> decisions)
        {
            target[E.CatOrigin] = PolicyMapper.Choice((int)origin);
            var headline = TouchEvaluator.Headline(decisions);
            if (headline == null) return;
            target[E.CatAttentionDecision] = PolicyMapper.Choice((int)headline.Decision.Kind);
            target[E.CatAttentionReason] = PolicyMapper.Choice((int)headline.Decision.Reason);
        }

        /// <summary>The contacts who do not receive an automated touch (suppressed or routed).</summary>
        public static ISet<Guid> Stopped(IReadOnlyList<RecipientDecision> decisions) =>
            new HashSet<Guid>(decisions.Where(d => !d.Decision.Proceeds).Select(d => d.Loaded.Contact.Id));

        /// <summary>"The touch was suppressed: …" — one line per recipient, for an automation whose Send is refused.</summary>
        public static string SuppressionMessage(IReadOnlyList<RecipientDecision> decisions, MessageFormat format)
        {
            var sb = new StringBuilder(format.Pick("CrmAttention did not send this automated email; it was cancelled and kept with its reason.",
                "CrmAttention hat diese automatisierte E-Mail nicht gesendet; sie wurde storniert und mit ihrem Grund aufbewahrt."));
            foreach (var d in decisions) sb.Append('\n').Append(d.Decision.GetMessage(format));
            return sb.ToString();
        }

        /// <summary>Cancels an activity (statecode 2 with the table's cancelled status) and records why on the row.</summary>
        public static void Cancel(IOrganizationService service, ActivityInfo activity, RecipientDecision headline)
        {
            service.Update(new Entity(activity.LogicalName, activity.Id)
            {
                [E.StateCode] = new OptionSetValue(ActivityStates.Canceled),
                [E.StatusCode] = new OptionSetValue(ActivityStates.CanceledStatus(activity.LogicalName)),
                [E.CatAttentionDecision] = PolicyMapper.Choice((int)headline.Decision.Kind),
                [E.CatAttentionReason] = PolicyMapper.Choice((int)headline.Decision.Reason),
            });
        }

        private void RouteAndLog(ActivityInfo activity, IReadOnlyList<RecipientDecision> decisions)
        {
            var router = new CallRouter(_ctx.SystemService, OwnerFacts);
            foreach (var d in decisions)
            {
                EntityReference? call = null;
                if (d.Decision.Kind == DecisionKind.RouteToHuman) call = router.Route(d.Decision, d.Loaded, activity, _ctx.Now);
                if (d.ShouldLog || call != null) _log.Write(d.Decision, activity, _ctx.Now, call, d.ErrorDetail);
            }
        }

        // At Send, when no recipient would receive the automated email, it is cancelled here, outside the transaction at
        // the top level, so that the cancelled row, its routed calls and its log survive the refusal of the Send.
        private void CancelUnsendable(ActivityInfo activity, IReadOnlyList<LoadedContact> loaded)
        {
            var decisions = TouchEvaluator.Evaluate(activity, Origin.Automated, loaded, _ctx.Now, _ctx.CorrelationId, TraceLine);
            if (decisions.Any(d => d.Decision.Proceeds)) return;
            RouteAndLog(activity, decisions);
            Cancel(_ctx.SystemService, activity, TouchEvaluator.Headline(decisions)!);
            // The reservation made when the email was created is released now, not when it would expire.
            new TouchRecordingService(_ctx).CancelPending(activity);
            throw new InvalidPluginExecutionException(SuppressionMessage(decisions, _ctx.UserFormat()));
        }

        private void TraceLine(string line) => _ctx.Trace("{0}", line);

        private void TraceDecisions(ActivityInfo activity, IReadOnlyList<RecipientDecision> decisions)
        {
            foreach (var d in decisions)
            {
                _ctx.Trace("{0} {1} to contact {2}: {3} under policy {4} ({5}).", d.Touch.Origin, activity.LogicalName, d.Loaded.Contact.Id,
                    d.Decision, d.Loaded.Policy.Id == Guid.Empty ? "built-in defaults" : d.Loaded.Policy.Id.ToString("D"), d.Loaded.Policy.Mode);
            }
        }

        private UserFacts OwnerFacts(Guid ownerId) =>
            UserFactsCache.Shared.Get(_ctx.Context.OrganizationId, ownerId, _ctx.Now, () => UserFactsReader.Read(_ctx.SystemService, ownerId));

        private static string BlockMessage(IReadOnlyList<RecipientDecision> blocked, MessageFormat format)
        {
            if (blocked.Count == 1) return blocked[0].Decision.GetMessage(format);
            var sb = new StringBuilder(format.Pick("CrmAttention refused this activity for " + blocked.Count + " recipients:",
                "CrmAttention hat diese Aktivität für " + blocked.Count + " Empfänger abgelehnt:"));
            foreach (var d in blocked) sb.Append("\n- ").Append(d.Decision.ContactName).Append(": ").Append(d.Decision.GetMessage(format));
            return sb.ToString();
        }
    }

    /// <summary>statecode and statuscode values of the activity tables (the platform's, not ours).</summary>
    public static class ActivityStates
    {
        public const int Open = 0;
        public const int Completed = 1;
        public const int Canceled = 2;

        /// <summary>The Canceled status of each activity table (email 5, phone call 3, appointment 4, task 6, letter 5).</summary>
        public static int CanceledStatus(string logicalName)
        {
            switch (logicalName)
            {
                case M.Email.EntityLogicalName: return 5;
                case M.PhoneCall.EntityLogicalName: return 3;
                case M.Appointment.EntityLogicalName: return 4;
                case M.TaskActivity.EntityLogicalName: return 6;
                case M.Letter.EntityLogicalName: return 5;
                default: throw new InvalidPluginExecutionException("CrmAttention does not know the cancelled status of table '" + logicalName + "'.");
            }
        }
    }
}
