using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dataverse.InMemory.Security;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// The tables, relationships, security roles and custom API execute privileges the organization knows. Optional:
    /// without metadata every table is lenient. Tables listed here are strict (unknown columns and wrongly typed values
    /// fault). Every organization has the System Administrator role; others come from code or metadata.json.
    /// </summary>
    public sealed class MetadataCatalog
    {
        private readonly ConcurrentDictionary<string, TableMetadata> tables = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, RelationshipMetadata> relationships = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SecurityRole> rolesByName = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<Guid, SecurityRole> rolesById = new();
        private readonly ConcurrentDictionary<string, string> executePrivileges = new(StringComparer.OrdinalIgnoreCase);

        public MetadataCatalog()
        {
            AddRole(SecurityRole.SystemAdministrator());
        }

        public IEnumerable<TableMetadata> Tables => tables.Values;

        public IEnumerable<RelationshipMetadata> Relationships => relationships.Values;

        /// <summary>Adds or replaces a table's metadata; from now on the table is strict.</summary>
        public TableMetadata AddTable(TableMetadata table)
        {
            tables[table.LogicalName] = table ?? throw new ArgumentNullException(nameof(table));
            return table;
        }

        /// <summary>The table's metadata, or null when the table is lenient.</summary>
        public TableMetadata? Table(string logicalName) => tables.TryGetValue(logicalName, out var t) ? t : null;

        public void AddRelationship(RelationshipMetadata relationship) =>
            relationships[relationship.SchemaName] = relationship ?? throw new ArgumentNullException(nameof(relationship));

        public RelationshipMetadata? Relationship(string schemaName) =>
            relationships.TryGetValue(schemaName, out var r) ? r : null;

        public IEnumerable<SecurityRole> Roles => rolesByName.Values;

        /// <summary>Adds or replaces a role definition (matched by name, case-insensitively, as role names are unique).</summary>
        public SecurityRole AddRole(SecurityRole role)
        {
            if (role == null) throw new ArgumentNullException(nameof(role));
            if (rolesByName.TryGetValue(role.Name, out var previous)) rolesById.TryRemove(previous.Id, out _);
            rolesByName[role.Name] = role;
            rolesById[role.Id] = role;
            return role;
        }

        public SecurityRole? Role(string name) => rolesByName.TryGetValue(name, out var role) ? role : null;

        public SecurityRole? RoleById(Guid id) => rolesById.TryGetValue(id, out var role) ? role : null;

        /// <summary>Sets the privilege a caller needs to run a custom API (customapi.executeprivilegename).</summary>
        public void SetExecutePrivilege(string customApiName, string privilegeName)
        {
            if (string.IsNullOrWhiteSpace(customApiName)) throw new ArgumentException("Name the custom API.", nameof(customApiName));
            if (string.IsNullOrWhiteSpace(privilegeName) || !privilegeName.StartsWith("prv", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{privilegeName}' is not a privilege name; privilege names start with 'prv'.", nameof(privilegeName));
            }
            executePrivileges[customApiName] = privilegeName;
        }

        /// <summary>The privilege a caller needs to run the custom API, or null when it needs none.</summary>
        public string? ExecutePrivilegeOf(string customApiName) => executePrivileges.TryGetValue(customApiName, out var privilege) ? privilege : null;

        /// <summary>Loads the metadata.json the solution builder generates (format in CONTRACTS.md): tables, relationships, roles, execute privileges.</summary>
        public void LoadJson(string json)
        {
            foreach (var table in MetadataJsonReader.Read(json)) AddTable(table);
            foreach (var relationship in RelationshipJsonReader.Read(json)) AddRelationship(relationship);
            foreach (var role in RoleJsonReader.ReadRoles(json)) AddRole(role);
            foreach (var (api, privilege) in RoleJsonReader.ReadExecutePrivileges(json).Select(p => (p.Key, p.Value))) SetExecutePrivilege(api, privilege);
        }

        /// <summary>Loads a metadata.json file.</summary>
        public void LoadFile(string path) => LoadJson(File.ReadAllText(path));
    }
}
