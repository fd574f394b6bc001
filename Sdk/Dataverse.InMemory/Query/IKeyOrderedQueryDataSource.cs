using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// An optional capability of a data source: a table's rows in primary-key order from a given key, as SQL Server
    /// reads a clustered primary key from a seek. The engine uses it to page a query ordered by the root's primary
    /// key without joining and sorting the whole table for every page; it filters and joins every row it gets with
    /// the full query afterwards.
    /// </summary>
    public interface IKeyOrderedQueryDataSource : IIndexedQueryDataSource
    {
        /// <summary>
        /// The rows of <paramref name="logicalName"/> in SQL Server's uniqueidentifier order of the primary key (the
        /// primary-key column, or the row id when the row keeps it only there), starting with the first whose key is
        /// at or after <paramref name="from"/> (every row when null); null when the data source cannot order them (a
        /// key that is not a Guid, or two rows with one key), and the engine sorts the query's rows instead. Rows are
        /// returned as stored, like <see cref="IQueryDataSource.Scan"/>.
        /// </summary>
        IEnumerable<Entity>? ScanInKeyOrder(string logicalName, Guid? from);

        /// <summary>
        /// A look-up of the row of <paramref name="logicalName"/> whose primary key (read as
        /// <see cref="ScanInKeyOrder"/> reads it) is the given id, or null when there is none, for the rest of one query
        /// (the table as it is now); null when the data source cannot order the table. Rows are returned as stored.
        /// </summary>
        Func<Guid, Entity?>? KeySeek(string logicalName);

        /// <summary>
        /// Every row of the table in key order, as <see cref="ScanInKeyOrder"/> returns them from the start, with one
        /// column's values beside them (<paramref name="values"/>[i] is the column of <paramref name="rows"/>[i], read as
        /// the engine reads it); false when the data source has no such column array at hand, and the engine reads the
        /// rows instead.
        /// </summary>
        bool TryScanColumnInKeyOrder(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values);
    }
}
