using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
                    foreach (var row in written.Value)
                    {
                        if (row.Value == null) table.Rows.TryRemove(row.Key, out _);
                        else table.Rows[row.Key] = row.Value;
                    }
                    table.Changed();
                }
            }
        }

        /// <summary>Writes a row outside any transaction (test arrangement: users, teams, seeded data).</summary>
        internal void PutCommitted(Entity row)
        {
            lock (commitGate)
            {
                var table = tables.GetOrAdd(row.LogicalName, _ => new Table());
                table.Rows[row.Id] = row;
                table.Changed();
            }
        }

        /// <summary>
        /// One table's committed rows, with an array snapshot for scans that is rebuilt only after a commit changed
        /// the table: repeated queries over an unchanged table cost no copying.
        /// </summary>
        private sealed class Table
        {
            private long version;
            private ScanSnapshot? snapshot;

            public ConcurrentDictionary<Guid, Entity> Rows { get; } = new();

            public void Changed() => Interlocked.Increment(ref version);

            public Entity[] Snapshot()
            {
                var current = Interlocked.Read(ref version);
                var cached = Volatile.Read(ref snapshot);
                if (cached != null && cached.Version == current) return cached.Rows;
                var rows = new Entity[Rows.Count];
                var count = 0;
                foreach (var row in Rows)
                {
                    if (count == rows.Length) Array.Resize(ref rows, rows.Length * 2 + 1);
                    rows[count++] = row.Value;
                }
                if (count != rows.Length) Array.Resize(ref rows, count);
                Volatile.Write(ref snapshot, new ScanSnapshot(current, rows));
                return rows;
            }

            private sealed record ScanSnapshot(long Version, Entity[] Rows);
        }
    }
}
