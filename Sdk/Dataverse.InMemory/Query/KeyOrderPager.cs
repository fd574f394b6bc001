using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// A page of a query ordered by the root's primary key only (Dataverse's default order, and what a paging cookie
    /// seeks on), read the way SQL Server reads it from the clustered key: the root's rows in key order from the
    /// cookie's last key, each joined through its many-to-one links by a key seek and filtered, until the page and one
    /// more row (which decides MoreRecords) are found. A page then costs its own rows, not the table's. It returns
    /// exactly what joining, sorting and seeking over the whole table returns, so it only takes queries where that is
    /// plainly so: no DISTINCT, top or aggregate; every link inner or outer on the linked table's primary key (at most
    /// one row per root row) and without orders; no root filter or inner link an index seek answers faster; a cookie
    /// that pages forwards (or none). Anything else, or a data source that cannot order a table, goes the general way.
    /// </summary>
    internal sealed class KeyOrderPager
    {
        private readonly QueryPlan plan;
        private readonly IKeyOrderedQueryDataSource source;
        private readonly QueryContext context;
        private readonly List<LinkNode> links;
        private readonly RowPredicate?[] linkFilters;
        private readonly Func<Guid, Entity?>?[] seeks;
        private FilterCompiler filters = null!;
        private RowPredicate? rootFilter;
        private bool pushDown;
        private bool aborted;

        private KeyOrderPager(QueryPlan plan, IKeyOrderedQueryDataSource source, QueryContext context, List<LinkNode> links)
        {
            this.plan = plan;
            this.source = source;
            this.context = context;
            this.links = links;
            linkFilters = new RowPredicate?[plan.Tables.Count];
            seeks = new Func<Guid, Entity?>?[plan.Tables.Count];
        }

        /// <summary>The page, or null when the query or the data source needs the general path.</summary>
        public static EntityCollection? TryRun(QueryPlan plan, IQueryDataSource source, QueryContext context)
        {
            if (source is not IKeyOrderedQueryDataSource ordered || plan.Aggregate || plan.Distinct || plan.Top != null)
            {
                return null;
            }

            var links = new List<LinkNode>();
            foreach (var table in plan.Tables.Skip(1))
            {
                if (table is not LinkNode link || link.Join is not (JoinOperator.Inner or JoinOperator.LeftOuter) || link.Orders.Count > 0
                    || !string.Equals(link.ChildAttribute, link.PrimaryId, StringComparison.Ordinal))
                {
                    return null;
                }

                links.Add(link);
            }

            // Where the general path seeks an index for the root's candidates, it reads only those rows; keep it.
            if (plan.Root.Filter != null && IndexSeek.Find(plan.Root.Filter) != null)
            {
                return null;
            }

            if (plan.Root.Links.Any(link => link.Join == JoinOperator.Inner && link.Filter != null && IndexSeek.Find(link.Filter) != null))
            {
                return null;
            }

            return new KeyOrderPager(plan, ordered, context, links).Run();
        }

        private EntityCollection? Run()
        {
            // Touch every table in the general path's order first: an unknown table or one the user may not read
            // faults the same way, even when no row would reach it.
            if (source.ScanInKeyOrder(plan.Root.LogicalName, null) == null)
            {
                return null;
            }

            foreach (var link in links)
            {
                seeks[link.Slot] = source.KeySeek(link.LogicalName);
                if (seeks[link.Slot] == null)
                {
                    return null;
                }
            }

            filters = new FilterCompiler(plan, context);
            var ordering = new RowOrdering(plan, context, filters);
            if (ordering.OrdersOnLinks)
            {
                return null;
            }

            for (var i = 0; i < ordering.RootOrderCount; i++)
            {
                var column = ordering.Columns[i];
                if (column.Table != plan.Root || column.Descending || !string.Equals(column.Attribute, plan.Root.PrimaryId, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            var rootSlots = new HashSet<int>();
            rootFilter = filters.Compile(plan.Root.Filter, plan.Root, rootSlots);
            pushDown = rootFilter != null && rootSlots.Count == 1 && rootSlots.Contains(0);
            foreach (var link in links)
            {
                linkFilters[link.Slot] = filters.Compile(link.Filter, link, new HashSet<int>());
            }

            var page = Math.Max(plan.PageNumber, 1);
            var pageSize = QueryEngine.PageSize(plan);
            var positions = QueryEngine.CookiePositions(ordering);
            var cookie = plan.PagingCookie == null ? null : PagingCookie.TryRead(plan.PagingCookie);
            object?[]? bound = null;
            if (cookie != null && cookie.Values.Count == positions.Count && (cookie.Page == page - 1 || cookie.Page == page + 1))
            {
                if (cookie.Page != page - 1)
                {
                    // Paging backwards counts a page back from the cookie's first row: the general path does that.
                    return null;
                }

                bound = Bound(cookie, ordering, positions);
            }

            var collection = new EntityCollection { EntityName = plan.Root.LogicalName };
            if (plan.ReturnTotalRecordCount)
            {
                var total = 0;
                using (var counting = Survivors(null).GetEnumerator())
                {
                    while (total <= QueryEngine.TotalRecordCountLimit && counting.MoveNext())
                    {
                        total++;
                    }
                }

                if (aborted)
                {
                    return null;
                }

                QueryEngine.SetTotal(collection, plan, total);
            }
            else
            {
                QueryEngine.SetTotal(collection, plan, 0);
            }

            // Without a usable cookie the platform pages by number: skip the earlier pages' rows.
            var skip = bound == null ? (long)(page - 1) * pageSize : 0;
            var from = bound?[0] is GuidKey start ? start.Id : (Guid?)null;
            var rows = new List<Entity?[]>(Math.Min(pageSize, 1024));
            var more = false;
            var seeking = bound != null;
            foreach (var row in Survivors(from))
            {
                // The scan starts at the cookie's key; once a row is after it, every later one is (keys are unique).
                if (seeking && QueryEngine.ComparePrefix(ordering, positions, ordering.KeyOf(row), bound!) <= 0)
                {
                    continue;
                }

                seeking = false;

                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                if (rows.Count == pageSize)
                {
                    more = true;
                    break;
                }

                rows.Add(row);
            }

            if (aborted)
            {
                return null;
            }

            var projector = new ResultProjector(plan, context);
            foreach (var row in rows)
            {
                collection.Entities.Add(projector.Project(row));
            }

            collection.MoreRecords = more;
            if (rows.Count > 0)
            {
                collection.PagingCookie = PagingCookie.Write(page, positions.Select(p => ordering.Columns[p].Attribute).ToList(),
                    ordering.KeyOf(rows[0]), ordering.KeyOf(rows[^1]));
            }

            return collection;
        }

        /// <summary>
        /// The cookie's last key, as the general path reads it; null when the cookie does not fit (it then pages by
        /// number). Every cookie column is the root's primary key here, whose values are ids: a value that is no id
        /// does not fit. (The general path also gives up when no row matches at all; the page is empty either way.)
        /// </summary>
        private static object?[]? Bound(PagingCookie cookie, RowOrdering ordering, List<int> positions)
        {
            var bound = new object?[ordering.Columns.Count];
            var sample = new GuidKey(Guid.Empty);
            for (var i = 0; i < positions.Count; i++)
            {
                var position = positions[i];
                var (column, last, _) = cookie.Values[i];
                if (!string.Equals(column, ordering.Columns[position].Attribute, StringComparison.OrdinalIgnoreCase)
                    || !PagingCookie.TryParseKey(last, sample, out var key))
                {
                    return null;
                }

                bound[position] = key;
            }

            return bound;
        }

        /// <summary>
        /// The joined rows that pass every filter, in root key order from <paramref name="from"/>. Sets
        /// <see cref="aborted"/> and stops when the root cannot be read in key order any more (it changed meanwhile) or
        /// a join column holds something other than ids; the caller then takes the general path.
        /// </summary>
        private IEnumerable<Entity?[]> Survivors(Guid? from)
        {
            var scan = Candidates(from);
            if (scan == null)
            {
                aborted = true;
                yield break;
            }

            var width = plan.Tables.Count;
            var row = new Entity?[width];
            foreach (var entity in scan)
            {
                Array.Clear(row);
                row[0] = entity;
                if (pushDown && !rootFilter!(row))
                {
                    continue;
                }

                var joined = true;
                foreach (var link in links)
                {
                    var match = Parent(row, link);
                    if (aborted)
                    {
                        yield break;
                    }

                    if (match != null)
                    {
                        row[link.Slot] = match;
                        if (linkFilters[link.Slot] is { } filter && !filter(row))
                        {
                            row[link.Slot] = null;
                            match = null;
                        }
                    }

                    if (match == null && link.Join == JoinOperator.Inner)
                    {
                        joined = false;
                        break;
                    }
                }

                if (!joined || (rootFilter != null && !pushDown && !rootFilter(row)))
                {
                    continue;
                }

                yield return (Entity?[])row.Clone();
            }
        }

        /// <summary>
        /// The root's rows in key order from <paramref name="from"/>. When the root filter has a conjunct on an own column
        /// and the data source has that column in key order at hand, rows failing it are dropped from the column array
        /// before their attributes are read (as the general path does with its scan's column array).
        /// </summary>
        private IEnumerable<Entity>? Candidates(Guid? from)
        {
            var condition = plan.Root.Filter == null ? null : IndexSeek.Conjunct(plan.Root.Filter);
            if (condition != null && source.TryScanColumnInKeyOrder(plan.Root.LogicalName, condition.AttributeName, out var rows, out var values))
            {
                return Prefiltered(rows, values, from == null ? 0 : LowerBound(rows, SqlGuidOrder.Key(from.Value)), filters.CompileTest(condition, plan.Root));
            }

            return source.ScanInKeyOrder(plan.Root.LogicalName, from);
        }

        private static IEnumerable<Entity> Prefiltered(IReadOnlyList<Entity> rows, IReadOnlyList<object?> values, int start, Operators.ValueTest test)
        {
            for (var i = start; i < rows.Count; i++)
            {
                if (test(values[i]))
                {
                    yield return rows[i];
                }
            }
        }

        /// <summary>The first of the key-ordered rows whose key is at or after <paramref name="bound"/>.</summary>
        private int LowerBound(IReadOnlyList<Entity> rows, UInt128 bound)
        {
            int low = 0, high = rows.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var key = RowValues.Get(rows[middle], plan.Root.PrimaryId, plan.Root.PrimaryId) is Guid id ? SqlGuidOrder.Key(id) : UInt128.Zero;
                if (key < bound)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>The linked table's row whose primary key the row's join column holds, found by a key seek.</summary>
        private Entity? Parent(Entity?[] row, LinkNode link)
        {
            Guid id;
            switch (RowValues.Get(row[link.Parent.Slot], link.ParentAttribute, link.Parent.PrimaryId))
            {
                case null:
                    return null;
                case Guid value:
                    id = value;
                    break;
                case EntityReference reference:
                    id = reference.Id;
                    break;
                default:
                    aborted = true;
                    return null;
            }

            return seeks[link.Slot]!(id);
        }
    }
}
