using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dataverse.InMemory.Metadata;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.WebApi.Query
{
    /// <summary>A single-valued $expand: the navigation property, the lookup it follows and the columns to return.</summary>
    internal sealed record ExpandItem(string NavigationName, ColumnMetadata Lookup, string? Target, IReadOnlyList<string>? Columns);

    /// <summary>What $select and $expand ask for: the columns (null: all) and the single-valued expansions.</summary>
    internal sealed record Selection(IReadOnlyList<string>? Columns, IReadOnlyList<ExpandItem> Expands);

    /// <summary>
    /// Turns the OData query options the URI parser bound against the EDM model into a QueryExpression of the
    /// organization service: $select → ColumnSet, $filter → FilterExpression, $orderby → orders, $top → TopCount.
    /// Anything without an exact translation throws a Dataverse-style error naming it.
    /// </summary>
    internal static class QueryTranslator
    {
        public static Selection Selection(TableModel table, SelectExpandClause? clause, ServiceModel service)
        {
            if (clause == null) return new Selection(null, Array.Empty<ExpandItem>());
            List<string>? columns = null;
            var expands = new List<ExpandItem>();
            if (!clause.AllSelected) columns = new List<string>();
            foreach (var item in clause.SelectedItems)
            {
                switch (item)
                {
                    case PathSelectItem path when path.SelectedPath.LastSegment is PropertySegment property:
                        columns?.Add(Column(table, property.Property.Name).LogicalName);
                        break;
                    case PathSelectItem path when path.SelectedPath.LastSegment is NavigationPropertySegment nav:
                        throw WebApiException.Unsupported($"Selecting the navigation property '{nav.NavigationProperty.Name}' in $select is not supported; use $expand.");
                    case ExpandedNavigationSelectItem expand:
                        var navigation = expand.PathToNavigationProperty.LastSegment as NavigationPropertySegment
                            ?? throw WebApiException.Unsupported("$expand supports navigation properties only.");
                        if (!table.Navigations.TryGetValue(navigation.NavigationProperty.Name, out var lookup))
                        {
                            throw WebApiException.Unsupported($"Expanding the collection-valued navigation property '{navigation.NavigationProperty.Name}' is not supported; only single-valued navigation properties can be expanded.");
                        }
                        RefuseNestedOptions(expand);
                        IReadOnlyList<string>? expandColumns = null;
                        var target = lookup.Target != null ? service.Table(lookup.Target) : null;
                        if (expand.SelectAndExpand != null && !expand.SelectAndExpand.AllSelected)
                        {
                            var list = new List<string>();
                            foreach (var nested in expand.SelectAndExpand.SelectedItems)
                            {
                                if (nested is PathSelectItem p && p.SelectedPath.LastSegment is PropertySegment ps)
                                {
                                    list.Add(target != null ? Column(target, ps.Property.Name).LogicalName : ps.Property.Name);
                                }
                                else
                                {
                                    throw WebApiException.Unsupported($"A nested $expand inside $expand={navigation.NavigationProperty.Name} is not supported.");
                                }
                            }
                            expandColumns = list;
                        }
                        expands.Add(new ExpandItem(navigation.NavigationProperty.Name, lookup.Column, lookup.Target, expandColumns));
                        break;
                    case WildcardSelectItem:
                        columns = null;
                        break;
                    default:
                        throw WebApiException.Unsupported($"The $select item '{item}' is not supported.");
                }
            }
            if (columns != null)
            {
                // Dataverse always returns the primary key.
                if (!columns.Contains(table.PrimaryIdAttribute)) columns.Add(table.PrimaryIdAttribute);
                // Expanding a lookup needs its value.
                foreach (var expand in expands.Where(e => !columns.Contains(e.Lookup.LogicalName))) columns.Add(expand.Lookup.LogicalName);
            }
            return new Selection(columns, expands);
        }

        private static void RefuseNestedOptions(ExpandedNavigationSelectItem expand)
        {
            string? option = expand.FilterOption != null ? "$filter" : expand.OrderByOption != null ? "$orderby" : expand.TopOption != null ? "$top"
                : expand.SkipOption != null ? "$skip" : expand.CountOption != null ? "$count" : expand.SearchOption != null ? "$search"
                : expand.LevelsOption != null ? "$levels" : expand.ComputeOption != null ? "$compute" : expand.ApplyOption != null ? "$apply" : null;
            if (option != null) throw WebApiException.Unsupported($"The query option {option} inside a single-valued $expand is not supported.");
        }

        public static ColumnMetadata Column(TableModel table, string property) =>
            table.PropertyColumns.TryGetValue(property, out var column)
                ? column
                : throw new WebApiException(400, 0, $"Could not find a property named '{property}' on type '{ServiceModel.Namespace}.{table.LogicalName}'.");

        public static FilterExpression Filter(TableModel table, FilterClause clause)
        {
            var root = new FilterExpression(LogicalOperator.And);
            Add(root, table, clause.Expression, negate: false);
            return root;
        }

        public static IEnumerable<OrderExpression> Orders(TableModel table, OrderByClause? clause)
        {
            for (var c = clause; c != null; c = c.ThenBy)
            {
                var property = PropertyOf(c.Expression) ?? throw WebApiException.Unsupported("$orderby supports properties of the entity only.");
                yield return new OrderExpression(Column(table, property).LogicalName, c.Direction == OrderByDirection.Descending ? OrderType.Descending : OrderType.Ascending);
            }
        }

        private static void Add(FilterExpression into, TableModel table, QueryNode node, bool negate)
        {
            switch (node)
            {
                case ConvertNode convert:
                    Add(into, table, convert.Source, negate);
                    return;
                case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                    Add(into, table, not.Operand, !negate);
                    return;
                case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                    // not (a and b) = not a or not b: the negation moves inward (De Morgan).
                    var isAnd = logical.OperatorKind == BinaryOperatorKind.And ^ negate;
                    var group = new FilterExpression(isAnd ? LogicalOperator.And : LogicalOperator.Or);
                    Add(group, table, logical.Left, negate);
                    Add(group, table, logical.Right, negate);
                    into.AddFilter(group);
                    return;
                case BinaryOperatorNode comparison:
                    into.AddCondition(Comparison(table, comparison, negate));
                    return;
                case SingleValueFunctionCallNode function:
                    into.AddCondition(Function(table, function, negate));
                    return;
                case SingleValuePropertyAccessNode property when property.TypeReference.IsBoolean():
                    into.AddCondition(new ConditionExpression(Column(table, property.Property.Name).LogicalName, ConditionOperator.Equal, !negate));
                    return;
                default:
                    throw WebApiException.Unsupported($"The $filter expression of kind {node.Kind} is not supported.");
            }
        }

        private static ConditionExpression Comparison(TableModel table, BinaryOperatorNode node, bool negate)
        {
            var left = PropertyOf(node.Left);
            var right = PropertyOf(node.Right);
            var kind = node.OperatorKind;
            QueryNode valueNode;
            if (left != null && right != null) throw WebApiException.Unsupported("Comparing two properties in $filter is not supported.");
            if (left != null)
            {
                valueNode = node.Right;
            }
            else if (right != null)
            {
                left = right;
                valueNode = node.Left;
                kind = kind switch
                {
                    BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                    BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                    _ => kind,
                };
            }
            else
            {
                throw WebApiException.Unsupported("A $filter comparison needs a property of the entity on one side.");
            }
            var column = Column(table, left);
            var value = Constant(valueNode);
            if (value == null)
            {
                var isNull = kind switch
                {
                    BinaryOperatorKind.Equal => true,
                    BinaryOperatorKind.NotEqual => false,
                    _ => throw WebApiException.Unsupported($"The operator {kind} with null in $filter is not supported."),
                };
                return new ConditionExpression(column.LogicalName, isNull ^ negate ? ConditionOperator.Null : ConditionOperator.NotNull);
            }
            var op = kind switch
            {
                BinaryOperatorKind.Equal => ConditionOperator.Equal,
                BinaryOperatorKind.NotEqual => ConditionOperator.NotEqual,
                BinaryOperatorKind.GreaterThan => ConditionOperator.GreaterThan,
                BinaryOperatorKind.GreaterThanOrEqual => ConditionOperator.GreaterEqual,
                BinaryOperatorKind.LessThan => ConditionOperator.LessThan,
                BinaryOperatorKind.LessThanOrEqual => ConditionOperator.LessEqual,
                _ => throw WebApiException.Unsupported($"The $filter operator {kind} is not supported."),
            };
            if (negate) op = Negate(op);
            return new ConditionExpression(column.LogicalName, op, ColumnValue(column, value));
        }

        private static ConditionExpression Function(TableModel table, SingleValueFunctionCallNode node, bool negate)
        {
            var parameters = node.Parameters.ToList();
            var name = node.Name;
            if (name is "contains" or "startswith" or "endswith")
            {
                var property = parameters.Count == 2 ? PropertyOf(parameters[0]) : null;
                var text = parameters.Count == 2 ? Constant(parameters[1]) as string : null;
                if (property == null || text == null) throw WebApiException.Unsupported($"{name} in $filter needs a property and a text constant.");
                var column = Column(table, property);
                var escaped = EscapeLike(text);
                var pattern = name switch { "contains" => "%" + escaped + "%", "startswith" => escaped + "%", _ => "%" + escaped };
                return new ConditionExpression(column.LogicalName, negate ? ConditionOperator.NotLike : ConditionOperator.Like, pattern);
            }
            var shortName = name.StartsWith(ServiceModel.Namespace + ".", StringComparison.Ordinal) ? name[(ServiceModel.Namespace.Length + 1)..] : name;
            if (!EdmBuilder.QueryFunctions.TryGetValue(shortName, out var shape) || !Enum.TryParse<ConditionOperator>(shortName, out var op))
            {
                throw WebApiException.Unsupported($"The function '{name}' in $filter is not supported.");
            }
            if (negate) op = Negate(op);
            var named = node.Parameters.OfType<NamedFunctionParameterNode>().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            if (!named.TryGetValue("PropertyName", out var propertyNode) || Constant(propertyNode) is not string propertyName)
            {
                throw WebApiException.BadRequest($"The query function {name} needs PropertyName.");
            }
            var target = Column(table, propertyName);
            switch (shape)
            {
                case QueryFunctionShape.Name:
                    return new ConditionExpression(target.LogicalName, op);
                case QueryFunctionShape.Value:
                    var value = named.TryGetValue("PropertyValue", out var v) ? Constant(v) : null;
                    if (value == null) throw WebApiException.BadRequest($"The query function {name} needs PropertyValue.");
                    return new ConditionExpression(target.LogicalName, op, op.ToString().Contains('X', StringComparison.Ordinal) ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : ColumnValue(target, value));
                default:
                    var list = named.TryGetValue("PropertyValues", out var values) ? Collection(values) : null;
                    if (list == null || list.Count == 0) throw WebApiException.BadRequest($"The query function {name} needs PropertyValues.");
                    return new ConditionExpression(target.LogicalName, op, list.Select(v => ColumnValue(target, v)).ToArray());
            }
        }

        private static List<object?>? Collection(QueryNode node) => node switch
        {
            ConvertNode convert => Collection(convert.Source),
            CollectionConstantNode collection => collection.Collection.Select(c => (object?)c.Value).ToList(),
            ConstantNode { Value: Microsoft.OData.ODataCollectionValue collection } => collection.Items.Select(i => (object?)i).ToList(),
            _ => null,
        };

        private static ConditionOperator Negate(ConditionOperator op) => op switch
        {
            ConditionOperator.Equal => ConditionOperator.NotEqual,
            ConditionOperator.NotEqual => ConditionOperator.Equal,
            ConditionOperator.GreaterThan => ConditionOperator.LessEqual,
            ConditionOperator.LessEqual => ConditionOperator.GreaterThan,
            ConditionOperator.LessThan => ConditionOperator.GreaterEqual,
            ConditionOperator.GreaterEqual => ConditionOperator.LessThan,
            ConditionOperator.In => ConditionOperator.NotIn,
            ConditionOperator.NotIn => ConditionOperator.In,
            ConditionOperator.Between => ConditionOperator.NotBetween,
            ConditionOperator.NotBetween => ConditionOperator.Between,
            ConditionOperator.On => ConditionOperator.NotOn,
            ConditionOperator.NotOn => ConditionOperator.On,
            ConditionOperator.EqualUserId => ConditionOperator.NotEqualUserId,
            ConditionOperator.NotEqualUserId => ConditionOperator.EqualUserId,
            ConditionOperator.EqualBusinessId => ConditionOperator.NotEqualBusinessId,
            ConditionOperator.NotEqualBusinessId => ConditionOperator.EqualBusinessId,
            _ => throw WebApiException.Unsupported($"'not' in front of {op} in $filter is not supported."),
        };

        private static string EscapeLike(string text) =>
            text.Replace("[", "[[]", StringComparison.Ordinal).Replace("%", "[%]", StringComparison.Ordinal).Replace("_", "[_]", StringComparison.Ordinal);

        private static string? PropertyOf(QueryNode node) => node switch
        {
            ConvertNode convert => PropertyOf(convert.Source),
            SingleValuePropertyAccessNode property => property.Property.Name,
            _ => null,
        };

        private static object? Constant(QueryNode node) => node switch
        {
            ConvertNode convert => Constant(convert.Source),
            ConstantNode constant => constant.Value is Microsoft.OData.ODataEnumValue e ? e.Value : constant.Value,
            _ => throw WebApiException.Unsupported($"Only constants can be compared in $filter, not a {node.Kind}."),
        };

        /// <summary>The organization service value for an OData literal compared with <paramref name="column"/>.</summary>
        internal static object ColumnValue(ColumnMetadata column, object? value)
        {
            try
            {
                return column.Type switch
                {
                    ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.Uniqueidentifier =>
                        value is Guid g ? g : Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                    ColumnType.DateTime => value switch
                    {
                        DateTimeOffset dto => dto.UtcDateTime,
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        _ => DateTime.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    },
                    ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                    ColumnType.BigInt => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                    ColumnType.Decimal or ColumnType.Money => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                    ColumnType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    ColumnType.Boolean => value is bool b ? b : Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0,
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
            }
            catch (FormatException)
            {
                throw WebApiException.BadRequest($"The value '{value}' is not valid for the property '{TableModel.PropertyName(column)}' of type {column.Type}.");
            }
            catch (InvalidCastException)
            {
                throw WebApiException.BadRequest($"The value '{value}' is not valid for the property '{TableModel.PropertyName(column)}' of type {column.Type}.");
            }
        }
    }
}
