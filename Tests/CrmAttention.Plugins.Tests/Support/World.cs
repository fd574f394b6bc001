using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.ServiceModel;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Services;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Support
{
    /// <summary>
    /// A fresh in-memory organization per test: the solution's table metadata loaded (so unknown columns and wrong types
    /// fault), every step of the plugin assembly registered from its declarations, and builders for the rows tests need.
    /// </summary>
    public sealed class World
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        /// <summary>The solution's metadata.json, read once for all tests.</summary>
        private static readonly Lazy<string> MetadataJson = new Lazy<string>(() =>
            File.ReadAllText(Path.Combine(RepoRoot(), "Solution", "generated", "metadata.json")));

        public World(DateTime? now = null)
        {
            Dataverse = new InMemoryDataverse(now ?? Start) { StepDiscovery = CrmAttention.Plugins.Registration.StepDeclarationReader.Instance };
            Dataverse.LoadMetadata(MetadataJson.Value);
            Dataverse.RegisterStepsFrom(typeof(PluginBase).Assembly);
        }

        public InMemoryDataverse Dataverse { get; }

        public DateTime Now => Dataverse.Clock.UtcNow;

        public void Advance(TimeSpan by) => Dataverse.Clock.Advance(by);

        public IOrganizationService As(Guid userId) => Dataverse.CreateService(userId);

        public Guid Seller(string name, int language = 1033)
        {
            var id = Dataverse.CreateUser(name, name.Replace(' ', '.').ToLowerInvariant() + "@example.com");
            if (language != 1033) Dataverse.SetUserLanguage(id, language);
            return id;
        }

        public Guid Sequencer(string name = "Outreach Sequencer") => Dataverse.CreateApplicationUser(name, Guid.NewGuid());

        /// <summary>A policy row written directly (no validation step runs), as if configured before the test.</summary>
        public Guid Policy(PolicyMode mode, Action<Entity>? configure = null, bool isDefault = true, int priority = 0)
        {
            var row = new Entity(M.AttentionPolicy.EntityLogicalName)
            {
                [M.AttentionPolicy.Fields.CatName] = mode + " policy",
                [M.AttentionPolicy.Fields.CatIsDefault] = isDefault,
                [M.AttentionPolicy.Fields.CatPriority] = priority,
                [M.AttentionPolicy.Fields.CatMode] = PolicyMapper.Choice((int)mode),
            };
            configure?.Invoke(row);
            return Dataverse.Seed(row);
        }

        public Guid Account(string name, Guid? policyId = null, decimal? revenue = null)
        {
            var row = new Entity(M.Account.EntityLogicalName) { [M.Account.Fields.Name] = name };
            if (policyId.HasValue) row[M.Account.Fields.CatPolicyId] = new EntityReference(M.AttentionPolicy.EntityLogicalName, policyId.Value);
            if (revenue.HasValue) row[M.Account.Fields.Revenue] = new Money(revenue.Value);
            return Dataverse.Seed(row);
        }

        public Guid Contact(string fullName, Guid owner, Guid? accountId = null, decimal? value = null, Action<Entity>? configure = null)
        {
            var parts = fullName.Split(' ');
            var row = new Entity(M.Contact.EntityLogicalName)
            {
                [M.Contact.Fields.FirstName] = parts[0],
                [M.Contact.Fields.LastName] = parts.Length > 1 ? parts[1] : parts[0],
                [M.Contact.Fields.FullName] = fullName,
                [M.Contact.Fields.EMailAddress1] = parts[0].ToLowerInvariant() + "@customer.example",
                [M.Contact.Fields.OwnerId] = new EntityReference(M.SystemUser.EntityLogicalName, owner),
            };
            if (accountId.HasValue) row[M.Contact.Fields.ParentCustomerId] = new EntityReference(M.Account.EntityLogicalName, accountId.Value);
            if (value.HasValue) row[M.Contact.Fields.CatValue] = new Money(value.Value);
            configure?.Invoke(row);
            return Dataverse.Seed(row, owner);
        }

        /// <summary>Writes a ledger of completed touches onto a contact (and its account), as earlier recordings would have.</summary>
        public void SeedTouches(Guid contactId, Guid? accountId, params (TimeSpan Ago, Channel Channel, Origin Origin)[] touches)
        {
            var policy = PolicyMapper.BuiltInDefault();
            var contact = new ContactState { Id = contactId };
            var account = accountId.HasValue ? new AccountState { Id = accountId.Value, Ledger = Ledger.Parse(Dataverse.Get(M.Account.EntityLogicalName, accountId.Value)!.GetAttributeValue<string>(M.Account.Fields.CatLedger)) } : null;
            foreach (var t in touches.OrderByDescending(t => t.Ago))
            {
                var at = Now - t.Ago;
                AttentionRecorder.RecordTouch(contact, account, new Touch(t.Channel, t.Origin, at, Guid.NewGuid()), policy, at);
            }
            var s = AttentionRecorder.Recompute(contact, account, policy, Now);
            var store = new SeedStore(Dataverse);
            store.Update(new Entity(M.Contact.EntityLogicalName, contactId)
            {
                [M.Contact.Fields.CatPressure] = AttentionStore.Round(s.Pressure, 4, 100000m),
                [M.Contact.Fields.CatPressureAsOf] = s.PressureAsOf,
                [M.Contact.Fields.CatLedger] = s.Ledger,
                [M.Contact.Fields.CatUnansweredTouches] = s.UnansweredTouches,
                [M.Contact.Fields.CatLastTouchOn] = s.LastTouchOn,
            });
            if (account != null)
            {
                var a = AttentionRecorder.Recompute(account, policy, Now);
                store.Update(new Entity(M.Account.EntityLogicalName, account.Id)
                {
                    [M.Account.Fields.CatPressure] = AttentionStore.Round(a.Pressure, 4, 100000m),
                    [M.Account.Fields.CatPressureAsOf] = a.PressureAsOf,
                    [M.Account.Fields.CatLedger] = a.Ledger,
                });
            }
        }

        public Entity Row(string table, Guid id) => Dataverse.Get(table, id) ?? throw new InvalidOperationException(table + " " + id + " does not exist.");

        public Entity ContactRow(Guid id) => Row(M.Contact.EntityLogicalName, id);

        public Ledger ContactLedger(Guid id) => Ledger.Parse(ContactRow(id).GetAttributeValue<string>(M.Contact.Fields.CatLedger));

        public Ledger AccountLedger(Guid id) => Ledger.Parse(Row(M.Account.EntityLogicalName, id).GetAttributeValue<string>(M.Account.Fields.CatLedger));

        public IReadOnlyList<Entity> Decisions() => Dataverse.Rows(M.AttentionDecision.EntityLogicalName);

        public IReadOnlyList<Entity> DecisionsFor(Guid contactId) =>
            Decisions().Where(d => d.GetAttributeValue<EntityReference>(M.AttentionDecision.Fields.CatContactId)?.Id == contactId).ToList();

        public IReadOnlyList<Entity> RoutedCalls() =>
            Dataverse.Rows(M.PhoneCall.EntityLogicalName).Where(c => c.Contains(M.PhoneCall.Fields.CatRoutedFromId)).ToList();

        public static Entity Email(string subject, params Guid[] contacts) => Activity(M.Email.EntityLogicalName, subject, M.Email.Fields.To, contacts);

        public static Entity Activity(string table, string subject, string partyColumn, params Guid[] contacts)
        {
            var row = new Entity(table) { [M.Email.Fields.Subject] = subject };
            if (partyColumn.Length > 0) row[partyColumn] = Parties(contacts);
            return row;
        }

        public static EntityCollection Parties(params Guid[] contacts) =>
            new EntityCollection(contacts.Select(c => new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(M.Contact.EntityLogicalName, c) }).ToList());

        public static OptionSetValue Choice(int code) => PolicyMapper.Choice(code);

        /// <summary>Sends an email the way a user or automation does (SendEmail, IssueSend = false: marked sent).</summary>
        public static void Send(IOrganizationService service, Guid emailId) =>
            service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = emailId, ["IssueSend"] = false, ["TrackingToken"] = "" });

        public static void Complete(IOrganizationService service, string table, Guid id, int status) =>
            service.Update(new Entity(table, id) { [M.Email.Fields.StateCode] = new OptionSetValue(1), [M.Email.Fields.StatusCode] = new OptionSetValue(status) });

        public static FaultException<OrganizationServiceFault> Refused(Action action) => Assert.Throws<FaultException<OrganizationServiceFault>>(action);

        public static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CrmAttention.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("CrmAttention.sln not found above " + AppContext.BaseDirectory);
        }

        /// <summary>Arranging updates of contacts and accounts as SYSTEM; CrmAttention registers no steps on those tables.</summary>
        private sealed class SeedStore
        {
            private readonly InMemoryDataverse _dataverse;

            public SeedStore(InMemoryDataverse dataverse) => _dataverse = dataverse;

            public void Update(Entity change) => _dataverse.CreateService(_dataverse.SystemUserId).Update(change);
        }
    }
}
