using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// Which table privilege names exist. Dataverse names a table's privileges prv + action + the table's schema name
    /// (prvReadcat_AttentionPolicy, prvWriteEnvironmentVariableDefinition); a role that names any other privilege does
    /// not import. Some real tables have no privileges of their own and are governed by another table's: every
    /// activity table by Activity, environmentvariablevalue by EnvironmentVariableDefinition.
    /// </summary>
    public static class Privileges
    {
        /// <summary>The eight table privileges; Assign and Share exist only for user- or team-owned tables.</summary>
        public static readonly IReadOnlyList<string> Actions = new[] { "Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share" };

        private static readonly string[] OwnerActions = { "Assign", "Share" };

        /// <summary>Platform tables roles may name that the model does not list, with their ownership.</summary>
        private static readonly Dictionary<string, Ownership> KnownPlatformTables = new Dictionary<string, Ownership>(StringComparer.Ordinal)
        {
            ["EnvironmentVariableDefinition"] = Ownership.UserOwned,
        };

        /// <summary>Real tables whose access another table's privileges govern (schema name → the governing schema name).</summary>
        private static readonly Dictionary<string, string> GovernedBy = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EnvironmentVariableValue"] = "EnvironmentVariableDefinition",
            ["ActivityParty"] = "Activity",
            ["ActivityPointer"] = "Activity",
        };

        /// <summary>Every table privilege a role of this model may hold: its own tables, Microsoft's tables it lists, and known platform tables.</summary>
        public static IReadOnlyDictionary<string, string> Valid(SolutionDefinition model)
        {
            var owners = new Dictionary<string, Ownership>(StringComparer.Ordinal) { ["Activity"] = Ownership.UserOwned };
            foreach (var (name, ownership) in KnownPlatformTables) owners[name] = ownership;
            foreach (var table in model.Tables.Where(t => !t.IsActivity && !GovernedBy.ContainsKey(t.SchemaName))) owners[table.SchemaName] = table.Ownership;
            var valid = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (table, ownership) in owners)
                foreach (var action in Actions.Where(a => ownership == Ownership.UserOwned || !OwnerActions.Contains(a)))
                    valid["prv" + action + table] = table;
            return valid;
        }

        /// <summary>Null when the role may hold the privilege; otherwise why not, naming the privilege to use instead where there is one.</summary>
        public static string? Problem(SolutionDefinition model, IReadOnlyDictionary<string, string> valid, string roleName, string privilege)
        {
            if (valid.ContainsKey(privilege)) return null;
            var action = Actions.OrderByDescending(a => a.Length).FirstOrDefault(a => privilege.StartsWith("prv" + a, StringComparison.Ordinal));
            var table = action == null ? null : privilege.Substring(3 + action.Length);
            var governing = table == null ? null
                : GovernedBy.TryGetValue(table, out var g) ? g
                : model.Tables.FirstOrDefault(t => t.IsActivity && t.SchemaName == table) != null ? "Activity"
                : null;
            if (governing != null)
                return $"Role {roleName} holds {privilege}, which Dataverse does not have: {table} has no privileges of its own, {governing}'s govern it (use prv{action}{governing}).";
            if (table != null && valid.Values.Contains(table))
                return $"Role {roleName} holds {privilege}, which Dataverse does not have: {table} is organization-owned, so it has no {action} privilege.";
            return $"Role {roleName} holds {privilege}, which is not derived from a real table: a table privilege is prv + one of {string.Join(", ", Actions)} + the schema name of a table of this solution or a known platform table ({string.Join(", ", valid.Values.Distinct().OrderBy(v => v, StringComparer.Ordinal))}).";
        }
    }
}
