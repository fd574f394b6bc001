using System;
using System.Collections.Generic;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>What happened to an attempted touch.</summary>
    public enum TouchOutcome
    {
        /// <summary>The touch reached the contact (an email sent, a call made).</summary>
        Delivered = 0,

        /// <summary>A person's touch refused with a message (Enforce mode).</summary>
        Blocked = 1,

        /// <summary>An automated touch cancelled and kept with its reason.</summary>
        Suppressed = 2,

        /// <summary>An automated touch cancelled and turned into a phone call for the contact's owner.</summary>
        Routed = 3,
    }

    /// <summary>The result of one attempt: the outcome and, when CrmAttention decided, its decision.</summary>
    public readonly struct TouchResult
    {
        public TouchResult(TouchOutcome outcome, DecisionKind? decision)
        {
            Outcome = outcome;
            Decision = decision;
        }

        public TouchOutcome Outcome { get; }

        /// <summary>The recorded decision (cat_attentiondecision on the activity); null without CrmAttention.</summary>
        public DecisionKind? Decision { get; }
    }

    /// <summary>A phone call CrmAttention created for a seller from a suppressed automated touch.</summary>
    public sealed class RoutedCall
    {
        public RoutedCall(Guid id, int contact, int seller, DateTime createdOn, DateTime? dueOn)
        {
            Id = id;
            Contact = contact;
            Seller = seller;
            CreatedOn = createdOn;
            DueOn = dueOn;
        }

        public Guid Id { get; }

        public int Contact { get; }

        public int Seller { get; }

        public DateTime CreatedOn { get; }

        public DateTime? DueOn { get; }
    }

    /// <summary>One row of a seller's worklist: the contact, the channel to use, and the open routed call when it is one.</summary>
    public sealed class WorklistItem
    {
        public WorklistItem(int contact, Channel channel, RoutedCall? call)
        {
            Contact = contact;
            Channel = channel;
            Call = call;
        }

        public int Contact { get; }

        public Channel Channel { get; }

        public RoutedCall? Call { get; }
    }

    /// <summary>
    /// The organization the simulator drives: it receives every attempted touch and every response at its time, and
    /// decides what happens to the touches. The simulator owns the people (recipients, sellers, sequences); the org
    /// owns the CRM. <see cref="DataverseOrg"/> is the in-memory Dataverse with or without the CrmAttention plugins;
    /// <see cref="EngineOrg"/> runs the plugins' touch workflow with in-memory ports (fast, for large what-ifs and for testing the simulator).
    /// </summary>
    public interface IOrgUnderTest : IDisposable
    {
        /// <summary>"without CrmAttention", "with CrmAttention (Enforce)".</summary>
        string Name { get; }

        bool HasCrmAttention { get; }

        void Build(SimulatedOrg org);

        /// <summary>An automated sequence email from the sequencer to one contact.</summary>
        TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at);

        /// <summary>A seller's own email to a contact, created and sent.</summary>
        TouchResult HumanEmail(int seller, int contact, DateTime at);

        /// <summary>
        /// A seller's own call to a contact: created (screened), made — <paramref name="answer"/> tells whether the contact
        /// picked up — and completed at once, with CrmAttention carrying the call result (Connected when answered).
        /// <paramref name="answer"/> is only asked when the call is not refused.
        /// </summary>
        TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer);

        /// <summary>
        /// The seller's worklist now (cat_GetWorklist through the pipeline, or the same ranking code): routed calls first,
        /// then the contacts worth a person's touch most; empty without CrmAttention.
        /// </summary>
        IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count);

        /// <summary>A meeting the seller held with the contact (completed appointment): a touch and the contact's response.</summary>
        TouchResult Meeting(int seller, int contact, DateTime at);

        /// <summary>The contact's own email (a reply): a response.</summary>
        void IncomingEmail(int contact, DateTime at);

        /// <summary>Open routed calls of every seller, oldest first.</summary>
        IReadOnlyList<RoutedCall> OpenRoutedCalls();

        /// <summary>The seller makes a routed call: completed as an outgoing call, Connected when the contact answered.</summary>
        void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected);
    }
}
