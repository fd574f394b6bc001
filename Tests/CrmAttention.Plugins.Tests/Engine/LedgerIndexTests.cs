using System;
using System.Linq;
using CrmAttention.Engine;
using CsCheck;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>
    /// The ledger keeps its budget index up to date as touches are added and old ones pruned, instead of building it
    /// again after every change. A copy of the ledger builds its index from scratch, so evaluating the same touch against
    /// the ledger and its copy must give the same decision after any sequence of changes.
    /// </summary>
    public class LedgerIndexTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

        // Operation, seconds to move on (or back, for a late touch), channel, origin, which of a few activities.
        private static readonly Gen<(int Op, int Seconds, int Channel, int Origin, int Activity)> GenOp =
            Gen.Select(Gen.Int[0, 9], Gen.Int[0, 3 * 86400], Gen.Int[0, 6], Gen.Int[0, 2], Gen.Int[0, 7]);

        [Fact]
        public void Index_kept_up_to_date_answers_as_one_built_from_scratch()
        {
            var activities = Enumerable.Range(1, 8).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
            GenOp.Array[1, 120].ForAll(ops =>
            {
                var policy = AttentionPolicy.CreateDefault();
                policy.MaxTouches = 6;
                policy.MaxAutomatedTouches = 3;
                policy.AccountMaxTouches = 8;
                var contact = new ContactState { Id = Guid.NewGuid() };
                var account = new AccountState { Id = Guid.NewGuid() };
                var now = Start;
                foreach (var (op, seconds, channel, origin, activity) in ops)
                {
                    var c = (Channel)channel;
                    var o = (Origin)origin;
                    var id = activity == 0 ? Guid.NewGuid() : activities[activity];
                    switch (op)
                    {
                        case 0:
                        case 1:
                        case 2:
                            // A touch as it happens: the common case, appended to the index.
                            now = now.AddSeconds(seconds);
                            contact.Ledger.Add(LedgerEntry.Touch(now, c, o, id));
                            account.Ledger.Add(LedgerEntry.Touch(now, c, o, id));
                            break;
                        case 3:
                            // A touch recorded late, before later ones.
                            contact.Ledger.Add(LedgerEntry.Touch(now.AddSeconds(-seconds), c, o, id));
                            break;
                        case 4:
                            now = now.AddSeconds(seconds);
                            contact.Ledger.Add(LedgerEntry.Response(now, c, id));
                            break;
                        case 5:
                            contact.Ledger.Add(LedgerEntry.Pending(now, c, o, id, now.AddSeconds(seconds)));
                            account.Ledger.Add(LedgerEntry.Pending(now, c, o, id, now.AddSeconds(seconds)));
                            break;
                        case 6:
                            contact.Ledger.RemovePending(LedgerEntry.KeyOf(id));
                            account.Ledger.RemovePending(LedgerEntry.KeyOf(id));
                            break;
                        case 7:
                            contact.Ledger.Prune(now.AddSeconds(-seconds * 4L), now);
                            account.Ledger.Prune(now.AddSeconds(-seconds * 4L), now);
                            break;
                        default:
                            now = now.AddSeconds(seconds / 8);
                            break;
                    }
                    var touch = new Touch(c, o == Origin.Transactional ? Origin.Automated : o, now.AddSeconds(seconds / 16), id);
                    var kept = AttentionEngine.Evaluate(touch, contact, account, policy, now);
                    // Clone copies the ledgers, whose indexes are then built from scratch.
                    var built = AttentionEngine.Evaluate(touch, contact.Clone(), account.Clone(), policy, now);
                    Assert.Equal(Describe(built), Describe(kept));
                }
            });
        }

        [Fact]
        public void Pruning_then_adding_past_the_index_capacity_keeps_the_counts()
        {
            // Many more touches than the first index holds, pruned as they go: the window over the arrays moves and is compacted.
            var policy = AttentionPolicy.CreateDefault();
            policy.MaxTouches = 40;
            var contact = new ContactState { Id = Guid.NewGuid() };
            var t = Start;
            for (var i = 0; i < 2000; i++)
            {
                t = t.AddHours(i % 7 == 0 ? 11 : 1);
                contact.Ledger.Add(LedgerEntry.Touch(t, (Channel)(i % 3), i % 2 == 0 ? Origin.Automated : Origin.Human, Guid.NewGuid()));
                if (i % 5 == 0) contact.Ledger.Prune(t.AddDays(-3), t);
                var touch = new Touch(Channel.Email, Origin.Automated, t.AddMinutes(1), Guid.NewGuid());
                var kept = AttentionEngine.Evaluate(touch, contact, null, policy, t);
                Assert.Equal(Describe(AttentionEngine.Evaluate(touch, contact.Clone(), null, policy, t)), Describe(kept));
            }
            var window = contact.Ledger.Entries.Count(e => e.Time > t.AddMinutes(1).AddDays(-policy.WindowDays));
            var last = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, t.AddMinutes(1), Guid.NewGuid()), contact, null, policy, t);
            Assert.Equal(window, last.Counter(ReasonCode.WindowCap).Used);
        }

        private static string Describe(Decision d) =>
            d + " | " + string.Join(" | ", d.Counters.Select(c => c.ToString())) + " | " + d.Pressure.ToString("R") + " " + d.Score.ToString("R");
    }
}
