using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Worklist;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// The org as the engine alone sees it: the same evaluation and recording the plugins perform, applied in memory
    /// without the Dataverse pipeline. With no policy it is an org without CrmAttention: every touch goes out. Used by
    /// `simulate --engine-only` for large what-ifs and by the simulator's tests; the report says which org ran.
    /// </summary>
    public sealed class EngineOrg : IOrgUnderTest
    {
        private readonly AttentionPolicy? _policy;
        private readonly Dictionary<int, RoutedCall> _openCalls = new Dictionary<int, RoutedCall>();
        private ContactState[] _contacts = Array.Empty<ContactState>();
        private AccountState[] _accounts = Array.Empty<AccountState>();
        private SimulatedOrg _org = null!;
        private int[][] _contactsBySeller = Array.Empty<int[]>();
        private long _nextId;

        public EngineOrg(AttentionPolicy? policy)
        {
            _policy = policy;
        }

        public string Name => _policy is null ? Text.T("without CrmAttention", "ohne CrmAttention") : Text.T("with CrmAttention (", "mit CrmAttention (") + _policy.Mode + ")";

        public bool HasCrmAttention => _policy is not null;

        public void Build(SimulatedOrg org)
        {
            _org = org;
            _accounts = org.Accounts.Select(a => new AccountState { Id = a.Id, DisplayName = a.Name }).ToArray();
            _contacts = org.Contacts.Select(c => new ContactState
            {
                Id = c.Id,
                DisplayName = c.FirstName + " " + c.LastName,
                Consent = c.Consent,
                Value = c.Value,
                OwnerId = org.Sellers[c.Owner].Id,
                AccountId = org.Accounts[c.Account].Id,
            }).ToArray();
            _contactsBySeller = Enumerable.Range(0, org.Sellers.Count).Select(s => org.Contacts.Where(c => c.Owner == s).Select(c => c.Index).ToArray()).ToArray();
        }

        public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at) => Touch(contact, Channel.Email, Origin.Automated, at);

        public TouchResult HumanEmail(int seller, int contact, DateTime at) => Touch(contact, Channel.Email, Origin.Human, at);

        public TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer)
        {
            if (_policy is null)
            {
                answer();
                return new TouchResult(TouchOutcome.Delivered, null);
            }
            var touch = new Touch(Channel.Phone, Origin.Human, at, NextId());
            var decision = AttentionEngine.Evaluate(touch, _contacts[contact], Account(contact), _policy, at);
            if (!decision.Proceeds) return new TouchResult(TouchOutcome.Blocked, decision.Kind);
            RecordCall(contact, touch, answer(), at);
            return new TouchResult(TouchOutcome.Delivered, decision.Kind);
        }

        public IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count)
        {
            if (_policy is null) return Array.Empty<WorklistItem>();
            var candidates = _contactsBySeller[seller].Select(c => new WorklistCandidate(_contacts[c], Account(c), _policy,
                _openCalls.TryGetValue(c, out var call) ? new OpenRoutedCall(call.Id, call.CreatedOn, call.DueOn, Channel.Email) : null));
            var index = _contactsBySeller[seller].ToDictionary(c => _contacts[c].Id);
            return WorklistRanker.Rank(candidates, at, count)
                .Select(row => new WorklistItem(index[row.ContactId], row.BestChannel, row.RoutedCall is null ? null : _openCalls[index[row.ContactId]]))
                .ToList();
        }

        public TouchResult Meeting(int seller, int contact, DateTime at)
        {
            var result = Touch(contact, Channel.Meeting, Origin.Human, at);
            // A held meeting is also the contact's response (product.md §3).
            if (_policy is not null && result.Outcome == TouchOutcome.Delivered) AttentionRecorder.RecordResponse(_contacts[contact], Channel.Meeting, at, NextId(), _policy);
            return result;
        }

        public void IncomingEmail(int contact, DateTime at)
        {
            if (_policy is null) return;
            AttentionRecorder.RecordResponse(_contacts[contact], Channel.Email, at, NextId(), _policy);
        }

        public IReadOnlyList<RoutedCall> OpenRoutedCalls() => _openCalls.Values.OrderBy(c => c.CreatedOn).ThenBy(c => c.Contact).ToList();

        public void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected)
        {
            _openCalls.Remove(call.Contact);
            if (_policy is null) return;
            RecordCall(call.Contact, new Touch(Channel.Phone, Origin.Human, at, call.Id), connected, at);
        }

        /// <summary>A completed outbound call: a touch, and with the result Connected also the contact's response.</summary>
        private void RecordCall(int contact, Touch touch, bool connected, DateTime at)
        {
            AttentionRecorder.RecordTouch(_contacts[contact], Account(contact), touch, _policy!, at);
            if (connected) AttentionRecorder.RecordResponse(_contacts[contact], Channel.Phone, at, NextId(), _policy!);
        }

        private TouchResult Touch(int contact, Channel channel, Origin origin, DateTime at)
        {
            if (_policy is null) return new TouchResult(TouchOutcome.Delivered, null);
            var touch = new Touch(channel, origin, at, NextId());
            var state = _contacts[contact];
            var account = Account(contact);
            var decision = AttentionEngine.Evaluate(touch, state, account, _policy, at);
            switch (decision.Kind)
            {
                case DecisionKind.Block:
                    return new TouchResult(TouchOutcome.Blocked, decision.Kind);
                case DecisionKind.Suppress:
                    return new TouchResult(TouchOutcome.Suppressed, decision.Kind);
                case DecisionKind.RouteToHuman:
                    // One open routed call per contact: a later routing joins the open call (product.md §4).
                    if (!_openCalls.ContainsKey(contact))
                    {
                        var due = at.AddHours(_policy.CallSlaHours);
                        _openCalls.Add(contact, new RoutedCall(NextId(), contact, _org.Contacts[contact].Owner, at, due));
                    }
                    return new TouchResult(TouchOutcome.Routed, decision.Kind);
                default:
                    AttentionRecorder.RecordTouch(state, account, touch, _policy, at);
                    return new TouchResult(TouchOutcome.Delivered, decision.Kind);
            }
        }

        private AccountState Account(int contact) => _accounts[_org.Contacts[contact].Account];

        private Guid NextId()
        {
            _nextId++;
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), _nextId);
            bytes[15] = 0xE0;
            return new Guid(bytes);
        }

        public void Dispose()
        {
        }
    }
}
