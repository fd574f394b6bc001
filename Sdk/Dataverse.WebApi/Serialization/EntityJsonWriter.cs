using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dataverse.InMemory.Metadata;
using Dataverse.WebApi.Model;
using Microsoft.Xrm.Sdk;

namespace Dataverse.WebApi.Serialization
{
    /// <summary>
    /// Writes organization service entities as Dataverse Web API JSON: lookups as <c>_x_value</c> with their
    /// annotations, choices as numbers, money as numbers, date/times as ISO 8601 UTC, every selected column present
    /// (null when empty), the row version as <c>@odata.etag</c>, and the formatted values in the caller's locale
    /// when the request asked for them.
    /// </summary>
    internal sealed class EntityJsonWriter
    {
        private readonly ServiceModel service;
        private readonly AnnotationFilter annotations;
        private readonly CultureInfo culture;
        private readonly Dictionary<string, ColumnPlan[]> plans = new(StringComparer.Ordinal);

        private readonly Func<EntityReference, string?>? nameOf;

        /// <param name="nameOf">Names a lookup the organization service returned without a name (grouped FetchXML lookups).</param>
        public EntityJsonWriter(ServiceModel service, AnnotationFilter annotations, int languageCode, Func<EntityReference, string?>? nameOf = null)
        {
            this.nameOf = nameOf;
            this.service = service;
            this.annotations = annotations;
            culture = CultureInfo.GetCultureInfo(languageCode == 1031 ? "de-DE" : "en-US");
        }

        private sealed record ColumnPlan(string Column, ColumnMetadata? Metadata, JsonEncodedText Property, JsonEncodedText Formatted,
            JsonEncodedText LookupName, JsonEncodedText Navigation, string? NavigationName, bool Polymorphic);

        /// <summary>Writes one entity object; <paramref name="columns"/> null writes every column of the table.</summary>
        public void WriteEntity(Utf8JsonWriter json, TableModel? table, Entity entity, IReadOnlyList<string>? columns, bool writeType = false,
            IReadOnlyDictionary<string, Entity?>? expanded = null, Func<string, TableModel?>? expandedTable = null, Func<string, IReadOnlyList<string>?>? expandedColumns = null, string? contextUrl = null)
        {
            json.WriteStartObject();
            if (contextUrl != null) json.WriteString("@odata.context", contextUrl);
            if (writeType) json.WriteString("@odata.type", "#" + ServiceModel.Namespace + "." + entity.LogicalName);
            if (entity.Attributes.TryGetValue("versionnumber", out var version) && version != null)
            {
                json.WriteString(ETagProperty, "W/\"" + Convert.ToString(version, CultureInfo.InvariantCulture) + "\"");
            }
            if (table == null)
            {
                WriteLoose(json, entity);
            }
            else
            {
                foreach (var plan in Plan(table, columns))
                {
                    entity.Attributes.TryGetValue(plan.Column, out var value);
                    WriteValue(json, plan, value, entity);
                }
            }
            if (expanded != null)
            {
                foreach (var (navigation, related) in expanded)
                {
                    json.WritePropertyName(navigation);
                    if (related == null) json.WriteNullValue();
                    else WriteEntity(json, expandedTable!(related.LogicalName), related, expandedColumns!(navigation), writeType: true);
                }
            }
            json.WriteEndObject();
        }

        private static readonly JsonEncodedText ETagProperty = JsonEncodedText.Encode("@odata.etag");

        private ColumnPlan[] Plan(TableModel table, IReadOnlyList<string>? columns)
        {
            var key = table.LogicalName + "|" + (columns == null ? "*" : string.Join(",", columns));
            if (plans.TryGetValue(key, out var plan)) return plan;
            var names = columns ?? table.PropertyColumns.Values.Select(c => c.LogicalName).ToList();
            plan = names.Select(name =>
            {
                var column = table.Metadata.Column(name);
                var property = column != null ? TableModel.PropertyName(column) : name;
                var navigations = column != null && TableModel.IsLookup(column)
                    ? table.Navigations.Where(n => n.Value.Column == column).Select(n => n.Key).ToList()
                    : new List<string>();
                return new ColumnPlan(name, column, JsonEncodedText.Encode(property),
                    JsonEncodedText.Encode(property + "@" + AnnotationFilter.FormattedValue),
                    JsonEncodedText.Encode(property + "@" + AnnotationFilter.LookupLogicalName),
                    JsonEncodedText.Encode(property + "@" + AnnotationFilter.AssociatedNavigationProperty),
                    navigations.FirstOrDefault(), navigations.Count > 1);
            }).ToArray();
            plans[key] = plan;
            return plan;
        }

        private void WriteValue(Utf8JsonWriter json, ColumnPlan plan, object? value, Entity entity)
        {
            if (value is AliasedValue aliased) value = aliased.Value;
            switch (value)
            {
                case null:
                    json.WriteNull(plan.Property);
                    return;
                case EntityReference reference:
                    if (annotations.IncludeFormattedValue && (reference.Name ?? nameOf?.Invoke(reference)) is string name) json.WriteString(plan.Formatted, name);
                    if (annotations.IncludeAssociatedNavigationProperty)
                    {
                        // A polymorphic lookup names the navigation property of the target it points to (parentcustomerid_account).
                        var nav = plan.Polymorphic ? plan.Column + "_" + reference.LogicalName : plan.NavigationName ?? plan.Column;
                        json.WriteString(plan.Navigation, nav);
                    }
                    if (annotations.IncludeLookupLogicalName) json.WriteString(plan.LookupName, reference.LogicalName);
                    json.WriteString(plan.Property, reference.Id);
                    return;
            }
            if (annotations.IncludeFormattedValue)
            {
                var formatted = entity.FormattedValues.TryGetValue(plan.Column, out var f) ? f : Format(plan.Metadata, value);
                if (formatted != null) json.WriteString(plan.Formatted, formatted);
            }
            json.WritePropertyName(plan.Property);
            WritePrimitive(json, value);
        }

        /// <summary>
        /// A FetchXML row: the table's own columns as for any query (lookups as _x_value), and aliased or
        /// link-entity values under their alias (a dot becomes _x002e_, as Dataverse writes it).
        /// </summary>
        public void WriteFetchRow(Utf8JsonWriter json, TableModel table, Entity entity)
        {
            json.WriteStartObject();
            if (entity.Attributes.TryGetValue("versionnumber", out var version) && version != null && version is not AliasedValue)
            {
                json.WriteString(ETagProperty, "W/\"" + Convert.ToString(version, CultureInfo.InvariantCulture) + "\"");
            }
            var own = entity.Attributes.Where(a => a.Value is not AliasedValue && table.Metadata.Column(a.Key) != null).Select(a => a.Key).ToList();
            foreach (var plan in Plan(table, own))
            {
                WriteValue(json, plan, entity[plan.Column], entity);
            }
            var loose = new Entity(entity.LogicalName);
            foreach (var a in entity.Attributes.Where(a => a.Value is AliasedValue || table.Metadata.Column(a.Key) == null)) loose[a.Key] = a.Value;
            foreach (var f in entity.FormattedValues) loose.FormattedValues[f.Key] = f.Value;
            WriteLoose(json, loose);
            json.WriteEndObject();
        }

        /// <summary>Rows without table metadata (FetchXML aggregates and link-entity columns): every attribute as it came.</summary>
        private void WriteLoose(Utf8JsonWriter json, Entity entity)
        {
            foreach (var (key, raw) in entity.Attributes)
            {
                var name = key.Replace(".", "_x002e_", StringComparison.Ordinal);
                var value = raw is AliasedValue aliased ? aliased.Value : raw;
                if (value is EntityReference reference)
                {
                    if (annotations.IncludeFormattedValue && (reference.Name ?? nameOf?.Invoke(reference)) is string text) json.WriteString(name + "@" + AnnotationFilter.FormattedValue, text);
                    if (annotations.IncludeLookupLogicalName) json.WriteString(name + "@" + AnnotationFilter.LookupLogicalName, reference.LogicalName);
                    json.WriteString(name, reference.Id);
                    continue;
                }
                if (annotations.IncludeFormattedValue && value != null)
                {
                    var formatted = entity.FormattedValues.TryGetValue(key, out var f) ? f : Format(null, value);
                    if (formatted != null) json.WriteString(name + "@" + AnnotationFilter.FormattedValue, formatted);
                }
                json.WritePropertyName(name);
                WritePrimitive(json, value);
            }
        }

        public static void WritePrimitive(Utf8JsonWriter json, object? value)
        {
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case bool b: json.WriteBooleanValue(b); break;
                case int i: json.WriteNumberValue(i); break;
                case long l: json.WriteNumberValue(l); break;
                case decimal d: json.WriteNumberValue(d); break;
                case double d: json.WriteNumberValue(d); break;
                case float f: json.WriteNumberValue(f); break;
                case Guid g: json.WriteStringValue(g); break;
                case DateTime dt: json.WriteStringValue(ToUtc(dt).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
                case Money m: json.WriteNumberValue(m.Value); break;
                case OptionSetValue o: json.WriteNumberValue(o.Value); break;
                case OptionSetValueCollection c: json.WriteStringValue(string.Join(",", c.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)))); break;
                case EntityReference r: json.WriteStringValue(r.Id); break;
                case byte[] bytes: json.WriteBase64StringValue(bytes); break;
                default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        /// <summary>A formatted value as Dataverse gives it for columns the organization service left unformatted.</summary>
        private string? Format(ColumnMetadata? column, object value) => value switch
        {
            bool b => column?.Options.FirstOrDefault(o => o.Value == (b ? 1 : 0))?.Label ?? (b ? "Yes" : "No"),
            int i => column?.Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status
                ? column.Options.FirstOrDefault(o => o.Value == i)?.Label
                : i.ToString("N0", culture),
            long l => l.ToString("N0", culture),
            decimal d => d.ToString("N" + (column?.Precision ?? 2).ToString(CultureInfo.InvariantCulture), culture),
            double d => d.ToString("N" + (column?.Precision ?? 2).ToString(CultureInfo.InvariantCulture), culture),
            Money m => m.Value.ToString("C", culture),
            DateTime dt => ToUtc(dt).ToString(culture.DateTimeFormat.ShortDatePattern + " " + culture.DateTimeFormat.ShortTimePattern, culture),
            _ => null,
        };
    }
}
