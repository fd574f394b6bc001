using System;
using System.Collections.Generic;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Produces the joined rows of a query: the root table filtered by its criteria, then each link-entity in
    /// depth-first order as a hash join. A link's own filter applies inside the join (rows of the linked table
    /// that fail it do not join), exactly as FetchXML filters inside a link-entity do; a condition on the root
    /// criteria that names a link alias applies after the joins, which is how the platform filters on an outer
    /// join's columns.
    /// </summary>
    internal sealed class JoinExecutor
    {
        private readonly QueryPlan plan;
        private readonly IQueryDataSource source;
        private readonly FilterCompiler filters;
        private readonly QueryContext context;

        public JoinExecutor(QueryPlan plan, IQueryDataSource source, QueryContext context)
        {
            this.plan = plan;
            this.source = source;
            this.context = context;
            filters = new FilterCompiler(plan, context);
        }

        /// <summary>
        /// The joined rows one at a time, for consumers that only read them (aggregates). Without links the
        /// same row array is reused for every row, so tens of thousands of short-lived arrays never reach the
        /// older GC generations; a consumer must not keep the array.
        /// </summary>
        public IEnumerable<Entity?[]> Stream()
        {
            if (plan.Tables.Count > 1)
            {
                foreach (var joined in Execute())
                {
                    yield return joined;
                }

                yield break;
            }

            var slots = new HashSet<int>();
            var filter = filters.Compile(plan.Root.Filter, plan.Root, slots);
            var row = new Entity?[1];
            foreach (var entity in RootCandidates())
            {
                row[0] = entity;
                if (filter == null || filter(row))
                {
                    yield return row;
                }
            }
        }

        public List<Entity?[]> Execute()
        {
            var width = plan.Tables.Count;
            var rootSlots = new HashSet<int>();
            var rootFilter = filters.Compile(plan.Root.Filter, plan.Root, rootSlots);
            var pushDown = rootFilter != null && rootSlots.Count == 1 && rootSlots.Contains(0);

            var rows = new List<Entity?[]>();
            var probe = new Entity?[width];
            foreach (var entity in RootCandidates())
            {
                probe[0] = entity;
                if (pushDown && !rootFilter!(probe))
                {
                    continue;
                }

                var row = new Entity?[width];
                row[0] = entity;
                rows.Add(row);
            }

            foreach (var table in plan.Tables)
            {
                if (table is LinkNode link)
                {
                    rows = Join(rows, link, width);
                }
            }

            if (rootFilter != null && !pushDown)
            {
                rows = rows.FindAll(row => rootFilter(row));
            }

            return rows;
        }

        /// <summary>
        /// The root rows the filter has to look at: when the root filter requires an id-valued column to equal one
        /// of a few ids (a primary key, a lookup) and the data source has an index on it, only the rows holding
        /// those ids — as SQL Server seeks an index instead of scanning the table. The full filter still runs on
        /// every candidate, so the rows returned are the same as a scan would give.
        /// </summary>
        private IEnumerable<Entity> RootCandidates()
        {
            if (source is IIndexedQueryDataSource indexed && plan.Root.Filter != null)
            {
                var seek = IndexSeek.Find(plan.Root.Filter);
                if (seek != null)
                {
                    var rows = indexed.Lookup(plan.Root.LogicalName, seek.Value.Attribute, seek.Value.Keys);
                    if (rows != null)
                    {
                        return rows;
                    }
                }
            }

            if (source is IIndexedQueryDataSource linked)
            {
                foreach (var link in plan.Root.Links)
                {
                    var rows = ThroughInnerLink(linked, link);
                    if (rows != null)
                    {
                        return rows;
                    }
                }
            }

            if (source is IIndexedQueryDataSource columns && plan.Root.Filter != null)
            {
                var condition = IndexSeek.Conjunct(plan.Root.Filter);
                if (condition != null && columns.TryScanColumn(plan.Root.LogicalName, condition.AttributeName, out var rows, out var values))
                {
                    return Prefiltered(rows, values, filters.CompileTest(condition, plan.Root));
                }
            }

            return source.Scan(plan.Root.LogicalName);
        }

        /// <summary>
        /// The rows whose value of one condition's column passes it, read from the data source's column array: one
        /// contiguous read per row instead of a look-up in every row's attributes. The full filter runs afterwards.
        /// </summary>
        private static IEnumerable<Entity> Prefiltered(IReadOnlyList<Entity> rows, IReadOnlyList<object?> values, Operators.ValueTest test)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (test(values[i]))
                {
                    yield return rows[i];
                }
            }
        }

        /// <summary>
        /// An inner (or semi-) join keeps only root rows that have a linked row passing the link's filter. When that
        /// filter seeks an index ("the activity parties of this contact"), the root rows that can join are the
        /// ones holding the found rows' join values, which the root table's index finds; the join and the filters
        /// then run on those as on a scan.
        /// </summary>
        private IReadOnlyCollection<Entity>? ThroughInnerLink(IIndexedQueryDataSource indexed, LinkNode link)
        {
            if (link.Join is not (JoinOperator.Inner or JoinOperator.In or JoinOperator.Exists) || link.Filter == null)
            {
                return null;
            }

            var seek = IndexSeek.Find(link.Filter);
            if (seek == null)
            {
                return null;
            }

            var linkedRows = indexed.Lookup(link.LogicalName, seek.Value.Attribute, seek.Value.Keys);
            if (linkedRows == null || linkedRows.Count > IndexSeek.MaxKeys)
            {
                return null;
            }

            var keys = new HashSet<Guid>();
            foreach (var linkedRow in linkedRows)
            {
                switch (RowValues.Get(linkedRow, link.ChildAttribute, link.PrimaryId))
                {
                    case null:
                        break;
                    case Guid id:
                        keys.Add(id);
                        break;
                    case EntityReference reference:
                        keys.Add(reference.Id);
                        break;
                    default:
                        return null;
                }
            }

            return indexed.Lookup(plan.Root.LogicalName, link.ParentAttribute, keys);
        }

        /// <summary>
        /// The linked table's rows that can join: for a few parent rows joined on ids, the rows the data source's
        /// index finds for the parents' ids (a nested-loop join over an index), otherwise the whole table (a hash
        /// join). Cross apply keeps the scan because which row it takes first depends on the table's order.
        /// </summary>
        private IEnumerable<Entity> LinkCandidates(List<Entity?[]> rows, LinkNode link)
        {
            if (source is IIndexedQueryDataSource indexed && link.Join != JoinOperator.MatchFirstRowUsingCrossApply
                && rows.Count <= IndexSeek.MaxKeys)
            {
                var keys = new HashSet<Guid>();
                var idsOnly = true;
                foreach (var row in rows)
                {
                    switch (RowValues.Get(row[link.Parent.Slot], link.ParentAttribute, link.Parent.PrimaryId))
                    {
                        case null:
                            break;
                        case Guid id:
                            keys.Add(id);
                            break;
                        case EntityReference reference:
                            keys.Add(reference.Id);
                            break;
                        default:
                            idsOnly = false;
                            break;
                    }
                }

                var found = idsOnly ? indexed.Lookup(link.LogicalName, link.ChildAttribute, keys) : null;
                if (found != null)
                {
                    return found;
                }
            }

            return source.Scan(link.LogicalName);
        }

        private List<Entity?[]> Join(List<Entity?[]> rows, LinkNode link, int width)
        {
            switch (link.Join)
            {
                case JoinOperator.Inner:
                case JoinOperator.LeftOuter:
                case JoinOperator.In:
                case JoinOperator.Exists:
                case JoinOperator.MatchFirstRowUsingCrossApply:
                    break;
                default:
                    throw QueryFaults.NotSupported(context,
                        "The join operator '{0}' (link to '{1}') is not supported by the in-memory query engine.",
                        "Der Verknüpfungsoperator '{0}' (Verknüpfung zu '{1}') wird von der In-Memory-Abfrage nicht unterstützt.",
                        link.Join, link.LogicalName);
            }

            var slots = new HashSet<int>();
            var linkFilter = filters.Compile(link.Filter, link, slots);
            slots.Remove(link.Slot);
            var ownOnly = slots.Count == 0;

            var index = new Dictionary<object, List<Entity>>(ValueKeyComparer.Instance);
            var probe = new Entity?[width];
            foreach (var candidate in LinkCandidates(rows, link))
            {
                if (linkFilter != null && ownOnly)
                {
                    probe[link.Slot] = candidate;
                    if (!linkFilter(probe))
                    {
                        continue;
                    }
                }

                var key = RowValues.Get(candidate, link.ChildAttribute, link.PrimaryId);
                if (key == null)
                {
                    continue;
                }

                if (!index.TryGetValue(key, out var bucket))
                {
                    bucket = new List<Entity>();
                    index.Add(key, bucket);
                }

                bucket.Add(candidate);
            }

            var result = new List<Entity?[]>(rows.Count);
            foreach (var row in rows)
            {
                var key = RowValues.Get(row[link.Parent.Slot], link.ParentAttribute, link.Parent.PrimaryId);
                var matched = false;
                if (key != null && index.TryGetValue(key, out var bucket))
                {
                    foreach (var candidate in bucket)
                    {
                        var joined = (Entity?[])row.Clone();
                        joined[link.Slot] = candidate;
                        if (linkFilter != null && !ownOnly && !linkFilter(joined))
                        {
                            continue;
                        }

                        matched = true;
                        if (link.Join is JoinOperator.In or JoinOperator.Exists)
                        {
                            // Semi-joins return the parent row once and no columns of the linked table.
                            result.Add(row);
                            break;
                        }

                        result.Add(joined);
                        if (link.Join == JoinOperator.MatchFirstRowUsingCrossApply)
                        {
                            break;
                        }
                    }
                }

                if (!matched && link.Join is JoinOperator.LeftOuter or JoinOperator.MatchFirstRowUsingCrossApply)
                {
                    result.Add(row);
                }
            }

            return result;
        }
    }
}
