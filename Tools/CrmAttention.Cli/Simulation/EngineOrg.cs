using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Cli.Simulation.Workflow;
using CrmAttention.Engine;
using CrmAttention.Engine.Worklist;
using M = CrmAttention.Model;
using WF = CrmAttention.Engine.Workflow;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// The org as the engine alone sees it: every touch goes through the plugins' own <see cref="WF.TouchWorkflow"/>,
    /// stage by stage as the steps call it (Create: screen, enforce; Send: screen, enforce, sent; completion: state
    /// changed), with in-memory adapters of its ports instead of Dataverse. This class only builds the activity the
    /// steps would read from the row and applies the result as <c>PluginWorkflow.Apply</c> does: no rule of the touch
    /// path is written here. With no policy it is an org without CrmAttention: every touch goes out. Used by
    /// `simulate --engine-only` for large what-ifs and by the simulator's tests; the report says which org ran.
    /// </summary>
    public sealed class EngineOrg : IOrgUnderTest
    {
        private readonly AttentionPolicy? _policy;
        private readonly MemoryAttentionStore _store = new MemoryAttentionStore();
        private readonly MemoryDecisionLog _log = new MemoryDecisionLog();
        private readonly Dictionary<Guid, int> _contactIndex = new Dictionary<Guid, int>();
        private readonly Dictionary<Guid, int> _sellerIndex = new Dictionary<Guid, int>();
        private MemoryCallRouter _router = null!;
        private SimulatedOrg _org = null!;
        private WF.TouchWorkflow _sequencer = null!;
        private WF.TouchWorkflow _sync = null!;
        private WF.TouchWorkflow[] _sellers = Array.Empty<WF.TouchWorkflow>();
        private Guid[][] _contactsBySeller = Array.Empty<Guid[]>();
        private long _nextId;

        public EngineOrg(AttentionPolicy? policy)
        {
            _policy = policy;
        }

        public string Name => _policy is null ? Text.T("without CrmAttention", "ohne CrmAttention") : Text.T("with CrmAttention (", "mit CrmAttention (") + _policy.Mode + ")";

        public bool HasCrmAttention => _policy is not null;

        /// <summary>What the plugins would have logged, for tests.</summary>
        public MemoryDecisionLog Log => _log;

        public void Build(SimulatedOrg org)
        {
            _org = org;
            for (var s = 0; s < org.Sellers.Count; s++) _sellerIndex.Add(org.Sellers[s].Id, s);
            foreach (var c in org.Contacts) _contactIndex.Add(c.Id, c.Index);
            _contactsBySeller = Enumerable.Range(0, org.Sellers.Count).Select(s => org.Contacts.Where(c => c.Owner == s).Select(c => c.Id).ToArray()).ToArray();
            if (_policy is null) return;

            _router = new MemoryCallRouter(NextId);
            var sellers = org.Sellers.Select(s => new WF.UserFacts(s.Id, false, English, Array.Empty<string>())).ToArray();
            var sequencer = new WF.UserFacts(org.SequencerUserId, true, English, Array.Empty<string>());
            var system = new WF.UserFacts(SystemUserId, false, English, Array.Empty<string>());
            var users = sellers.Concat(new[] { sequencer, system }).ToDictionary(u => u.UserId);
            _sellers = sellers.Select(u => Workflow(u, users)).ToArray();
            _sequencer = Workflow(sequencer, users);
            _sync = Workflow(system, users);

            // The state each contact's row starts with in DataverseOrg, read as AttentionStore reads it.
            var accounts = org.Accounts.Select(a => new AccountState { Id = a.Id, DisplayName = a.Name }).ToArray();
            foreach (var c in org.Contacts)
            {
                var owner = org.Sellers[c.Owner].Id;
                var state = new ContactState
                {
                    Id = c.Id,
                    DisplayName = c.FirstName + " " + c.LastName,
                    Consent = c.Consent,
                    Value = ValueOf(c, _policy),
                    OwnerId = owner,
                    AccountId = org.Accounts[c.Account].Id,
                };
                _store.Add(new WF.LoadedContact(state, accounts[c.Account], _policy, null, new WF.RecordRef(M.SystemUser.EntityLogicalName, owner)));
            }
        }

        public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at)
        {
            if (_policy is null) return new TouchResult(TouchOutcome.Delivered, null);
            var email = Outgoing(M.Email.EntityLogicalName, WF.ActivityKind.Email, Channel.Email, contact, _org.SequencerUserId,
                sequence.Name + ", step " + (step + 1) + ": " + (step == 0 ? "Quick question" : "Following up"));
            if (!Create(_sequencer, email, at)) return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            if (email.State != WF.ActivityState.Open) return Outcome(email);
            // Send is the real enforcement point for email: an automated email nobody may receive any more is cancelled
            // there and the Send refused.
            if (!Send(_sequencer, email, at))
            {
                var atSend = Outcome(email);
                return atSend.Outcome == TouchOutcome.Delivered ? new TouchResult(TouchOutcome.Suppressed, DecisionKind.Suppress) : atSend;
            }
            return Outcome(email);
        }

        public TouchResult HumanEmail(int seller, int contact, DateTime at)
        {
            if (_policy is null) return new TouchResult(TouchOutcome.Delivered, null);
            var c = _org.Contacts[contact];
            var email = Outgoing(M.Email.EntityLogicalName, WF.ActivityKind.Email, Channel.Email, contact, _org.Sellers[seller].Id, "Following up, " + c.FirstName);
            // Enforce mode refuses a person's over-budget touch with the rule and the next allowed time: the seller moves on.
            if (!Create(_sellers[seller], email, at) || !Send(_sellers[seller], email, at)) return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            return Outcome(email);
        }

        public TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer)
        {
            if (_policy is null)
            {
                answer();
                return new TouchResult(TouchOutcome.Delivered, null);
            }
            var c = _org.Contacts[contact];
            var call = Outgoing(M.PhoneCall.EntityLogicalName, WF.ActivityKind.PhoneCall, Channel.Phone, contact, _org.Sellers[seller].Id, "Call " + c.FirstName + " " + c.LastName);
            if (!Create(_sellers[seller], call, at)) return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            // The contact picks up or not while the call is made; the seller completes it with the call result.
            call.CallResult = answer() ? CallResult.Connected : CallResult.NoAnswer;
            Complete(_sellers[seller], call, at);
            return Outcome(call);
        }

        public IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count)
        {
            if (_policy is null) return Array.Empty<WorklistItem>();
            // The candidates cat_GetWorklist builds: the seller's contacts with their open routed call.
            var candidates = _contactsBySeller[seller].Select(id =>
            {
                var l = _store.Get(id);
                var call = _router.OpenCallOf(id);
                return new WorklistCandidate(l.Contact, l.Account, l.Policy, call is null ? null : new OpenRoutedCall(call.Id, call.CreatedOn, call.DueOn, call.RoutedFrom));
            });
            return WorklistRanker.Rank(candidates, at, count)
                .Select(row => new WorklistItem(_contactIndex[row.ContactId], row.BestChannel, row.RoutedCall is null ? null : RoutedCall(_router.OpenCallOf(row.ContactId)!)))
                .ToList();
        }

        public TouchResult Meeting(int seller, int contact, DateTime at)
        {
            if (_policy is null) return new TouchResult(TouchOutcome.Delivered, null);
            var c = _org.Contacts[contact];
            var meeting = Outgoing(M.Appointment.EntityLogicalName, WF.ActivityKind.Appointment, Channel.Meeting, contact, _org.Sellers[seller].Id,
                "Needs analysis with " + c.FirstName + " " + c.LastName);
            if (!Create(_sellers[seller], meeting, at)) return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            // Completing the appointment is the touch and the contact's response: the workflow records both.
            Complete(_sellers[seller], meeting, at);
            return Outcome(meeting);
        }

        public void IncomingEmail(int contact, DateTime at)
        {
            if (_policy is null) return;
            var c = _org.Contacts[contact];
            // Server-side sync tracks the contact's email to the seller: the regarding contact stands in for the recipients.
            var email = new WF.TouchActivity(M.Email.EntityLogicalName, NextId(), WF.ActivityKind.Email, Channel.Email)
            {
                IsOutgoing = false,
                Subject = "RE: your message",
                Regarding = new WF.RecordRef(M.Contact.EntityLogicalName, c.Id),
                Owner = new WF.RecordRef(M.SystemUser.EntityLogicalName, SystemUserId),
                RecipientIds = new[] { c.Id },
                Senders = new[] { c.Id },
            };
            Create(_sync, email, at);
        }

        public IReadOnlyList<RoutedCall> OpenRoutedCalls() =>
            _policy is null ? Array.Empty<RoutedCall>() : _router.Open.Select(RoutedCall).OrderBy(c => c.CreatedOn).ThenBy(c => c.Contact).ToList();

        public void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected)
        {
            if (_policy is null) return;
            var contact = _org.Contacts[call.Contact];
            var seller = _org.Sellers[call.Seller].Id;
            // The phone call CallRouter created: CrmAttention's own (never evaluated), a person's touch, addressed to the contact.
            var phoneCall = new WF.TouchActivity(M.PhoneCall.EntityLogicalName, call.Id, WF.ActivityKind.PhoneCall, Channel.Phone)
            {
                IsRoutedCall = true,
                ExplicitOrigin = Origin.Human,
                Regarding = new WF.RecordRef(M.Contact.EntityLogicalName, contact.Id),
                Owner = new WF.RecordRef(M.SystemUser.EntityLogicalName, seller),
                RecipientIds = new[] { contact.Id },
                State = WF.ActivityState.Open,
                CallResult = connected ? CallResult.Connected : CallResult.NoAnswer,
            };
            Complete(_sellers[call.Seller], phoneCall, at);
            _router.Complete(call.Id);
        }

        /// <summary>
        /// Create, stage by stage: PreValidation screens, PreOperation enforces, PostOperation cancels what reaches
        /// nobody (an Update of statecode, which the completion step sees) and records an incoming email. False when the
        /// Create is refused (nothing of it is kept but the log).
        /// </summary>
        private bool Create(WF.TouchWorkflow workflow, WF.TouchActivity activity, DateTime at)
        {
            if (!Apply(activity, workflow.Screen(activity, isSend: false, at))) return false;
            var enforced = workflow.Enforce(activity, isSend: false, at);
            if (enforced.Refusal != null) throw NotRolledBack(activity);
            activity.State = WF.ActivityState.Open;
            Apply(activity, enforced);
            if (enforced.Cancel) Cancel(workflow, activity, at);
            if (activity.Kind == WF.ActivityKind.Email) workflow.Received(activity, at);
            return true;
        }

        /// <summary>
        /// Send, stage by stage: PreValidation screens (and may cancel the email and refuse), PreOperation enforces on the
        /// final recipients, PostOperation records the sent email. False when the Send is refused.
        /// </summary>
        private bool Send(WF.TouchWorkflow workflow, WF.TouchActivity email, DateTime at)
        {
            var screened = workflow.Screen(email, isSend: true, at);
            var cancel = screened.Cancel;
            var sendable = Apply(email, screened);
            if (cancel) Cancel(workflow, email, at);
            if (!sendable) return false;
            var enforced = workflow.Enforce(email, isSend: true, at);
            // Inside the transaction a refusal would roll back the reservation and routing just made, which memory cannot
            // undo; one thread never gets here (PreValidation saw the same state and let the email through).
            if (enforced.Refusal != null || enforced.Cancel) throw NotRolledBack(email);
            Apply(email, enforced);
            email.State = WF.ActivityState.Completed;
            email.ActualEnd = at;
            workflow.Sent(email, at);
            return true;
        }

        /// <summary>An Update of statecode to Completed, as the seller closes the activity; the completion step records it.</summary>
        private static void Complete(WF.TouchWorkflow workflow, WF.TouchActivity activity, DateTime at)
        {
            var before = activity.State;
            activity.State = WF.ActivityState.Completed;
            workflow.StateChanged(activity, before, at);
        }

        private static void Cancel(WF.TouchWorkflow workflow, WF.TouchActivity activity, DateTime at)
        {
            var before = activity.State;
            activity.State = WF.ActivityState.Canceled;
            workflow.StateChanged(activity, before, at);
        }

        /// <summary>
        /// Applies a result as PluginWorkflow.Apply does to the row: origin and decision columns, dropped recipients,
        /// cancelling (left to the caller, who runs the completion step for it); false when the operation is refused.
        /// </summary>
        private static bool Apply(WF.TouchActivity activity, WF.TouchResult result)
        {
            if (result.Origin is Origin origin) activity.ExplicitOrigin = origin;
            if (result.Headline is WF.RecipientDecision headline)
            {
                activity.RecordedDecision = headline.Decision.Kind;
                activity.RecordedReason = headline.Decision.Reason;
            }
            if (result.RecipientsToDrop.Count > 0) activity.RecipientIds = activity.RecipientIds.Where(id => !result.RecipientsToDrop.Contains(id)).ToList();
            return result.Refusal == null;
        }

        /// <summary>What DataverseOrg reads back from the row: cancelled (suppressed or routed) or not, and cat_attentiondecision.</summary>
        private static TouchResult Outcome(WF.TouchActivity activity)
        {
            var decision = activity.RecordedDecision ?? DecisionKind.Allow;
            if (activity.State != WF.ActivityState.Canceled) return new TouchResult(TouchOutcome.Delivered, decision);
            return new TouchResult(decision == DecisionKind.RouteToHuman ? TouchOutcome.Routed : TouchOutcome.Suppressed, activity.RecordedDecision ?? DecisionKind.Suppress);
        }

        private static InvalidOperationException NotRolledBack(WF.TouchActivity activity) =>
            new InvalidOperationException("The engine-only org cannot roll back a refusal inside the transaction (" + activity.LogicalName + " " + activity.Id.ToString("D")
                + "); run the simulation through the plugins.");

        /// <summary>An outgoing activity to one contact, as DataverseOrg creates it: regarding the contact, owned by its creator.</summary>
        private WF.TouchActivity Outgoing(string table, WF.ActivityKind kind, Channel channel, int contact, Guid creator, string subject)
        {
            var c = _org.Contacts[contact];
            return new WF.TouchActivity(table, NextId(), kind, channel)
            {
                Subject = subject,
                Regarding = new WF.RecordRef(M.Contact.EntityLogicalName, c.Id),
                Owner = new WF.RecordRef(M.SystemUser.EntityLogicalName, creator),
                RecipientIds = new[] { c.Id },
            };
        }

        private RoutedCall RoutedCall(MemoryRoutedCall call) =>
            new RoutedCall(call.Id, _contactIndex[call.ContactId], _sellerIndex[call.OwnerId], call.CreatedOn, call.DueOn);

        private WF.TouchWorkflow Workflow(WF.UserFacts initiator, IReadOnlyDictionary<Guid, WF.UserFacts> users) =>
            new WF.TouchWorkflow(_store, _log, _router, new MemoryActorFacts(initiator, users), CorrelationId);

        /// <summary>The contact's value V as AttentionStore reads it from the simulated rows: accounts carry no revenue, contacts no opportunities.</summary>
        private static decimal? ValueOf(SimContact c, AttentionPolicy policy)
        {
            switch (policy.ValueSource)
            {
                case ValueSource.AccountRevenue: return null;
                case ValueSource.OpenOpportunities: return 0m;
                default: return c.Value;
            }
        }

        private Guid NextId()
        {
            _nextId++;
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), _nextId);
            bytes[15] = 0xE0;
            return new Guid(bytes);
        }

        private const int English = 1033;

        /// <summary>The user server-side sync runs as.</summary>
        private static readonly Guid SystemUserId = new Guid("5e9e0ce5-0000-4000-8000-0000000000ff");

        private static readonly Guid CorrelationId = new Guid("5e9e0ce5-0000-4000-8000-0000000000ee");

        public void Dispose()
        {
        }
    }
}
