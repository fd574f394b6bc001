using System.Collections.Generic;
using System.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The three roles and the override profile. Roles add to the Microsoft sales roles a user already has
    /// (Dataverse privileges are additive), so they hold only CrmAttention's own privileges. The plugins write
    /// decisions and contact columns as the system, so no role needs create rights on the decision log.
    /// </summary>
    public static class SecurityModel
    {
        private const string Policy = "cat_AttentionPolicy";
        private const string Decision = "cat_AttentionDecision";

        public static Role[] Roles() => new[]
        {
            new Role("administrator", "CrmAttention Administrator",
                L("Maintains attention policies and environment variables, reads and purges the decision log.",
                  "Pflegt Aufmerksamkeitsrichtlinien und Umgebungsvariablen, liest und bereinigt das Entscheidungsprotokoll."),
                Table(Policy, Depth.Global, "Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share")
                    .Concat(Table(Decision, Depth.Global, "Read", "Delete", "Append", "AppendTo"))
                    .Concat(EnvironmentVariables(Depth.Global, "Create", "Read", "Write", "Delete", "Append", "AppendTo"))
                    .ToList()),
            new Role("analyst", "CrmAttention Analyst",
                L("Sales ops: reads every policy and every decision for reporting, views, charts and the Attention dashboard.",
                  "Sales Ops: liest alle Richtlinien und Entscheidungen für Berichte, Ansichten, Diagramme und das Dashboard Aufmerksamkeit."),
                Table(Policy, Depth.Global, "Read", "AppendTo")
                    .Concat(Table(Decision, Depth.Global, "Read", "Append"))
                    .Concat(EnvironmentVariables(Depth.Global, "Read"))
                    .ToList()),
            new Role("user", "CrmAttention User",
                L("Sellers: read the policies and the decisions about their own activities.", "Vertrieb: liest die Richtlinien und die Entscheidungen zu den eigenen Aktivitäten."),
                Table(Policy, Depth.Global, "Read", "AppendTo")
                    .Concat(Table(Decision, Depth.Basic, "Read"))
                    .Concat(EnvironmentVariables(Depth.Global, "Read"))
                    .ToList()),
        };

        public static FieldSecurityProfile OverrideProfile() => new FieldSecurityProfile("override", "CrmAttention Override",
            L("May read and set the attention override reason on activities, which lets a blocked touch through. Give it to team leads only.",
              "Darf den Übersteuerungsgrund an Aktivitäten lesen und setzen, der einen blockierten Kontakt zulässt. Nur Teamleitungen zuweisen."),
            new[] { "email", "phonecall", "appointment", "task", "letter" }
                .Select(table => new FieldPermission(table, "cat_overridereason", CanRead: true, CanCreate: true, CanUpdate: true))
                .ToList());

        /// <summary>prv + action + table schema name, as Dataverse names table privileges.</summary>
        private static IEnumerable<RolePrivilege> Table(string schemaName, Depth depth, params string[] actions) =>
            actions.Select(action => new RolePrivilege("prv" + action + schemaName, depth));

        /// <summary>
        /// Client scripts and flows read the global settings. Dataverse has no privileges of its own for
        /// environmentvariablevalue: both the definition and its current value are governed by the eight
        /// …EnvironmentVariableDefinition privileges. Reading needs Read; maintaining a current value means creating,
        /// updating or deleting the value row and linking it to its definition (Append, AppendTo).
        /// </summary>
        private static IEnumerable<RolePrivilege> EnvironmentVariables(Depth depth, params string[] actions) =>
            actions.Select(action => new RolePrivilege("prv" + action + "EnvironmentVariableDefinition", depth));
    }
}
