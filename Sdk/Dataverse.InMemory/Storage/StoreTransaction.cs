using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Storage
{
    /// <summary>
    /// One database transaction: the writes of a top-level request and of every request its synchronous plugins
    /// make. Other transactions see none of them until <see cref="Commit"/>; <see cref="Rollback"/> drops all of
    /// them, including rows other plugins created. Each written row stays locked until the transaction ends, as
    /// SQL Server keeps exclusive row locks to the end of the transaction.
    /// Used by one thread at a time (the request's thread), like a SQL connection.
    /// </summary>
    internal sealed class StoreTransaction : IRowReader
    {
        private readonly RowStore store;
        private readonly Dictionary<string, Dictionary<Guid, Entity?>> writes = new(StringComparer.Ordinal);
        private readonly List<RowKey> locks = new();

        public StoreTransaction(RowStore store)
        {
            this.store = store;
        }

        /// <summary>Set when a request inside the transaction failed; the transaction can only roll back now.</summary>
        public bool IsDoomed { get; private set; }

        public bool IsCompleted { get; private set; }

        /// <summary>Work to run after commit (asynchronous steps); dropped on rollback.</summary>
        public List<Action> AfterCommit { get; } = new();

        public Entity? Get(string logicalName, Guid id)
        {
            if (writes.TryGetValue(logicalName, out var table) && table.TryGetValue(id, out var written)) return written;
            return store.Get(logicalName, id);
        }

        public IEnumerable<Entity> Scan(string logicalName)
        {
            if (!writes.TryGetValue(logicalName, out var table) || table.Count == 0) return store.Scan(logicalName);
            return ScanWithWrites(logicalName, table);
        }

        private IEnumerable<Entity> ScanWithWrites(string logicalName, Dictionary<Guid, Entity?> table)
        {
            foreach (var row in store.Scan(logicalName))
            {
                if (!table.ContainsKey(row.Id)) yield return row;
            }
            foreach (var row in table.Values.ToList())
            {
                if (row != null) yield return row;
            }
        }

        public IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, string primaryId, IReadOnlyCollection<Guid> keys)
        {
            var committed = store.Lookup(logicalName, attribute, primaryId, keys);
            if (committed == null || !writes.TryGetValue(logicalName, out var table) || table.Count == 0) return committed;
            // The transaction's own versions replace the committed ones; every row it wrote is a candidate (the
            // engine filters candidates), which keeps this exact without indexing uncommitted writes.
            var rows = new List<Entity>(committed.Count + table.Count);
            foreach (var row in committed)
            {
                if (!table.ContainsKey(row.Id)) rows.Add(row);
            }
            foreach (var row in table.Values)
            {
                if (row != null) rows.Add(row);
            }
            return rows;
        }

        public bool TryScanColumn(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values)
        {
            if (writes.TryGetValue(logicalName, out var table) && table.Count > 0)
            {
                rows = Array.Empty<Entity>();
                values = Array.Empty<object?>();
                return false;
            }
            return store.TryScanColumn(logicalName, attribute, primaryId, out rows, out values);
        }

        public IEnumerable<Entity>? ScanInKeyOrder(string logicalName, string primaryId, Guid? from)
        {
            var committed = store.ScanInKeyOrder(logicalName, primaryId, from);
            if (committed == null || !writes.TryGetValue(logicalName, out var table) || table.Count == 0) return committed;
            // The transaction's own rows (sorted here, they are few) merge into the committed order; its versions and
            // deletions replace the committed rows.
            var own = new List<(UInt128 Key, Entity Row)>();
            foreach (var row in table.Values)
            {
                if (row == null) continue;
                if (KeyOrderedRows.KeyOf(row, primaryId) is not UInt128 key) return null;
                if (from is Guid bound && key < SqlGuidOrder.Key(bound)) continue;
                own.Add((key, row));
            }
            own.Sort((a, b) => a.Key.CompareTo(b.Key));
            return Merge(committed, own, table, primaryId);
        }

        public Func<Guid, Entity?>? KeySeek(string logicalName, string primaryId)
        {
            var committed = store.KeySeek(logicalName, primaryId);
            if (committed == null || !writes.TryGetValue(logicalName, out var table) || table.Count == 0) return committed;
            var own = new Dictionary<Guid, Entity>();
            foreach (var row in table.Values)
            {
                if (row == null) continue;
                if (Dataverse.InMemory.Query.RowValues.Get(row, primaryId, primaryId) is not Guid key || !own.TryAdd(key, row)) return null;
            }
            // The transaction's own version first; a committed row it replaced or deleted is not there for it.
            return id => own.TryGetValue(id, out var mine) ? mine : committed(id) is { } row && !table.ContainsKey(row.Id) ? row : null;
        }

        public bool TryScanColumnInKeyOrder(string logicalName, string attribute, string primaryId, out Entity[] rows, out object?[] values)
        {
            if (writes.TryGetValue(logicalName, out var table) && table.Count > 0)
            {
                rows = Array.Empty<Entity>();
                values = Array.Empty<object?>();
                return false;
            }
            return store.TryScanColumnInKeyOrder(logicalName, attribute, primaryId, out rows, out values);
        }

        private static IEnumerable<Entity> Merge(IEnumerable<Entity> committed, List<(UInt128 Key, Entity Row)> own, Dictionary<Guid, Entity?> written, string primaryId)
        {
            var next = 0;
            foreach (var row in committed)
            {
                if (written.ContainsKey(row.Id)) continue;
                var key = KeyOrderedRows.KeyOf(row, primaryId)!.Value;
                while (next < own.Count && own[next].Key < key) yield return own[next++].Row;
                yield return row;
            }
            while (next < own.Count) yield return own[next++].Row;
        }

        /// <summary>Takes the exclusive lock on a row (waiting for the transaction that holds it).</summary>
        public void Lock(string logicalName, Guid id)
        {
            var key = new RowKey(logicalName, id);
            if (store.Locks.Acquire(this, key, store.LockTimeout)) locks.Add(key);
        }

        /// <summary>Stores a new version of a row. The caller holds the row lock.</summary>
        public void Put(Entity row) => TableOf(row.LogicalName)[row.Id] = row;

        /// <summary>Deletes a row. The caller holds the row lock.</summary>
        public void Remove(string logicalName, Guid id) => TableOf(logicalName)[id] = null;

        public void Doom() => IsDoomed = true;

        public void Commit()
        {
            if (IsCompleted) throw new InvalidOperationException("The transaction has already ended.");
            if (IsDoomed) throw new InvalidOperationException("A doomed transaction cannot commit.");
            try
            {
                store.Apply(writes);
            }
            finally
            {
                End();
            }
        }

        public void Rollback()
        {
            if (IsCompleted) return;
            writes.Clear();
            AfterCommit.Clear();
            End();
        }

        private void End()
        {
            IsCompleted = true;
            store.Locks.ReleaseAll(this, locks);
            locks.Clear();
        }

        private Dictionary<Guid, Entity?> TableOf(string logicalName)
        {
            if (!writes.TryGetValue(logicalName, out var table))
            {
                table = new Dictionary<Guid, Entity?>();
                writes.Add(logicalName, table);
            }
            return table;
        }
    }
}
