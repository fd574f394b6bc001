using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Metadata;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// One privilege a principal holds through one of its roles, as RetrieveUserPrivilegeByPrivilegeName and
    /// RetrieveTeamPrivileges return them: the in-memory stand-in for Microsoft.Crm.Sdk.Messages.RolePrivilege (that
    /// type lives in Microsoft.Crm.Sdk.Proxy, which the in-memory Dataverse does not reference). Same property names.
    /// </summary>
    public sealed class RolePrivilege
    {
        public RolePrivilege(PrivilegeDepth depth, Guid privilegeId, Guid businessUnitId, string privilegeName)
        {
            Depth = depth;
            PrivilegeId = privilegeId;
            BusinessUnitId = businessUnitId;
            PrivilegeName = privilegeName;
        }

        public PrivilegeDepth Depth { get; }

        public Guid PrivilegeId { get; }

        public Guid BusinessUnitId { get; }

        public string PrivilegeName { get; }
    }

    /// <summary>
    /// RetrieveUserPrivilegeByPrivilegeName (UserId, PrivilegeName → RolePrivileges): the grants of one privilege a user
    /// holds through its roles and its teams' roles. Empty when the user does not hold it. SYSTEM holds every
    /// privilege at Global. The caller is not checked (the platform requires read access to privileges).
    /// </summary>
    internal sealed class RetrieveUserPrivilegeByPrivilegeNameHandler : MessageHandler
    {
        private readonly MetadataCatalog metadata;

        public RetrieveUserPrivilegeByPrivilegeNameHandler(MetadataCatalog metadata)
        {
            this.metadata = metadata;
        }

        public override string RequestName => "RetrieveUserPrivilegeByPrivilegeName";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            var userId = Optional<Guid>(operation.Input, "UserId") ?? throw DataverseFault.MissingField("UserId");
            var name = operation.Input.TryGetValue("PrivilegeName", out var value) && value is string text && text.Length > 0 ? text : throw DataverseFault.MissingField("PrivilegeName");
            if (operation.Transaction.Get("systemuser", userId) == null) throw DataverseFault.DoesNotExist("systemuser", userId);
            var organization = operation.World.Organization;
            var principal = Principal.OfUser(metadata, operation.Transaction, userId, organization.SystemUserId, organization.RootBusinessUnitId);
            operation.Output["RolePrivileges"] = Grants(principal, name, organization.RootBusinessUnitId);
        }

        public override OrganizationResponse Respond(ParameterCollection output) => PrivilegeResponses.Respond(RequestName, output);

        internal static RolePrivilege[] Grants(Principal principal, string name, Guid rootBusinessUnitId)
        {
            var id = NameBasedId.For("privilege", name);
            if (principal.Unrestricted) return new[] { new RolePrivilege(PrivilegeDepth.Global, id, rootBusinessUnitId, name) };
            return principal.GrantsOf(name).Select(g => new RolePrivilege(g.Depth, id, g.BusinessUnitId, name)).ToArray();
        }
    }

    /// <summary>RetrieveTeamPrivileges (TeamId → RolePrivileges): every privilege the team's roles grant.</summary>
    internal sealed class RetrieveTeamPrivilegesHandler : MessageHandler
    {
        private readonly MetadataCatalog metadata;

        public RetrieveTeamPrivilegesHandler(MetadataCatalog metadata)
        {
            this.metadata = metadata;
        }

        public override string RequestName => "RetrieveTeamPrivileges";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            var teamId = Optional<Guid>(operation.Input, "TeamId") ?? throw DataverseFault.MissingField("TeamId");
            if (operation.Transaction.Get("team", teamId) == null) throw DataverseFault.DoesNotExist("team", teamId);
            var root = operation.World.Organization.RootBusinessUnitId;
            var principal = Principal.OfTeam(metadata, operation.Transaction, teamId, root);
            var names = metadata.Roles.SelectMany(r => r.Privileges.Keys).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            operation.Output["RolePrivileges"] = names.SelectMany(n => RetrieveUserPrivilegeByPrivilegeNameHandler.Grants(principal, n, root)).ToArray();
        }

        public override OrganizationResponse Respond(ParameterCollection output) => PrivilegeResponses.Respond(RequestName, output);
    }

    internal static class PrivilegeResponses
    {
        public static OrganizationResponse Respond(string requestName, ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = requestName };
            foreach (var result in output) response.Results[result.Key] = result.Value;
            return response;
        }
    }
}
