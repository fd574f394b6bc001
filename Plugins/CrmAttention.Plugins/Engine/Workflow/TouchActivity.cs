using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>The activity tables CrmAttention budgets.</summary>
    public enum ActivityKind
    {
        Email = 0,
        PhoneCall = 1,
        Appointment = 2,
        Task = 3,
        Letter = 4,
    }

    /// <summary>The platform's activity states (statecode).</summary>
    public enum ActivityState
    {
        Open = 0,
        Completed = 1,
        Canceled = 2,
    }

    /// <summary>
    /// What the workflow needs to know about one activity, read from a Dataverse row by the plugins or made up by the
    /// command-line tool's simulator: table and channel, direction, who made it, whom it goes to or comes from.
    /// </summary>
    public sealed class TouchActivity
    {
        public TouchActivity(string logicalName, Guid id, ActivityKind kind, Channel channel)
        {
            LogicalName = logicalName;
            Id = id;
            Kind = kind;
            Channel = channel;
        }

        /// <summary>The table's logical name, for the decision log.</summary>
        public string LogicalName { get; }

        public Guid Id { get; }

        public ActivityKind Kind { get; }

        public Channel Channel { get; }

        /// <summary>Outgoing (to contacts) rather than incoming (from them).</summary>
        public bool IsOutgoing { get; set; } = true;

        /// <summary>cat_origin as set on the row: an explicit origin always wins.</summary>
        public Origin? ExplicitOrigin { get; set; }

        public string? Subject { get; set; }

        public string? Category { get; set; }

        /// <summary>The platform's own marker for activities a workflow created.</summary>
        public bool IsWorkflowCreated { get; set; }

        public RecordRef? Regarding { get; set; }

        /// <summary>Regarding a case: service, not outreach.</summary>
        public bool IsAboutCase { get; set; }

        /// <summary>The email this one answers, when it is a reply.</summary>
        public Guid? ParentActivityId { get; set; }

        public string? OverrideReason { get; set; }

        /// <summary>A phone call CrmAttention routed (cat_routedfromid set): never evaluated itself.</summary>
        public bool IsRoutedCall { get; set; }

        /// <summary>A phone call's result; null for other tables and for a call completed without one.</summary>
        public CallResult? CallResult { get; set; }

        /// <summary>The decision already stored on the row (cat_attentiondecision, cat_attentionreason).</summary>
        public DecisionKind? RecordedDecision { get; set; }

        public ReasonCode? RecordedReason { get; set; }

        public ActivityState? State { get; set; }

        /// <summary>When it happened (actualend), UTC; null when not set.</summary>
        public DateTime? ActualEnd { get; set; }

        /// <summary>The user or team that owns (or, being created, will own) the activity; null when unknown.</summary>
        public RecordRef? Owner { get; set; }

        /// <summary>The contacts it goes to, each once.</summary>
        public IReadOnlyList<Guid> RecipientIds { get; set; } = Array.Empty<Guid>();

        /// <summary>The contacts an incoming activity comes from.</summary>
        public IReadOnlyList<Guid> Senders { get; set; } = Array.Empty<Guid>();
    }
}
