using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Simulation;
using CrmAttention.Engine;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Tests
{
    public class SimulationTests
    {
        private static SimulationOptions Small(int seed = 4) => new SimulationOptions { Contacts = 400, Accounts = 50, Sellers = 4, Sequences = 3, Days = 70, Seed = seed };

        private static AttentionPolicy Enforce()
        {
            var p = AttentionPolicy.CreateDefault();
            p.Mode = PolicyMode.Enforce;
            return p;
        }

        [Fact]
        public void Recipients_answer_less_as_the_inbound_volume_they_see_rises()
        {
            var model = new RecipientModel();
            var quiet = new RecipientState();
            var busy = new RecipientState();
            var t = SimulationTestClock.Ticks(0);
            for (var i = 0; i < 6; i++) busy.Receive(model, Channel.Email, Origin.Automated, t - i * System.TimeSpan.TicksPerDay);
            Assert.Equal(0, quiet.Pressure(model, t));
            Assert.True(busy.Pressure(model, t) > 4);
            Assert.True(busy.Filter(model, t) > quiet.Filter(model, t));
            // Two weeks later (one half-life) the felt pressure has halved; the filter, with a longer memory, has not.
            var later = t + 14 * System.TimeSpan.TicksPerDay;
            Assert.InRange(busy.Pressure(model, later) / busy.Pressure(model, t), 0.49, 0.51);
            Assert.True(busy.Filter(model, later) / busy.Filter(model, t) > 0.7);
        }

        [Fact]
        public void Without_CrmAttention_the_org_spirals_more_volume_harder_filters_and_fewer_conversations_per_touch()
        {
            using var org = new EngineOrg(null);
            var run = new Simulator(new SimulatedOrg(Small()), org).Run();
            var early = run.Weeks[1];
            var late = run.Weeks[^1];
            Assert.True(late.VolumeMultiplier > early.VolumeMultiplier, "the org pushes more sequence volume when conversations fall");
            Assert.True(late.FilterHardness > 2 * early.FilterHardness, $"filters harden: {early.FilterHardness} → {late.FilterHardness}");
            Assert.True(late.ConversationsPer100Touches < early.ConversationsPer100Touches);
            Assert.Equal(run.AutomatedAttempts, run.AutomatedTouches);
            Assert.Empty(run.Decisions);
        }

        [Fact]
        public void With_CrmAttention_automated_volume_is_capped_filters_stay_softer_and_every_routed_call_is_accounted_for()
        {
            using var without = new EngineOrg(null);
            using var with = new EngineOrg(Enforce());
            var a = new Simulator(new SimulatedOrg(Small()), without).Run();
            var b = new Simulator(new SimulatedOrg(Small()), with).Run();
            Assert.True(b.AutomatedTouches < b.AutomatedAttempts / 2);
            Assert.True(b.Weeks[^1].FilterHardness < a.Weeks[^1].FilterHardness);
            Assert.True(b.ConversationsPer100Touches > a.ConversationsPer100Touches);
            Assert.True(b.Decisions["Suppress"] > 0 && b.Decisions["RouteToHuman"] > 0);
            var rc = b.RoutedCalls;
            Assert.True(rc.Created > 0);
            Assert.Equal(rc.Created, rc.Answered + rc.NotAnswered + rc.OpenAtEnd);
            Assert.Equal(rc.Answered, b.ConversationsBySource["answered routed call"]);
        }

        [Fact]
        public void The_same_seed_gives_a_byte_identical_report_and_another_seed_does_not()
        {
            using var run = new CliRunner();
            var args = new[] { "simulate", "--engine-only", "--contacts", "300", "--accounts", "30", "--sellers", "3", "--days", "42" };
            Assert.Equal(0, run.Run(args.Concat(new[] { "--out", run.PathOf("a") }).ToArray()).ExitCode);
            Assert.Equal(0, run.Run(args.Concat(new[] { "--out", run.PathOf("b") }).ToArray()).ExitCode);
            Assert.Equal(0, run.Run(args.Concat(new[] { "--out", run.PathOf("c"), "--seed", "2" }).ToArray()).ExitCode);
            Assert.Equal(File.ReadAllBytes(run.PathOf("a/simulation.json")), File.ReadAllBytes(run.PathOf("b/simulation.json")));
            Assert.Equal(File.ReadAllBytes(run.PathOf("a/simulation.md")), File.ReadAllBytes(run.PathOf("b/simulation.md")));
            Assert.NotEqual(File.ReadAllBytes(run.PathOf("a/simulation.json")), File.ReadAllBytes(run.PathOf("c/simulation.json")));
            foreach (var chart in new[] { SimulationReport.TouchesChart, SimulationReport.RateChart, SimulationReport.SpiralChart, SimulationReport.DecisionsChart })
                Assert.True(new FileInfo(run.PathOf("a/" + chart)).Length > 10000, chart);
        }

        [Fact]
        public void Through_the_plugins_on_the_in_memory_dataverse_automated_email_is_suppressed_or_routed_and_the_decisions_are_logged()
        {
            var options = new SimulationOptions { Contacts = 120, Accounts = 15, Sellers = 2, Sequences = 2, Days = 21, Seed = 3 };
            using var org = new DataverseOrg(Enforce());
            var run = new Simulator(new SimulatedOrg(options), org).Run();
            var dataverse = org.Dataverse;
            Assert.True(run.Decisions.GetValueOrDefault("Suppress") + run.Decisions.GetValueOrDefault("RouteToHuman") > 0);
            var cancelled = dataverse.Rows(M.Email.EntityLogicalName).Count(e => e.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode)?.Value == 2);
            Assert.Equal(run.AutomatedAttempts - run.AutomatedTouches, cancelled);
            Assert.NotEmpty(dataverse.Rows(M.AttentionDecision.EntityLogicalName));
            var routed = dataverse.Rows(M.PhoneCall.EntityLogicalName).Count(c => c.Contains(M.PhoneCall.Fields.CatRoutedFromId));
            Assert.Equal(run.RoutedCalls.Created, routed);
            var touched = dataverse.Rows(M.Contact.EntityLogicalName).Count(c => c.GetAttributeValue<string>(M.Contact.Fields.CatLedger) is string l && l.Length > 3);
            Assert.True(touched > 100, "the recording steps wrote ledgers onto the contacts");
        }

        [Fact]
        public void Without_CrmAttention_the_in_memory_dataverse_sends_every_email_and_logs_no_decision()
        {
            var options = new SimulationOptions { Contacts = 60, Accounts = 10, Sellers = 2, Sequences = 1, Days = 14, Seed = 3 };
            using var org = new DataverseOrg(null);
            var run = new Simulator(new SimulatedOrg(options), org).Run();
            Assert.Equal(run.AutomatedAttempts, run.AutomatedTouches);
            Assert.Empty(org.Dataverse.Rows(M.AttentionDecision.EntityLogicalName));
            Assert.DoesNotContain(org.Dataverse.Rows(M.Email.EntityLogicalName), e => e.GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode)?.Value == 2);
        }

        [Fact]
        public void Simulate_refuses_a_too_small_org_and_an_invalid_policy_with_exit_code_two()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("simulate", "--contacts", "5", "--out", run.PathOf("s"));
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("at least 10 contacts", output);
            run.Write("bad.json", "{\"maxTouches\": 2, \"maxAutomatedTouches\": 5}");
            var (code2, output2) = run.Run("simulate", "--engine-only", "--policy", run.PathOf("bad.json"), "--out", run.PathOf("s"));
            Assert.Equal(ExitCodes.InvalidInput, code2);
            Assert.Contains("Maximum automated touches cannot be more than Maximum touches (2).", output2);
        }
        [Fact]
        public void A_seller_who_owns_no_contacts_books_no_outreach_hours()
        {
            // Two accounts for six sellers: at most two sellers own contacts.
            var options = new SimulationOptions { Contacts = 40, Accounts = 2, Sellers = 6, Sequences = 1, Days = 14, Seed = 2 };
            var org = new SimulatedOrg(options);
            var owners = org.Contacts.Select(c => c.Owner).Distinct().Count();
            using var engine = new EngineOrg(null);
            var run = new Simulator(org, engine).Run();

            // Ten working days of at most 5 hours plus the last slot begun (a call answered: 0.6 h), and the meetings held.
            var bound = owners * 10 * 5.6 + run.ConversationsBySource.GetValueOrDefault("meeting held");
            Assert.True(run.SellerHours <= bound, $"{run.SellerHours} seller hours for {owners} sellers with contacts (at most {bound})");
            Assert.True(run.SellerHours > 0);
        }

        [Fact]
        public void With_CrmAttention_sellers_touch_only_contacts_their_worklist_offered_on_the_channel_it_named()
        {
            using var recorder = new RecordingOrg(new EngineOrg(Enforce()));
            var run = new Simulator(new SimulatedOrg(Small()), recorder).Run();

            Assert.NotEmpty(recorder.Touches);
            Assert.All(recorder.Touches, t => Assert.Contains((t.Contact, t.Channel), recorder.Offered[t.Seller]));
            Assert.Contains(recorder.Touches, t => t.Channel == Channel.Phone);
            Assert.Equal(run.RoutedCalls.Answered + run.RoutedCalls.NotAnswered, recorder.RoutedCallsMade);
        }

        [Fact]
        public void The_run_without_CrmAttention_is_the_same_through_the_plugins_and_the_engine_and_never_asks_for_a_worklist()
        {
            var options = new SimulationOptions { Contacts = 80, Accounts = 10, Sellers = 2, Sequences = 1, Days = 21, Seed = 5 };
            using var engine = new RecordingOrg(new EngineOrg(null));
            using var dataverse = new DataverseOrg(null);
            var a = new Simulator(new SimulatedOrg(options), engine).Run();
            var b = new Simulator(new SimulatedOrg(options), dataverse).Run();

            Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(a), Newtonsoft.Json.JsonConvert.SerializeObject(b));
            Assert.Equal(0, engine.WorklistCalls);
            Assert.True(a.FilterHardnessLastWeek > 0);
            Assert.Equal(a.Weeks.Last(w => w.Days == 7).FilterHardness, a.FilterHardnessLastWeek);
        }

        /// <summary>Passes every call through to an org and remembers what the worklist offered and what sellers did.</summary>
        private sealed class RecordingOrg : IOrgUnderTest
        {
            private readonly IOrgUnderTest _inner;

            public RecordingOrg(IOrgUnderTest inner) => _inner = inner;

            public Dictionary<int, HashSet<(int, Channel)>> Offered { get; } = new Dictionary<int, HashSet<(int, Channel)>>();

            public List<(int Seller, int Contact, Channel Channel)> Touches { get; } = new List<(int, int, Channel)>();

            public int WorklistCalls { get; private set; }

            public int RoutedCallsMade { get; private set; }

            public string Name => _inner.Name;

            public bool HasCrmAttention => _inner.HasCrmAttention;

            public void Build(SimulatedOrg org) => _inner.Build(org);

            public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at) => _inner.AutomatedEmail(contact, sequence, step, at);

            public TouchResult HumanEmail(int seller, int contact, DateTime at)
            {
                Touches.Add((seller, contact, Channel.Email));
                return _inner.HumanEmail(seller, contact, at);
            }

            public TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer)
            {
                Touches.Add((seller, contact, Channel.Phone));
                return _inner.HumanCall(seller, contact, at, answer);
            }

            public IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count)
            {
                WorklistCalls++;
                var items = _inner.Worklist(seller, at, count);
                if (!Offered.TryGetValue(seller, out var offered)) Offered[seller] = offered = new HashSet<(int, Channel)>();
                foreach (var item in items) offered.Add((item.Contact, item.Channel));
                return items;
            }

            public TouchResult Meeting(int seller, int contact, DateTime at) => _inner.Meeting(seller, contact, at);

            public void IncomingEmail(int contact, DateTime at) => _inner.IncomingEmail(contact, at);

            public IReadOnlyList<RoutedCall> OpenRoutedCalls() => _inner.OpenRoutedCalls();

            public void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected)
            {
                RoutedCallsMade++;
                _inner.CompleteRoutedCall(call, at, connected);
            }

            public void Dispose() => _inner.Dispose();
        }
    }

    internal static class SimulationTestClock
    {
        public static long Ticks(int day) => new System.DateTime(2026, 2, 2, 9, 0, 0, System.DateTimeKind.Utc).AddDays(day).Ticks;

    }
}
