using System;
using System.Collections.Generic;
using CrmAttention.Engine.Workflow;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// A small, thread-safe, bounded, expiring cache of per-user facts, shared by all executions in one sandbox worker.
    /// </summary>
    /// <remarks>
    /// Why this is safe although plugins must be stateless: the platform reuses plugin instances across threads and
    /// requests, so per-request data must never live in fields. This cache holds no request data, only facts about users
    /// that change rarely (application user or not, UI language, team names), keyed by organization and user so that a
    /// worker serving several organizations cannot mix them. Every entry expires after <see cref="TimeToLive"/>, measured
    /// on the operation's own clock, so a changed team membership or language is seen within minutes; the entry count is
    /// bounded, so memory does not grow with the number of users; all access takes one lock, and the value factory runs
    /// outside it, so a slow query never blocks other threads (two threads may read the same user once each, harmlessly).
    /// Losing the cache (a recycled worker) only costs one query per user.
    /// </remarks>
    public sealed class UserFactsCache
    {
        public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);
        public const int DefaultCapacity = 2000;

        public static readonly UserFactsCache Shared = new UserFactsCache(DefaultCapacity, TimeToLive);

        private readonly object _gate = new object();
        private readonly Dictionary<UserKey, LinkedListNode<Entry>> _entries = new Dictionary<UserKey, LinkedListNode<Entry>>();
        private readonly LinkedList<Entry> _order = new LinkedList<Entry>();
        private readonly int _capacity;
        private readonly TimeSpan _timeToLive;

        public UserFactsCache(int capacity, TimeSpan timeToLive)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The cache needs room for at least one user.");
            if (timeToLive <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "Entries must live for a positive time.");
            _capacity = capacity;
            _timeToLive = timeToLive;
        }

        public int Count
        {
            get
            {
                lock (_gate) return _entries.Count;
            }
        }

        /// <summary>The cached facts of a user, or the factory's result (cached until <paramref name="now"/> + time to live).</summary>
        public UserFacts Get(Guid organizationId, Guid userId, DateTime now, Func<UserFacts> factory)
        {
            var key = new UserKey(organizationId, userId);
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    // An entry from the "future" (a clock moved back in a test, or skew between servers) is not trusted either.
                    if (node.Value.ExpiresOn > now && node.Value.LoadedOn <= now)
                    {
                        _order.Remove(node);
                        _order.AddFirst(node);
                        return node.Value.Facts;
                    }
                    _order.Remove(node);
                    _entries.Remove(key);
                }
            }
            var facts = factory();
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var existing))
                {
                    _order.Remove(existing);
                    _entries.Remove(key);
                }
                var added = _order.AddFirst(new Entry(key, facts, now, now + _timeToLive));
                _entries[key] = added;
                while (_entries.Count > _capacity)
                {
                    var oldest = _order.Last!;
                    _order.RemoveLast();
                    _entries.Remove(oldest.Value.Key);
                }
            }
            return facts;
        }

        public void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
                _order.Clear();
            }
        }

        private readonly struct UserKey : IEquatable<UserKey>
        {
            public UserKey(Guid organizationId, Guid userId)
            {
                OrganizationId = organizationId;
                UserId = userId;
            }

            public Guid OrganizationId { get; }

            public Guid UserId { get; }

            public bool Equals(UserKey other) => OrganizationId == other.OrganizationId && UserId == other.UserId;

            public override bool Equals(object? obj) => obj is UserKey k && Equals(k);

            public override int GetHashCode() => OrganizationId.GetHashCode() * 397 ^ UserId.GetHashCode();
        }

        private sealed class Entry
        {
            public Entry(UserKey key, UserFacts facts, DateTime loadedOn, DateTime expiresOn)
            {
                Key = key;
                Facts = facts;
                LoadedOn = loadedOn;
                ExpiresOn = expiresOn;
            }

            public UserKey Key { get; }

            public UserFacts Facts { get; }

            public DateTime LoadedOn { get; }

            public DateTime ExpiresOn { get; }
        }
    }
}
