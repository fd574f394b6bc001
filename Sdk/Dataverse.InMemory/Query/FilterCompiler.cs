using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Operators;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>A compiled filter over a joined row (one Entity per table slot, null for an unmatched outer link).</summary>
    internal delegate bool RowPredicate(Entity?[] row);

    /// <summary>
    /// Compiles FilterExpression trees into delegates once per query. And/Or over conditions that are false for
    /// NULL (SQL's UNKNOWN) gives the same rows as SQL's three-valued logic, because filters have no NOT.
    /// An empty filter is dropped, as the platform drops it when it builds SQL.
    /// </summary>
    internal sealed class FilterCompiler
    {
        private readonly QueryPlan plan;
        private readonly QueryContext context;

        public FilterCompiler(QueryPlan plan, QueryContext context)
        {
            this.plan = plan;
            this.context = context;
        }

        /// <summary>Compiles a table's filter; null when it has no conditions. Collects the table slots it reads.</summary>
        public RowPredicate? Compile(FilterExpression? filter, TableNode owner, ISet<int> slots)
        {
            if (filter == null)
            {
                return null;
            }

            var parts = new List<RowPredicate>();
            foreach (var condition in filter.Conditions)
            {
                parts.Add(CompileCondition(condition, owner, slots));
            }

            foreach (var child in filter.Filters)
            {
                var compiled = Compile(child, owner, slots);
                if (compiled != null)
                {
                    parts.Add(compiled);
                }
            }

            if (parts.Count == 0)
            {
                return null;
            }

            if (parts.Count == 1)
            {
                return parts[0];
            }

            var all = parts.ToArray();
            if (filter.FilterOperator == LogicalOperator.Or)
            {
                return row =>
                {
                    foreach (var part in all)
                    {
                        if (part(row))
                        {
                            return true;
                        }
                    }

                    return false;
                };
            }

            if (all.Length == 2)
            {
                var (a, b) = (all[0], all[1]);
                return row => a(row) && b(row);
            }

            if (all.Length == 3)
            {
                var (a, b, c) = (all[0], all[1], all[2]);
                return row => a(row) && b(row) && c(row);
            }

            return row =>
            {
                foreach (var part in all)
                {
                    if (!part(row))
                    {
                        return false;
                    }
                }

                return true;
            };
        }

        private RowPredicate CompileCondition(ConditionExpression condition, TableNode owner, ISet<int> slots)
        {
            if (string.IsNullOrEmpty(condition.AttributeName))
            {
                throw QueryFaults.Invalid(context, "A condition does not name an attribute.", "Eine Bedingung nennt kein Attribut.");
            }

            var table = string.IsNullOrEmpty(condition.EntityName) ? owner : ResolveTable(condition.EntityName);
            slots.Add(table.Slot);
            var values = condition.Values.Cast<object?>().ToList();
            var test = ConditionCompiler.Compile(context, table.LogicalName, condition.AttributeName, condition.Operator, values);
            var slot = table.Slot;
            var column = condition.AttributeName;
            var primaryId = table.PrimaryId;
            return row => test(RowValues.Get(row[slot], column, primaryId));
        }

        /// <summary>The test of one condition on its column's value, as the compiled filter applies it.</summary>
        public ValueTest CompileTest(ConditionExpression condition, TableNode owner) =>
            ConditionCompiler.Compile(context, owner.LogicalName, condition.AttributeName, condition.Operator, condition.Values.Cast<object?>().ToList());

        /// <summary>Finds a table by link alias (or, for the root or an unaliased link, by table name).</summary>
        public TableNode ResolveTable(string name)
        {
            var byAlias = plan.Tables.FirstOrDefault(t => t.Alias != null && string.Equals(t.Alias, name, StringComparison.OrdinalIgnoreCase));
            if (byAlias != null)
            {
                return byAlias;
            }

            var byName = plan.Tables.Where(t => string.Equals(t.LogicalName, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (byName.Count == 1)
            {
                return byName[0];
            }

            // In a self-join the table name alone means the query's own table; links are named by their alias.
            if (byName.Count > 1 && byName[0] == plan.Root)
            {
                return plan.Root;
            }

            throw QueryFaults.Fault(context, QueryFaults.QueryBuilderNoAttribute,
                "The query refers to the table alias '{0}', which no entity or link-entity of the query has.",
                "Die Abfrage verweist auf den Tabellenalias '{0}', den keine Entität oder Verknüpfung der Abfrage hat.", name);
        }
    }

    /// <summary>Reads column values of stored rows without copying them.</summary>
    internal static class RowValues
    {
        /// <summary>
        /// The stored value, or null when absent. The primary key is always readable, from the column or
        /// from Entity.Id when a row keeps its id only there.
        /// </summary>
        public static object? Get(Entity? row, string column, string primaryId)
        {
            if (row == null)
            {
                return null;
            }

            if (row.Attributes.TryGetValue(column, out var value))
            {
                return value;
            }

            if (row.Id != Guid.Empty && string.Equals(column, primaryId, StringComparison.Ordinal))
            {
                return row.Id;
            }

            return null;
        }

        public static Guid IdOf(Entity row, string primaryId) =>
            row.Id != Guid.Empty ? row.Id : row.Attributes.TryGetValue(primaryId, out var value) && value is Guid id ? id : Guid.Empty;
    }
}
