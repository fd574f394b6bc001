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
        private readonly string dateTimeFormat;
        private readonly Dictionary<string, ColumnPlan[]> plans = new(StringComparer.Ordinal);
        // The plan of the last (table, column list) written: a page writes every row with the same list.
        private (TableModel Table, IReadOnlyList<string>? Columns, ColumnPlan[] Plan)? lastPlan;

        private readonly Func<EntityReference, string?>? nameOf;
        // One name per referenced record and answer: a page of 5,000 rows points at a few hundred owners and accounts.
        private readonly Dictionary<(string, Guid), string?> names = new();

        /// <param name="nameOf">Names a lookup the organization service returned without a name (rows of RetrieveMultiple, grouped FetchXML lookups).</param>
        public EntityJsonWriter(ServiceModel service, AnnotationFilter annotations, int languageCode, Func<EntityReference, string?>? nameOf = null)
        {
            this.nameOf = nameOf;
            this.service = service;
            this.annotations = annotations;
            culture = CultureInfo.GetCultureInfo(languageCode == 1031 ? "de-DE" : "en-US");
            dateTimeFormat = culture.DateTimeFormat.ShortDatePattern + " " + culture.DateTimeFormat.ShortTimePattern;
        }

        /// <summary>
        /// How one column is written, worked out once per answer: its JSON property names (encoded once), its
        /// navigation property, and the labels of its choices for the formatted value.
        /// </summary>
        private sealed record ColumnPlan(string Column, ColumnMetadata? Metadata, JsonEncodedText Property, JsonEncodedText Formatted,
            JsonEncodedText LookupName, JsonEncodedText Navigation, string? NavigationName, bool Polymorphic, IReadOnlyDictionary<int, string> Labels)
        {
            // A polymorphic lookup names the navigation property of the target it points to (parentcustomerid_account).
            private readonly Dictionary<string, string> navigationByTarget = new(StringComparer.Ordinal);

            public string NavigationFor(string target)
            {
                if (!Polymorphic) return NavigationName ?? Column;
                if (!navigationByTarget.TryGetValue(target, out var name)) navigationByTarget[target] = name = Column + "_" + target;
                return name;
            }
        }

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
            if (lastPlan is { } last && ReferenceEquals(last.Table, table) && ReferenceEquals(last.Columns, columns)) return last.Plan;
            var key = table.LogicalName + "|" + (columns == null ? "*" : string.Join(",", columns));
            if (!plans.TryGetValue(key, out var plan)) plans[key] = plan = NewPlan(table, columns);
            lastPlan = (table, columns, plan);
            return plan;
        }

        private static ColumnPlan[] NewPlan(TableModel table, IReadOnlyList<string>? columns)
        {
            var names = columns ?? table.PropertyColumns.Values.Select(c => c.LogicalName).ToList();
            return names.Select(name =>
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
                    navigations.FirstOrDefault(), navigations.Count > 1, Labels(column));
            }).ToArray();
        }

        private static IReadOnlyDictionary<int, string> Labels(ColumnMetadata? column)
        {
            var labels = new Dictionary<int, string>();
            if (column == null) return labels;
            foreach (var option in column.Options) labels.TryAdd(option.Value, option.Label);
            return labels;
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
                    if (annotations.IncludeFormattedValue && NameOf(reference) is string name) json.WriteString(plan.Formatted, name);
                    if (annotations.IncludeAssociatedNavigationProperty) json.WriteString(plan.Navigation, plan.NavigationFor(reference.LogicalName));
                    if (annotations.IncludeLookupLogicalName) json.WriteString(plan.LookupName, reference.LogicalName);
                    json.WriteString(plan.Property, reference.Id);
                    return;
            }
            if (annotations.IncludeFormattedValue)
            {
                var formatted = entity.FormattedValues.TryGetValue(plan.Column, out var f) ? f : Format(plan, value);
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
                    if (annotations.IncludeFormattedValue && NameOf(reference) is string text) json.WriteString(name + "@" + AnnotationFilter.FormattedValue, text);
                    if (annotations.IncludeLookupLogicalName) json.WriteString(name + "@" + AnnotationFilter.LookupLogicalName, reference.LogicalName);
                    json.WriteString(name, reference.Id);
                    continue;
                }
                if (annotations.IncludeFormattedValue && value != null)
                {
                    var formatted = entity.FormattedValues.TryGetValue(key, out var f) ? f : Format(null, null, value);
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
                case DateTime dt: WriteDateTime(json, dt); break;
                case Money m: json.WriteNumberValue(m.Value); break;
                case OptionSetValue o: json.WriteNumberValue(o.Value); break;
                case OptionSetValueCollection c: json.WriteStringValue(string.Join(",", c.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)))); break;
                case EntityReference r: json.WriteStringValue(r.Id); break;
                case byte[] bytes: json.WriteBase64StringValue(bytes); break;
                default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        // Written straight into the output as UTF-8, without a string per cell: a page of 5,000 rows has tens of thousands.
        private static void WriteDateTime(Utf8JsonWriter json, DateTime value)
        {
            Span<byte> utf8 = stackalloc byte[32];
            if (!ToUtc(value).TryFormat(utf8, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A date and time did not fit its ISO 8601 form.");
            }
            json.WriteStringValue(utf8[..written]);
        }

        private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        private string? NameOf(EntityReference reference)
        {
            if (reference.Name != null || nameOf == null) return reference.Name;
            var key = (reference.LogicalName, reference.Id);
            if (!names.TryGetValue(key, out var name)) names[key] = name = nameOf(reference);
            return name;
        }

        private static readonly string[] NumberFormats = Enumerable.Range(0, 11).Select(p => "N" + p.ToString(CultureInfo.InvariantCulture)).ToArray();

        private static string NumberFormat(int precision) =>
            precision >= 0 && precision < NumberFormats.Length ? NumberFormats[precision] : "N" + precision.ToString(CultureInfo.InvariantCulture);

        private string? Format(ColumnPlan plan, object value) => Format(plan.Metadata, plan.Labels, value);

        /// <summary>A formatted value as Dataverse gives it for columns the organization service left unformatted.</summary>
        private string? Format(ColumnMetadata? column, IReadOnlyDictionary<int, string>? labels, object value) => value switch
        {
            bool b => (labels != null && labels.TryGetValue(b ? 1 : 0, out var yesNo) ? yesNo : null) ?? (b ? "Yes" : "No"),
            int i => column?.Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status
                ? (labels != null && labels.TryGetValue(i, out var label) ? label : null)
                : i.ToString("N0", culture),
            long l => l.ToString("N0", culture),
            decimal d => d.ToString(NumberFormat(column?.Precision ?? 2), culture),
            double d => d.ToString(NumberFormat(column?.Precision ?? 2), culture),
            Money m => m.Value.ToString("C", culture),
            DateTime dt => ToUtc(dt).ToString(dateTimeFormat, culture),
            _ => null,
        };
    }
}
