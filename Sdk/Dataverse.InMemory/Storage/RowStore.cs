using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Storage
{
    /// <summary>Reads rows as one reader sees them: committed rows, or committed rows plus a transaction's own writes.</summary>
    internal interface IRowReader
    {
        /// <summary>The row as stored (never hand it to a caller without copying), or null.</summary>
        Entity? Get(string logicalName, Guid id);

        /// <summary>Every row of the table as stored.</summary>
        IEnumerable<Entity> Scan(string logicalName);

        /// <summary>
        /// The rows as stored whose id-valued <paramref name="attribute"/> (read as the query engine reads it, the
        /// primary key falling back to the row id) is one of <paramref name="keys"/>; null when the column holds
        /// values that are not ids, so only a scan can answer.
        /// </summary>
        IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, string primaryId, IReadOnlyCollection<Guid> keys);

        /// <summary>
        /// The table's rows as stored with one column's values beside them (values[i] is the column of rows[i]), when
        /// the table has not changed since the column was last asked for; false otherwise (the caller scans).
        /// </summary>
        bool TryScanColumn(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values);

        /// <summary>
        /// The table's rows as stored in SQL Server's uniqueidentifier order of their primary key (read as the query
        /// engine reads it), from the first whose key is at or after <paramref name="from"/> (every row when null);
        /// null when a key is not a Guid or two rows share one, so only a sort of the query's rows can answer.
        /// </summary>
        IEnumerable<Entity>? ScanInKeyOrder(string logicalName, string primaryId, Guid? from);

        /// <summary>
        /// The row whose primary key (as <see cref="ScanInKeyOrder"/> reads it) is an id, as a look-up over the table as it
        /// is now; null when <see cref="ScanInKeyOrder"/> cannot order the table.
        /// </summary>
        Func<Guid, Entity?>? KeySeek(string logicalName, string primaryId);

        /// <summary>
        /// The rows of <see cref="ScanInKeyOrder"/> (from the start) with one column's values beside them, when the table
        /// has not changed since the column was last asked for; false otherwise (the caller reads the rows).
        /// </summary>
        bool TryScanColumnInKeyOrder(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values);
    }

    /// <summary>
    /// The committed rows of every table. Rows are immutable once stored: a write replaces the row object, so
    /// readers enumerate without locks and always see a whole row (Dataverse reads committed data without taking
    /// locks). Writers go through a <see cref="StoreTransaction"/>, which holds row locks until it ends.
    /// </summary>
    internal sealed class RowStore : IRowReader
    {
        private readonly ConcurrentDictionary<string, Table> tables = new(StringComparer.Ordinal);
        private readonly object commitGate = new();
        private long version;

        public RowStore()
        {
            Locks = new RowLocks();
        }

        public RowLocks Locks { get; }

        /// <summary>How long a writer waits for another transaction's row lock before the SQL timeout fault.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The next value of the organization-wide, ever increasing row version (versionnumber).</summary>
        public long NextVersion() => Interlocked.Increment(ref version);

        public Entity? Get(string logicalName, Guid id) =>
            tables.TryGetValue(logicalName, out var table) && table.Rows.TryGetValue(id, out var row) ? row : null;

        public IEnumerable<Entity> Scan(string logicalName) =>
            tables.TryGetValue(logicalName, out var table) ? table.Snapshot() : Enumerable.Empty<Entity>();

        public IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, string primaryId, IReadOnlyCollection<Guid> keys) =>
            tables.TryGetValue(logicalName, out var table) ? table.Lookup(attribute, primaryId, keys) : Array.Empty<Entity>();

        public bool TryScanColumn(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values)
        {
            if (tables.TryGetValue(logicalName, out var table)) return table.TryScanColumn(attribute, primaryId, out rows, out values);
            rows = Array.Empty<Entity>();
            values = Array.Empty<object?>();
            return true;
        }

        public IEnumerable<Entity>? ScanInKeyOrder(string logicalName, string primaryId, Guid? from) =>
            tables.TryGetValue(logicalName, out var table) ? table.KeyOrder(primaryId)?.From(from) : Array.Empty<Entity>();

        public Func<Guid, Entity?>? KeySeek(string logicalName, string primaryId)
        {
            if (!tables.TryGetValue(logicalName, out var table)) return _ => null;
            var rows = table.KeyOrder(primaryId);
            return rows == null ? null : rows.Find;
        }

        public bool TryScanColumnInKeyOrder(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values)
        {
            rows = Array.Empty<Entity>();
            values = Array.Empty<object?>();
            if (!tables.TryGetValue(logicalName, out var table)) return true;
            return table.KeyOrder(primaryId) is { } ordered && ordered.TryColumn(attribute, primaryId, out rows, out values);
        }

        public int Count(string logicalName) => tables.TryGetValue(logicalName, out var table) ? table.Rows.Count : 0;

        /// <summary>Starts a transaction; it sees committed rows plus its own writes.</summary>
        public StoreTransaction Begin() => new StoreTransaction(this);

        /// <summary>Publishes a transaction's writes. Called with the transaction's row locks still held.</summary>
        internal void Apply(Dictionary<string, Dictionary<Guid, Entity?>> writes)
        {
            lock (commitGate)
            {
                foreach (var written in writes)
                {
                    if (written.Value.Count == 0) continue;
                    var table = tables.GetOrAdd(written.Key, _ => new Table());
                    table.Write(written.Value);
                }
            }
        }

        /// <summary>Writes a row outside any transaction (test arrangement: users, teams, seeded data).</summary>
        internal void PutCommitted(Entity row)
        {
            lock (commitGate)
            {
                var table = tables.GetOrAdd(row.LogicalName, _ => new Table());
                table.Write(new[] { new KeyValuePair<Guid, Entity?>(row.Id, row) });
            }
        }

        /// <summary>
        /// One table's committed rows, with an array snapshot for scans that is rebuilt only after a commit changed
        /// the table: repeated queries over an unchanged table cost no copying. Equality indexes on id-valued
        /// columns are built the first time a query looks a column up and then kept in step with every write.
        /// </summary>
        private sealed class Table
        {
            private readonly Dictionary<string, ColumnIndex> indexes = new(StringComparer.Ordinal);
            private long version;
            private ScanSnapshot? snapshot;

            public ConcurrentDictionary<Guid, Entity> Rows { get; } = new();

            /// <summary>Stores (or, for null, deletes) rows; called under the store's commit gate.</summary>
            public void Write(IEnumerable<KeyValuePair<Guid, Entity?>> rows)
            {
                // The index gate makes a look-up see a commit to this table entirely or not at all.
                lock (indexes)
                {
                    foreach (var row in rows)
                    {
                        Rows.TryGetValue(row.Key, out var previous);
                        if (row.Value == null) Rows.TryRemove(row.Key, out _);
                        else Rows[row.Key] = row.Value;
                        foreach (var index in indexes.Values)
                        {
                            index.Replace(row.Key, previous, row.Value);
                        }
                    }
                    Interlocked.Increment(ref version);
                }
            }

            public IReadOnlyCollection<Entity>? Lookup(string attribute, string primaryId, IReadOnlyCollection<Guid> keys)
            {
                lock (indexes)
                {
                    if (!indexes.TryGetValue(attribute, out var index))
                    {
                        index = new ColumnIndex(attribute, primaryId);
                        foreach (var row in Rows)
                        {
                            index.Replace(row.Key, null, row.Value);
                        }
                        indexes.Add(attribute, index);
                    }
                    return index.Find(keys);
                }
            }

            public Entity[] Snapshot() => CurrentSnapshot().Rows;

            /// <summary>A column of the scan snapshot as an array, when a query asked for it before (<see cref="ColumnArrays"/>).</summary>
            public bool TryScanColumn(string attribute, string primaryId, out Entity[] rows, out object?[] values)
            {
                var current = CurrentSnapshot();
                rows = current.Rows;
                return current.Columns.TryGet(attribute, primaryId, out values);
            }

            /// <summary>
            /// The snapshot's rows sorted by primary key, built the first time a query pages in key order after the
            /// table changed (O(n log n) once per table version, then a binary search per page); null when the keys
            /// cannot be sorted as the engine sorts them.
            /// </summary>
            public KeyOrderedRows? KeyOrder(string primaryId)
            {
                var current = CurrentSnapshot();
                return current.KeyOrders.GetOrAdd(primaryId, id => KeyOrderedRows.Build(current.Rows, id));
            }

            private ScanSnapshot CurrentSnapshot()
            {
                var current = Interlocked.Read(ref version);
                var cached = Volatile.Read(ref snapshot);
                if (cached != null && cached.Version == current) return cached;
                var rows = new Entity[Rows.Count];
                var count = 0;
                foreach (var row in Rows)
                {
                    if (count == rows.Length) Array.Resize(ref rows, rows.Length * 2 + 1);
                    rows[count++] = row.Value;
                }
                if (count != rows.Length) Array.Resize(ref rows, count);
                var built = new ScanSnapshot(current, rows);
                Volatile.Write(ref snapshot, built);
                return built;
            }

            private sealed class ScanSnapshot
            {
                public ScanSnapshot(long version, Entity[] rows)
                {
                    Version = version;
                    Rows = rows;
                    Columns = new ColumnArrays(rows);
                }

                public long Version { get; }

                public Entity[] Rows { get; }

                public ColumnArrays Columns { get; }

                public ConcurrentDictionary<string, KeyOrderedRows?> KeyOrders { get; } = new(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// One table version's rows in SQL Server's uniqueidentifier order of the primary key, with the keys as 128-bit
    /// numbers beside them for the seek. Immutable, so readers enumerate it without locks.
    /// </summary>
    internal sealed class KeyOrderedRows
    {
        private readonly UInt128[] keys;
        private readonly Entity[] rows;
        private readonly ColumnArrays columns;

        private KeyOrderedRows(UInt128[] keys, Entity[] rows)
        {
            this.keys = keys;
            this.rows = rows;
            columns = new ColumnArrays(rows);
        }

        /// <summary>Sorts a snapshot; null when a key is not a Guid or is held by two rows (the engine's sort then decides).</summary>
        public static KeyOrderedRows? Build(Entity[] snapshot, string primaryId)
        {
            var keys = new UInt128[snapshot.Length];
            for (var i = 0; i < snapshot.Length; i++)
            {
                if (KeyOf(snapshot[i], primaryId) is not UInt128 key) return null;
                keys[i] = key;
            }
            var rows = (Entity[])snapshot.Clone();
            Array.Sort(keys, rows);
            for (var i = 1; i < keys.Length; i++)
            {
                if (keys[i] == keys[i - 1]) return null;
            }
            return new KeyOrderedRows(keys, rows);
        }

        /// <summary>The rows from the first whose key is at or after <paramref name="from"/>.</summary>
        public IEnumerable<Entity> From(Guid? from)
        {
            var start = 0;
            if (from is Guid bound)
            {
                var index = Array.BinarySearch(keys, SqlGuidOrder.Key(bound));
                start = index >= 0 ? index : ~index;
            }
            for (var i = start; i < rows.Length; i++)
            {
                yield return rows[i];
            }
        }

        /// <summary>A column of the ordered rows as an array, when a query asked for it before (<see cref="ColumnArrays"/>).</summary>
        public bool TryColumn(string attribute, string primaryId, out Entity[] ordered, out object?[] values)
        {
            ordered = rows;
            return columns.TryGet(attribute, primaryId, out values);
        }

        /// <summary>The row whose primary key is <paramref name="id"/>, by binary search; null when there is none.</summary>
        public Entity? Find(Guid id)
        {
            var index = Array.BinarySearch(keys, SqlGuidOrder.Key(id));
            return index >= 0 ? rows[index] : null;
        }

        /// <summary>The sort key of a row's primary key, or null when it is not a Guid.</summary>
        public static UInt128? KeyOf(Entity row, string primaryId) =>
            Dataverse.InMemory.Query.RowValues.Get(row, primaryId, primaryId) is Guid id ? SqlGuidOrder.Key(id) : null;
    }

    /// <summary>
    /// Columns of one immutable row array as arrays of their values. A column is built the second time a query asks for it
    /// (the first request only marks it), so rows that change between queries never pay for it, while repeated filters
    /// over rows that do not change read one contiguous array.
    /// </summary>
    internal sealed class ColumnArrays
    {
        private readonly Entity[] rows;
        private readonly ConcurrentDictionary<string, object?[]> columns = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> requested = new(StringComparer.Ordinal);

        public ColumnArrays(Entity[] rows)
        {
            this.rows = rows;
        }

        /// <summary>The column's values (values[i] of rows[i], read as the query engine reads them); false on the first request.</summary>
        public bool TryGet(string attribute, string primaryId, out object?[] values)
        {
            if (columns.TryGetValue(attribute, out var cached))
            {
                values = cached;
                return true;
            }
            if (requested.TryAdd(attribute, true))
            {
                values = Array.Empty<object?>();
                return false;
            }
            var column = new object?[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                column[i] = Dataverse.InMemory.Query.RowValues.Get(rows[i], attribute, primaryId);
            }
            values = columns.GetOrAdd(attribute, column);
            return true;
        }
    }

    /// <summary>
    /// An equality index on one id-valued column of one table: row ids by the Guid the column holds (a Guid, or
    /// an EntityReference's id). A column that holds any other kind of value cannot be answered from ids; the index
    /// then stays unusable and queries scan, so a look-up never misses a row the query's filter would match.
    /// Not thread-safe: its table serializes access.
    /// </summary>
    internal sealed class ColumnIndex
    {
        private readonly Dictionary<Guid, Dictionary<Guid, Entity>> rows = new();
        private readonly string attribute;
        private readonly string primaryId;
        private bool unusable;

        public ColumnIndex(string attribute, string primaryId)
        {
            this.attribute = attribute;
            this.primaryId = primaryId;
        }

        /// <summary>Replaces the stored version of a row (previous null: inserted; current null: deleted).</summary>
        public void Replace(Guid rowId, Entity? previous, Entity? current)
        {
            if (unusable) return;
            if (previous != null && KeyOf(previous) is Guid old && rows.TryGetValue(old, out var bucket))
            {
                bucket.Remove(rowId);
                if (bucket.Count == 0) rows.Remove(old);
            }
            if (current == null) return;
            var value = Dataverse.InMemory.Query.RowValues.Get(current, attribute, primaryId);
            Guid key;
            switch (value)
            {
                case null:
                    return;
                case Guid id:
                    key = id;
                    break;
                case EntityReference reference:
                    key = reference.Id;
                    break;
                default:
                    unusable = true;
                    rows.Clear();
                    return;
            }
            if (!rows.TryGetValue(key, out var target))
            {
                target = new Dictionary<Guid, Entity>();
                rows.Add(key, target);
            }
            target[rowId] = current;
        }

        /// <summary>The stored rows holding one of the keys, or null when the column is not id-valued.</summary>
        public IReadOnlyCollection<Entity>? Find(IReadOnlyCollection<Guid> keys)
        {
            if (unusable) return null;
            var found = new List<Entity>();
            var seen = keys.Count > 1 ? new HashSet<Guid>() : null;
            foreach (var key in keys)
            {
                if (seen != null && !seen.Add(key)) continue;
                if (rows.TryGetValue(key, out var bucket)) found.AddRange(bucket.Values);
            }
            return found;
        }

        private Guid? KeyOf(Entity row) => Dataverse.InMemory.Query.RowValues.Get(row, attribute, primaryId) switch
        {
            Guid id => id,
            EntityReference reference => reference.Id,
            _ => null,
        };
    }
}
