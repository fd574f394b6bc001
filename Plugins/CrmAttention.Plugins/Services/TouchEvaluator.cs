using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;

namespace CrmAttention.Plugins.Services
{
    /// <summary>The decision for one recipient of an activity, with the touch it was made for.</summary>
    public sealed class RecipientDecision
    {
        public RecipientDecision(LoadedContact loaded, Touch touch, Decision decision, string? errorDetail)
        {
            Loaded = loaded;
            Touch = touch;
            Decision = decision;
            ErrorDetail = errorDetail;
        }

        public LoadedContact Loaded { get; }

        public Touch Touch { get; }

        public Decision Decision { get; }

        /// <summary>For an EngineError decision: the failure's type and the correlation id.</summary>
        public string? ErrorDetail { get; }

        public bool IsEngineError => ErrorDetail != null;

        /// <summary>Logged when the policy's logging level asks for it; engine failures are always logged.</summary>
        public bool ShouldLog => IsEngineError || Decision.ShouldLog(Loaded.Policy.LoggingLevel);
    }

    /// <summary>
    /// Evaluates one activity for each of its contacts under each contact's policy, failing open: when the engine (or a
    /// broken policy) throws, the touch proceeds and the decision is an EngineError carrying the exception type and the
    /// correlation id, never the exception itself.
    /// </summary>
    public static class TouchEvaluator
    {
        public static IReadOnlyList<RecipientDecision> Evaluate(ActivityInfo activity, Origin origin, IReadOnlyList<LoadedContact> contacts, DateTime now,
            Guid correlationId, Action<string> trace)
        {
            var result = new List<RecipientDecision>(contacts.Count);
            foreach (var loaded in contacts)
            {
                var isReply = origin == Origin.Human && OriginClassifier.IsReplyToInbound(activity, loaded.Contact, loaded.Policy, now);
                var touch = new Touch(activity.Channel, origin, now, activity.Id, isReply, activity.OverrideReason);
                try
                {
                    if (loaded.ConfigurationError != null) throw loaded.ConfigurationError;
                    result.Add(new RecipientDecision(loaded, touch, AttentionEngine.Evaluate(touch, loaded.Contact, loaded.Account, loaded.Policy, now), null));
                }
                catch (Exception e) when (!(e is System.ServiceModel.FaultException))
                {
                    trace("Evaluation failed for contact " + loaded.Contact.Id.ToString("D") + "; the touch proceeds. " + e);
                    var detail = "EngineError " + e.GetType().FullName + ", correlation id " + correlationId.ToString("D") + ": " + e.Message;
                    result.Add(new RecipientDecision(loaded, touch, AttentionEngine.FailOpen(touch, loaded.Contact, loaded.Account, loaded.Policy), detail));
                }
            }
            return result;
        }

        /// <summary>The origin to store on the activity: Transactional when every recipient is answered in reply.</summary>
        public static Origin ActivityOrigin(Origin origin, IReadOnlyList<RecipientDecision> decisions) =>
            origin == Origin.Human && decisions.Count > 0 && decisions.All(d => d.Touch.IsReplyToInbound) ? Origin.Transactional : origin;

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

        private static int Rank(DecisionKind kind)
        {
            switch (kind)
            {
                case DecisionKind.Warn: return 3;
                case DecisionKind.Exempt: return 2;
                default: return 1;
            }
        }
    }
}
