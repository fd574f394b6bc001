using System;
using System.Collections.Generic;
using System.Linq;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// How far a privilege reaches (the access level of a role privilege): the principal's own rows and its teams'
    /// rows (Basic), its business unit (Local), its business unit and the ones below it (Deep), the organization
    /// (Global). Organization-owned tables only know None and Global.
    /// </summary>
    public enum PrivilegeDepth
    {
        None = 0,
        Basic = 1,
        Local = 2,
        Deep = 3,
        Global = 4,
    }

    /// <summary>The eight table privileges a security role grants per table.</summary>
    public enum TableAccess
    {
        Create,
        Read,
        Write,
        Delete,
        Append,
        AppendTo,
        Assign,
        Share,
    }

    /// <summary>
    /// A security role: privileges by name (<c>prvReadcontact</c>, <c>prvActOnBehalfOfAnotherUser</c> …), each at an
    /// access level. Privilege names compare case-insensitively, as a table privilege is "prv" + access + the table's
    /// schema name and the logical name is the schema name in lower case. Roles are additive: a user holds the
    /// deepest level any of its roles (and its teams' roles) grants.
    /// </summary>
    public sealed class SecurityRole
    {
        /// <summary>The name of the built-in role that passes every privilege and access check.</summary>
        public const string SystemAdministratorName = "System Administrator";

        private readonly Dictionary<string, PrivilegeDepth> privileges = new(StringComparer.OrdinalIgnoreCase);

        public SecurityRole(string name, Guid? id = null)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A security role needs a name.", nameof(name));
            Name = name;
            Id = id ?? NameBasedId.For("role", name);
        }

        /// <summary>roleid. Roles loaded from metadata.json keep the solution's id; others get a name-based id.</summary>
        public Guid Id { get; }

        public string Name { get; }

        /// <summary>True for System Administrator: every privilege at Global, every record.</summary>
        public bool IsSystemAdministrator { get; init; }

        public IReadOnlyDictionary<string, PrivilegeDepth> Privileges => privileges;

        /// <summary>The System Administrator role, which every organization has.</summary>
        public static SecurityRole SystemAdministrator() => new(SystemAdministratorName) { IsSystemAdministrator = true };

        /// <summary>Grants a privilege by name (a table privilege or a miscellaneous one such as prvActOnBehalfOfAnotherUser).</summary>
        public SecurityRole Grant(string privilegeName, PrivilegeDepth depth)
        {
            if (string.IsNullOrWhiteSpace(privilegeName) || !privilegeName.StartsWith("prv", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{privilegeName}' is not a privilege name; privilege names start with 'prv'.", nameof(privilegeName));
            }
            if (depth == PrivilegeDepth.None) privileges.Remove(privilegeName);
            else privileges[privilegeName] = depth;
            return this;
        }

        /// <summary>Grants table privileges on <paramref name="logicalName"/> (named as Dataverse names them, see <see cref="PrivilegeNames"/>).</summary>
        public SecurityRole Grant(string logicalName, PrivilegeDepth depth, params TableAccess[] accesses)
        {
            if (accesses.Length == 0) throw new ArgumentException("Name at least one table privilege (Create, Read, Write …).", nameof(accesses));
            foreach (var access in accesses) Grant(PrivilegeNames.For(access, logicalName), depth);
            return this;
        }

        /// <summary>The level this role grants <paramref name="privilegeName"/> at; Global for System Administrator.</summary>
        public PrivilegeDepth DepthOf(string privilegeName) =>
            IsSystemAdministrator ? PrivilegeDepth.Global : privileges.TryGetValue(privilegeName, out var depth) ? depth : PrivilegeDepth.None;

        public override string ToString() => $"{Name} ({privileges.Count} privileges)";

        internal IEnumerable<string> PrivilegeNamesGranted => privileges.Keys.OrderBy(p => p, StringComparer.OrdinalIgnoreCase);
    }
}
