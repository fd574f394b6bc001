using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Dataverse.InMemory.Faults;

namespace Dataverse.InMemory.Storage
{
    /// <summary>A row identity: table and primary id.</summary>
    internal readonly record struct RowKey(string LogicalName, Guid Id);

    /// <summary>
    /// Exclusive row locks held by transactions, with SQL Server's two ways out of a wait: a timeout
    /// (SQL timeout expired) and deadlock detection (the waiter that closes a cycle is the victim).
    /// </summary>
    internal sealed class RowLocks
    {
        private readonly object gate = new();
        private readonly Dictionary<RowKey, StoreTransaction> owners = new();
        private readonly Dictionary<StoreTransaction, RowKey> waiting = new();

        /// <summary>
        /// Acquires the lock on <paramref name="key"/> for <paramref name="owner"/>; returns false when it already
        /// held it. Throws the platform's deadlock or timeout fault.
        /// </summary>
        public bool Acquire(StoreTransaction owner, RowKey key, TimeSpan timeout)
        {
            lock (gate)
            {
                var started = Stopwatch.GetTimestamp();
                while (true)
                {
                    if (!owners.TryGetValue(key, out var holder))
                    {
                        owners.Add(key, owner);
                        return true;
                    }
                    if (ReferenceEquals(holder, owner)) return false;
                    if (WaitsFor(holder, owner)) throw DataverseFault.Deadlock();
                    var remaining = timeout - Stopwatch.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero) throw DataverseFault.LockTimeout(key.LogicalName, key.Id);
                    waiting[owner] = key;
                    try
                    {
                        Monitor.Wait(gate, remaining);
                    }
                    finally
                    {
                        waiting.Remove(owner);
                    }
                }
            }
        }

        /// <summary>Releases every lock of a transaction that has ended and wakes the waiters.</summary>
        public void ReleaseAll(StoreTransaction owner, IReadOnlyCollection<RowKey> keys)
        {
            if (keys.Count == 0) return;
            lock (gate)
            {
                foreach (var key in keys)
                {
                    if (owners.TryGetValue(key, out var holder) && ReferenceEquals(holder, owner)) owners.Remove(key);
                }
                Monitor.PulseAll(gate);
            }
        }

        // Follows the wait-for chain from the lock holder: if it leads back to the requester, waiting would never end.
        private bool WaitsFor(StoreTransaction holder, StoreTransaction requester)
        {
            var current = holder;
            var seen = new HashSet<StoreTransaction>();
            while (seen.Add(current) && waiting.TryGetValue(current, out var awaited) && owners.TryGetValue(awaited, out var next))
            {
                if (ReferenceEquals(next, requester)) return true;
                current = next;
            }
            return false;
        }
    }
}
