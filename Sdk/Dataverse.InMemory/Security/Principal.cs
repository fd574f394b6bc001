using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>Who owns a row, as far as access checks care: its owner (user or team) and its business unit.</summary>
    internal readonly record struct RowOwner(Guid? OwnerId, Guid? BusinessUnitId, bool OrganizationOwned)
    {
        public static readonly RowOwner Organization = new(null, null, true);
    }

    /// <summary>
    /// A principal's effective privileges, read from the rows of one transaction. For a user: the roles assigned to
    /// it (systemuserroles), evaluated from the user's business unit, and the roles of each team it is a member of
    /// (teammembership, teamroles), evaluated from the team's business unit — team roles act with the team as the
    /// principal, the default "Team privileges only" inheritance. For a team (the owner of a row): the team's roles.
    /// How access to a record is determined (learn.microsoft.com/power-platform/admin/how-record-access-determined):
    /// the privilege check passes when any role grants the privilege at any level; the access check then passes when
    /// the principal (or one of its teams) owns the row — any level suffices — or a grant's level reaches the row's
    /// business unit (Local: the principal's unit, Deep: it and the units below it, Global: all).
    /// </summary>
    internal sealed class Principal
    {
        /// <summary>systemuser's and team's object type codes, as the privilege fault names the principal's type.</summary>
        public const int UserType = 8;
        public const int TeamType = 9;

        private readonly IRowReader reader;
        private readonly List<Grant> grants = new();
        private readonly HashSet<Guid> teamIds = new();

        private Principal(IRowReader reader, Guid id, int type)
        {
            this.reader = reader;
            Id = id;
            Type = type;
        }

        /// <summary>The systemuserid or teamid.</summary>
        public Guid Id { get; }

        /// <summary>8 for a user, 9 for a team.</summary>
        public int Type { get; }

        /// <summary>SYSTEM or a holder of the System Administrator role (directly or through a team).</summary>
        public bool Unrestricted { get; private set; }

        /// <summary>Roles held directly and through teams; zero is its own fault on the platform.</summary>
        public int RoleCount { get; private set; }

        public int PrivilegeCount => grants.SelectMany(g => g.Roles).SelectMany(r => r.Privileges.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        /// <summary>systemuser.accessmode (0 read-write, 4 non-interactive); 0 for a team.</summary>
        public int AccessMode { get; private set; }

        public static Principal OfUser(MetadataCatalog metadata, IRowReader reader, Guid userId, Guid systemUserId, Guid rootBusinessUnitId)
        {
            var principal = new Principal(reader, userId, UserType);
            var user = reader.Get("systemuser", userId);
            principal.AccessMode = user?.GetAttributeValue<OptionSetValue>("accessmode")?.Value ?? 0;
            if (userId == systemUserId) principal.Unrestricted = true;
            var userUnit = user?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? rootBusinessUnitId;
            principal.Add(userUnit, RolesOf(metadata, reader, "systemuserroles", "systemuserid", userId));
            foreach (var membership in reader.Scan("teammembership"))
            {
                if (membership.GetAttributeValue<Guid>("systemuserid") != userId) continue;
                var teamId = membership.GetAttributeValue<Guid>("teamid");
                principal.teamIds.Add(teamId);
                principal.Add(TeamUnit(reader, teamId, rootBusinessUnitId), RolesOf(metadata, reader, "teamroles", "teamid", teamId));
            }
            return principal;
        }

        public static Principal OfTeam(MetadataCatalog metadata, IRowReader reader, Guid teamId, Guid rootBusinessUnitId)
        {
            var principal = new Principal(reader, teamId, TeamType);
            principal.teamIds.Add(teamId);
            principal.Add(TeamUnit(reader, teamId, rootBusinessUnitId), RolesOf(metadata, reader, "teamroles", "teamid", teamId));
            return principal;
        }

        /// <summary>The deepest level any role of the principal (and its teams) grants; Global when unrestricted.</summary>
        public PrivilegeDepth Deepest(string privilege)
        {
            if (Unrestricted) return PrivilegeDepth.Global;
            var deepest = PrivilegeDepth.None;
            foreach (var grant in grants)
            {
                var depth = grant.DepthOf(privilege);
                if (depth > deepest) deepest = depth;
            }
            return deepest;
        }

        public bool Holds(string privilege) => Deepest(privilege) > PrivilegeDepth.None;

        /// <summary>Each grant of <paramref name="privilege"/>: its deepest level per business unit it is evaluated from.</summary>
        public IEnumerable<(PrivilegeDepth Depth, Guid BusinessUnitId)> GrantsOf(string privilege)
        {
            foreach (var grant in grants)
            {
                var depth = grant.DepthOf(privilege);
                if (depth > PrivilegeDepth.None) yield return (depth, grant.BusinessUnitId);
            }
        }

        /// <summary>The access check for a row whose privilege check passed.</summary>
        public bool Reaches(string privilege, RowOwner owner)
        {
            if (Unrestricted) return true;
            if (!Holds(privilege)) return false;
            if (owner.OrganizationOwned) return true;
            // Ownership: the principal or a team it belongs to owns the row; any level of the privilege suffices.
            if (owner.OwnerId is Guid ownerId && (ownerId == Id || teamIds.Contains(ownerId))) return true;
            foreach (var grant in grants)
            {
                switch (grant.DepthOf(privilege))
                {
                    case PrivilegeDepth.Global:
                        return true;
                    case PrivilegeDepth.Deep when owner.BusinessUnitId is Guid unit && IsWithin(unit, grant.BusinessUnitId):
                        return true;
                    case PrivilegeDepth.Local when owner.BusinessUnitId == grant.BusinessUnitId:
                        return true;
                }
            }
            return false;
        }

        private static Guid TeamUnit(IRowReader reader, Guid teamId, Guid rootBusinessUnitId) =>
            reader.Get("team", teamId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? rootBusinessUnitId;

        // A business unit is within another when it is that unit or one below it (parentbusinessunitid chain).
        private bool IsWithin(Guid unit, Guid ancestor)
        {
            var seen = new HashSet<Guid>();
            Guid? current = unit;
            while (current is Guid id && seen.Add(id))
            {
                if (id == ancestor) return true;
                current = reader.Get("businessunit", id)?.GetAttributeValue<EntityReference>("parentbusinessunitid")?.Id;
            }
            return false;
        }

        private void Add(Guid businessUnitId, IReadOnlyList<SecurityRole> roles)
        {
            RoleCount += roles.Count;
            if (roles.Any(r => r.IsSystemAdministrator)) Unrestricted = true;
            if (roles.Count > 0) grants.Add(new Grant(businessUnitId, roles));
        }

        private static IReadOnlyList<SecurityRole> RolesOf(MetadataCatalog metadata, IRowReader reader, string table, string principalColumn, Guid principalId)
        {
            var roles = new List<SecurityRole>();
            foreach (var row in reader.Scan(table))
            {
                if (row.GetAttributeValue<Guid>(principalColumn) != principalId) continue;
                var role = metadata.RoleById(row.GetAttributeValue<Guid>("roleid"));
                if (role != null) roles.Add(role);
            }
            return roles;
        }

        private sealed class Grant
        {
            public Grant(Guid businessUnitId, IReadOnlyList<SecurityRole> roles)
            {
                BusinessUnitId = businessUnitId;
                Roles = roles;
            }

            public Guid BusinessUnitId { get; }

            public IReadOnlyList<SecurityRole> Roles { get; }

            public PrivilegeDepth DepthOf(string privilege)
            {
                var deepest = PrivilegeDepth.None;
                foreach (var role in Roles)
                {
                    var depth = role.DepthOf(privilege);
                    if (depth > deepest) deepest = depth;
                }
                return deepest;
            }
        }
    }
}
