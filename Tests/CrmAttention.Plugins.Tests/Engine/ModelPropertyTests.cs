using System;
using System.Collections.Generic;
using CrmAttention.Engine;
using CsCheck;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>The invariants of issue 4 item 8, checked on generated histories with CsCheck.</summary>
    public class ModelPropertyTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

        private static readonly Gen<Channel> GenChannel = Gen.Int[0, 6].Select(i => (Channel)i);
        private static readonly Gen<Origin> GenBudgetedOrigin = Gen.Int[0, 1].Select(i => (Origin)i);

        private static readonly Gen<HistoryEvent> GenEvent =
            Gen.Select(Gen.Int[0, 2 * 86400], Gen.Int[0, 9], GenChannel, GenBudgetedOrigin, (gap, r, c, o) => new HistoryEvent(gap, r == 0, c, o));

        private static readonly Gen<HistoryEvent[]> GenHistory = GenEvent.Array[0, 25];

        [Fact]
        public void Without_touches_pressure_decays_strictly()
        {
            Gen.Select(Gen.Double[0.01, 100], Gen.Int[0, 60 * 86400], Gen.Int[1, 60 * 86400]).ForAll((p, d1, d2) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var contact = new ContactState { Pressure = p, PressureAsOf = Start };
                var earlier = AttentionModel.PressureAt(contact, policy, Start.AddSeconds(d1));
                var later = AttentionModel.PressureAt(contact, policy, Start.AddSeconds(d1 + d2));
                Assert.True(later < earlier, later + " !< " + earlier);
            });
        }

        [Fact]
        public void Each_touch_strictly_raises_pressure_and_lowers_receptivity()
        {
            Gen.Select(GenHistory, Gen.Int[0, 86400], GenChannel, GenBudgetedOrigin).ForAll((events, gap, channel, origin) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var h = new History(policy, Start, events);
                var t = h.End.AddSeconds(gap);
                var before = AttentionModel.EffectivePressure(h.Contact, policy, t, t);
                AttentionRecorder.RecordTouch(h.Contact, h.Account, new Touch(channel, origin, t, Guid.NewGuid()), policy, t);
                var after = AttentionModel.EffectivePressure(h.Contact, policy, t, t);
                Assert.True(after > before, after + " !> " + before);
                Assert.True(AttentionModel.Score(after, policy) < AttentionModel.Score(before, policy));
            });
        }

        [Fact]
        public void Expected_response_gain_of_each_further_touch_in_a_burst_strictly_decreases()
        {
            Gen.Select(Gen.Double[1, 1e6], GenChannel, GenBudgetedOrigin).ForAll((value, channel, origin) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var contact = new ContactState();
                var previous = double.PositiveInfinity;
                for (var k = 1; k <= 40; k++)
                {
                    var gain = AttentionModel.ExpectedResponseGain(value, AttentionModel.EffectivePressure(contact, policy, Start, Start), channel, origin, policy);
                    Assert.True(gain < previous, "touch " + k + ": " + gain + " !< " + previous);
                    previous = gain;
                    AttentionRecorder.RecordTouch(contact, null, new Touch(channel, origin, Start, Guid.NewGuid()), policy, Start);
                }
            });
        }

        [Fact]
        public void For_every_positive_value_marginal_value_turns_negative_after_finitely_many_touches_and_stays_negative()
        {
            Gen.Select(Gen.Double[0.01, 1e9], GenChannel, GenBudgetedOrigin).ForAll((value, channel, origin) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var pressure = 0.0;
                var w = policy.Model.Weight(channel, origin);
                var k = 0;
                while (AttentionModel.MarginalValue(value, pressure, channel, origin, policy) >= 0)
                {
                    pressure += w;
                    Assert.True(++k < 10000, "MV still not negative after 10,000 touches");
                }
                for (var j = 0; j < 50; j++)
                {
                    pressure += w;
                    Assert.True(AttentionModel.MarginalValue(value, pressure, channel, origin, policy) < 0);
                }
            });
        }

        [Fact]
        public void A_response_lowers_pressure()
        {
            Gen.Select(GenEvent.Array[1, 25], Gen.Int[0, 86400]).ForAll((events, gap) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var h = new History(policy, Start, events);
                var t = h.End.AddSeconds(gap);
                var before = AttentionModel.PressureAt(h.Contact, policy, t);
                if (before == 0) return;
                AttentionRecorder.RecordResponse(h.Contact, Channel.Email, t, Guid.NewGuid(), policy);
                Assert.True(AttentionModel.PressureAt(h.Contact, policy, t) < before);
            });
        }

        [Fact]
        public void Incremental_pressure_equals_recomputation_from_full_history()
        {
            Gen.Select(GenEvent.Array[1, 200], Gen.Int[0, 30 * 86400]).ForAll((events, gap) =>
            {
                var policy = AttentionPolicy.CreateDefault();
                var h = new History(policy, Start, events);
                var t = h.End.AddSeconds(gap);
                var incremental = AttentionModel.PressureAt(h.Contact, policy, t);
                var batch = AttentionModel.PressureFromHistory(h.All, policy, t);
                Assert.True(Math.Abs(incremental - batch) <= 1e-9 * Math.Max(batch, 1e-300), incremental + " vs " + batch);
            });
        }

        private static readonly Gen<AttentionPolicy> GenPolicy =
            Gen.Select(Gen.Int[2, 8], Gen.Int[1, 4], Gen.Int[0, 48], Gen.Int[2, 12], Gen.Int[0, 4], Gen.Int[0, 1], (max, auto, gap, account, emailCap, humanFirst) =>
            {
                var p = AttentionPolicy.CreateDefault();
                p.MaxTouches = max;
                p.MaxAutomatedTouches = Math.Min(auto, max);
                p.MinGapHours = gap;
                p.AccountMaxTouches = account;
                p.MaxEmailTouches = emailCap == 0 ? (int?)null : emailCap;
                p.HumanFirst = humanFirst == 1;
                return p;
            });

        private static readonly Gen<decimal?> GenValue = Gen.Int[0, 4].Select(i => i == 0 ? (decimal?)null : new[] { 0m, 20m, 3000m, 50000m }[i - 1]);

        [Fact]
        public void Next_allowed_on_is_exact_to_the_second()
        {
            var violations = 0;
            Gen.Select(GenHistory, GenPolicy, GenValue, GenChannel, GenBudgetedOrigin, Gen.Int[0, 86400]).ForAll((events, policy, value, channel, origin, gap) =>
            {
                var h = new History(policy, Start, events, value);
                var now = h.End.AddSeconds(gap);
                var touch = new Touch(channel, origin, now, Guid.NewGuid());
                var d = AttentionEngine.Evaluate(touch, h.Contact, h.Account, policy, now);
                if (d.NextAllowedOn is not DateTime next) return;
                violations++;
                Assert.False(AttentionEngine.Evaluate(touch.WithTime(next), h.Contact, h.Account, policy, now).HasViolation, "fails at NextAllowedOn " + next.ToString("o"));
                Assert.True(AttentionEngine.Evaluate(touch.WithTime(next.AddSeconds(-1)), h.Contact, h.Account, policy, now).HasViolation, "passes one second before " + next.ToString("o"));
            }, iter: 400);
            Assert.True(violations > 50, "too few generated violations to check: " + violations);
        }

        [Fact]
        public void Pending_touches_count_toward_caps_and_next_allowed_on_stays_exact()
        {
            Gen.Select(GenHistory, GenPolicy, Gen.Int[1, 3], GenChannel, GenBudgetedOrigin).ForAll((events, policy, pendingCount, channel, origin) =>
            {
                var h = new History(policy, Start, events, 3000m);
                var now = h.End.AddHours(1);
                var withoutPending = AttentionEngine.Evaluate(new Touch(channel, origin, now, Guid.NewGuid()), h.Contact, h.Account, policy, now);
                for (var i = 0; i < pendingCount; i++)
                    AttentionRecorder.RecordPending(h.Contact, h.Account, new Touch(Channel.Email, Origin.Automated, now.AddMinutes(-i), Guid.NewGuid()), policy, now);
                var touch = new Touch(channel, origin, now, Guid.NewGuid());
                var d = AttentionEngine.Evaluate(touch, h.Contact, h.Account, policy, now);
                Assert.Equal(withoutPending.Counter(ReasonCode.WindowCap).Used + pendingCount, d.Counter(ReasonCode.WindowCap).Used);
                if (d.NextAllowedOn is not DateTime next) return;
                Assert.False(AttentionEngine.Evaluate(touch.WithTime(next), h.Contact, h.Account, policy, now).HasViolation);
                Assert.True(AttentionEngine.Evaluate(touch.WithTime(next.AddSeconds(-1)), h.Contact, h.Account, policy, now).HasViolation);
            });
        }

        [Fact]
        public void Decisions_are_deterministic_and_invariant_under_shifting_all_times()
        {
            Gen.Select(GenHistory, GenPolicy, GenValue, GenChannel, GenBudgetedOrigin, Gen.Long[0, 20L * 365 * 86400], Gen.Int[0, 86400]).ForAll((events, policy, value, channel, origin, shift, gap) =>
            {
                var a = new History(policy, Start, events, value);
                var b = new History(policy, Start.AddSeconds(shift), events, value);
                var nowA = a.End.AddSeconds(gap);
                var nowB = b.End.AddSeconds(gap);
                var d1 = AttentionEngine.Evaluate(new Touch(channel, origin, nowA, Given.Id(42)), a.Contact, a.Account, policy, nowA);
                var d2 = AttentionEngine.Evaluate(new Touch(channel, origin, nowA, Given.Id(42)), a.Contact, a.Account, policy, nowA);
                var shifted = AttentionEngine.Evaluate(new Touch(channel, origin, nowB, Given.Id(42)), b.Contact, b.Account, policy, nowB);
                foreach (var other in new[] { d2, shifted })
                {
                    Assert.Equal(d1.Kind, other.Kind);
                    Assert.Equal(d1.Reason, other.Reason);
                    Assert.Equal(d1.Score, other.Score, 12);
                    Assert.Equal(d1.MarginalValue, other.MarginalValue, 6);
                    Assert.Equal(d1.NextAllowedOn?.AddSeconds(other == d2 ? 0 : shift), other.NextAllowedOn);
                    for (var i = 0; i < d1.Counters.Count; i++) Assert.Equal(d1.Counters[i].Used, other.Counters[i].Used);
                }
            });
        }
    }
}
