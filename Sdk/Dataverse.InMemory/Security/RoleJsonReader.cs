using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// Reads the security parts of the solution builder's metadata.json: the roles,
    /// <c>"roles":[{"id","name","privileges":[{"name","depth"}]}]</c> (depth Basic, Local, Deep or Global, as role XML
    /// spells the user, business unit, parent:child business unit and organization levels), and the custom APIs'
    /// <c>"executePrivilegeName"</c>. A malformed entry throws <see cref="FormatException"/> naming it.
    /// </summary>
    public static class RoleJsonReader
    {
        /// <summary>The "roles" section; empty when the file has none.</summary>
        public static IReadOnlyList<SecurityRole> ReadRoles(string json)
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("roles", out var rolesElement)) return Array.Empty<SecurityRole>();
            if (rolesElement.ValueKind != JsonValueKind.Array) throw new FormatException("metadata.json: \"roles\" is not an array.");
            var roles = new List<SecurityRole>();
            foreach (var element in rolesElement.EnumerateArray())
            {
                var name = RequiredString(element, "name", "a role");
                var idText = RequiredString(element, "id", $"role '{name}'");
                if (!Guid.TryParse(idText, out var id)) throw new FormatException($"metadata.json: role '{name}' has the id '{idText}', which is not a GUID.");
                var role = new SecurityRole(name, id);
                if (!element.TryGetProperty("privileges", out var privileges) || privileges.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"metadata.json: role '{name}' has no \"privileges\" array.");
                }
                foreach (var privilege in privileges.EnumerateArray())
                {
                    var privilegeName = RequiredString(privilege, "name", $"a privilege of role '{name}'");
                    var depthName = RequiredString(privilege, "depth", $"privilege '{privilegeName}' of role '{name}'");
                    if (!Enum.TryParse<PrivilegeDepth>(depthName, ignoreCase: false, out var depth) || depth == PrivilegeDepth.None || !Enum.IsDefined(depth))
                    {
                        throw new FormatException($"metadata.json: privilege '{privilegeName}' of role '{name}' has the unknown depth '{depthName}' (Basic, Local, Deep or Global).");
                    }
                    role.Grant(privilegeName, depth);
                }
                roles.Add(role);
            }
            return roles;
        }

        /// <summary>The custom APIs' execute privileges by unique name; APIs without one are left out.</summary>
        public static IReadOnlyDictionary<string, string> ReadExecutePrivileges(string json)
        {
            using var document = JsonDocument.Parse(json);
            var privileges = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!document.RootElement.TryGetProperty("customApis", out var apis) || apis.ValueKind != JsonValueKind.Array) return privileges;
            foreach (var api in apis.EnumerateArray())
            {
                if (!api.TryGetProperty("executePrivilegeName", out var privilege)) continue;
                var name = RequiredString(api, "uniqueName", "a custom API");
                if (privilege.ValueKind != JsonValueKind.String || privilege.GetString() is not { Length: > 0 } value)
                {
                    throw new FormatException($"metadata.json: custom API '{name}' has an executePrivilegeName that is not a non-empty string.");
                }
                privileges[name] = value;
            }
            return privileges;
        }

        private static string RequiredString(JsonElement element, string property, string what)
        {
            if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) return text;
            throw new FormatException($"metadata.json: {what} has no \"{property}\".");
        }
    }
}
