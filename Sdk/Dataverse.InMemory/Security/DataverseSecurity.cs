using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Query;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// The organization's security model: role definitions (in <see cref="MetadataCatalog"/>, from code or
    /// metadata.json), their assignment to users and teams (rows of systemuserroles and teamroles, so plugins can
    /// query them as on the platform), the execute privileges of custom APIs, and the checks — enforced only while
    /// <see cref="Enforced"/> is on.
    /// </summary>
    public sealed class DataverseSecurity
    {
        private readonly MetadataCatalog metadata;
        private readonly RowStore store;
        private readonly Records records;
        private readonly Organization organization;
        private readonly Func<Guid> newId;
        private volatile bool enforced;

        internal DataverseSecurity(MetadataCatalog metadata, RowStore store, Records records, Organization organization, Func<Guid> newId)
        {
            this.metadata = metadata;
            this.store = store;
            this.records = records;
            this.organization = organization;
            this.newId = newId;
            Authorizer = new RequestAuthorizer(this, metadata, organization);
        }

        /// <summary>Whether requests pass the privilege and access checks (see InMemoryDataverse.EnforceSecurity).</summary>
        public bool Enforced
        {
            get => enforced;
            set => enforced = value;
        }

        internal RequestAuthorizer Authorizer { get; }

        /// <summary>Adds (or replaces) a role definition; returns it.</summary>
        public SecurityRole AddRole(SecurityRole role) => metadata.AddRole(role ?? throw new ArgumentNullException(nameof(role)));

        /// <summary>The role named <paramref name="roleName"/>; throws naming the known roles when there is none.</summary>
        public SecurityRole Role(string roleName) =>
            metadata.Role(roleName) ?? throw new ArgumentException(
                $"There is no security role '{roleName}'. Known roles: {string.Join(", ", metadata.Roles.Select(r => "'" + r.Name + "'").OrderBy(n => n, StringComparer.Ordinal))}. Add it with AddRole or load metadata.json.",
                nameof(roleName));

        /// <summary>Assigns a role to a user (a systemuserroles row). Assigning a role twice changes nothing.</summary>
        public void AssignRole(Guid userId, string roleName) => Assign("systemuser", userId, "systemuserroles", "systemuserroleid", "systemuserid", Role(roleName));

        /// <summary>Assigns a role to a team (a teamroles row); its members hold it with the team as principal.</summary>
        public void AssignTeamRole(Guid teamId, string roleName) => Assign("team", teamId, "teamroles", "teamroleid", "teamid", Role(roleName));

        /// <summary>
        /// Declares a custom API's ExecutePrivilegeName (customapi.executeprivilegename; metadata.json's customApis carry
        /// it too): with security enforced, only holders of the privilege may call it; others get the privilege fault.
        /// </summary>
        public void RequireExecutePrivilege(string customApiName, string privilegeName) => metadata.SetExecutePrivilege(customApiName, privilegeName);

        /// <summary>Whether the user holds the privilege through a role of its own or of one of its teams (SYSTEM and System Administrators hold all).</summary>
        public bool HasPrivilege(Guid userId, string privilegeName) => Checks(userId).Principal.Holds(privilegeName);

        /// <summary>
        /// Whether a role assigned to the user itself (a systemuserroles row, not a team's role) grants the privilege;
        /// SYSTEM holds every privilege. Dataverse counts prvActOnBehalfOfAnotherUser only this way ("Direct assignment
        /// required", Microsoft Learn: Impersonate another user).
        /// </summary>
        public bool HoldsDirectly(Guid userId, string privilegeName)
        {
            if (privilegeName == null) throw new ArgumentNullException(nameof(privilegeName));
            if (userId == organization.SystemUserId) return true;
            return store.Scan("systemuserroles")
                .Where(row => row.GetAttributeValue<Guid>("systemuserid") == userId)
                .Select(row => metadata.RoleById(row.GetAttributeValue<Guid>("roleid")))
                .Any(role => role != null && role.DepthOf(privilegeName) > PrivilegeDepth.None);
        }

        /// <summary>The deepest level at which the user holds the privilege.</summary>
        public PrivilegeDepth DepthOf(Guid userId, string privilegeName) => Checks(userId).Principal.Deepest(privilegeName);

        /// <summary>Whether the user may perform <paramref name="access"/> on the committed row (privilege and access check).</summary>
        public bool CanAccess(Guid userId, TableAccess access, string logicalName, Guid id)
        {
            var row = store.Get(logicalName, id) ?? throw DataverseFault.DoesNotExist(logicalName, id);
            var checks = Checks(userId);
            if (checks.Principal.Unrestricted || checks.IsUnchecked(logicalName)) return true;
            return checks.Principal.Reaches(PrivilegeNames.For(access, logicalName), checks.OwnerOf(logicalName, row));
        }

        /// <summary>The query engine's data source as <paramref name="userId"/> sees it while security is enforced.</summary>
        internal IIndexedQueryDataSource Secure(IIndexedQueryDataSource source, IRowReader reader, Guid userId)
        {
            if (!enforced) return source;
            var checks = new AccessChecks(metadata, reader, organization, userId);
            return checks.Principal.Unrestricted ? source : new SecuredDataSource(source, checks);
        }

        private AccessChecks Checks(Guid userId) => new(metadata, store, organization, userId);

        private void Assign(string principalTable, Guid principalId, string table, string idColumn, string principalColumn, SecurityRole role)
        {
            var tx = store.Begin();
            try
            {
                if (tx.Get(principalTable, principalId) == null) throw DataverseFault.DoesNotExist(principalTable, principalId);
                if (tx.Get("role", role.Id) == null)
                {
                    Put(tx, records.OnlyKnownColumns(new Entity("role", role.Id)
                    {
                        ["roleid"] = role.Id,
                        ["name"] = role.Name,
                        ["businessunitid"] = new EntityReference("businessunit", organization.RootBusinessUnitId),
                    }));
                }
                var assigned = tx.Scan(table).Any(r => r.GetAttributeValue<Guid>(principalColumn) == principalId && r.GetAttributeValue<Guid>("roleid") == role.Id);
                if (!assigned)
                {
                    var id = newId();
                    Put(tx, records.OnlyKnownColumns(new Entity(table, id) { [idColumn] = id, [principalColumn] = principalId, ["roleid"] = role.Id }));
                }
                tx.Commit();
            }
            catch
            {
                tx.Rollback();
                throw;
            }
        }

        private void Put(StoreTransaction tx, Entity row)
        {
            row["versionnumber"] = store.NextVersion();
            tx.Lock(row.LogicalName, row.Id);
            tx.Put(row);
        }
    }
}
