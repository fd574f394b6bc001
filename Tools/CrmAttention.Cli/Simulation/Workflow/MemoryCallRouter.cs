using System;
using System.Collections.Generic;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Simulation.Workflow
{
    /// <summary>A routed call held in memory: what the Dataverse phone call row carries that the simulator reads.</summary>
    public sealed class MemoryRoutedCall
    {
        public MemoryRoutedCall(Guid id, Guid contactId, Guid ownerId, DateTime createdOn, DateTime dueOn, Channel routedFrom)
        {
            Id = id;
            ContactId = contactId;
            OwnerId = ownerId;
            CreatedOn = createdOn;
            DueOn = dueOn;
            RoutedFrom = routedFrom;
        }

        public Guid Id { get; }

        public Guid ContactId { get; }

        /// <summary>The user the call is for (the contact's owner).</summary>
        public Guid OwnerId { get; }

        public DateTime CreatedOn { get; }

        /// <summary>scheduledend: the briefing's due time.</summary>
        public DateTime DueOn { get; }

        /// <summary>The channel of the touch it was first routed from (cat_channel of its decision row).</summary>
        public Channel RoutedFrom { get; }

        /// <summary>How many routings the call carries: 1, plus one for each briefing appended.</summary>
        public int Routings { get; internal set; } = 1;
    }

    /// <summary>
    /// The workflow's <see cref="ICallRouter"/> in memory: open routed calls by contact. Which call to create or append
    /// to is the workflow's decision; this only keeps the calls (no text: the briefings are never composed).
    /// </summary>
    public sealed class MemoryCallRouter : ICallRouter
    {
        private readonly Dictionary<Guid, MemoryRoutedCall> _openByContact = new Dictionary<Guid, MemoryRoutedCall>();
        private readonly Dictionary<Guid, MemoryRoutedCall> _openById = new Dictionary<Guid, MemoryRoutedCall>();
        private readonly Func<Guid> _newId;

        /// <param name="newId">Ids for new calls, so that the same run gives the same ids.</param>
        public MemoryCallRouter(Func<Guid> newId)
        {
            _newId = newId ?? throw new ArgumentNullException(nameof(newId));
        }

        public IReadOnlyCollection<MemoryRoutedCall> Open => _openById.Values;

        public MemoryRoutedCall? OpenCallOf(Guid contactId) => _openByContact.TryGetValue(contactId, out var call) ? call : null;

        public RoutedCallRef? FindOpenCall(Guid contactId) => _openByContact.TryGetValue(contactId, out var call) ? Ref(call) : null;

        public RoutedCallRef Create(RoutedCallRequest request)
        {
            var contactId = request.Contact.Contact.Id;
            if (_openByContact.ContainsKey(contactId))
                throw new InvalidOperationException("The contact " + contactId.ToString("D") + " already has an open routed call; the workflow appends to it.");
            var call = new MemoryRoutedCall(_newId(), contactId, request.OwnerId, request.Now, request.DueOn, request.Activity.Channel);
            _openByContact.Add(contactId, call);
            _openById.Add(call.Id, call);
            return Ref(call);
        }

        public void Append(RoutedCallRef call, RoutedCallRequest request)
        {
            if (!_openById.TryGetValue(call.Id, out var open)) throw new InvalidOperationException("The routed call " + call.Id.ToString("D") + " is not open.");
            open.Routings++;
        }

        /// <summary>The seller completed the call: it is no longer open.</summary>
        public void Complete(Guid callId)
        {
            if (!_openById.TryGetValue(callId, out var call)) throw new InvalidOperationException("The routed call " + callId.ToString("D") + " is not open.");
            _openById.Remove(callId);
            _openByContact.Remove(call.ContactId);
        }

        private static RoutedCallRef Ref(MemoryRoutedCall call) => new RoutedCallRef(call.Id, null, new RecordRef(M.SystemUser.EntityLogicalName, call.OwnerId));
    }
}
