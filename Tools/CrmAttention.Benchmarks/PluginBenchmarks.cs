using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Services;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using M = CrmAttention.Model;
using Req = CrmAttention.Model.CustomApis.EvaluateTouch.Request;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// Evaluating a touch the way the plugins do (the contact row with its ledger memo, account and policies in one query,
    /// whatever the history) against a naive plugin that queries the contact's activity history and rebuilds the ledger
    /// from it on every evaluation, both through the in-memory Dataverse's organization service. HistorySize is the number
    /// of earlier emails to the contact. EvaluateTouchApi is the whole cat_EvaluateTouch request through the pipeline
    /// (it also computes the next best action over all channels and looks for an open routed call).
    /// </summary>
    [MemoryDiagnoser]
    public class PluginBenchmarks
    {
        private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        private IOrganizationService _service = null!;
        private Guid _contactId;
        private OrganizationRequest _evaluate = null!;

        [Params(0, 10, 100, 1000)]
        public int HistorySize { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var dataverse = new InMemoryDataverse(Now) { StepDiscovery = CrmAttention.Plugins.Registration.StepDeclarationReader.Instance };
            dataverse.RegisterStepsFrom(typeof(PluginBase).Assembly);
            var seller = dataverse.CreateUser("Dana Seller");
            dataverse.Seed(new Entity(M.AttentionPolicy.EntityLogicalName)
            {
                [M.AttentionPolicy.Fields.CatName] = "Default",
                [M.AttentionPolicy.Fields.CatIsDefault] = true,
                [M.AttentionPolicy.Fields.CatMode] = PolicyMapper.Choice((int)PolicyMode.Enforce),
            });
            var account = dataverse.Seed(new Entity(M.Account.EntityLogicalName) { [M.Account.Fields.Name] = "Acme" });
            _contactId = dataverse.Seed(new Entity(M.Contact.EntityLogicalName)
            {
                [M.Contact.Fields.FullName] = "Anna Berg",
                [M.Contact.Fields.ParentCustomerId] = new EntityReference(M.Account.EntityLogicalName, account),
            }, seller);

            // The history: completed emails in the table, and the same touches recorded in the ledger as the plugins would have.
            var policy = PolicyMapper.BuiltInDefault();
            var contact = new ContactState { Id = _contactId };
            for (var i = HistorySize - 1; i >= 0; i--)
            {
                var at = Now.AddMinutes(-(5 + i * 60.0 * 24 * 90 / Math.Max(1, HistorySize)));
                var id = dataverse.Seed(new Entity(M.Email.EntityLogicalName)
                {
                    [M.Email.Fields.Subject] = "Earlier " + i,
                    [M.Email.Fields.To] = new EntityCollection(new[] { new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(M.Contact.EntityLogicalName, _contactId) } }),
                    [M.Email.Fields.ActualEnd] = at,
                    [M.Email.Fields.StateCode] = new OptionSetValue(1),
                    [M.Email.Fields.CatOrigin] = PolicyMapper.Choice((int)Origin.Human),
                }, seller);
                AttentionRecorder.RecordTouch(contact, null, new Touch(Channel.Email, Origin.Human, at, id), policy, at);
            }
            var snapshot = AttentionRecorder.Recompute(contact, null, policy, Now);
            dataverse.CreateService(dataverse.SystemUserId).Update(new Entity(M.Contact.EntityLogicalName, _contactId)
            {
                [M.Contact.Fields.CatLedger] = snapshot.Ledger,
                [M.Contact.Fields.CatPressure] = (decimal)snapshot.Pressure,
                [M.Contact.Fields.CatPressureAsOf] = snapshot.PressureAsOf,
            });
            _service = dataverse.CreateService(seller);
            _evaluate = new OrganizationRequest(M.CustomApis.EvaluateTouch.MessageName)
            {
                [Req.Contact] = new EntityReference(M.Contact.EntityLogicalName, _contactId),
                [Req.Channel] = (int)Channel.Email,
                [Req.IsAutomated] = false,
            };
        }

        /// <summary>The plugins' way: one read brings the ledger with the contact row; then the engine decides.</summary>
        [Benchmark(Baseline = true)]
        public object LedgerOnContactRow()
        {
            var loaded = new AttentionStore(_service).Load(new[] { _contactId })[0];
            return AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now), loaded.Contact, loaded.Account, loaded.Policy, Now).Kind;
        }

        /// <summary>The naive way: read the contact, query its email history through the activity parties, rebuild and evaluate.</summary>
        [Benchmark]
        public object QueryTheHistory()
        {
            var contactRow = new AttentionStore(_service).Load(new[] { _contactId })[0].Row;
            var query = new QueryExpression(M.Email.EntityLogicalName) { ColumnSet = new ColumnSet(M.Email.Fields.ActivityId, M.Email.Fields.ActualEnd, M.Email.Fields.CatOrigin) };
            query.Criteria.AddCondition(M.Email.Fields.StateCode, ConditionOperator.Equal, 1);
            query.Criteria.AddCondition(M.Email.Fields.ActualEnd, ConditionOperator.OnOrAfter, Now.AddDays(-90));
            var party = query.AddLink(M.ActivityParty.EntityLogicalName, M.Email.Fields.ActivityId, M.ActivityParty.Fields.ActivityId);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.PartyId, ConditionOperator.Equal, _contactId);
            var policy = PolicyMapper.BuiltInDefault();
            var contact = new ContactState { Id = _contactId, DisplayName = contactRow.GetAttributeValue<string>(M.Contact.Fields.FullName) ?? "" };
            foreach (var row in _service.RetrieveMultiple(query).Entities.OrderBy(r => r.GetAttributeValue<DateTime>(M.Email.Fields.ActualEnd)))
            {
                var at = row.GetAttributeValue<DateTime>(M.Email.Fields.ActualEnd);
                AttentionRecorder.RecordTouch(contact, null, new Touch(Channel.Email, Origin.Human, at, row.Id), policy, at);
            }
            return AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now), contact, null, policy, Now).Kind;
        }

        /// <summary>The whole custom API request through the pipeline.</summary>
        [Benchmark]
        public object EvaluateTouchApi() => _service.Execute(_evaluate).Results["cat_Decision"];
    }
}
