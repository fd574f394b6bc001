using System;
using System.ServiceModel;
using Dataverse.InMemory.Faults;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// The authorization faults Dataverse answers with (Troubleshoot Dataverse client errors,
    /// learn.microsoft.com/troubleshoot/power-platform/dataverse/user-permissions/client-errors, and the
    /// "no roles are assigned to user" article of the Dynamics troubleshooting docs): the privilege check (no role
    /// grants the privilege at any level), the access check (the privilege is held, but not at a level that reaches
    /// this record) and a principal with no security role at all.
    /// </summary>
    public static class SecurityFaults
    {
        /// <summary>-2147220960 (0x80040220, PrivilegeDenied): "Principal user is missing privilege on OTC for entity".</summary>
        public const int PrivilegeDenied = -2147220960;

        /// <summary>-2147187962 (0x80048306): "Principal with ID … does not have …Access right(s) for record with ID … of entity …".</summary>
        public const int AccessDenied = -2147187962;

        /// <summary>-2147209463 (0x80042F09): "SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user."</summary>
        public const int NoRolesAssigned = -2147209463;

        /// <summary>Whether <paramref name="errorCode"/> is one of the three authorization faults.</summary>
        public static bool IsAuthorizationFault(int errorCode) =>
            errorCode == PrivilegeDenied || errorCode == AccessDenied || errorCode == NoRolesAssigned;

        // The platform's message: "Principal user (Id=…, type=8, roleCount=…, privilegeCount=…, accessMode=…), is missing
        // prvReadincident privilege (Id=…) on OTC=112 for entity 'incident'. context.Caller=…". The principal is whoever
        // lacks the privilege — the caller, or the new owner of a row — and context.Caller the user who sent the request.
        internal static FaultException<OrganizationServiceFault> MissingPrivilege(Principal principal, Guid caller, string privilege, string? table, int? objectTypeCode)
        {
            if (principal.RoleCount == 0) return NoRoles(principal.Id);
            var privilegeId = NameBasedId.For("privilege", privilege);
            if (table == null)
            {
                return DataverseFault.Localized(PrivilegeDenied,
                    "Principal user (Id={0:D}, type={1}, roleCount={2}, privilegeCount={3}, accessMode={4}), is missing {5} privilege (Id={6:D}). context.Caller={7:D}",
                    "Dem Prinzipalbenutzer (Id={0:D}, type={1}, roleCount={2}, privilegeCount={3}, accessMode={4}) fehlt die Berechtigung {5} (Id={6:D}). context.Caller={7:D}",
                    principal.Id, principal.Type, principal.RoleCount, principal.PrivilegeCount, principal.AccessMode, privilege, privilegeId, caller);
            }
            return DataverseFault.Localized(PrivilegeDenied,
                "Principal user (Id={0:D}, type={1}, roleCount={2}, privilegeCount={3}, accessMode={4}), is missing {5} privilege (Id={6:D}) on OTC={7} for entity '{8}'. context.Caller={9:D}",
                "Dem Prinzipalbenutzer (Id={0:D}, type={1}, roleCount={2}, privilegeCount={3}, accessMode={4}) fehlt die Berechtigung {5} (Id={6:D}) für OTC={7} der Entität '{8}'. context.Caller={9:D}",
                principal.Id, principal.Type, principal.RoleCount, principal.PrivilegeCount, principal.AccessMode, privilege, privilegeId, objectTypeCode ?? 0, table, caller);
        }

        internal static FaultException<OrganizationServiceFault> NoAccess(Guid principalId, TableAccess access, string table, Guid recordId) =>
            DataverseFault.Localized(AccessDenied,
                "Principal with ID {0:D} does not have {1}Access right(s) for record with ID {2:D} of entity {3}.",
                "Der Prinzipal mit der ID {0:D} hat keine {1}Access-Rechte für den Datensatz mit der ID {2:D} der Entität {3}.",
                principalId, access, recordId, table);

        internal static FaultException<OrganizationServiceFault> NoRoles(Guid principalId) =>
            DataverseFault.Localized(NoRolesAssigned,
                "SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: {0:D}",
                "SecLib::RetrievePrivilegeForUser fehlgeschlagen – dem Benutzer sind keine Rollen zugewiesen. Returned hr = -2147209463, User: {0:D}",
                principalId);
    }
}
