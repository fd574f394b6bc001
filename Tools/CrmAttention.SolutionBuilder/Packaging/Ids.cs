using System;
using CrmAttention.Plugins.Registration;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// Every id the solution carries, derived from a readable name with the same RFC 4122 v5 scheme the plugin
    /// assembly uses for steps. Renaming a key changes the id (a new component); nothing else does, so a
    /// re-import updates the existing component instead of adding a second one.
    /// </summary>
    public static class Ids
    {
        public static Guid Of(string kind, params string[] parts) =>
            DeterministicId.Create(DeterministicId.Namespace, kind + "|" + string.Join("|", parts));

        public static Guid Form(string table, string key) => Of("form", table, key);

        public static Guid FormPart(string table, string form, string part) => Of("formpart", table, form, part);

        public static Guid View(string table, string key) => Of("view", table, key);

        public static Guid Chart(string table, string key) => Of("chart", table, key);

        public static Guid Dashboard(string key) => Of("dashboard", key);

        public static Guid Role(string key) => Of("role", key);

        public static Guid FieldSecurityProfile(string key) => Of("fieldsecurityprofile", key);

        public static Guid FieldPermission(string profile, string table, string column) => Of("fieldpermission", profile, table, column);

        public static Guid WebResource(string name) => Of("webresource", name);

        public static Guid PluginAssembly(string name) => Of("pluginassembly", name);

        public static Guid PluginType(string fullName) => Of("plugintype", fullName);

        public static Guid Step(string pluginTypeFullName, string message, string? primaryEntity, int stage) =>
            DeterministicId.ForStep(pluginTypeFullName, message, primaryEntity, stage);

        public static Guid Image(Guid stepId, string alias) => DeterministicId.ForImage(stepId, alias);

        /// <summary>Braced lower-case, as exports write form, view and role ids: {3f2504e0-…}.</summary>
        public static string Braced(Guid id) => "{" + id.ToString("D") + "}";

        /// <summary>Upper-case without braces, as exports write ids inside file names.</summary>
        public static string Upper(Guid id) => id.ToString("D").ToUpperInvariant();
    }
}
