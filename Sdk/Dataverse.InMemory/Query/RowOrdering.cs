using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// ORDER BY as Dataverse builds it: the root table's orders (including orders that name a link alias),
    /// then every link-entity's orders, then the primary keys as tie-breakers so that paging is stable. NULL sorts
    /// first ascending and last descending (SQL Server). Lookups sort by the related row's primary name, choices
    /// by label unless useraworderby is set (and a label source is configured), ids in SQL Server's
    /// uniqueidentifier order.
    /// </summary>
    internal sealed class RowOrdering
    {
        private readonly List<Column> columns = new List<Column>();
        private readonly QueryContext context;
        private readonly bool rawChoices;

        public RowOrdering(QueryPlan plan, QueryContext context, FilterCompiler tables)
        {
            this.context = context;
            rawChoices = plan.UseRawOrderBy || context.ChoiceLabel == null;
            foreach (var order in plan.Root.Orders)
            {
                AddOrder(order, plan, tables);
            }

            foreach (var table in plan.Tables)
            {
                if (table is LinkNode)
                {
                    OrdersOnLinks = OrdersOnLinks || table.Orders.Count > 0;
                    foreach (var order in table.Orders)
                    {
                        AddOrder(order, plan, tables);
                    }
                }
            }

            RootOrderCount = columns.Count;
            foreach (var table in plan.Tables)
            {
                columns.Add(new Column(table, table.PrimaryId, descending: false));
            }
        }

        /// <summary>True when a link column decides the order; the platform then returns no paging cookie.</summary>
        public bool OrdersOnLinks { get; private set; }

        /// <summary>Number of explicit orders (before the primary-key tie-breakers).</summary>
        public int RootOrderCount { get; }

        public IReadOnlyList<Column> Columns => columns;

        private void AddOrder(OrderSpec order, QueryPlan plan, FilterCompiler tables)
        {
            if (order.Attribute == null)
            {
                throw QueryFaults.Invalid(context,
                    "An order on the alias '{0}' is only valid in an aggregate query.",
                    "Eine Sortierung nach dem Alias '{0}' ist nur in einer Aggregatabfrage gültig.", order.Alias);
            }

            var table = order.Table ?? (order.Alias != null ? tables.ResolveTable(order.Alias) : plan.Root);
            if (table is LinkNode)
            {
                OrdersOnLinks = true;
            }

            columns.Add(new Column(table, order.Attribute, order.Descending));
        }

        public object?[] KeyOf(Entity?[] row)
        {
            var key = new object?[columns.Count];
            for (var i = 0; i < key.Length; i++)
            {
                var column = columns[i];
                key[i] = SortValue(RowValues.Get(row[column.Table.Slot], column.Attribute, column.Table.PrimaryId), column);
            }

            return key;
        }

        public int Compare(object?[] a, object?[] b)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var result = CompareValues(a[i], b[i]);
                if (result != 0)
                {
                    return columns[i].Descending ? -result : result;
                }
            }

            return 0;
        }

        /// <summary>
        /// Sorts rows into query order, in place. The key arrays come from the shared pool: for tens of thousands
        /// of rows they are large-object-heap sized, and allocating them per query would force full collections.
        /// </summary>
        public void Sort(List<Entity?[]> rows)
        {
            var count = rows.Count;
            var span = CollectionsMarshal.AsSpan(rows);
            if (columns.Count == 1)
            {
                // No explicit order and no link: the order is the root's primary key, which sorts fastest as
                // 128-bit numbers in SQL Server's uniqueidentifier order.
                var column = columns[0];
                var ids = ArrayPool<UInt128>.Shared.Rent(count);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        ids[i] = RowValues.Get(span[i][column.Table.Slot], column.Attribute, column.Table.PrimaryId) is Guid id ? SqlGuidOrder.Key(id) : UInt128.Zero;
                    }

                    ids.AsSpan(0, count).Sort(span);
                }
                finally
                {
                    ArrayPool<UInt128>.Shared.Return(ids);
                }

                return;
            }

            var keys = ArrayPool<object?[]>.Shared.Rent(count);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    keys[i] = KeyOf(span[i]);
                }

                keys.AsSpan(0, count).Sort(span, new KeyComparer(this));
            }
            finally
            {
                Array.Clear(keys, 0, count);
                ArrayPool<object?[]>.Shared.Return(keys);
            }
        }

        private readonly struct KeyComparer : IComparer<object?[]>
        {
            private readonly RowOrdering ordering;

            public KeyComparer(RowOrdering ordering)
            {
                this.ordering = ordering;
            }

            public int Compare(object?[]? x, object?[]? y) => ordering.Compare(x!, y!);
        }

        private object? SortValue(object? value, Column column)
        {
            switch (value)
            {
                case null:
                    return null;
                case AliasedValue aliased:
                    return SortValue(aliased.Value, column);
                case EntityReference reference:
                    return new LookupKey(reference.Name, reference.Id);
                case OptionSetValue option:
                    var label = rawChoices ? null : context.ChoiceLabel!(column.Table.LogicalName, column.Attribute, option.Value);
                    return label != null ? label : (decimal)option.Value;
                case Money money:
                    return money.Value;
                case int or long or short or byte:
                    return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                case float f:
                    return (double)f;
                case DateTime date:
                    return Literal.ToUtc(date);
                case OptionSetValueCollection options:
                    return ValueComparison.KeyOf(options);
                case Guid id:
                    return new GuidKey(id);
                default:
                    return value;
            }
        }

        public static int CompareValues(object? a, object? b)
        {
            if (a == null || b == null)
            {
                return a == null ? (b == null ? 0 : -1) : 1;
            }

            switch (a)
            {
                case string x when b is string y:
                    return Collation.CompareStrings(x, y);
                case decimal x when b is decimal y:
                    return x.CompareTo(y);
                case decimal x when b is double y:
                    return ((double)x).CompareTo(y);
                case double x when b is double y:
                    return x.CompareTo(y);
                case double x when b is decimal y:
                    return x.CompareTo((double)y);
                case DateTime x when b is DateTime y:
                    return x.CompareTo(y);
                case GuidKey x when b is GuidKey y:
                    return x.Order.CompareTo(y.Order);
                case bool x when b is bool y:
                    return x.CompareTo(y);
                case LookupKey x when b is LookupKey y:
                    return x.CompareTo(y);
                default:
                    return string.CompareOrdinal(a.GetType().Name, b.GetType().Name);
            }
        }

        internal sealed class Column
        {
            public Column(TableNode table, string attribute, bool descending)
            {
                Table = table;
                Attribute = attribute;
                Descending = descending;
            }

            public TableNode Table { get; }

            public string Attribute { get; }

            public bool Descending { get; }
        }

        /// <summary>A lookup sorts by the related row's primary name, then by id.</summary>
        internal sealed class LookupKey : IComparable<LookupKey>
        {
            public LookupKey(string? name, Guid id)
            {
                Name = name;
                Id = id;
            }

            public string? Name { get; }

            public Guid Id { get; }

            public int CompareTo(LookupKey? other)
            {
                if (other == null)
                {
                    return 1;
                }

                var byName = CompareValues(Name, other.Name);
                return byName != 0 ? byName : SqlGuidOrder.Instance.Compare(Id, other.Id);
            }
        }
    }
}
