using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Sample;
using Dataverse.WebApi.Protocol;
using Xunit;

namespace CrmAttention.Cli.Tests.LiveOrg
{
    /// <summary>
    /// The client against the host's service protection (429 with Retry-After) and a dropped connection, on a clock
    /// that jumps ahead by every wait instead of sleeping: the host's limit window and the client's waits read the same clock.
    /// </summary>
    public sealed class RetryTests
    {
        private static readonly SampleOptions Sample = new() { Contacts = 30, Accounts = 5, Sellers = 2, Days = 21, Seed = 3, Start = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc) };
        private static readonly ActivityWindow Since = ActivityWindow.Since(new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc));

        [Fact]
        public async Task An_export_throttled_with_429_waits_as_Retry_After_says_and_writes_every_row()
        {
            using var cli = new CliRunner();
            var clock = new JumpingClock();
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), Sample, o =>
            {
                o.ServiceProtection = new ServiceProtectionLimits(3, TimeSpan.FromSeconds(30));
                o.Time = clock;
            });
            var retries = new List<string>();
            using var client = new WebApiClient(host.Host.BaseAddress, new StaticTokenProvider(OrgHost.Token), new WebApiClientOptions { Time = clock, OnRetry = retries.Add });

            var summary = OrgExporter.Export(new OrgReader(client), cli.PathOf("x"), Since);

            Assert.NotEmpty(retries);
            Assert.All(retries, r => Assert.StartsWith("The org answered 429 TooManyRequests; retrying in 30.0 s", r));
            // Every wait was the host's Retry-After, and nothing else made time pass.
            Assert.Equal(TimeSpan.FromSeconds(30 * retries.Count), clock.Waited);
            Assert.Equal(9 + retries.Count, client.Requests);
            Assert.Equal(ExportTests.Activities(cli.PathOf("sample")).Count, summary.Activities);
            Assert.Equal(Sample.Contacts, summary.Contacts);
        }

        [Fact]
        public async Task A_Retry_After_beyond_the_retry_budget_ends_the_run_with_the_service_protection_message()
        {
            using var cli = new CliRunner();
            var clock = new JumpingClock();
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), Sample, o =>
            {
                o.ServiceProtection = new ServiceProtectionLimits(1, TimeSpan.FromMinutes(10));
                o.Time = clock;
            });
            using var client = new WebApiClient(host.Host.BaseAddress, new StaticTokenProvider(OrgHost.Token),
                new WebApiClientOptions { Time = clock, RetryBudget = TimeSpan.FromMinutes(5) });

            var error = Assert.Throws<CliException>(() => OrgExporter.Export(new OrgReader(client), cli.PathOf("x"), Since));

            Assert.StartsWith("The org's service protection limits stopped the run (429 Too Many Requests) and the retry budget is spent.", error.Message);
            Assert.Contains("Number of requests exceeded the limit of 1 over time window of 600 seconds", error.Message);
            Assert.Equal(TimeSpan.Zero, clock.Waited);
            Assert.False(File.Exists(cli.PathOf("x/contacts.csv")));
        }

        [Fact]
        public async Task A_dropped_connection_on_a_read_is_retried_after_the_first_backoff()
        {
            using var cli = new CliRunner();
            var clock = new JumpingClock();
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), Sample);
            var faults = new DropFirstRequests(2);
            using var client = new WebApiClient(host.Host.BaseAddress, new StaticTokenProvider(OrgHost.Token),
                new WebApiClientOptions { Time = clock, FirstBackoff = TimeSpan.FromSeconds(2) }, faults);

            var summary = OrgExporter.Export(new OrgReader(client), cli.PathOf("x"), Since);

            Assert.Equal(Sample.Contacts, summary.Contacts);
            // Exponential backoff: 2 s, then 4 s.
            Assert.Equal(TimeSpan.FromSeconds(6), clock.Waited);
        }

        /// <summary>The network, with its first N requests failing as a reset connection does.</summary>
        private sealed class DropFirstRequests : DelegatingHandler
        {
            private int _left;

            public DropFirstRequests(int count)
                : base(new SocketsHttpHandler())
            {
                _left = count;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Interlocked.Decrement(ref _left) >= 0 ? throw new HttpRequestException("Connection reset by peer") : base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A clock that never sleeps: a timer moves the time on by its due time and fires at once.</summary>
    public sealed class JumpingClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).UtcTicks;
        private long _waited;

        public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waited));

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Jump(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class Jump : ITimer
        {
            private readonly JumpingClock _clock;
            private readonly TimerCallback _callback;
            private readonly object? _state;

            public Jump(JumpingClock clock, TimerCallback callback, object? state)
            {
                _clock = clock;
                _callback = callback;
                _state = state;
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Interlocked.Add(ref _clock._ticks, dueTime.Ticks);
                Interlocked.Add(ref _clock._waited, dueTime.Ticks);
                ThreadPool.QueueUserWorkItem(_ => _callback(_state));
                return true;
            }

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => default;
        }
    }
}
