using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>
    /// What the caller does with an activity after the workflow decided: columns to write on it, recipients to drop,
    /// whether to cancel it, and the refusal to raise (after applying the rest). The same shape for every stage, so Create
    /// and Send apply a result the same way.
    /// </summary>
    public sealed class TouchResult
    {
        private static readonly IReadOnlyCollection<Guid> NoOne = Array.Empty<Guid>();

        public static readonly TouchResult Nothing = new TouchResult(null, null, NoOne, false, null, Array.Empty<RecipientDecision>());

        public TouchResult(Origin? origin, RecipientDecision? headline, IReadOnlyCollection<Guid>? recipientsToDrop, bool cancel, string? refusal,
            IReadOnlyList<RecipientDecision> decisions)
        {
            Origin = origin;
            Headline = headline;
            RecipientsToDrop = recipientsToDrop ?? NoOne;
            Cancel = cancel;
            Refusal = refusal;
            Decisions = decisions;
        }

        /// <summary>The origin to write on the activity (cat_origin); null: leave it.</summary>
        public Origin? Origin { get; }

        /// <summary>The decision to write on the activity (cat_attentiondecision, cat_attentionreason); null: leave them.</summary>
        public RecipientDecision? Headline { get; }

        /// <summary>Contacts to remove from the activity's party lists (suppressed or routed while others receive it).</summary>
        public IReadOnlyCollection<Guid> RecipientsToDrop { get; }

        /// <summary>Cancel the activity (statecode Canceled): nobody may receive it.</summary>
        public bool Cancel { get; }

        /// <summary>Refuse the operation with this text, in the initiating user's language; null: let it proceed.</summary>
        public string? Refusal { get; }

        /// <summary>Every recipient's decision, for tracing and for callers that count them.</summary>
        public IReadOnlyList<RecipientDecision> Decisions { get; }
    }

    /// <summary>cat_EvaluateTouch's answer: the decision for a prospective touch, the next best action and the open routed call.</summary>
    public sealed class TouchAnswer
    {
        public TouchAnswer(Decision decision, NextBestAction? nextBestAction, RoutedCallRef? openCall, PolicyMode mode)
        {
            Decision = decision;
            NextBestAction = nextBestAction;
            OpenCall = openCall;
            Mode = mode;
        }

        public Decision Decision { get; }

        /// <summary>Null when evaluation failed open.</summary>
        public NextBestAction? NextBestAction { get; }

        public RoutedCallRef? OpenCall { get; }

        public PolicyMode Mode { get; }
    }
}
