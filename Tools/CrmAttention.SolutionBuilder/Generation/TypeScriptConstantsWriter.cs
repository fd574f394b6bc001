using System.Linq;
using System.Text;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>
    /// Writes WebResources/src/generated/logicalNames.g.ts: the same names as the C# constants, as frozen object
    /// literals (<c>as const</c>) so TypeScript infers literal types. Same shape as C# (Contact.Fields.CatScore)
    /// so a name found in one language is found in the other.
    /// </summary>
    public static class TypeScriptConstantsWriter
    {
        public static string Write(SolutionDefinition model)
        {
            var s = new StringBuilder();
            void Line(string text = "") => s.Append(text).Append('\n');
            foreach (var header in GeneratedFiles.Header) Line(header);
            foreach (var table in model.Tables)
            {
                Line();
                Line(table.DisplayName != null ? $"/** {table.DisplayName.En} ({table.LogicalName}). */" : $"/** The platform table {table.LogicalName}. */");
                Line($"export const {table.ConstantsName} = {{");
                Line($"  EntityLogicalName: \"{table.LogicalName}\",");
                Line($"  EntitySetName: \"{table.EntitySetName}\",");
                Line($"  PrimaryIdAttribute: \"{table.PrimaryIdAttribute}\",");
                if (table.PrimaryNameAttribute.Length > 0) Line($"  PrimaryNameAttribute: \"{table.PrimaryNameAttribute}\",");
                Line("  Fields: {");
                foreach (var column in table.AllColumns.OrderBy(c => c.IsPlatform ? 0 : 1).ThenBy(c => c.ConstantName, System.StringComparer.Ordinal))
                    Line($"    {column.ConstantName}: \"{column.LogicalName}\",");
                Line("  },");
                var lookups = table.SolutionColumns.Where(c => c.Type == ColumnType.Lookup).ToList();
                if (lookups.Count > 0)
                {
                    Line("  /** Web API navigation properties (use with @odata.bind); read the id as _<logicalname>_value. */");
                    Line("  Navigation: {");
                    foreach (var column in lookups) Line($"    {column.ConstantName}: \"{column.SchemaName}\",");
                    Line("  },");
                }
                Line("} as const;");
            }

            Line();
            Line($"/** Choice values as Dataverse stores them: {model.Publisher.OptionValuePrefix} × 10000 + the engine's code. */");
            Line("export const Choices = {");
            Line($"  OptionValueBase: {model.Publisher.OptionValuePrefix * 10000},");
            foreach (var choice in model.Choices)
            {
                Line($"  {choice.ConstantsName}: {{");
                Line($"    OptionSetName: \"{choice.Name}\",");
                foreach (var option in choice.Options) Line($"    {option.Name}: {option.Value(model.Publisher.OptionValuePrefix)},");
                Line("  },");
            }
            Line("} as const;");

            Line();
            Line("/** Custom APIs: message names, request parameters and response properties. */");
            Line("export const CustomApis = {");
            foreach (var api in model.CustomApis)
            {
                Line($"  {api.ConstantsName}: {{");
                Line($"    MessageName: \"{api.UniqueName}\",");
                Line("    Request: {");
                foreach (var p in api.RequestParameters) Line($"      {p.ConstantName}: \"{p.UniqueName}\",");
                Line("    },");
                Line("    Response: {");
                foreach (var p in api.ResponseProperties) Line($"      {p.ConstantName}: \"{p.UniqueName}\",");
                Line("    },");
                Line("  },");
            }
            Line("} as const;");

            Line();
            Line("/** Schema names of the environment variable definitions (global settings). */");
            Line("export const EnvironmentVariables = {");
            foreach (var v in model.EnvironmentVariables) Line($"  {v.ConstantName}: \"{v.SchemaName}\",");
            Line("} as const;");
            return s.ToString();
        }
    }
}
