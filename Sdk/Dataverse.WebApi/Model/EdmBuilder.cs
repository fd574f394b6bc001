using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Metadata;
using Microsoft.OData.Edm;

namespace Dataverse.WebApi.Model
{
    /// <summary>
    /// Builds the EDM model of the service the way Dataverse's CSDL is shaped: namespace Microsoft.Dynamics.CRM,
    /// an abstract crmbaseentity every table derives from, one entity type and set per table keyed by its primary id,
    /// lookups as <c>_x_value</c> Guid properties with single-valued navigation properties, the query functions of
    /// the Dataverse $filter syntax, and every operation as an action or function with a complex response type.
    /// </summary>
    internal static class EdmBuilder
    {
        /// <summary>The Microsoft.Dynamics.CRM query functions usable in $filter, with the shape of their parameters.</summary>
        internal static readonly IReadOnlyDictionary<string, QueryFunctionShape> QueryFunctions = new Dictionary<string, QueryFunctionShape>
        {
            ["In"] = QueryFunctionShape.Values, ["NotIn"] = QueryFunctionShape.Values,
            ["Between"] = QueryFunctionShape.Values, ["NotBetween"] = QueryFunctionShape.Values,
            ["On"] = QueryFunctionShape.Value, ["OnOrAfter"] = QueryFunctionShape.Value, ["OnOrBefore"] = QueryFunctionShape.Value,
            ["NotOn"] = QueryFunctionShape.Value,
            ["LastXDays"] = QueryFunctionShape.Value, ["NextXDays"] = QueryFunctionShape.Value,
            ["LastXHours"] = QueryFunctionShape.Value, ["NextXHours"] = QueryFunctionShape.Value,
            ["LastXWeeks"] = QueryFunctionShape.Value, ["NextXWeeks"] = QueryFunctionShape.Value,
            ["LastXMonths"] = QueryFunctionShape.Value, ["NextXMonths"] = QueryFunctionShape.Value,
            ["LastXYears"] = QueryFunctionShape.Value, ["NextXYears"] = QueryFunctionShape.Value,
            ["OlderThanXDays"] = QueryFunctionShape.Value, ["OlderThanXMonths"] = QueryFunctionShape.Value,
            ["Today"] = QueryFunctionShape.Name, ["Yesterday"] = QueryFunctionShape.Name, ["Tomorrow"] = QueryFunctionShape.Name,
            ["ThisWeek"] = QueryFunctionShape.Name, ["ThisMonth"] = QueryFunctionShape.Name, ["ThisYear"] = QueryFunctionShape.Name,
            ["LastWeek"] = QueryFunctionShape.Name, ["LastMonth"] = QueryFunctionShape.Name, ["LastYear"] = QueryFunctionShape.Name,
            ["NextWeek"] = QueryFunctionShape.Name, ["NextMonth"] = QueryFunctionShape.Name, ["NextYear"] = QueryFunctionShape.Name,
            ["EqualUserId"] = QueryFunctionShape.Name, ["NotEqualUserId"] = QueryFunctionShape.Name,
            ["EqualBusinessId"] = QueryFunctionShape.Name, ["NotEqualBusinessId"] = QueryFunctionShape.Name,
            ["EqualUserOrUserTeams"] = QueryFunctionShape.Name, ["EqualUserTeams"] = QueryFunctionShape.Name,
        };

        public static IEdmModel Build(ServiceModel service)
        {
            var model = new EdmModel();
            var ns = ServiceModel.Namespace;
            var container = new EdmEntityContainer(ns, "System");
            model.AddElement(container);
            var baseType = new EdmEntityType(ns, "crmbaseentity", null, isAbstract: true, isOpen: false);
            model.AddElement(baseType);
            var principal = new EdmEntityType(ns, "principal", baseType, isAbstract: true, isOpen: false);
            model.AddElement(principal);

            var types = new Dictionary<string, EdmEntityType>();
            var sets = new Dictionary<string, EdmEntitySet>();
            foreach (var table in service.Tables.OrderBy(t => t.LogicalName, System.StringComparer.Ordinal))
            {
                var parent = table.LogicalName is "systemuser" or "team" ? principal : baseType;
                var type = new EdmEntityType(ns, table.LogicalName, parent);
                foreach (var (property, column) in table.PropertyColumns.OrderBy(p => p.Key, System.StringComparer.Ordinal))
                {
                    var prop = type.AddStructuralProperty(property, PrimitiveType(column), column.LogicalName == table.PrimaryIdAttribute ? false : true);
                    if (column.LogicalName == table.PrimaryIdAttribute) type.AddKeys(prop);
                }
                if (type.DeclaredKey == null || !type.DeclaredKey.Any())
                {
                    type.AddKeys(type.AddStructuralProperty(table.PrimaryIdAttribute, EdmPrimitiveTypeKind.Guid, false));
                }
                types[table.LogicalName] = type;
                model.AddElement(type);
                sets[table.LogicalName] = container.AddEntitySet(table.EntitySetName, type);
            }
            foreach (var table in service.Tables)
            {
                var type = types[table.LogicalName];
                foreach (var (name, (_, target)) in table.Navigations.OrderBy(n => n.Key, System.StringComparer.Ordinal))
                {
                    IEdmEntityType targetType = target != null && types.TryGetValue(target, out var t) ? t : principal;
                    var nav = type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                    {
                        Name = name,
                        Target = targetType,
                        TargetMultiplicity = EdmMultiplicity.ZeroOrOne,
                    });
                    if (target != null && sets.TryGetValue(target, out var targetSet)) sets[table.LogicalName].AddNavigationTarget(nav, targetSet);
                }
            }

            AddQueryFunctions(model);
            foreach (var operation in service.Operations.OrderBy(o => o.Name, System.StringComparer.Ordinal))
            {
                AddOperation(model, container, operation, types, baseType);
            }
            return model;
        }

        private static void AddQueryFunctions(EdmModel model)
        {
            var ns = ServiceModel.Namespace;
            var boolean = EdmCoreModel.Instance.GetBoolean(false);
            var text = EdmCoreModel.Instance.GetString(false);
            foreach (var (name, shape) in QueryFunctions)
            {
                var function = new EdmFunction(ns, name, boolean, isBound: false, entitySetPathExpression: null, isComposable: false);
                function.AddParameter("PropertyName", text);
                if (shape == QueryFunctionShape.Value)
                {
                    // The X-units functions count whole units; On, OnOrAfter, OnOrBefore, NotOn take a date.
                    var count = name.Contains('X', System.StringComparison.Ordinal);
                    function.AddParameter("PropertyValue", count ? EdmCoreModel.Instance.GetInt32(false) : text);
                }
                if (shape == QueryFunctionShape.Values) function.AddParameter("PropertyValues", EdmCoreModel.GetCollection(text));
                model.AddElement(function);
            }
        }

        private static void AddOperation(EdmModel model, EdmEntityContainer container, OperationModel operation, Dictionary<string, EdmEntityType> types, EdmEntityType baseType)
        {
            var ns = ServiceModel.Namespace;
            IEdmTypeReference? returnType = null;
            if (operation.Response.Count > 0)
            {
                var response = new EdmComplexType(ns, operation.Name + "Response");
                foreach (var field in operation.Response)
                {
                    var fieldType = FieldType(field, types, baseType);
                    if (fieldType.IsEntity() || (fieldType.IsCollection() && fieldType.AsCollection().ElementType().IsEntity()))
                    {
                        response.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                        {
                            Name = field.Name,
                            Target = fieldType.IsCollection() ? (IEdmEntityType)fieldType.AsCollection().ElementType().Definition : (IEdmEntityType)fieldType.Definition,
                            TargetMultiplicity = fieldType.IsCollection() ? EdmMultiplicity.Many : EdmMultiplicity.ZeroOrOne,
                        });
                    }
                    else
                    {
                        response.AddStructuralProperty(field.Name, fieldType);
                    }
                }
                model.AddElement(response);
                returnType = new EdmComplexTypeReference(response, false);
            }
            var bound = operation.BoundEntity != null && types.ContainsKey(operation.BoundEntity);
            EdmOperation edmOperation = operation.IsFunction
                ? new EdmFunction(ns, operation.Name, returnType ?? EdmCoreModel.Instance.GetBoolean(false), bound, null, false)
                : new EdmAction(ns, operation.Name, returnType, bound, null);
            if (bound) edmOperation.AddParameter("entity", new EdmEntityTypeReference(types[operation.BoundEntity!], false));
            foreach (var parameter in operation.Parameters)
            {
                var type = FieldType(parameter, types, baseType);
                if (parameter.IsOptional) edmOperation.AddOptionalParameter(parameter.Name, type);
                else edmOperation.AddParameter(parameter.Name, type);
            }
            model.AddElement(edmOperation);
            if (!bound)
            {
                if (edmOperation is EdmFunction function) container.AddFunctionImport(operation.Name, function);
                else container.AddActionImport(operation.Name, (EdmAction)edmOperation);
            }
        }

        internal static IEdmTypeReference FieldType(OperationField field, Dictionary<string, EdmEntityType> types, EdmEntityType baseType)
        {
            var core = EdmCoreModel.Instance;
            IEdmEntityType Entity() => field.LogicalEntityName != null && types.TryGetValue(field.LogicalEntityName, out var t) ? t : baseType;
            return field.Type switch
            {
                "Boolean" => core.GetBoolean(true),
                "DateTime" => core.GetDateTimeOffset(true),
                "Decimal" or "Money" => core.GetDecimal(true),
                "Float" => core.GetDouble(true),
                "Integer" or "Picklist" => core.GetInt32(true),
                "String" => core.GetString(true),
                "StringArray" => EdmCoreModel.GetCollection(core.GetString(true)),
                "Guid" => core.GetGuid(true),
                "Binary" => core.GetBinary(true),
                "Entity" or "EntityReference" => new EdmEntityTypeReference(Entity(), true),
                "EntityCollection" => EdmCoreModel.GetCollection(new EdmEntityTypeReference(Entity(), true)),
                _ => throw new System.FormatException($"The operation field '{field.Name}' has the type '{field.Type}', which the Web API host does not know."),
            };
        }

        internal static EdmPrimitiveTypeKind PrimitiveType(ColumnMetadata column) => column.Type switch
        {
            ColumnType.BigInt => EdmPrimitiveTypeKind.Int64,
            ColumnType.Boolean => EdmPrimitiveTypeKind.Boolean,
            ColumnType.DateTime => EdmPrimitiveTypeKind.DateTimeOffset,
            ColumnType.Decimal or ColumnType.Money => EdmPrimitiveTypeKind.Decimal,
            ColumnType.Double => EdmPrimitiveTypeKind.Double,
            ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => EdmPrimitiveTypeKind.Int32,
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.Uniqueidentifier => EdmPrimitiveTypeKind.Guid,
            _ => EdmPrimitiveTypeKind.String,
        };
    }

    internal enum QueryFunctionShape
    {
        /// <summary>PropertyName only (Today, EqualUserId).</summary>
        Name,

        /// <summary>PropertyName and PropertyValue (LastXDays, On).</summary>
        Value,

        /// <summary>PropertyName and PropertyValues (In, Between).</summary>
        Values,
    }
}
