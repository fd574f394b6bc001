using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>A row named by table and id (a regarding record, an owner), without the SDK's EntityReference.</summary>
    public readonly struct RecordRef : IEquatable<RecordRef>
    {
        public RecordRef(string logicalName, Guid id)
        {
            LogicalName = logicalName ?? throw new ArgumentNullException(nameof(logicalName));
            Id = id;
        }

        public string LogicalName { get; }

        public Guid Id { get; }

        public bool Equals(RecordRef other) => Id == other.Id && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is RecordRef r && Equals(r);

        public override int GetHashCode() => Id.GetHashCode();

        public override string ToString() => LogicalName + ":" + Id.ToString("D");
    }

    /// <summary>
    /// Where the contacts' and accounts' attention state lives (Dataverse columns, or memory for the command-line tool).
    /// </summary>
    public interface IAttentionStateStore
    {
        /// <summary>Reads contacts with their account and policy; contacts that do not exist are left out.</summary>
        IReadOnlyList<LoadedContact> Load(IReadOnlyCollection<Guid> contactIds);

        /// <summary>
        /// Reads contacts for a change that must not race with other changes to them (the store takes its locks first).
        /// <paramref name="recipientsOfThisOperation"/>: earlier stages of the same operation loaded these contacts as the
        /// activity's recipients, so the store may reuse what it learned then about which rows to lock.
        /// </summary>
        IReadOnlyList<LoadedContact> LoadForUpdate(IReadOnlyCollection<Guid> contactIds, bool recipientsOfThisOperation);

        /// <summary>Brings the contacts and their accounts up to <paramref name="now"/> and keeps them.</summary>
        void Save(IReadOnlyList<LoadedContact> contacts, DateTime now);
    }

    /// <summary>One decision to log, with the activity it is about and who should own the log row.</summary>
    public sealed class DecisionRecord
    {
        public DecisionRecord(Decision decision, TouchActivity? activity, DateTime evaluatedOn, Guid? routedCallId, string? errorDetail, RecordRef? owner)
        {
            Decision = decision;
            Activity = activity;
            EvaluatedOn = evaluatedOn;
            RoutedCallId = routedCallId;
            ErrorDetail = errorDetail;
            Owner = owner;
        }

        public Decision Decision { get; }

        public TouchActivity? Activity { get; }

        public DateTime EvaluatedOn { get; }

        /// <summary>The phone call the touch was routed to, when it was.</summary>
        public Guid? RoutedCallId { get; }

        /// <summary>For an EngineError decision: the failure's type and the correlation id.</summary>
        public string? ErrorDetail { get; }

        /// <summary>The user or team that owns the row (so its owner can read it); null: the store's default owner.</summary>
        public RecordRef? Owner { get; }
    }

    /// <summary>The append-only log of decisions.</summary>
    public interface IDecisionLog
    {
        void Write(DecisionRecord record);
    }

    /// <summary>An open routed call: its id, what it says so far, and who owns it.</summary>
    public sealed class RoutedCallRef
    {
        public RoutedCallRef(Guid id, string? description, RecordRef? owner)
        {
            Id = id;
            Description = description;
            Owner = owner;
        }

        public Guid Id { get; }

        public string? Description { get; }

        public RecordRef? Owner { get; }
    }

    /// <summary>
    /// What a routed call is made of: the briefing for the contact's owner in the owner's language, composed on demand
    /// (an in-memory router that keeps no text builds none).
    /// </summary>
    public sealed class RoutedCallRequest
    {
        private readonly CallBriefing _briefing;
        private readonly MessageFormat _format;

        public RoutedCallRequest(Guid ownerId, LoadedContact contact, TouchActivity activity, CallBriefing briefing, MessageFormat format, DateTime now)
        {
            OwnerId = ownerId;
            Contact = contact;
            Activity = activity;
            _briefing = briefing;
            _format = format;
            Now = now;
        }

        /// <summary>The user the call goes to (the contact's owner).</summary>
        public Guid OwnerId { get; }

        public LoadedContact Contact { get; }

        /// <summary>The suppressed activity the call is routed from.</summary>
        public TouchActivity Activity { get; }

        public DateTime Now { get; }

        public DateTime DueOn => _briefing.DueOn;

        public string Subject => _briefing.GetSubject(_format);

        public string Text => _briefing.GetText(_format);

        /// <summary>What a later routing adds to the contact's open call: a dated separator and the new briefing.</summary>
        public string AppendedText =>
            _format.Pick("\n--- Routed again on ", "\n--- Erneut weitergeleitet am ") + _format.FormatInstant(Now) + " ---\n" + Text;
    }

    /// <summary>Phone calls for people, made from suppressed automated touches.</summary>
    public interface ICallRouter
    {
        /// <summary>The contact's open routed call, or null.</summary>
        RoutedCallRef? FindOpenCall(Guid contactId);

        RoutedCallRef Create(RoutedCallRequest request);

        /// <summary>Adds <see cref="RoutedCallRequest.AppendedText"/> to an open call.</summary>
        void Append(RoutedCallRef call, RoutedCallRequest request);
    }

    /// <summary>Facts about the people behind an operation.</summary>
    public interface IActorFacts
    {
        /// <summary>The user who started the operation.</summary>
        UserFacts Initiator();

        /// <summary>Any user, e.g. the owner a call is routed to.</summary>
        UserFacts User(Guid userId);

        /// <summary>The language the initiating user reads; English when it cannot be found out.</summary>
        MessageFormat InitiatorFormat();
    }
}
