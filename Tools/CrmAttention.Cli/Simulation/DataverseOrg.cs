using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.ServiceModel;
using CrmAttention.Engine;
using CrmAttention.Plugins.Api;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Services;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// The simulated org as a Dataverse organization in memory, with the solution's strict table metadata. With a policy,
    /// every step of the CrmAttention plugin assembly is registered from its declarations and the policy is created
    /// through the service (so its validation step runs); without, the same org has no CrmAttention at all. Every touch
    /// is what a user or integration would do: the sequencer (an application user) creates and sends emails, sellers
    /// create and send emails, create and complete calls, hold meetings; server-side sync tracks incoming email. What
    /// CrmAttention decided is read back from the activity (cancelled, cat_attentiondecision) or from the refusal.
    /// </summary>
    public sealed class DataverseOrg : IOrgUnderTest
    {
        private const int PhoneCallMade = 2;
        private const int AppointmentCompleted = 3;
        private readonly AttentionPolicy? _policy;
        private readonly Dictionary<Guid, int> _contactIndex = new Dictionary<Guid, int>();
        private readonly Dictionary<Guid, int> _sellerIndex = new Dictionary<Guid, int>();
        private InMemoryDataverse _dataverse = null!;
        private SimulatedOrg _org = null!;
        private IOrganizationService _sequencer = null!;
        private IOrganizationService _sync = null!;
        private IOrganizationService[] _sellers = Array.Empty<IOrganizationService>();
        private long _nextId;

        public DataverseOrg(AttentionPolicy? policy)
        {
            _policy = policy;
        }

        public string Name => _policy is null ? Text.T("without CrmAttention", "ohne CrmAttention") : Text.T("with CrmAttention (", "mit CrmAttention (") + _policy.Mode + ")";

        public bool HasCrmAttention => _policy is not null;

        /// <summary>The organization, for tests that look at the rows the plugins wrote.</summary>
        public InMemoryDataverse Dataverse => _dataverse;

        public void Build(SimulatedOrg org)
        {
            _org = org;
            _dataverse = new InMemoryDataverse(org.Options.Start) { StepDiscovery = CrmAttention.Plugins.Registration.StepDeclarationReader.Instance };
            _dataverse.LoadMetadata(Metadata());
            if (_policy is not null) _dataverse.RegisterStepsFrom(typeof(PluginBase).Assembly);
            _sellers = new IOrganizationService[org.Sellers.Count];
            for (var s = 0; s < org.Sellers.Count; s++)
            {
                var seller = org.Sellers[s];
                _dataverse.CreateUser(seller.Name, seller.Name.Replace(' ', '.').ToLowerInvariant() + "." + s + "@seller.example", id: seller.Id);
                _sellers[s] = _dataverse.CreateService(seller.Id);
                _sellerIndex.Add(seller.Id, s);
            }
            _dataverse.CreateApplicationUser("Outreach Sequencer", new Guid("5e9e0ce5-0000-4000-8000-0000000000a1"), id: org.SequencerUserId);
            _sequencer = _dataverse.CreateService(org.SequencerUserId);
            _sync = _dataverse.CreateService(_dataverse.SystemUserId);
            if (_policy is not null) _sync.Create(PolicyRow(_policy));
            foreach (var a in org.Accounts)
            {
                _dataverse.Seed(new Entity(M.Account.EntityLogicalName, a.Id) { [M.Account.Fields.Name] = a.Name }, org.Sellers[a.Owner].Id);
            }
            foreach (var c in org.Contacts)
            {
                var row = new Entity(M.Contact.EntityLogicalName, c.Id)
                {
                    [M.Contact.Fields.FirstName] = c.FirstName,
                    [M.Contact.Fields.LastName] = c.LastName,
                    [M.Contact.Fields.FullName] = c.FirstName + " " + c.LastName,
                    [M.Contact.Fields.EMailAddress1] = c.Email,
                    [M.Contact.Fields.ParentCustomerId] = new EntityReference(M.Account.EntityLogicalName, org.Accounts[c.Account].Id),
                    [M.Contact.Fields.OwnerId] = new EntityReference(M.SystemUser.EntityLogicalName, org.Sellers[c.Owner].Id),
                    [M.Contact.Fields.CatValue] = new Money(c.Value),
                    [M.Contact.Fields.DoNotBulkEMail] = (c.Consent & ConsentFlags.DoNotBulkEmail) != 0,
                    [M.Contact.Fields.DoNotPhone] = (c.Consent & ConsentFlags.DoNotPhone) != 0,
                };
                _dataverse.Seed(row, org.Sellers[c.Owner].Id);
                _contactIndex.Add(c.Id, c.Index);
            }
        }

        public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at)
        {
            _dataverse.Clock.Set(at);
            var c = _org.Contacts[contact];
            var id = NextId();
            _sequencer.Create(new Entity(M.Email.EntityLogicalName, id)
            {
                [M.Email.Fields.Subject] = sequence.Name + ", step " + (step + 1) + ": " + (step == 0 ? "Quick question" : "Following up"),
                [M.Email.Fields.To] = Parties(M.Contact.EntityLogicalName, c.Id),
                [M.Email.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, c.Id),
                [M.Email.Fields.DirectionCode] = true,
            });
            var created = Outcome(M.Email.EntityLogicalName, id);
            if (created.Outcome != TouchOutcome.Delivered) return created;
            try
            {
                _sequencer.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = id, ["IssueSend"] = false, ["TrackingToken"] = "" });
            }
            catch (FaultException<OrganizationServiceFault> fault) when (_policy is not null && IsRefusal(fault))
            {
                // Send is the real enforcement point for email: an automated email nobody may receive any more is cancelled
                // there and the Send refused.
                var atSend = Outcome(M.Email.EntityLogicalName, id);
                return atSend.Outcome == TouchOutcome.Delivered ? new TouchResult(TouchOutcome.Suppressed, DecisionKind.Suppress) : atSend;
            }
            return Outcome(M.Email.EntityLogicalName, id);
        }

        public TouchResult HumanEmail(int seller, int contact, DateTime at)
        {
            _dataverse.Clock.Set(at);
            var c = _org.Contacts[contact];
            var service = _sellers[seller];
            var id = NextId();
            try
            {
                service.Create(new Entity(M.Email.EntityLogicalName, id)
                {
                    [M.Email.Fields.Subject] = "Following up, " + c.FirstName,
                    [M.Email.Fields.To] = Parties(M.Contact.EntityLogicalName, c.Id),
                    [M.Email.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, c.Id),
                    [M.Email.Fields.DirectionCode] = true,
                });
                service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = id, ["IssueSend"] = false, ["TrackingToken"] = "" });
                return Outcome(M.Email.EntityLogicalName, id);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (_policy is not null && IsRefusal(fault))
            {
                // Enforce mode refuses a person's over-budget touch with the rule and the next allowed time: the seller moves on.
                return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            }
        }

        public TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer)
        {
            _dataverse.Clock.Set(at);
            var c = _org.Contacts[contact];
            var service = _sellers[seller];
            var id = NextId();
            try
            {
                service.Create(new Entity(M.PhoneCall.EntityLogicalName, id)
                {
                    [M.PhoneCall.Fields.Subject] = "Call " + c.FirstName + " " + c.LastName,
                    [M.PhoneCall.Fields.To] = Parties(M.Contact.EntityLogicalName, c.Id),
                    [M.PhoneCall.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, c.Id),
                    [M.PhoneCall.Fields.DirectionCode] = true,
                });
            }
            catch (FaultException<OrganizationServiceFault> fault) when (_policy is not null && IsRefusal(fault))
            {
                // Enforce mode refuses a person's over-budget touch with the rule and the next allowed time: the seller moves on.
                return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            }
            // The contact picks up or not while the call is made; the seller completes it with the call result.
            service.Update(Completed(id, answer()));
            return Outcome(M.PhoneCall.EntityLogicalName, id);
        }

        public IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count)
        {
            if (_policy is null) return Array.Empty<WorklistItem>();
            _dataverse.Clock.Set(at);
            var response = _sellers[seller].Execute(new OrganizationRequest(M.CustomApis.GetWorklist.MessageName) { [M.CustomApis.GetWorklist.Request.Count] = count });
            var rows = (EntityCollection)response.Results[M.CustomApis.GetWorklist.Response.Rows];
            var items = new List<WorklistItem>();
            foreach (var row in rows.Entities)
            {
                var contact = _contactIndex[row.GetAttributeValue<EntityReference>(GetWorklistApi.Row.Contact).Id];
                var call = row.GetAttributeValue<EntityReference>(GetWorklistApi.Row.RoutedCall);
                var routed = call is null ? null : new RoutedCall(call.Id, contact, seller, RoutedCallCreatedOn(call.Id), row.GetAttributeValue<DateTime?>(GetWorklistApi.Row.RoutedCallDueOn));
                items.Add(new WorklistItem(contact, (Channel)row.GetAttributeValue<int>(GetWorklistApi.Row.BestChannel), routed));
            }
            return items;
        }

        private DateTime RoutedCallCreatedOn(Guid callId) =>
            _dataverse.Get(M.PhoneCall.EntityLogicalName, callId)?.GetAttributeValue<DateTime>(M.PhoneCall.Fields.CreatedOn) ?? throw new InvalidOperationException("Routed call " + callId + " vanished.");

        public TouchResult Meeting(int seller, int contact, DateTime at)
        {
            _dataverse.Clock.Set(at);
            var c = _org.Contacts[contact];
            var id = NextId();
            var service = _sellers[seller];
            try
            {
            service.Create(new Entity(M.Appointment.EntityLogicalName, id)
            {
                [M.Appointment.Fields.Subject] = "Needs analysis with " + c.FirstName + " " + c.LastName,
                [M.Appointment.Fields.RequiredAttendees] = Parties(M.Contact.EntityLogicalName, c.Id),
                [M.Appointment.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, c.Id),
                [M.Appointment.Fields.ScheduledStart] = at,
                [M.Appointment.Fields.ScheduledEnd] = at.AddHours(1),
            });
            }
            catch (FaultException<OrganizationServiceFault> fault) when (_policy is not null && IsRefusal(fault))
            {
                return new TouchResult(TouchOutcome.Blocked, DecisionKind.Block);
            }
            service.Update(new Entity(M.Appointment.EntityLogicalName, id) { [M.Appointment.Fields.StateCode] = new OptionSetValue(1), [M.Appointment.Fields.StatusCode] = new OptionSetValue(AppointmentCompleted) });
            return Outcome(M.Appointment.EntityLogicalName, id);
        }

        public void IncomingEmail(int contact, DateTime at)
        {
            _dataverse.Clock.Set(at);
            var c = _org.Contacts[contact];
            _sync.Create(new Entity(M.Email.EntityLogicalName, NextId())
            {
                [M.Email.Fields.Subject] = "RE: your message",
                [M.Email.Fields.From] = Parties(M.Contact.EntityLogicalName, c.Id),
                [M.Email.Fields.To] = Parties(M.SystemUser.EntityLogicalName, _org.Sellers[c.Owner].Id),
                [M.Email.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, c.Id),
                [M.Email.Fields.DirectionCode] = false,
            });
        }

        public IReadOnlyList<RoutedCall> OpenRoutedCalls()
        {
            var query = new QueryExpression(M.PhoneCall.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(M.PhoneCall.Fields.RegardingObjectId, M.PhoneCall.Fields.OwnerId, M.PhoneCall.Fields.CreatedOn, M.PhoneCall.Fields.ScheduledEnd),
            };
            query.Criteria.AddCondition(M.PhoneCall.Fields.StateCode, ConditionOperator.Equal, 0);
            query.Criteria.AddCondition(M.PhoneCall.Fields.CatRoutedFromId, ConditionOperator.NotNull);
            query.AddOrder(M.PhoneCall.Fields.CreatedOn, OrderType.Ascending);
            var calls = new List<RoutedCall>();
            foreach (var row in _sync.RetrieveMultiple(query).Entities)
            {
                var regarding = row.GetAttributeValue<EntityReference>(M.PhoneCall.Fields.RegardingObjectId);
                var owner = row.GetAttributeValue<EntityReference>(M.PhoneCall.Fields.OwnerId);
                if (regarding is null || owner is null || !_contactIndex.TryGetValue(regarding.Id, out var contact) || !_sellerIndex.TryGetValue(owner.Id, out var seller)) continue;
                calls.Add(new RoutedCall(row.Id, contact, seller, row.GetAttributeValue<DateTime>(M.PhoneCall.Fields.CreatedOn), row.GetAttributeValue<DateTime?>(M.PhoneCall.Fields.ScheduledEnd)));
            }
            return calls.OrderBy(c => c.CreatedOn).ThenBy(c => c.Contact).ToList();
        }

        public void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected)
        {
            _dataverse.Clock.Set(at);
            _sellers[call.Seller].Update(Completed(call.Id, connected));
        }

        /// <summary>The update that completes an outgoing call (Made) with its call result: Connected when the contact answered.</summary>
        private static Entity Completed(Guid callId, bool connected) => new Entity(M.PhoneCall.EntityLogicalName, callId)
        {
            [M.PhoneCall.Fields.StateCode] = new OptionSetValue(1),
            [M.PhoneCall.Fields.StatusCode] = new OptionSetValue(PhoneCallMade),
            [M.PhoneCall.Fields.CatCallResult] = PolicyMapper.Choice((int)(connected ? CallResult.Connected : CallResult.NoAnswer)),
        };

        private TouchResult Outcome(string table, Guid id)
        {
            var row = _dataverse.Get(table, id) ?? throw new InvalidOperationException(table + " " + id + " vanished.");
            var state = row.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode)?.Value ?? 0;
            var recorded = row.GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionDecision);
            DecisionKind? decision = recorded is null ? (_policy is null ? (DecisionKind?)null : DecisionKind.Allow) : (DecisionKind)PolicyMapper.Code(recorded);
            if (state != 2) return new TouchResult(TouchOutcome.Delivered, decision);
            return new TouchResult(decision == DecisionKind.RouteToHuman ? TouchOutcome.Routed : TouchOutcome.Suppressed, decision ?? DecisionKind.Suppress);
        }

        private static bool IsRefusal(FaultException<OrganizationServiceFault> fault) => fault.Detail is not null && fault.Detail.ErrorCode == unchecked((int)0x80040265);

        private static EntityCollection Parties(string table, Guid id) =>
            new EntityCollection(new List<Entity> { new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(table, id) } });

        /// <summary>Activity ids from a counter, so the same seed creates the same rows.</summary>
        private Guid NextId()
        {
            _nextId++;
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), _nextId);
            bytes[7] = 0x40;
            bytes[8] = 0x80;
            bytes[15] = 0xD5;
            return new Guid(bytes);
        }

        /// <summary>The simulated org's policy row: the one policy mapping, made the organization's default.</summary>
        private static Entity PolicyRow(AttentionPolicy p)
        {
            var row = PolicyMapper.ToRow(p);
            row.cat_IsDefault = true;
            return row;
        }

        /// <summary>The solution's metadata.json, embedded at build time, so unknown columns and wrong types fault as in Dataverse.</summary>
        internal static string Metadata()
        {
            using var stream = typeof(DataverseOrg).Assembly.GetManifestResourceStream("CrmAttention.Cli.metadata.json")
                ?? throw new InvalidOperationException("The embedded solution metadata is missing from the build.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public void Dispose()
        {
        }
    }
}
