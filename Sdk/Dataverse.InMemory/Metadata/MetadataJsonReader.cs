using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// Reads the solution builder's metadata.json:
    /// <c>{"tables":[{"logicalName","primaryIdAttribute","primaryNameAttribute","ownership","isActivity","objectTypeCode",
    /// "columns":[{"logicalName","type","maxLength","required","targets","options":[{"value","label"}],"minValue","maxValue","precision"}]}]}</c>.
    /// A malformed file throws <see cref="FormatException"/> naming the table and column, so a broken generator
    /// output fails the test run instead of making tables silently lenient.
    /// </summary>
    public static class MetadataJsonReader
    {
        public static IReadOnlyList<TableMetadata> Read(string json)
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("tables", out var tablesElement) || tablesElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("metadata.json: the root object has no \"tables\" array.");
            }
            var tables = new List<TableMetadata>();
            foreach (var element in tablesElement.EnumerateArray()) tables.Add(ReadTable(element));
            return tables;
        }

        private static TableMetadata ReadTable(JsonElement element)
        {
            var logicalName = RequiredString(element, "logicalName", "table");
            var table = new TableMetadata(logicalName, RequiredString(element, "primaryIdAttribute", logicalName))
            {
                PrimaryNameAttribute = OptionalString(element, "primaryNameAttribute"),
                Ownership = OptionalString(element, "ownership") switch
                {
                    null or "UserOwned" => TableOwnership.UserOwned,
                    "OrganizationOwned" => TableOwnership.OrganizationOwned,
                    var other => throw new FormatException($"metadata.json: table '{logicalName}' has unknown ownership '{other}'."),
                },
                IsActivity = element.TryGetProperty("isActivity", out var isActivity) && isActivity.ValueKind == JsonValueKind.True,
                ObjectTypeCode = element.TryGetProperty("objectTypeCode", out var otc) && otc.ValueKind == JsonValueKind.Number ? otc.GetInt32() : null,
            };
            if (element.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array)
            {
                foreach (var column in columns.EnumerateArray()) table.AddColumn(ReadColumn(logicalName, column));
            }
            return table;
        }

        private static ColumnMetadata ReadColumn(string table, JsonElement element)
        {
            var name = RequiredString(element, "logicalName", table + " column");
            var typeName = RequiredString(element, "type", table + "." + name);
            if (!Enum.TryParse<ColumnType>(typeName, ignoreCase: false, out var type))
            {
                throw new FormatException($"metadata.json: column '{table}.{name}' has unknown type '{typeName}'.");
            }
            return new ColumnMetadata(name, type)
            {
                MaxLength = OptionalInt(element, "maxLength"),
                Required = OptionalString(element, "required") switch
                {
                    null or "None" => RequiredLevel.None,
                    "Recommended" => RequiredLevel.Recommended,
                    "ApplicationRequired" => RequiredLevel.ApplicationRequired,
                    "SystemRequired" => RequiredLevel.SystemRequired,
                    var other => throw new FormatException($"metadata.json: column '{table}.{name}' has unknown required level '{other}'."),
                },
                Targets = ReadStrings(element, "targets"),
                Options = ReadOptions(table, name, element),
                MinValue = OptionalDecimal(element, "minValue"),
                MaxValue = OptionalDecimal(element, "maxValue"),
                Precision = OptionalInt(element, "precision"),
            };
        }

        private static IReadOnlyList<OptionMetadata> ReadOptions(string table, string column, JsonElement element)
        {
            if (!element.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array) return Array.Empty<OptionMetadata>();
            var result = new List<OptionMetadata>();
            foreach (var option in options.EnumerateArray())
            {
                if (!option.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
                {
                    throw new FormatException($"metadata.json: an option of '{table}.{column}' has no numeric value.");
                }
                result.Add(new OptionMetadata(value.GetInt32(), OptionalString(option, "label") ?? value.GetInt32().ToString(CultureInfo.InvariantCulture)));
            }
            return result;
        }

        private static IReadOnlyList<string> ReadStrings(JsonElement element, string property)
        {
            if (!element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array) return Array.Empty<string>();
            var result = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
            }
            return result;
        }

        private static string RequiredString(JsonElement element, string property, string owner) =>
            OptionalString(element, property) ?? throw new FormatException($"metadata.json: {owner} has no \"{property}\".");

        private static string? OptionalString(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int? OptionalInt(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

        private static decimal? OptionalDecimal(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : null;
    }
}
