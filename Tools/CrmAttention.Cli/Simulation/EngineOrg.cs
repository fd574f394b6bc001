using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;

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
        }

        public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at) => Touch(contact, Channel.Email, Origin.Automated, at);

        public TouchResult HumanTouch(int seller, int contact, Channel channel, DateTime at) => Touch(contact, channel, Origin.Human, at);

        public bool IsOpenForTouch(int contact, DateTime at)
        {
            if (_policy is null) return true;
            // The contact-wide rules a person's touch meets, as AttentionRecorder.Recompute derives cat_nextallowedtouchon.
            var probe = AttentionEngine.Evaluate(new Touch(Channel.Other, Origin.Human, at), _contacts[contact], Account(contact), _policy, at);
            return !probe.HasViolation;
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

        public void CompleteRoutedCall(RoutedCall call, DateTime at)
        {
            _openCalls.Remove(call.Contact);
            if (_policy is null) return;
            AttentionRecorder.RecordTouch(_contacts[call.Contact], Account(call.Contact), new Touch(Channel.Phone, Origin.Human, at, call.Id), _policy, at);
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
