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
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Entity>> tables = new(StringComparer.Ordinal);
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
            tables.TryGetValue(logicalName, out var table) && table.TryGetValue(id, out var row) ? row : null;

        public IEnumerable<Entity> Scan(string logicalName) =>
            tables.TryGetValue(logicalName, out var table) ? table.Values : Enumerable.Empty<Entity>();

        public bool HasRows(string logicalName) => tables.TryGetValue(logicalName, out var table) && !table.IsEmpty;

        public int Count(string logicalName) => tables.TryGetValue(logicalName, out var table) ? table.Count : 0;

        /// <summary>Starts a transaction; it sees committed rows plus its own writes.</summary>
        public StoreTransaction Begin() => new StoreTransaction(this);

        /// <summary>Publishes a transaction's writes. Called with the transaction's row locks still held.</summary>
        internal void Apply(Dictionary<string, Dictionary<Guid, Entity?>> writes)
        {
            lock (commitGate)
            {
                foreach (var table in writes)
                {
                    var rows = tables.GetOrAdd(table.Key, _ => new ConcurrentDictionary<Guid, Entity>());
                    foreach (var row in table.Value)
                    {
                        if (row.Value == null) rows.TryRemove(row.Key, out _);
                        else rows[row.Key] = row.Value;
                    }
                }
            }
        }

        /// <summary>Writes a row outside any transaction (test arrangement: users, teams, seeded data).</summary>
        internal void PutCommitted(Entity row) =>
            tables.GetOrAdd(row.LogicalName, _ => new ConcurrentDictionary<Guid, Entity>())[row.Id] = row;
    }
}
