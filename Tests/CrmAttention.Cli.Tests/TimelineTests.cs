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

        [Fact]
        public void Timelines_sharing_a_budget_spill_only_the_one_above_its_share()
        {
            var budget = new TimelineBudget(100, 4);
            var timelines = Enumerable.Range(0, 4).Select(_ => new Timeline(budget)).ToArray();
            try
            {
                var random = new Random(3);
                var line = 0L;
                // Timeline 0 gets 300 events, the others 15 each (below their share of 25), interleaved as the partitions of a replay are filled.
                for (var i = 0; i < 300; i++)
                {
                    timelines[0].Add(Event(random.Next(1000), ++line));
                    if (i % 20 == 0) for (var t = 1; t < 4; t++) timelines[t].Add(Event(random.Next(1000), ++line));
                }
                Assert.Equal(25, budget.FairShare);
                Assert.True(timelines[0].SpilledRuns >= 2);
                Assert.All(timelines.Skip(1), t => Assert.Equal(0, t.SpilledRuns));
                foreach (var t in timelines)
                {
                    var read = t.ReadInOrder().ToList();
                    Assert.Equal(t.Count, read.Count);
                    Assert.Equal(read.OrderBy(e => e.Ticks).ThenBy(e => e.Line).Select(e => e.Line), read.Select(e => e.Line));
                }
            }
            finally
            {
                foreach (var t in timelines) t.Dispose();
            }
        }
    }
}
