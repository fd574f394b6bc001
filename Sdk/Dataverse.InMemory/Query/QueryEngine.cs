using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Runs QueryExpression, QueryByAttribute and FetchExpression queries over an <see cref="IQueryDataSource"/>
    /// with Dataverse semantics: filters compiled once per query, joins, ordering, DISTINCT, TOP, paging with
    /// cookies and the platform's limits, FetchXML aggregates. Stored rows are read, never changed, and every
    /// returned value is a copy. Thread-safe: an engine holds no per-query state.
    /// </summary>
    public sealed class QueryEngine
    {
        /// <summary>The default and maximum page size.</summary>
        public const int MaxPageSize = 5000;

        /// <summary>The largest TopCount / FetchXML top the platform accepts.</summary>
        public const int MaxTop = 5000;

        /// <summary>TotalRecordCount counts up to this many rows.</summary>
        public const int TotalRecordCountLimit = 5000;

        private readonly IQueryDataSource source;

        /// <summary>Creates an engine reading from <paramref name="source"/>.</summary>
        public QueryEngine(IQueryDataSource source)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>Runs a query and returns copies of the matching rows (or aggregate rows).</summary>
        public EntityCollection Execute(QueryBase query, QueryContext context)
        {
            if (query == null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            var plan = Plan(query, context);
            Validate(plan, context);
            new ColumnValidator(plan, context).Validate();
            if (KeyOrderPager.TryRun(plan, source, context) is { } page)
            {
                return page;
            }

            var joins = new JoinExecutor(plan, source, context);
            return plan.Aggregate ? Aggregate(plan, joins.Stream(), context) : Rows(plan, joins.Execute(), context);
        }

        private QueryPlan Plan(QueryBase query, QueryContext context)
        {
            var translator = new QueryTranslator(source, context);
            return query switch
            {
                QueryExpression expression => translator.Translate(expression),
                QueryByAttribute byAttribute => translator.Translate(byAttribute),
                FetchExpression fetch => new FetchXmlParser(context, translator).Parse(fetch.Query),
                _ => throw QueryFaults.NotSupported(context,
                    "The query type '{0}' is not supported by the in-memory query engine.",
                    "Der Abfragetyp '{0}' wird von der In-Memory-Abfrage nicht unterstützt.", query.GetType().FullName),
            };
        }

        private static void Validate(QueryPlan plan, QueryContext context)
        {
            if (plan.PageNumber < 0 || plan.PageSize < 0)
            {
                throw QueryFaults.Invalid(context,
                    "Paging needs a page number and a page size of at least 0 (got page {0}, count {1}).",
                    "Paging braucht eine Seitennummer und eine Seitengröße ab 0 (erhalten: Seite {0}, Anzahl {1}).", plan.PageNumber, plan.PageSize);
            }

            if (plan.Top == null)
            {
                return;
            }

            if (plan.Top < 0 || plan.Top > MaxTop)
            {
                throw QueryFaults.Invalid(context,
                    "TopCount (top) must be between 0 and {0}, not {1}.",
                    "TopCount (top) muss zwischen 0 und {0} liegen, nicht {1}.", MaxTop, plan.Top);
            }

            if (plan.PageSize > 0 || plan.PageNumber > 1 || plan.PagingCookie != null)
            {
                throw QueryFaults.Invalid(context,
                    "The query sets both TopCount (top) and paging (PageInfo or count/page); Dataverse does not allow combining them.",
                    "Die Abfrage setzt sowohl TopCount (top) als auch Paging (PageInfo bzw. count/page); Dataverse erlaubt diese Kombination nicht.");
            }

            if (plan.ReturnTotalRecordCount)
            {
                throw QueryFaults.Invalid(context,
                    "ReturnTotalRecordCount (returntotalrecordcount) cannot be combined with TopCount (top).",
                    "ReturnTotalRecordCount (returntotalrecordcount) kann nicht mit TopCount (top) kombiniert werden.");
            }
        }

        private EntityCollection Rows(QueryPlan plan, List<Entity?[]> rows, QueryContext context)
        {
            var ordering = new RowOrdering(plan, context, new FilterCompiler(plan, context));
            var sorted = rows;
            ordering.Sort(sorted);
            var projector = new ResultProjector(plan, context);
            if (plan.Distinct)
            {
                var seen = new HashSet<CompositeKey>();
                sorted = sorted.FindAll(row => seen.Add(projector.DistinctKey(row)));
            }

            var collection = new EntityCollection { EntityName = plan.Root.LogicalName };
            SetTotal(collection, plan, sorted.Count);
            if (plan.Top != null)
            {
                foreach (var row in sorted.Take(plan.Top.Value))
                {
                    collection.Entities.Add(projector.Project(row));
                }

                return collection;
            }

            var pageSize = PageSize(plan);
            var page = Math.Max(plan.PageNumber, 1);
            var cookieSupported = !ordering.OrdersOnLinks;
            var start = cookieSupported ? CookieStart(plan, ordering, sorted, page, pageSize) : null;
            var first = start ?? (int)Math.Min((long)(page - 1) * pageSize, sorted.Count);
            var end = Math.Min(first + pageSize, sorted.Count);
            for (var i = first; i < end; i++)
            {
                collection.Entities.Add(projector.Project(sorted[i]));
            }

            collection.MoreRecords = end < sorted.Count;
            if (cookieSupported && end > first)
            {
                var positions = CookiePositions(ordering);
                collection.PagingCookie = PagingCookie.Write(page, positions.Select(p => ordering.Columns[p].Attribute).ToList(),
                    ordering.KeyOf(sorted[first]), ordering.KeyOf(sorted[end - 1]));
            }

            return collection;
        }

        private static EntityCollection Aggregate(QueryPlan plan, IEnumerable<Entity?[]> rows, QueryContext context)
        {
            var groups = new Aggregator(plan, context).Run(rows);
            var collection = new EntityCollection { EntityName = plan.Root.LogicalName };
            SetTotal(collection, plan, groups.Count);
            IEnumerable<Entity> page;
            if (plan.Top != null)
            {
                page = groups.Take(plan.Top.Value);
            }
            else
            {
                var pageSize = PageSize(plan);
                var first = (int)Math.Min((long)(Math.Max(plan.PageNumber, 1) - 1) * pageSize, groups.Count);
                page = groups.Skip(first).Take(pageSize);
                collection.MoreRecords = first + pageSize < groups.Count;
            }

            foreach (var entity in page)
            {
                collection.Entities.Add(entity);
            }

            return collection;
        }

        /// <summary>5,000 is both the default and the maximum page size; a larger request gets 5,000 rows per page.</summary>
        internal static int PageSize(QueryPlan plan) => plan.PageSize > 0 ? Math.Min(plan.PageSize, MaxPageSize) : MaxPageSize;

        /// <summary>TotalRecordCount counts up to 5,000 rows and flags more; without the request it stays -1.</summary>
        internal static void SetTotal(EntityCollection collection, QueryPlan plan, int total)
        {
            if (plan.ReturnTotalRecordCount)
            {
                collection.TotalRecordCount = Math.Min(total, TotalRecordCountLimit);
                collection.TotalRecordCountLimitExceeded = total > TotalRecordCountLimit;
            }
            else
            {
                collection.TotalRecordCount = -1;
                collection.TotalRecordCountLimitExceeded = false;
            }
        }

        /// <summary>Key positions a cookie carries: the root table's explicit orders, then its primary key.</summary>
        internal static List<int> CookiePositions(RowOrdering ordering)
        {
            var positions = Enumerable.Range(0, ordering.RootOrderCount).ToList();
            positions.Add(ordering.RootOrderCount);
            return positions;
        }

        /// <summary>
        /// Where a page starts when the caller passes the previous page's cookie: right after its last row (or,
        /// paging backwards, a page before its first row). Null when the cookie does not fit the query, in which
        /// case the platform falls back to simple paging by page number.
        /// </summary>
        private static int? CookieStart(QueryPlan plan, RowOrdering ordering, List<Entity?[]> sorted, int page, int pageSize)
        {
            if (plan.PagingCookie == null)
            {
                return null;
            }

            var cookie = PagingCookie.TryRead(plan.PagingCookie);
            var positions = CookiePositions(ordering);
            if (cookie == null || cookie.Values.Count != positions.Count || (cookie.Page != page - 1 && cookie.Page != page + 1))
            {
                return null;
            }

            var forward = cookie.Page == page - 1;
            var bound = new object?[ordering.Columns.Count];
            for (var i = 0; i < positions.Count; i++)
            {
                var position = positions[i];
                var (column, last, firstValue) = cookie.Values[i];
                if (!string.Equals(column, ordering.Columns[position].Attribute, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                var sample = sorted.Select(row => ordering.KeyOf(row)[position]).FirstOrDefault(v => v != null);
                var text = forward ? last : firstValue;
                if (text != null && sample == null)
                {
                    return null;
                }

                if (!PagingCookie.TryParseKey(text, sample, out var key))
                {
                    return null;
                }

                bound[position] = key;
            }

            // Rows are sorted by a total order that starts with the cookie's columns, so a binary search finds
            // the first row after the cookie's last row (forward) or the first row at its first row (backward).
            int low = 0, high = sorted.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var compared = ComparePrefix(ordering, positions, ordering.KeyOf(sorted[middle]), bound);
                if (forward ? compared <= 0 : compared < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            var index = low;
            return forward ? index : Math.Max(0, index - pageSize);
        }

        internal static int ComparePrefix(RowOrdering ordering, List<int> positions, object?[] key, object?[] bound)
        {
            foreach (var position in positions)
            {
                var result = RowOrdering.CompareValues(key[position], bound[position]);
                if (result != 0)
                {
                    return ordering.Columns[position].Descending ? -result : result;
                }
            }

            return 0;
        }
    }
}
