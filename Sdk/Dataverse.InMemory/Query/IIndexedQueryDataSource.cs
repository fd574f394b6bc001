using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// An optional capability of a data source: equality look-ups on id-valued columns (primary keys and
    /// lookups), as SQL Server answers them from the primary key and the indexes Dataverse creates on every lookup
    /// column. The engine uses it for a root-level Equal/In condition on such a column and for joining a few parent
    /// rows to a large table; it filters every row it gets with the full query afterwards, so a look-up may return
    /// more rows than match, but never fewer.
    /// </summary>
    public interface IIndexedQueryDataSource : IQueryDataSource
    {
        /// <summary>
        /// The rows of <paramref name="logicalName"/> whose <paramref name="attribute"/> holds one of
        /// <paramref name="keys"/> (a Guid, or an EntityReference with that id), or null when the data source cannot
        /// answer the look-up (the column holds values that are not ids); the engine then scans the table.
        /// Rows are returned as stored, like <see cref="IQueryDataSource.Scan"/>.
        /// </summary>
        IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, IReadOnlyCollection<Guid> keys);

        /// <summary>
        /// Every row of the table, as <see cref="IQueryDataSource.Scan"/> returns them, with one column's values
        /// beside them (<paramref name="values"/>[i] is the column of <paramref name="rows"/>[i], read as the engine
        /// reads it); false when the data source has no such column array at hand, and the engine scans instead.
        /// </summary>
        bool TryScanColumn(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values);
    }
}
