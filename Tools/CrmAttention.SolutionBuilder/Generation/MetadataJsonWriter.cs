using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>
    /// Writes Solution/generated/metadata.json (format in CONTRACTS.md): every table the product touches with
    /// every column the product reads or writes, platform columns included, so the in-memory Dataverse can
    /// fault on an unknown column or a wrong type exactly where the real platform would.
    /// </summary>
    public static class MetadataJsonWriter
    {
        public static string Write(SolutionDefinition model)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteStartArray("tables");
                foreach (var table in model.Tables)
                {
                    json.WriteStartObject();
                    json.WriteString("logicalName", table.LogicalName);
                    json.WriteString("primaryIdAttribute", table.PrimaryIdAttribute);
                    // The Web API host names its entity sets with it (EntityMetadata.EntitySetName).
                    if (table.EntitySetName.Length > 0) json.WriteString("entitySetName", table.EntitySetName);
                    // Tables without a name column (activityparty, usersettings, teammembership) leave it out.
                    if (table.PrimaryNameAttribute.Length > 0) json.WriteString("primaryNameAttribute", table.PrimaryNameAttribute);
                    json.WriteString("ownership", table.Ownership.ToString());
                    json.WriteBoolean("isActivity", table.IsActivity);
                    json.WriteNumber("objectTypeCode", table.ObjectTypeCode);
                    json.WriteStartArray("columns");
                    foreach (var column in table.AllColumns) WriteColumn(json, model, column);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                // The one-to-many relationships of the solution's lookups with their delete behavior: the in-memory
                // Dataverse applies it on Delete (Restrict, Cascade, RemoveLink) as the platform does.
                json.WriteStartArray("relationships");
                foreach (var table in model.Tables.Where(t => t.InSolution))
                {
                    foreach (var lookup in table.SolutionColumns.Where(c => c.Type == ColumnType.Lookup))
                    {
                        json.WriteStartObject();
                        json.WriteString("schemaName", Packaging.CustomizationsWriter.RelationshipName(table, lookup));
                        json.WriteString("referencedEntity", lookup.Targets.Single());
                        json.WriteString("referencingEntity", table.LogicalName);
                        json.WriteString("referencingAttribute", lookup.LogicalName);
                        json.WriteString("cascadeDelete", lookup.OnDelete.ToString());
                        json.WriteEndObject();
                    }
                }
                json.WriteEndArray();
                // The custom APIs with their typed request parameters and response properties: the Web API host
                // declares them in $metadata and types the parameters of a call from them.
                json.WriteStartArray("customApis");
                foreach (var api in model.CustomApis)
                {
                    json.WriteStartObject();
                    json.WriteString("uniqueName", api.UniqueName);
                    json.WriteBoolean("isFunction", api.IsFunction);
                    json.WriteString("bindingType", "Global");
                    // The in-memory Dataverse requires it of callers when it enforces security, as the platform does.
                    if (api.ExecutePrivilegeName != null) json.WriteString("executePrivilegeName", api.ExecutePrivilegeName);
                    WriteFields(json, "requestParameters", api.RequestParameters, request: true);
                    WriteFields(json, "responseProperties", api.ResponseProperties, request: false);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                // The security roles with their privileges and depths (Basic, Local, Deep, Global as role XML spells
                // them), under the ids the solution gives them: the in-memory Dataverse enforces them when asked to.
                json.WriteStartArray("roles");
                foreach (var role in model.Roles)
                {
                    json.WriteStartObject();
                    json.WriteString("id", Packaging.Ids.Role(role.Key).ToString("D"));
                    json.WriteString("name", role.Name);
                    json.WriteStartArray("privileges");
                    foreach (var privilege in role.Privileges.OrderBy(p => p.Name, System.StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("name", privilege.Name);
                        json.WriteString("depth", privilege.Depth.ToString());
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        private static void WriteFields(Utf8JsonWriter json, string name, System.Collections.Generic.IEnumerable<CustomApiField> fields, bool request)
        {
            json.WriteStartArray(name);
            foreach (var field in fields)
            {
                json.WriteStartObject();
                json.WriteString("uniqueName", field.UniqueName);
                json.WriteString("type", field.Type.ToString());
                if (field.LogicalEntityName != null) json.WriteString("logicalEntityName", field.LogicalEntityName);
                if (request) json.WriteBoolean("isOptional", field.IsOptional);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        private static void WriteColumn(Utf8JsonWriter json, SolutionDefinition model, Column column)
        {
            json.WriteStartObject();
            json.WriteString("logicalName", column.LogicalName);
            json.WriteString("type", column.Type.ToString());
            if (column.MaxLength is int maxLength) json.WriteNumber("maxLength", maxLength);
            json.WriteString("required", column.Required == RequiredLevel.Recommended ? "None" : column.Required.ToString());
            if (column.Targets.Count > 0)
            {
                json.WriteStartArray("targets");
                foreach (var target in column.Targets) json.WriteStringValue(target);
                json.WriteEndArray();
            }
            var options = column.ChoiceName != null
                ? model.Choice(column.ChoiceName).Options.Select(o => (o.Value(model.Publisher.OptionValuePrefix), o.Label.En)).ToArray()
                : column.LocalOptions.ToArray();
            if (column.Type == ColumnType.Boolean && options.Length == 0) options = new[] { (0, column.FalseLabel?.En ?? "No"), (1, column.TrueLabel?.En ?? "Yes") };
            if (options.Length > 0)
            {
                json.WriteStartArray("options");
                foreach (var (value, label) in options)
                {
                    json.WriteStartObject();
                    json.WriteNumber("value", value);
                    json.WriteString("label", label);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (column.MinValue is decimal min) json.WriteNumber("minValue", min);
            if (column.MaxValue is decimal max) json.WriteNumber("maxValue", max);
            if (column.Precision is int precision) json.WriteNumber("precision", precision);
            json.WriteEndObject();
        }
    }
}
