using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using A = CrmAttention.Model.Account.Fields;
using C = CrmAttention.Model.Contact.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>A contact as loaded from Dataverse: what the engine sees, and the row it was read from.</summary>
    public sealed class StoredContact : LoadedContact
    {
        public StoredContact(ContactState contact, AccountState? account, AttentionPolicy policy, Entity row, Exception? configurationError, RecordRef? owner)
            : base(contact, account, policy, configurationError, owner)
        {
            Row = row;
        }

        /// <summary>The contact row as read (with aliased account columns), for value sources and names.</summary>
        public Entity Row { get; }
    }

    /// <summary>
    /// Reads and writes CrmAttention's state: contacts with their account and policies in one query, the default policy,
    /// row locks, and the contact and account columns. The number of calls never depends on how many touches a contact
    /// has had: the history lives in the ledger memo of the row that is read anyway. The workflow's
    /// <see cref="IAttentionStateStore"/> on Dataverse.
    /// </summary>
    public sealed class AttentionStore : IAttentionStateStore
    {
        /// <summary>Shared variable carrying the rows to lock, found by an earlier stage's read, to the later stages.</summary>
        public const string LockHintVariable = "cat_attention_locks";

        private const string AccountAlias = "acc";
        private const string ContactPolicyAlias = "cpol";
        private const string AccountPolicyAlias = "apol";

        private static readonly string[] ContactColumns =
        {
            C.ContactId, C.FullName, C.OwnerId, C.ParentCustomerId, C.DoNotEMail, C.DoNotPhone, C.DoNotPostalMail, C.DoNotBulkEMail,
            C.CatPressure, C.CatPressureAsOf, C.CatLastTouchOn, C.CatLastResponseOn, C.CatUnansweredTouches, C.CatValue, C.CatPolicyId, C.CatLedger,
        };

        private static readonly string[] AccountColumns = { A.AccountId, A.Name, A.Revenue, A.CatPressure, A.CatPressureAsOf, A.CatPolicyId, A.CatLedger };

        private readonly IOrganizationService _service;
        private readonly IPluginExecutionContext? _operation;
        private AttentionPolicy? _defaultPolicy;

        /// <param name="service">Runs as SYSTEM: CrmAttention's bookkeeping must not depend on the caller's privileges.</param>
        /// <param name="operation">The plugin execution, whose stages pass on which rows to lock; null outside a touch's stages.</param>
        public AttentionStore(IOrganizationService service, IPluginExecutionContext? operation = null)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
            _operation = operation;
        }

        /// <summary>
        /// Loads contacts, their accounts and policies: one query, plus one for the default policy when some contact has
        /// no policy of its own or of its account. Policy precedence: the contact's, the account's, the default policy
        /// (cat_isdefault, highest cat_priority), and with no policy row at all the built-in defaults in Audit mode.
        /// </summary>
        public IReadOnlyList<StoredContact> Load(IReadOnlyCollection<Guid> contactIds)
        {
            var loaded = Read(contactIds);
            // The later stages of the operation lock these rows without reading first to find them.
            if (_operation != null && loaded.Count > 0) _operation.SharedVariables[LockHintVariable] = LockHint(loaded);
            return loaded;
        }

        IReadOnlyList<LoadedContact> IAttentionStateStore.Load(IReadOnlyCollection<Guid> contactIds) => Load(contactIds);

        private IReadOnlyList<StoredContact> Read(IReadOnlyCollection<Guid> contactIds)
        {
            if (contactIds.Count == 0) return Array.Empty<StoredContact>();
            var rows = _service.RetrieveMultiple(ContactQuery(contactIds)).Entities;
            var byId = new Dictionary<Guid, Entity>();
            foreach (var row in rows) byId[row.Id] = row;
            return Read(contactIds.Distinct().Where(byId.ContainsKey).Select(id => byId[id]));
        }

        /// <summary>
        /// Loads the active contacts a user owns, with their accounts and policies: one query per 5,000 contacts (the
        /// platform's page), plus the default policy. Reads only the stored columns, so the cost follows the number of
        /// contacts, never the length of their history.
        /// </summary>
        public IReadOnlyList<StoredContact> LoadOwnedBy(Guid ownerId)
        {
            var rows = new List<Entity>();
            var query = OwnedQuery(ownerId);
            query.PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 };
            while (true)
            {
                var page = _service.RetrieveMultiple(query);
                rows.AddRange(page.Entities);
                if (!page.MoreRecords) break;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
            return Read(rows);
        }

        private IReadOnlyList<StoredContact> Read(IEnumerable<Entity> rows)
        {
            var accounts = new Dictionary<Guid, AccountState>();
            var result = new List<StoredContact>();
            foreach (var row in rows)
            {
                Exception? configurationError = null;
                AttentionPolicy? policy;
                try
                {
                    policy = PolicyMapper.FromAliased(row, ContactPolicyAlias) ?? PolicyMapper.FromAliased(row, AccountPolicyAlias);
                    if (policy == null)
                    {
                        policy = LoadDefaultPolicy();
                    }
                }
                catch (AttentionEngineException e)
                {
                    // A policy row that cannot be read must not stop the touch: evaluation fails open and logs why.
                    configurationError = e;
                    policy = PolicyMapper.BuiltInDefault();
                }
                var account = ReadAccount(row, accounts);
                var owner = Row.Get<EntityReference>(row, C.OwnerId);
                result.Add(new StoredContact(ReadContact(row, policy), account, policy, row, configurationError,
                    owner == null ? (RecordRef?)null : new RecordRef(owner.LogicalName, owner.Id)));
            }
            FillOpportunityValues(result);
            return result;
        }

        /// <summary>
        /// The active default policy with the highest priority, or the built-in defaults in Audit mode when there is none.
        /// Read once per store (one execution), however many contacts or loads need it.
        /// </summary>
        public AttentionPolicy LoadDefaultPolicy()
        {
            if (_defaultPolicy != null) return _defaultPolicy;
            var query = new QueryExpression(M.AttentionPolicy.EntityLogicalName) { ColumnSet = new ColumnSet(PolicyMapper.Columns), TopCount = 1 };
            query.Criteria.AddCondition(P.CatIsDefault, ConditionOperator.Equal, true);
            query.Criteria.AddCondition(P.StateCode, ConditionOperator.Equal, 0);
            query.AddOrder(P.CatPriority, OrderType.Descending);
            query.AddOrder(P.CreatedOn, OrderType.Ascending);
            var row = _service.RetrieveMultiple(query).Entities.FirstOrDefault();
            _defaultPolicy = row == null ? PolicyMapper.BuiltInDefault() : PolicyMapper.FromEntity(row);
            return _defaultPolicy;
        }

        /// <summary>
        /// Loads contacts for a change that must not race with other changes to them: the platform way, update before
        /// read. An Update takes the row's exclusive lock until the transaction ends, and a later read then sees every
        /// change committed before. The lock is the contact's account when it has one (all contacts of an account share
        /// its ledger and cap, so they must queue on the same row), otherwise the contact; locks are taken in id order so
        /// two transactions never wait on each other in a circle. The first read only finds which rows to lock.
        /// </summary>
        /// <remarks>
        /// With <paramref name="recipientsOfThisOperation"/>, the rows an earlier stage's <see cref="Load"/> found (its
        /// shared variable) save the first read; they are only a hint: the fresh read is checked against them.
        /// </remarks>
        public IReadOnlyList<LoadedContact> LoadForUpdate(IReadOnlyCollection<Guid> contactIds, bool recipientsOfThisOperation)
        {
            if (contactIds.Count == 0) return Array.Empty<LoadedContact>();
            var hint = recipientsOfThisOperation ? SharedFromEarlierStage(LockHintVariable) as string : null;
            var wanted = ParseLockHint(hint) ?? LockKeys(Read(contactIds)).ToList();
            var locked = new HashSet<EntityReference>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                foreach (var key in wanted.Where(k => !locked.Contains(k)).OrderBy(k => k.LogicalName, StringComparer.Ordinal).ThenBy(k => k.Id))
                {
                    _service.Update(new Entity(key.LogicalName, key.Id));
                    locked.Add(key);
                }
                var fresh = Read(contactIds);
                // A contact moved to another account since the rows to lock were found: lock that account too and read again.
                if (LockKeys(fresh).All(locked.Contains)) return fresh;
                wanted = LockKeys(fresh).ToList();
            }
            throw new InvalidPluginExecutionException("The contacts of this activity kept moving between accounts while CrmAttention recorded it; please try again.");
        }

        /// <summary>
        /// A shared variable set by an earlier stage of the same operation. For Create, Update and Delete the platform
        /// gives PreValidation its own context, so what it set arrives through ParentContext.SharedVariables.
        /// </summary>
        private object? SharedFromEarlierStage(string key)
        {
            if (_operation == null) return null;
            if (_operation.SharedVariables.Contains(key)) return _operation.SharedVariables[key];
            var parent = _operation.ParentContext;
            return parent != null && parent.SharedVariables.Contains(key) ? parent.SharedVariables[key] : null;
        }

        /// <summary>The rows <see cref="LoadForUpdate"/> would lock for these contacts, as text a later stage can reuse.</summary>
        private static string LockHint(IEnumerable<LoadedContact> contacts) =>
            string.Join(";", LockKeys(contacts).Select(k => k.LogicalName + ":" + k.Id.ToString("D")));

        private static List<EntityReference>? ParseLockHint(string? hint)
        {
            if (string.IsNullOrEmpty(hint)) return null;
            var keys = new List<EntityReference>();
            foreach (var part in hint!.Split(';'))
            {
                var colon = part.IndexOf(':');
                if (colon <= 0 || !Guid.TryParse(part.Substring(colon + 1), out var id)) return null;
                var table = part.Substring(0, colon);
                if (table != M.Account.EntityLogicalName && table != M.Contact.EntityLogicalName) return null;
                keys.Add(new EntityReference(table, id));
            }
            return keys;
        }

        /// <summary>Writes a contact's recomputed state (one Update).</summary>
        public void WriteContact(Guid contactId, ContactSnapshot s)
        {
            _service.Update(new Entity(M.Contact.EntityLogicalName, contactId)
            {
                [C.CatPressure] = PressureColumn(s.Pressure),
                [C.CatPressureAsOf] = s.PressureAsOf,
                [C.CatScore] = Round(s.Score, 2, 100m),
                [C.CatBand] = PolicyMapper.Choice((int)s.Band),
                [C.CatTouchesInWindow] = s.TouchesInWindow,
                [C.CatAutomatedTouchesInWindow] = s.AutomatedTouchesInWindow,
                [C.CatNextAllowedTouchOn] = s.NextAllowedTouchOn,
                [C.CatLastTouchOn] = s.LastTouchOn,
                [C.CatLastResponseOn] = s.LastResponseOn,
                [C.CatUnansweredTouches] = s.UnansweredTouches,
                [C.CatLedger] = s.Ledger,
            });
        }

        /// <summary>Writes an account's recomputed state (one Update).</summary>
        public void WriteAccount(Guid accountId, AccountSnapshot s)
        {
            _service.Update(new Entity(M.Account.EntityLogicalName, accountId)
            {
                [A.CatPressure] = PressureColumn(s.Pressure),
                [A.CatPressureAsOf] = s.PressureAsOf,
                [A.CatTouchesInWindow] = s.TouchesInWindow,
                [A.CatNextAllowedTouchOn] = s.NextAllowedTouchOn,
                [A.CatLedger] = s.Ledger,
            });
        }

        /// <summary>
        /// Brings the loaded contacts and their accounts up to <paramref name="now"/> and writes them: one Update per
        /// contact and one per distinct account.
        /// </summary>
        public void Save(IReadOnlyList<LoadedContact> contacts, DateTime now) =>
            LoadedContact.BringUpTo(contacts, now, (c, s) => WriteContact(c.Contact.Id, s), (c, s) => WriteAccount(c.Account!.Id, s));

        /// <summary>Pressure as cat_pressure holds it (contact and account): four decimals, what the next read sees.</summary>
        public static decimal PressureColumn(double pressure) => Round(pressure, 4, 100000m);

        /// <summary>Decimal for a column of the given precision and upper bound (the platform refuses more digits than the column holds).</summary>
        public static decimal Round(double value, int decimals, decimal max)
        {
            if (double.IsNaN(value)) return 0m;
            var d = value >= (double)max ? max : value <= -(double)max ? -max : (decimal)value;
            return Math.Round(d, decimals, MidpointRounding.AwayFromZero);
        }

        /// <summary>
        /// For contacts whose policy values them by their open opportunities: one query for all of them, summing
        /// estimatedvalue of the open opportunities (statecode 0) whose parentcontactid is the contact.
        /// </summary>
        private void FillOpportunityValues(List<StoredContact> contacts)
        {
            var wanted = contacts.Where(c => c.Policy.ValueSource == ValueSource.OpenOpportunities).ToList();
            if (wanted.Count == 0) return;
            var query = new QueryExpression(M.Opportunity.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(M.Opportunity.Fields.ParentContactId, M.Opportunity.Fields.EstimatedValue),
            };
            query.Criteria.AddCondition(M.Opportunity.Fields.ParentContactId, ConditionOperator.In, wanted.Select(c => (object)c.Contact.Id).ToArray());
            query.Criteria.AddCondition(M.Opportunity.Fields.StateCode, ConditionOperator.Equal, 0);
            var sums = new Dictionary<Guid, decimal>();
            foreach (var row in _service.RetrieveMultiple(query).Entities)
            {
                var contact = Row.Get<EntityReference>(row, M.Opportunity.Fields.ParentContactId);
                var value = Row.Get<Money>(row, M.Opportunity.Fields.EstimatedValue);
                if (contact == null || value == null) continue;
                sums[contact.Id] = (sums.TryGetValue(contact.Id, out var s) ? s : 0m) + value.Value;
            }
            foreach (var c in wanted) c.Contact.Value = sums.TryGetValue(c.Contact.Id, out var sum) ? sum : 0m;
        }

        // EntityReference compares by table and id, so it serves as the lock's key.
        private static IEnumerable<EntityReference> LockKeys(IEnumerable<LoadedContact> contacts) =>
            contacts.Select(c => c.Account != null ? new EntityReference(M.Account.EntityLogicalName, c.Account.Id) : new EntityReference(M.Contact.EntityLogicalName, c.Contact.Id)).Distinct();

        private static QueryExpression ContactQuery(IReadOnlyCollection<Guid> ids)
        {
            var query = new QueryExpression(M.Contact.EntityLogicalName) { ColumnSet = new ColumnSet(ContactColumns) };
            query.Criteria.AddCondition(C.ContactId, ConditionOperator.In, ids.Distinct().Cast<object>().ToArray());
            return WithAccountAndPolicies(query);
        }

        private static QueryExpression OwnedQuery(Guid ownerId)
        {
            var query = new QueryExpression(M.Contact.EntityLogicalName) { ColumnSet = new ColumnSet(ContactColumns) };
            query.Criteria.AddCondition(C.OwnerId, ConditionOperator.Equal, ownerId);
            query.Criteria.AddCondition(C.StateCode, ConditionOperator.Equal, 0);
            query.AddOrder(C.ContactId, OrderType.Ascending);
            return WithAccountAndPolicies(query);
        }

        private static QueryExpression WithAccountAndPolicies(QueryExpression query)
        {
            var account = query.AddLink(M.Account.EntityLogicalName, C.ParentCustomerId, A.AccountId, JoinOperator.LeftOuter);
            account.EntityAlias = AccountAlias;
            account.Columns = new ColumnSet(AccountColumns);
            var accountPolicy = account.AddLink(M.AttentionPolicy.EntityLogicalName, A.CatPolicyId, P.CatAttentionPolicyId, JoinOperator.LeftOuter);
            accountPolicy.EntityAlias = AccountPolicyAlias;
            accountPolicy.Columns = new ColumnSet(PolicyMapper.Columns);
            accountPolicy.LinkCriteria.AddCondition(P.StateCode, ConditionOperator.Equal, 0);
            var contactPolicy = query.AddLink(M.AttentionPolicy.EntityLogicalName, C.CatPolicyId, P.CatAttentionPolicyId, JoinOperator.LeftOuter);
            contactPolicy.EntityAlias = ContactPolicyAlias;
            contactPolicy.Columns = new ColumnSet(PolicyMapper.Columns);
            contactPolicy.LinkCriteria.AddCondition(P.StateCode, ConditionOperator.Equal, 0);
            return query;
        }

        private static ContactState ReadContact(Entity row, AttentionPolicy policy)
        {
            var owner = Row.Get<EntityReference>(row, C.OwnerId);
            var parent = Row.Get<EntityReference>(row, C.ParentCustomerId);
            var consent = ConsentFlags.None;
            if (Row.Get<bool>(row, C.DoNotEMail)) consent |= ConsentFlags.DoNotEmail;
            if (Row.Get<bool>(row, C.DoNotPhone)) consent |= ConsentFlags.DoNotPhone;
            if (Row.Get<bool>(row, C.DoNotPostalMail)) consent |= ConsentFlags.DoNotPostalMail;
            if (Row.Get<bool>(row, C.DoNotBulkEMail)) consent |= ConsentFlags.DoNotBulkEmail;
            return new ContactState
            {
                Id = row.Id,
                DisplayName = Row.Get<string>(row, C.FullName) ?? "",
                Pressure = (double)(Row.Get<decimal?>(row, C.CatPressure) ?? 0m),
                PressureAsOf = Instants.Utc(Row.Get<DateTime?>(row, C.CatPressureAsOf)),
                Ledger = Ledger.Parse(Row.Get<string>(row, C.CatLedger)),
                Consent = consent,
                Value = ValueOf(row, policy),
                UnansweredTouches = Row.Get<int?>(row, C.CatUnansweredTouches) ?? 0,
                LastTouchOn = Instants.Utc(Row.Get<DateTime?>(row, C.CatLastTouchOn)),
                LastResponseOn = Instants.Utc(Row.Get<DateTime?>(row, C.CatLastResponseOn)),
                // Routed calls go to a person; a team-owned contact has nobody to call, so it is never routed.
                OwnerId = owner != null && owner.LogicalName == M.SystemUser.EntityLogicalName ? owner.Id : (Guid?)null,
                AccountId = parent != null && parent.LogicalName == M.Account.EntityLogicalName ? parent.Id : (Guid?)null,
            };
        }

        private static AccountState? ReadAccount(Entity row, Dictionary<Guid, AccountState> accounts)
        {
            var id = Row.Aliased<Guid?>(row, AccountAlias, A.AccountId);
            if (id is null) return null;
            if (accounts.TryGetValue(id.Value, out var known)) return known;
            var account = new AccountState
            {
                Id = id.Value,
                DisplayName = Row.Aliased<string>(row, AccountAlias, A.Name),
                Pressure = (double)(Row.Aliased<decimal?>(row, AccountAlias, A.CatPressure) ?? 0m),
                PressureAsOf = Instants.Utc(Row.Aliased<DateTime?>(row, AccountAlias, A.CatPressureAsOf)),
                Ledger = Ledger.Parse(Row.Aliased<string>(row, AccountAlias, A.CatLedger)),
            };
            accounts.Add(account.Id, account);
            return account;
        }

        /// <summary>The contact's value V from the policy's value source (open opportunities are summed by <see cref="FillOpportunityValues"/>).</summary>
        private static decimal? ValueOf(Entity row, AttentionPolicy policy)
        {
            switch (policy.ValueSource)
            {
                case ValueSource.AccountRevenue: return Row.Aliased<Money>(row, AccountAlias, A.Revenue)?.Value;
                case ValueSource.OpenOpportunities: return null;
                default: return Row.Get<Money>(row, C.CatValue)?.Value;
            }
        }
    }
}
