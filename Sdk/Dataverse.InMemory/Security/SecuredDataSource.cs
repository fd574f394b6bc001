using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// The query engine's data source as one user sees it: each table yields only the rows the user may read, so
    /// RetrieveMultiple, FetchXML, QueryExpression and QueryByAttribute — root and linked tables, paging, counts and
    /// aggregates — see the same rows Retrieve would allow, and a query on a table the user has no Read privilege for
    /// faults as Dataverse does. Index look-ups, key seeks and key-ordered scans are filtered the same way; column arrays are not offered, so the engine
    /// scans the filtered rows.
    /// </summary>
    internal sealed class SecuredDataSource : IKeyOrderedQueryDataSource
    {
        private readonly IIndexedQueryDataSource inner;
        private readonly AccessChecks checks;
        private readonly ConcurrentDictionary<string, Func<Entity, bool>?> filters = new(StringComparer.Ordinal);

        public SecuredDataSource(IIndexedQueryDataSource inner, AccessChecks checks)
        {
            this.inner = inner;
            this.checks = checks;
        }

        public IEnumerable<Entity> Scan(string logicalName)
        {
            var rows = inner.Scan(logicalName);
            var filter = Filter(logicalName);
            return filter == null ? rows : rows.Where(filter);
        }

        public IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, IReadOnlyCollection<Guid> keys)
        {
            var rows = inner.Lookup(logicalName, attribute, keys);
            var filter = Filter(logicalName);
            return rows == null || filter == null ? rows : rows.Where(filter).ToList();
        }

        public bool TryScanColumn(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
        {
            if (Filter(logicalName) == null) return inner.TryScanColumn(logicalName, attribute, out rows, out values);
            rows = Array.Empty<Entity>();
            values = Array.Empty<object?>();
            return false;
        }

        public IEnumerable<Entity>? ScanInKeyOrder(string logicalName, Guid? from)
        {
            var rows = (inner as IKeyOrderedQueryDataSource)?.ScanInKeyOrder(logicalName, from);
            var filter = Filter(logicalName);
            return rows == null || filter == null ? rows : rows.Where(filter);
        }

        public Func<Guid, Entity?>? KeySeek(string logicalName)
        {
            var seek = (inner as IKeyOrderedQueryDataSource)?.KeySeek(logicalName);
            var filter = Filter(logicalName);
            return seek == null || filter == null ? seek : id => seek(id) is { } row && filter(row) ? row : null;
        }

        public bool TryScanColumnInKeyOrder(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
        {
            if (Filter(logicalName) == null && inner is IKeyOrderedQueryDataSource ordered) return ordered.TryScanColumnInKeyOrder(logicalName, attribute, out rows, out values);
            rows = Array.Empty<Entity>();
            values = Array.Empty<object?>();
            return false;
        }

        public string PrimaryIdAttribute(string logicalName) => inner.PrimaryIdAttribute(logicalName);

        private Func<Entity, bool>? Filter(string logicalName) => filters.GetOrAdd(logicalName, checks.ReadFilter);
    }
}
