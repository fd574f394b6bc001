using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;
using Xunit;

namespace CrmAttention.Plugins.Tests.Unit
{
    public sealed class UserFactsCacheTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        private static readonly Guid Org = new Guid("00000000-0000-0000-0000-0000000000aa");

        private static UserFacts Facts(Guid user, int language = 1033) => new UserFacts(user, false, language, Array.Empty<string>());

        [Fact]
        public void A_cached_user_is_served_without_reading_again_until_the_entry_expires()
        {
            var cache = new UserFactsCache(10, TimeSpan.FromMinutes(5));
            var user = Guid.NewGuid();
            var reads = 0;
            UserFacts Read() { reads++; return Facts(user, 1030 + reads); }

            var first = cache.Get(Org, user, T0, Read);
            var second = cache.Get(Org, user, T0.AddMinutes(4), Read);
            var third = cache.Get(Org, user, T0.AddMinutes(5), Read);

            Assert.Same(first, second);
            Assert.Equal(1032, third.UiLanguageId);
            Assert.Equal(2, reads);
        }

        [Fact]
        public void The_least_recently_used_user_is_evicted_when_the_cache_is_full()
        {
            var cache = new UserFactsCache(2, TimeSpan.FromMinutes(5));
            Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
            cache.Get(Org, a, T0, () => Facts(a));
            cache.Get(Org, b, T0, () => Facts(b));
            cache.Get(Org, a, T0, () => throw new InvalidOperationException("a is cached"));
            cache.Get(Org, c, T0, () => Facts(c));

            var readB = false;
            cache.Get(Org, b, T0, () => { readB = true; return Facts(b); });

            Assert.True(readB);
            Assert.Equal(2, cache.Count);
        }

        [Fact]
        public void The_same_user_in_two_organizations_is_cached_separately()
        {
            var cache = new UserFactsCache(10, TimeSpan.FromMinutes(5));
            var user = Guid.NewGuid();
            cache.Get(Org, user, T0, () => Facts(user, 1031));

            var other = cache.Get(Guid.NewGuid(), user, T0, () => Facts(user, 1033));

            Assert.Equal(1033, other.UiLanguageId);
        }

        [Fact]
        public void Parallel_readers_never_grow_the_cache_beyond_its_capacity()
        {
            var cache = new UserFactsCache(50, TimeSpan.FromMinutes(5));
            var users = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
            var reads = 0;

            Parallel.ForEach(users.Concat(users), u => cache.Get(Org, u, T0, () => { Interlocked.Increment(ref reads); return Facts(u); }));

            Assert.Equal(50, cache.Count);
            Assert.InRange(reads, 500, 1000);
        }
    }
}
