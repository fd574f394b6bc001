using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Dataverse.InMemory.Metadata;

namespace Dataverse.WebApi.Model
{
    /// <summary>A table as the Web API exposes it: its entity set, key, properties and single-valued navigation properties.</summary>
    public sealed class TableModel
    {
        internal TableModel(TableMetadata metadata, string entitySetName)
        {
            Metadata = metadata;
            EntitySetName = entitySetName;
        }

        public TableMetadata Metadata { get; }

        public string LogicalName => Metadata.LogicalName;

        public string EntitySetName { get; }

        public string PrimaryIdAttribute => Metadata.PrimaryIdAttribute;

        /// <summary>Columns by the name of their Web API property (a lookup's property is <c>_x_value</c>).</summary>
        internal Dictionary<string, ColumnMetadata> PropertyColumns { get; } = new(StringComparer.Ordinal);

        /// <summary>Lookups by navigation property name: the column and, for a polymorphic lookup, the target the name is for.</summary>
        internal Dictionary<string, (ColumnMetadata Column, string? Target)> Navigations { get; } = new(StringComparer.Ordinal);

        public static bool IsLookup(ColumnMetadata column) =>
            column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

        /// <summary>The Web API property name of a column: <c>_x_value</c> for lookups, the logical name otherwise.</summary>
        public static string PropertyName(ColumnMetadata column) => IsLookup(column) ? "_" + column.LogicalName + "_value" : column.LogicalName;

        /// <summary>Whether a column is exposed as a structural property (party lists and virtual columns are not).</summary>
        internal static bool IsExposed(ColumnMetadata column) => column.Type is not (ColumnType.PartyList or ColumnType.Virtual);
    }

    /// <summary>A request parameter or response property of an operation.</summary>
    public sealed record OperationField(string Name, string Type, string? LogicalEntityName, bool IsOptional);

    /// <summary>
    /// A message the Web API calls as an OData action (POST) or function (GET): a custom API or a platform message.
    /// Types are the custom API field type names (Boolean, DateTime, Decimal, Entity, EntityCollection,
    /// EntityReference, Float, Integer, Money, Picklist, String, StringArray, Guid) plus Binary.
    /// </summary>
    public sealed class OperationModel
    {
        public OperationModel(string name, bool isFunction, string? boundEntity, IReadOnlyList<OperationField> parameters, IReadOnlyList<OperationField> response)
        {
            Name = name;
            IsFunction = isFunction;
            BoundEntity = boundEntity;
            Parameters = parameters;
            Response = response;
        }

        public string Name { get; }

        public bool IsFunction { get; }

        /// <summary>The table an entity-bound operation is bound to (its implicit Target), or null for an unbound one.</summary>
        public string? BoundEntity { get; }

        public IReadOnlyList<OperationField> Parameters { get; }

        public IReadOnlyList<OperationField> Response { get; }
    }

    /// <summary>
    /// Everything the Web API serves, read from the solution builder's metadata.json (tables with entitySetName,
    /// customApis) plus the platform messages it knows (WhoAmI, SendEmail, the solution import messages). <see cref="AddOperation"/> adds more.
    /// </summary>
    public sealed class ServiceModel
    {
        private readonly Dictionary<string, TableModel> bySet = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TableModel> byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, OperationModel> operations = new(StringComparer.Ordinal);
        private Microsoft.OData.Edm.IEdmModel? edm;

        public const string Namespace = "Microsoft.Dynamics.CRM";

        public IEnumerable<TableModel> Tables => byName.Values;

        public IEnumerable<OperationModel> Operations => operations.Values;

        public TableModel? TableBySet(string entitySetName) => bySet.TryGetValue(entitySetName, out var t) ? t : null;

        public TableModel? Table(string logicalName) => byName.TryGetValue(logicalName, out var t) ? t : null;

        public OperationModel? Operation(string name) => operations.TryGetValue(name, out var o) ? o : null;

        /// <summary>The EDM model ($metadata, and what the OData URI parser parses against); built once on first use.</summary>
        public Microsoft.OData.Edm.IEdmModel Edm => edm ??= EdmBuilder.Build(this);

        /// <summary>Adds an operation (a message not in metadata.json). Must happen before the first request.</summary>
        public void AddOperation(OperationModel operation)
        {
            if (edm != null) throw new InvalidOperationException("Operations must be added before the service model is used.");
            operations[operation.Name] = operation;
        }

        /// <summary>Reads metadata.json: the tables (entity sets from entitySetName) and custom APIs.</summary>
        public static ServiceModel FromMetadataJson(string json)
        {
            var model = new ServiceModel();
            foreach (var table in MetadataJsonReader.Read(json)) model.AddTableCore(table, null);
            using var document = JsonDocument.Parse(json);
            foreach (var element in document.RootElement.GetProperty("tables").EnumerateArray())
            {
                var name = element.GetProperty("logicalName").GetString()!;
                if (element.TryGetProperty("entitySetName", out var set) && set.GetString() is { Length: > 0 } setName)
                {
                    model.RenameSet(name, setName);
                }
            }
            if (document.RootElement.TryGetProperty("customApis", out var apis))
            {
                foreach (var api in apis.EnumerateArray()) model.operations[api.GetProperty("uniqueName").GetString()!] = ReadApi(api);
            }
            foreach (var platform in PlatformOperations()) model.operations.TryAdd(platform.Name, platform);
            model.Link();
            return model;
        }

        private static OperationModel ReadApi(JsonElement api)
        {
            var name = api.GetProperty("uniqueName").GetString()!;
            var binding = api.TryGetProperty("bindingType", out var b) ? b.GetString() : "Global";
            string? bound = null;
            if (binding == "Entity")
            {
                bound = api.TryGetProperty("boundEntityLogicalName", out var e) ? e.GetString() : null;
                if (bound == null) throw new FormatException($"metadata.json: the entity-bound custom API '{name}' names no boundEntityLogicalName.");
            }
            else if (binding != "Global")
            {
                throw new FormatException($"metadata.json: the custom API '{name}' has binding type '{binding}', which the Web API host does not support (Global, Entity).");
            }
            return new OperationModel(name, api.TryGetProperty("isFunction", out var f) && f.GetBoolean(), bound,
                Fields(api, "requestParameters"), Fields(api, "responseProperties"));
        }

        private static List<OperationField> Fields(JsonElement api, string name)
        {
            var list = new List<OperationField>();
            if (!api.TryGetProperty(name, out var fields)) return list;
            foreach (var f in fields.EnumerateArray())
            {
                list.Add(new OperationField(
                    f.GetProperty("uniqueName").GetString()!,
                    f.GetProperty("type").GetString()!,
                    f.TryGetProperty("logicalEntityName", out var e) ? e.GetString() : null,
                    f.TryGetProperty("isOptional", out var o) && o.GetBoolean()));
            }
            return list;
        }

        /// <summary>Platform messages the host knows the signature of (Web API reference: WhoAmI function, SendEmail action).</summary>
        private static IEnumerable<OperationModel> PlatformOperations()
        {
            yield return new OperationModel("WhoAmI", true, null, Array.Empty<OperationField>(), new[]
            {
                new OperationField("BusinessUnitId", "Guid", null, false),
                new OperationField("UserId", "Guid", null, false),
                new OperationField("OrganizationId", "Guid", null, false),
            });
            yield return new OperationModel("SendEmail", false, "email", new[]
            {
                new OperationField("IssueSend", "Boolean", null, false),
                new OperationField("TrackingToken", "String", null, true),
            }, new[] { new OperationField("Subject", "String", null, false) });

            // Solution import (Web API reference: ImportSolution, ImportSolutionAsync, AddSolutionComponent and
            // PublishAllXml actions). Parameters the in-memory Dataverse cannot honour (ComponentParameters,
            // SolutionParameters, LayerDesiredOrder …) are left out, so a request that sends them is refused by name.
            OperationField[] import =
            {
                new("OverwriteUnmanagedCustomizations", "Boolean", null, false),
                new("PublishWorkflows", "Boolean", null, false),
                new("CustomizationFile", "Binary", null, false),
                new("ImportJobId", "Guid", null, true),
                new("ConvertToManaged", "Boolean", null, true),
                new("SkipProductUpdateDependencies", "Boolean", null, true),
                new("HoldingSolution", "Boolean", null, true),
            };
            yield return new OperationModel("ImportSolution", false, null, import, Array.Empty<OperationField>());
            yield return new OperationModel("ImportSolutionAsync", false, null, import, new[]
            {
                new OperationField("AsyncOperationId", "Guid", null, false),
                new OperationField("ImportJobKey", "String", null, false),
            });
            yield return new OperationModel("AddSolutionComponent", false, null, new[]
            {
                new OperationField("ComponentId", "Guid", null, false),
                new OperationField("ComponentType", "Integer", null, false),
                new OperationField("SolutionUniqueName", "String", null, false),
                new OperationField("AddRequiredComponents", "Boolean", null, false),
                new OperationField("DoNotIncludeSubcomponents", "Boolean", null, true),
            }, new[] { new OperationField("id", "Guid", null, false) });
            yield return new OperationModel("PublishAllXml", false, null, Array.Empty<OperationField>(), Array.Empty<OperationField>());
        }

        private void AddTableCore(TableMetadata table, string? setName)
        {
            var model = new TableModel(table, setName ?? DefaultSetName(table.LogicalName));
            byName[table.LogicalName] = model;
        }

        private void RenameSet(string logicalName, string setName)
        {
            var old = byName[logicalName];
            byName[logicalName] = new TableModel(old.Metadata, setName);
        }

        private void Link()
        {
            bySet.Clear();
            foreach (var table in byName.Values)
            {
                bySet[table.EntitySetName] = table;
                foreach (var column in table.Metadata.Columns.Where(TableModel.IsExposed))
                {
                    table.PropertyColumns[TableModel.PropertyName(column)] = column;
                    if (!TableModel.IsLookup(column)) continue;
                    var targets = column.Targets.Where(t => byName.ContainsKey(t)).ToList();
                    if (column.Type == ColumnType.Owner)
                    {
                        // ownerid navigates to a principal (a systemuser or a team), typed at run time.
                        table.Navigations[column.LogicalName] = (column, null);
                    }
                    else if (targets.Count > 1)
                    {
                        // Dataverse names the navigation properties of a polymorphic lookup <lookup>_<target>.
                        foreach (var target in targets) table.Navigations[column.LogicalName + "_" + target] = (column, target);
                    }
                    else if (targets.Count == 1)
                    {
                        table.Navigations[column.LogicalName] = (column, targets[0]);
                    }
                }
            }
        }

        /// <summary>The collection name Dataverse gives a table without an explicit entity set name.</summary>
        internal static string DefaultSetName(string logicalName)
        {
            if (logicalName.EndsWith("y", StringComparison.Ordinal) && logicalName.Length > 1 && "aeiou".IndexOf(logicalName[^2]) < 0)
            {
                return logicalName[..^1] + "ies";
            }
            if (logicalName.EndsWith("s", StringComparison.Ordinal) || logicalName.EndsWith("x", StringComparison.Ordinal) ||
                logicalName.EndsWith("ch", StringComparison.Ordinal) || logicalName.EndsWith("sh", StringComparison.Ordinal))
            {
                return logicalName + "es";
            }
            return logicalName + "s";
        }
    }
}
