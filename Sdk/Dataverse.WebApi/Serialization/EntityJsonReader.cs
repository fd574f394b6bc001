using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dataverse.InMemory.Metadata;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;

namespace Dataverse.WebApi.Serialization
{
    /// <summary>
    /// Reads a Web API request body (create, update, operation parameters) into organization service values: columns
    /// by their logical names, single-valued navigation properties bound with <c>nav@odata.bind</c>, and the
    /// <c>&lt;table&gt;_activity_parties</c> collection of an activity as its party-list columns.
    /// </summary>
    internal sealed class EntityJsonReader
    {
        private readonly ServiceModel service;

        public EntityJsonReader(ServiceModel service)
        {
            this.service = service;
        }

        public Entity ReadEntity(TableModel table, JsonElement body, Guid id = default)
        {
            if (body.ValueKind != JsonValueKind.Object) throw WebApiException.BadRequest("The request body must be a JSON object.");
            var entity = new Entity(table.LogicalName, id);
            foreach (var property in body.EnumerateObject())
            {
                var name = property.Name;
                if (name.StartsWith('@')) continue;
                var at = name.IndexOf('@', StringComparison.Ordinal);
                if (at > 0)
                {
                    var annotation = name[(at + 1)..];
                    var target = name[..at];
                    if (annotation != "odata.bind") continue;
                    if (!table.Navigations.TryGetValue(target, out var navigation))
                    {
                        throw new WebApiException(400, 0, $"An undeclared property '{target}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
                    }
                    entity[navigation.Column.LogicalName] = property.Value.ValueKind == JsonValueKind.Null ? null : Bind(property.Value.GetString() ?? "", navigation.Target);
                    continue;
                }
                if (name == table.LogicalName + "_activity_parties" && table.Metadata.IsActivity)
                {
                    ReadParties(table, entity, property.Value);
                    continue;
                }
                if (!table.PropertyColumns.TryGetValue(name, out var column) || TableModel.IsLookup(column))
                {
                    throw new WebApiException(400, 0, $"The property '{name}' does not exist on type '{ServiceModel.Namespace}.{table.LogicalName}'. Make sure to only use property names that are defined by the type.");
                }
                entity[column.LogicalName] = ColumnValue(column, property.Value);
                if (column.LogicalName == table.PrimaryIdAttribute && entity.Id == Guid.Empty && entity[column.LogicalName] is Guid given) entity.Id = given;
            }
            return entity;
        }

        /// <summary>An entity reference from an @odata.bind or @odata.id value: <c>/contacts(guid)</c>, <c>contacts(guid)</c> or an absolute URL.</summary>
        public EntityReference Bind(string value, string? expectedTarget)
        {
            var path = value;
            var api = path.IndexOf("/api/data/", StringComparison.OrdinalIgnoreCase);
            if (api >= 0)
            {
                var afterVersion = path.IndexOf('/', api + "/api/data/".Length);
                path = afterVersion >= 0 ? path[(afterVersion + 1)..] : path;
            }
            path = path.TrimStart('/');
            var open = path.IndexOf('(');
            var close = path.LastIndexOf(')');
            if (open <= 0 || close < open) throw WebApiException.BadRequest($"The reference '{value}' is not an entity URL such as /contacts(00000000-0000-0000-0000-000000000000).");
            var set = path[..open];
            var table = service.TableBySet(set) ?? throw WebApiException.NotFoundSegment(set);
            if (expectedTarget != null && table.LogicalName != expectedTarget)
            {
                throw WebApiException.BadRequest($"The reference '{value}' points to a {table.LogicalName}, but the navigation property expects a {expectedTarget}.");
            }
            var key = path[(open + 1)..close];
            if (!Guid.TryParse(key, out var id)) throw WebApiException.Unsupported($"The key '{key}' is not a GUID; alternate keys in references are not supported.");
            return new EntityReference(table.LogicalName, id);
        }

        private void ReadParties(TableModel table, Entity entity, JsonElement parties)
        {
            if (parties.ValueKind != JsonValueKind.Array) throw WebApiException.BadRequest($"{table.LogicalName}_activity_parties must be an array.");
            var byColumn = new Dictionary<string, EntityCollection>(StringComparer.Ordinal);
            var party = service.Table("activityparty");
            foreach (var item in parties.EnumerateArray())
            {
                var row = new Entity("activityparty");
                int? mask = null;
                foreach (var p in item.EnumerateObject())
                {
                    if (p.Name == "participationtypemask") mask = p.Value.GetInt32();
                    else if (p.Name.StartsWith("partyid_", StringComparison.Ordinal) && p.Name.EndsWith("@odata.bind", StringComparison.Ordinal))
                    {
                        row["partyid"] = Bind(p.Value.GetString() ?? "", p.Name["partyid_".Length..^"@odata.bind".Length]);
                    }
                    else if (p.Name == "addressused") row["addressused"] = p.Value.GetString();
                    else if (!p.Name.StartsWith('@')) throw WebApiException.BadRequest($"The activity party property '{p.Name}' is not supported (partyid_<table>@odata.bind, participationtypemask, addressused).");
                }
                var column = mask switch
                {
                    1 => "from", 2 => "to", 3 => "cc", 4 => "bcc", 5 => "requiredattendees", 6 => "optionalattendees", 7 => "organizer",
                    _ => throw WebApiException.BadRequest($"The participationtypemask {mask} is not supported for {table.LogicalName}_activity_parties."),
                };
                if (table.Metadata.Column(column) == null) throw WebApiException.BadRequest($"The table {table.LogicalName} has no party list for participationtypemask {mask}.");
                if (!byColumn.TryGetValue(column, out var list)) byColumn[column] = list = new EntityCollection { EntityName = party?.LogicalName ?? "activityparty" };
                list.Entities.Add(row);
            }
            foreach (var (column, list) in byColumn) entity[column] = list;
        }

        public static object? ColumnValue(ColumnMetadata column, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Null) return null;
            try
            {
                return column.Type switch
                {
                    ColumnType.String or ColumnType.Memo or ColumnType.EntityName => value.GetString(),
                    ColumnType.Integer => value.GetInt32(),
                    ColumnType.BigInt => value.GetInt64(),
                    ColumnType.Boolean => value.GetBoolean(),
                    ColumnType.DateTime => ParseDate(value.GetString()!),
                    ColumnType.Decimal => Number(value),
                    ColumnType.Money => new Money(Number(value)),
                    ColumnType.Double => value.GetDouble(),
                    ColumnType.Picklist or ColumnType.State or ColumnType.Status => new OptionSetValue(value.GetInt32()),
                    ColumnType.Uniqueidentifier => value.GetGuid(),
                    ColumnType.MultiSelectPicklist => new OptionSetValueCollection((value.GetString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(v => new OptionSetValue(int.Parse(v, CultureInfo.InvariantCulture))).ToList()),
                    _ => throw WebApiException.Unsupported($"Writing the property '{column.LogicalName}' of type {column.Type} is not supported."),
                };
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                throw WebApiException.BadRequest($"Cannot convert the literal '{value.GetRawText()}' to the expected type of the property '{column.LogicalName}' ({column.Type}).");
            }
        }

        private static decimal Number(JsonElement value) =>
            value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDecimal();

        public static DateTime ParseDate(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        /// <summary>A parameter of an operation, from its JSON value, typed by the operation's field type.</summary>
        public object? Parameter(OperationField field, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Null) return null;
            try
            {
                return field.Type switch
                {
                    "Boolean" => value.GetBoolean(),
                    "DateTime" => ParseDate(value.GetString()!),
                    "Decimal" => Number(value),
                    "Money" => new Money(Number(value)),
                    "Float" => value.GetDouble(),
                    "Integer" => value.GetInt32(),
                    "Picklist" => new OptionSetValue(value.GetInt32()),
                    "String" => value.GetString(),
                    "StringArray" => value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                    "Guid" => value.GetGuid(),
                    "Binary" => value.GetBytesFromBase64(),
                    "EntityReference" => Reference(field, value),
                    "Entity" => EntityOf(field.LogicalEntityName, value),
                    "EntityCollection" => new EntityCollection(value.EnumerateArray().Select(v => EntityOf(field.LogicalEntityName, v)).ToList()),
                    _ => throw WebApiException.Unsupported($"The parameter type {field.Type} of '{field.Name}' is not supported."),
                };
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw WebApiException.BadRequest($"The value {value.GetRawText()} is not valid for the parameter '{field.Name}' of type {field.Type}.");
            }
        }

        private EntityReference Reference(OperationField field, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object) throw WebApiException.BadRequest($"The parameter '{field.Name}' must be an entity object with @odata.type and its key.");
            if (value.TryGetProperty("@odata.id", out var odataId)) return Bind(odataId.GetString() ?? "", field.LogicalEntityName);
            var table = TableOf(field.LogicalEntityName, value) ?? throw WebApiException.BadRequest($"The parameter '{field.Name}' needs @odata.type naming its table.");
            if (!value.TryGetProperty(table.PrimaryIdAttribute, out var key))
            {
                throw WebApiException.BadRequest($"The parameter '{field.Name}' has no '{table.PrimaryIdAttribute}' value.");
            }
            return new EntityReference(table.LogicalName, key.GetGuid());
        }

        private Entity EntityOf(string? logicalName, JsonElement value)
        {
            var table = TableOf(logicalName, value) ?? throw WebApiException.BadRequest("An entity parameter needs @odata.type naming its table.");
            var body = value.EnumerateObject().Where(p => p.Name != "@odata.type");
            using var document = JsonDocument.Parse("{" + string.Join(",", body.Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())) + "}");
            return ReadEntity(table, document.RootElement);
        }

        private TableModel? TableOf(string? logicalName, JsonElement value)
        {
            if (value.TryGetProperty("@odata.type", out var type) && type.GetString() is string typeName)
            {
                var name = typeName.TrimStart('#');
                if (name.StartsWith("mscrm.", StringComparison.Ordinal)) name = name["mscrm.".Length..];
                if (name.StartsWith(ServiceModel.Namespace + ".", StringComparison.Ordinal)) name = name[(ServiceModel.Namespace.Length + 1)..];
                return service.Table(name) ?? throw WebApiException.BadRequest($"The type '{typeName}' names no table of this organization.");
            }
            return logicalName != null ? service.Table(logicalName) : null;
        }
    }
}
