using System;
using System.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    public class TimelineTests
    {
        private static TimelineEvent Event(long ticks, long line) =>
            new TimelineEvent(ticks, line, new Guid((int)line, 0, 0, new byte[8]), (int)line, 0, Channel.Email, Origin.Human, false);

        [Fact]
        public void Events_spilled_in_many_runs_come_back_in_time_order_with_ties_in_file_order()
        {
            var random = new Random(7);
            var events = Enumerable.Range(1, 1000).Select(i => Event(random.Next(50), i)).ToList();
            using var timeline = new Timeline(runLength: 16);
            foreach (var e in events) timeline.Add(e);
            var read = timeline.ReadInOrder().ToList();
            Assert.True(timeline.SpilledRuns > 50);
            var expected = events.OrderBy(e => e.Ticks).ThenBy(e => e.Line).Select(e => e.Line).ToList();
            Assert.Equal(expected, read.Select(e => e.Line).ToList());
            Assert.Equal(read.Select(e => e.Line).ToList(), read.Select(e => (long)e.Contact).ToList());
        }

        [Fact]
        public void An_input_that_fits_in_one_run_is_sorted_in_memory_without_spilling()
        {
            using var timeline = new Timeline(runLength: 100);
            timeline.Add(Event(5, 1));
            timeline.Add(Event(3, 2));
            timeline.Add(Event(5, 3));
            Assert.Equal(new long[] { 2, 1, 3 }, timeline.ReadInOrder().Select(e => e.Line).ToArray());
            Assert.Equal(0, timeline.SpilledRuns);
        }
    }
}
