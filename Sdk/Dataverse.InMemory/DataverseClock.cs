using System;
using System.Threading;

namespace Dataverse.InMemory
{
    /// <summary>
    /// The organization's clock. createdon, modifiedon, OperationCreatedOn, system jobs and the relative-date query
    /// operators (Today, LastXDays, OlderThanXMonths …) all read it, so a test that sets or advances it controls
    /// every time the service produces. Thread-safe. Never reads the machine's clock.
    /// </summary>
    public sealed class DataverseClock
    {
        private long ticks;

        /// <summary>Creates a clock standing at <paramref name="utcNow"/> (converted to UTC if it carries a kind).</summary>
        public DataverseClock(DateTime utcNow)
        {
            ticks = ToUtc(utcNow).Ticks;
        }

        /// <summary>The current instant, DateTimeKind.Utc, as Dataverse stores date-time values.</summary>
        public DateTime UtcNow => new DateTime(Interlocked.Read(ref ticks), DateTimeKind.Utc);

        /// <summary>Moves the clock to <paramref name="utcNow"/>. Going backwards is allowed: tests replay history.</summary>
        public void Set(DateTime utcNow) => Interlocked.Exchange(ref ticks, ToUtc(utcNow).Ticks);

        /// <summary>Moves the clock forward by <paramref name="by"/> and returns the new instant.</summary>
        public DateTime Advance(TimeSpan by)
        {
            if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "Advance moves forward; use Set to go back in time.");
            return new DateTime(Interlocked.Add(ref ticks, by.Ticks), DateTimeKind.Utc);
        }

        private static DateTime ToUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
    }
}
