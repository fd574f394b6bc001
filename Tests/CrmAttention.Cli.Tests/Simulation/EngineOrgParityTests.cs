using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmAttention.Cli.Simulation;
using CrmAttention.Engine;
using Xunit;

namespace CrmAttention.Cli.Tests.Simulation
{
    /// <summary>
    /// `--engine-only` runs the plugins' touch workflow with in-memory ports, so it may not drift from the run through the
    /// plugins on the in-memory Dataverse: the same org and seed must see the same decision for every touch.
    /// </summary>
    public class EngineOrgParityTests
    {
        private static AttentionPolicy Enforce()
        {
            var p = AttentionPolicy.CreateDefault();
            p.Mode = PolicyMode.Enforce;
            return p;
        }

        [Fact]
        public void Every_touch_gets_the_same_outcome_through_the_engine_only_org_as_through_the_plugins()
        {
            var options = new SimulationOptions { Contacts = 120, Accounts = 15, Sellers = 3, Sequences = 2, Days = 35, Seed = 7 };
            using var engine = new TracingOrg(new EngineOrg(Enforce()));
            using var dataverse = new TracingOrg(new DataverseOrg(Enforce()));
            new Simulator(new SimulatedOrg(options), engine).Run();
            new Simulator(new SimulatedOrg(options), dataverse).Run();

            var first = Enumerable.Range(0, Math.Min(engine.Lines.Count, dataverse.Lines.Count)).FirstOrDefault(i => engine.Lines[i] != dataverse.Lines[i], -1);
            Assert.True(first < 0 && engine.Lines.Count == dataverse.Lines.Count,
                "first difference at line " + first + ":\n engine:    " + string.Join("\n   ", engine.Lines.Skip(Math.Max(0, first - 3)).Take(6))
                + "\n plugins:   " + string.Join("\n   ", dataverse.Lines.Skip(Math.Max(0, first - 3)).Take(6)));
            Assert.Contains(engine.Lines, l => l.Contains("Routed", StringComparison.Ordinal));
            Assert.Contains(engine.Lines, l => l.Contains("Suppressed", StringComparison.Ordinal));
        }

        /// <summary>Writes down every call and what the org answered, in the order the simulator made them.</summary>
        private sealed class TracingOrg : IOrgUnderTest
        {
            private readonly IOrgUnderTest _inner;

            public TracingOrg(IOrgUnderTest inner) => _inner = inner;

            public List<string> Lines { get; } = new List<string>();

            public string Name => _inner.Name;

            public bool HasCrmAttention => _inner.HasCrmAttention;

            public void Build(SimulatedOrg org) => _inner.Build(org);

            public TouchResult AutomatedEmail(int contact, SimSequence sequence, int step, DateTime at) => Note("auto " + contact, at, _inner.AutomatedEmail(contact, sequence, step, at));

            public TouchResult HumanEmail(int seller, int contact, DateTime at) => Note("email " + seller + ">" + contact, at, _inner.HumanEmail(seller, contact, at));

            public TouchResult HumanCall(int seller, int contact, DateTime at, Func<bool> answer) => Note("call " + seller + ">" + contact, at, _inner.HumanCall(seller, contact, at, answer));

            public IReadOnlyList<WorklistItem> Worklist(int seller, DateTime at, int count)
            {
                var items = _inner.Worklist(seller, at, count);
                Lines.Add(Stamp(at) + " worklist " + seller + ": " + string.Join(",", items.Select(i => i.Contact + i.Channel.ToString()[0].ToString() + (i.Call is null ? "" : "!" + Stamp(i.Call.DueOn)))));
                return items;
            }

            public TouchResult Meeting(int seller, int contact, DateTime at) => Note("meeting " + seller + ">" + contact, at, _inner.Meeting(seller, contact, at));

            public void IncomingEmail(int contact, DateTime at)
            {
                Lines.Add(Stamp(at) + " incoming " + contact);
                _inner.IncomingEmail(contact, at);
            }

            public IReadOnlyList<RoutedCall> OpenRoutedCalls()
            {
                var calls = _inner.OpenRoutedCalls();
                Lines.Add("open calls: " + string.Join(",", calls.Select(c => c.Contact + "@" + c.Seller + " " + Stamp(c.CreatedOn) + "/" + Stamp(c.DueOn))));
                return calls;
            }

            public void CompleteRoutedCall(RoutedCall call, DateTime at, bool connected)
            {
                Lines.Add(Stamp(at) + " complete call " + call.Contact + " " + connected);
                _inner.CompleteRoutedCall(call, at, connected);
            }

            public void Dispose() => _inner.Dispose();

            private TouchResult Note(string what, DateTime at, TouchResult result)
            {
                Lines.Add(Stamp(at) + " " + what + ": " + result.Outcome + " " + result.Decision);
                return result;
            }

            private static string Stamp(DateTime? at) => at?.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
        }
    }
}
