using System.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>
    /// Writes Plugins/CrmAttention.Plugins/Generated/LogicalNames.g.cs: one static class per table with its
    /// logical names, the choice values, the custom API names and the environment variable names. The file
    /// compiles for net462 and net10.0 (const strings and ints only), uses "\n" line endings and no timestamp,
    /// so it is byte-stable.
    /// </summary>
    public static class CSharpConstantsWriter
    {
        public static string Write(SolutionDefinition model)
        {
            var w = new CodeWriter();
            foreach (var header in GeneratedFiles.Header) w.Line(header);
            w.Line("namespace CrmAttention.Model");
            w.Open();
            var first = true;
            foreach (var table in model.Tables)
            {
                if (!first) w.Line();
                first = false;
                w.Summary(table.DisplayName != null ? $"{table.DisplayName.En} ({table.LogicalName})." : $"The platform table {table.LogicalName}.");
                w.Line($"public static class {table.ConstantsName}");
                w.Open();
                w.Line($"public const string EntityLogicalName = \"{table.LogicalName}\";");
                w.Line($"public const string EntitySetName = \"{table.EntitySetName}\";");
                w.Line($"public const string PrimaryIdAttribute = \"{table.PrimaryIdAttribute}\";");
                if (table.PrimaryNameAttribute.Length > 0) w.Line($"public const string PrimaryNameAttribute = \"{table.PrimaryNameAttribute}\";");
                if (!table.IsCustom) w.Line($"public const int ObjectTypeCode = {table.ObjectTypeCode};");
                w.Line();
                w.Line("public static class Fields");
                w.Open();
                foreach (var column in table.AllColumns.OrderBy(c => c.IsPlatform ? 0 : 1).ThenBy(c => c.ConstantName, System.StringComparer.Ordinal))
                {
                    if (column.Description != null) w.Summary(column.Description.En);
                    w.Line($"public const string {column.ConstantName} = \"{column.LogicalName}\";");
                }
                w.Close();
                var lookups = table.SolutionColumns.Where(c => c.Type == ColumnType.Lookup).ToList();
                if (lookups.Count > 0)
                {
                    w.Line();
                    w.Summary("Web API navigation properties of the lookups this solution adds (the schema name; use with @odata.bind).");
                    w.Line("public static class Navigation");
                    w.Open();
                    foreach (var column in lookups) w.Line($"public const string {column.ConstantName} = \"{column.SchemaName}\";");
                    w.Close();
                }
                w.Close();
            }

            w.Line();
            w.Summary($"Choice values as Dataverse stores them: {model.Publisher.OptionValuePrefix} × 10000 + the engine's code.");
            w.Line("public static class Choices");
            w.Open();
            w.Line($"public const int OptionValueBase = {model.Publisher.OptionValuePrefix * 10000};");
            foreach (var choice in model.Choices)
            {
                w.Line();
                w.Summary($"{choice.DisplayName.En} ({choice.Name}).");
                w.Line($"public static class {choice.ConstantsName}");
                w.Open();
                w.Line($"public const string OptionSetName = \"{choice.Name}\";");
                foreach (var option in choice.Options) w.Line($"public const int {option.Name} = {option.Value(model.Publisher.OptionValuePrefix)};");
                w.Close();
            }
            w.Close();

            w.Line();
            w.Summary("Custom APIs: unique names of the messages, request parameters and response properties.");
            w.Line("public static class CustomApis");
            w.Open();
            var firstApi = true;
            foreach (var api in model.CustomApis)
            {
                if (!firstApi) w.Line();
                firstApi = false;
                w.Summary(api.Description.En);
                w.Line($"public static class {api.ConstantsName}");
                w.Open();
                w.Line($"public const string MessageName = \"{api.UniqueName}\";");
                w.Line($"public const string PluginTypeName = \"{api.PluginTypeName}\";");
                w.Line();
                w.Line("public static class Request");
                w.Open();
                foreach (var p in api.RequestParameters) w.Line($"public const string {p.ConstantName} = \"{p.UniqueName}\";");
                w.Close();
                w.Line();
                w.Line("public static class Response");
                w.Open();
                foreach (var p in api.ResponseProperties) w.Line($"public const string {p.ConstantName} = \"{p.UniqueName}\";");
                w.Close();
                w.Close();
            }
            w.Close();

            w.Line();
            w.Summary("Schema names of the environment variable definitions (global settings).");
            w.Line("public static class EnvironmentVariables");
            w.Open();
            foreach (var v in model.EnvironmentVariables)
            {
                w.Summary($"{v.Description.En} Default: {v.DefaultValue}.");
                w.Line($"public const string {v.ConstantName} = \"{v.SchemaName}\";");
            }
            w.Close();
            w.Close();
            return w.ToString();
        }
    }
}
