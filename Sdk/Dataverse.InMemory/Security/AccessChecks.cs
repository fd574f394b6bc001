using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// Privilege and access checks for the user a request runs as, over the rows of one transaction. Throws the
    /// platform's faults: the privilege fault when no role grants the privilege, the access fault when the granted
    /// level does not reach the row, the no-roles fault for a principal without any role.
    /// </summary>
    internal sealed class AccessChecks
    {
        // Object type codes the privilege fault names for tables without metadata.
        private static readonly Dictionary<string, int> KnownTypeCodes = new(StringComparer.Ordinal)
        {
            ["account"] = 1, ["contact"] = 2, ["opportunity"] = 3, ["lead"] = 4, ["systemuser"] = 8, ["team"] = 9, ["businessunit"] = 10,
            ["usersettings"] = 150, ["activitypointer"] = 4200, ["appointment"] = 4201, ["email"] = 4202, ["fax"] = 4204,
            ["letter"] = 4207, ["phonecall"] = 4210, ["task"] = 4212, ["activityparty"] = 135, ["queue"] = 2020, ["asyncoperation"] = 4700,
        };

        private readonly MetadataCatalog metadata;
        private readonly IRowReader reader;
        private readonly Organization organization;

        public AccessChecks(MetadataCatalog metadata, IRowReader reader, Organization organization, Guid userId)
        {
            this.metadata = metadata;
            this.reader = reader;
            this.organization = organization;
            Principal = Principal.OfUser(metadata, reader, userId, organization.SystemUserId, organization.RootBusinessUnitId);
        }

        /// <summary>The user the request runs as.</summary>
        public Principal Principal { get; }

        /// <summary>
        /// Intersect tables of N:N relationships (teammembership, systemuserroles, teamroles and those in the metadata)
        /// have no privileges of their own; access to them follows the records they link.
        /// </summary>
        public bool IsUnchecked(string table) =>
            table is "teammembership" or "systemuserroles" or "teamroles"
            || metadata.Relationships.OfType<ManyToManyRelationship>().Any(r => r.IntersectEntity == table);

        /// <summary>The privilege check: some role of the user or its teams grants <paramref name="privilege"/>.</summary>
        public void DemandPrivilege(string privilege, string? table = null)
        {
            if (Principal.Unrestricted) return;
            if (!Principal.Holds(privilege)) throw SecurityFaults.MissingPrivilege(Principal, Principal.Id, privilege, table, table == null ? null : TypeCode(table));
        }

        /// <summary>Privilege check, then access check for an existing row.</summary>
        public void Demand(TableAccess access, string table, Entity row) => Demand(access, table, row.Id, OwnerOf(table, row));

        /// <summary>Privilege check, then access check for a row with the given owner (a new row: its future owner).</summary>
        public void Demand(TableAccess access, string table, Guid recordId, RowOwner owner)
        {
            if (Principal.Unrestricted || IsUnchecked(table)) return;
            var privilege = PrivilegeNames.For(access, table);
            DemandPrivilege(privilege, table);
            if (!Principal.Reaches(privilege, owner)) throw SecurityFaults.NoAccess(Principal.Id, access, table, recordId);
        }

        /// <summary>
        /// The check on a row's new owner (Create with ownerid, or an assignment): the owner must hold the table's Read
        /// privilege — a principal that could not read the row cannot own it ("Dependencies between access rights",
        /// learn.microsoft.com/power-apps/developer/data-platform/security-access-rights). It applies whoever the
        /// caller is, SYSTEM included: the platform checks the assignee, not the one who assigns. An owner without
        /// any role gets the no-roles fault.
        /// </summary>
        public void DemandOwnerCanRead(string table, EntityReference owner)
        {
            if (IsUnchecked(table)) return;
            var ownerPrincipal = owner.LogicalName == "team"
                ? Principal.OfTeam(metadata, reader, owner.Id, organization.RootBusinessUnitId)
                : Principal.OfUser(metadata, reader, owner.Id, organization.SystemUserId, organization.RootBusinessUnitId);
            if (ownerPrincipal.Unrestricted) return;
            var privilege = PrivilegeNames.For(TableAccess.Read, table);
            if (!ownerPrincipal.Holds(privilege)) throw SecurityFaults.MissingPrivilege(ownerPrincipal, Principal.Id, privilege, table, TypeCode(table));
        }

        /// <summary>Rows of <paramref name="table"/> the principal may read, or null when every row is readable; faults without the Read privilege.</summary>
        public Func<Entity, bool>? ReadFilter(string table)
        {
            if (Principal.Unrestricted || IsUnchecked(table)) return null;
            var privilege = PrivilegeNames.For(TableAccess.Read, table);
            DemandPrivilege(privilege, table);
            if (Principal.Deepest(privilege) == PrivilegeDepth.Global) return null;
            return row => Principal.Reaches(privilege, OwnerOf(table, row));
        }

        /// <summary>The owner a new row will have: the Target's ownerid, or the calling user.</summary>
        public RowOwner OwnerOfNew(string table, Entity target)
        {
            if (!PlatformTables.IsUserOwned(table, metadata.Table(table))) return RowOwner.Organization;
            var owner = target.GetAttributeValue<EntityReference>("ownerid") ?? new EntityReference("systemuser", Principal.Id);
            return new RowOwner(owner.Id, BusinessUnitOfOwner(owner), false);
        }

        public RowOwner OwnerOf(string table, Entity row)
        {
            switch (table)
            {
                case PlatformTables.ActivityParty:
                    // A party row belongs to its activity: whoever may read the activity may read its parties.
                    var activity = row.GetAttributeValue<EntityReference>(PlatformTables.ActivityId);
                    var pointer = activity == null ? null : reader.Get(PlatformTables.ActivityPointer, activity.Id);
                    return pointer == null ? RowOwner.Organization : OwnerOf(PlatformTables.ActivityPointer, pointer);
                case "systemuser":
                case "usersettings":
                    // A user "owns" its own user row and settings; the row sits in the user's business unit.
                    var unit = reader.Get("systemuser", row.Id)?.GetAttributeValue<EntityReference>("businessunitid")?.Id;
                    return new RowOwner(row.Id, unit, false);
                case "team":
                    return new RowOwner(row.Id, row.GetAttributeValue<EntityReference>("businessunitid")?.Id, false);
                case "businessunit":
                    return new RowOwner(null, row.Id, false);
            }
            if (metadata.Table(table) is { Ownership: TableOwnership.OrganizationOwned }) return RowOwner.Organization;
            var owner = row.GetAttributeValue<EntityReference>("ownerid");
            if (owner == null) return RowOwner.Organization;
            return new RowOwner(owner.Id, row.GetAttributeValue<EntityReference>("owningbusinessunit")?.Id ?? BusinessUnitOfOwner(owner), false);
        }

        private Guid? BusinessUnitOfOwner(EntityReference owner)
        {
            var row = reader.Get(owner.LogicalName, owner.Id);
            return row?.GetAttributeValue<EntityReference>("businessunitid")?.Id;
        }

        private int? TypeCode(string table) =>
            metadata.Table(table)?.ObjectTypeCode ?? (KnownTypeCodes.TryGetValue(table, out var code) ? code : null);
    }
}
