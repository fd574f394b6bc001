using System;
using System.Linq;
using CrmAttention.Engine;
using CsCheck;
using Xunit;
using static CrmAttention.Plugins.Tests.Engine.Given;

namespace CrmAttention.Plugins.Tests.Engine
{
    public class LedgerTests
    {
        private static readonly Gen<LedgerEntry> GenEntry =
            Gen.Select(Gen.Int[0, 2], Gen.Long[0, 40L * 365 * 86400], Gen.Int[0, 6], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 86400],
                (kind, seconds, channel, origin, id, life) =>
                {
                    var t = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds);
                    var activity = id == 0 ? Guid.Empty : Guid.NewGuid();
                    switch (kind)
                    {
                        case 0: return LedgerEntry.Touch(t, (Channel)channel, (Origin)origin, activity);
                        case 1: return LedgerEntry.Response(t, (Channel)channel, activity);
                        default: return LedgerEntry.Pending(t, (Channel)channel, (Origin)origin, activity, t.AddSeconds(life));
                    }
                });

        [Fact]
        public void Format_then_parse_gives_the_same_entries()
        {
            GenEntry.Array[0, 150].ForAll(entries =>
            {
                var ledger = new Ledger();
                foreach (var e in entries) ledger.Add(e);
                var text = ledger.Format();
                var parsed = Ledger.Parse(text);
                if (text.Length < PolicyDefaults.LedgerMaxChars - 40)
                {
                    Assert.Equal(ledger.Entries, parsed.Entries);
                }
                Assert.Equal(entries.Length == 0 ? LedgerStatus.Empty : LedgerStatus.Ok, parsed.Status);
                Assert.Equal(text, parsed.Format());
            });
        }

        [Fact]
        public void Full_ledger_keeps_the_newest_entries_within_4000_characters()
        {
            var ledger = new Ledger();
            var start = Utc(2026, 1, 1);
            for (var i = 0; i < 400; i++) ledger.Add(LedgerEntry.Touch(start.AddMinutes(17 * i), Channel.Email, Origin.Automated, Id(300000 + i)));

            var text = ledger.Format();
            var parsed = Ledger.Parse(text);

            Assert.True(text.Length <= 4000, text.Length.ToString());
            Assert.True(text.Length > 3950, text.Length.ToString());
            Assert.Equal(ledger.Entries.Skip(ledger.Count - parsed.Count), parsed.Entries);
            Assert.Equal(start.AddMinutes(17 * 399), parsed.Entries[parsed.Count - 1].Time);
        }

        [Theory]
        [InlineData("L1|T01")]
        [InlineData("L1|T01fx3k2a-")]
        [InlineData("L1|X01fx3k2a")]
        [InlineData("L1|T91fx3k2a")]
        [InlineData("L1|T01fx3k2a;")]
        [InlineData("L1|T01fx3k2a.")]
        [InlineData("L1|P01fx3k2a.1z")]
        [InlineData("L1|R01fx3k2a")]
        [InlineData("L1|T01FX3K2A")]
        [InlineData("garbage")]
        [InlineData("|")]
        public void Damaged_ledger_reads_as_empty_and_flagged(string text)
        {
            var ledger = Ledger.Parse(text);

            Assert.Equal(LedgerStatus.Corrupt, ledger.Status);
            Assert.True(ledger.IsFlagged);
            Assert.Equal(0, ledger.Count);
        }

        [Fact]
        public void Ledger_of_an_unknown_version_reads_as_empty_and_flagged()
        {
            var ledger = Ledger.Parse("L7|T01fx3k2a");

            Assert.Equal(LedgerStatus.UnknownVersion, ledger.Status);
            Assert.True(ledger.IsFlagged);
            Assert.Equal(0, ledger.Count);
        }

        [Fact]
        public void Empty_ledger_is_not_flagged()
        {
            Assert.Equal(LedgerStatus.Empty, Ledger.Parse(null).Status);
            Assert.Equal(LedgerStatus.Empty, Ledger.Parse("").Status);
            Assert.Equal(LedgerStatus.Empty, Ledger.Parse("L1|").Status);
            Assert.False(Ledger.Parse("L1|").IsFlagged);
        }

        [Fact]
        public void Reading_any_text_never_throws()
        {
            Gen.String.ForAll(text =>
            {
                var ledger = Ledger.Parse(text);
                Assert.True(ledger.Status != LedgerStatus.Ok || ledger.Count > 0);
            });
            GenEntry.Array[1, 30].Select(Gen.Int[0, 400], Gen.Char, (entries, pos, c) => (entries, pos, c)).ForAll(t =>
            {
                var ledger = new Ledger();
                foreach (var e in t.entries) ledger.Add(e);
                var text = ledger.Format();
                var i = t.pos % text.Length;
                var damaged = text.Substring(0, i) + t.c + text.Substring(i + 1);
                var parsed = Ledger.Parse(damaged);
                Assert.True(parsed.Status == LedgerStatus.Ok || parsed.IsFlagged || parsed.Status == LedgerStatus.Empty);
            });
        }

        [Fact]
        public void Unsorted_entries_are_read_in_time_order()
        {
            var a = LedgerEntry.Touch(Utc(2026, 11, 20), Channel.Email, Origin.Human, Id(1));
            var b = LedgerEntry.Touch(Utc(2026, 11, 21), Channel.Phone, Origin.Human, Id(2));
            var forward = new Ledger();
            forward.Add(a);
            forward.Add(b);
            var parts = forward.Format().Substring(3).Split(';');

            var parsed = Ledger.Parse("L1|" + parts[1] + ";" + parts[0]);

            Assert.Equal(new[] { a, b }, parsed.Entries);
        }

        [Fact]
        public void Ledger_times_are_whole_seconds_and_not_before_2000()
        {
            Assert.Equal(Utc(2026, 11, 20, 9, 40, 12), LedgerEntry.Touch(Utc(2026, 11, 20, 9, 40, 12).AddMilliseconds(999), Channel.Email, Origin.Human, Guid.Empty).Time);
            Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntry.Touch(Utc(1999, 12, 31), Channel.Email, Origin.Human, Guid.Empty));
        }

        [Fact]
        public void Activity_key_is_stable_and_never_zero_for_a_real_id()
        {
            Assert.Equal(0u, LedgerEntry.KeyOf(Guid.Empty));
            Assert.Equal(LedgerEntry.KeyOf(Id(5)), LedgerEntry.KeyOf(new Guid("00000005-0000-0000-0000-000000000000")));
            Assert.NotEqual(LedgerEntry.KeyOf(Id(5)), LedgerEntry.KeyOf(Id(6)));
        }
    }
}
