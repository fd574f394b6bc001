using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Cli.Simulation.Workflow;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Tests.Simulation
{
    /// <summary>The in-memory ports behind `simulate --engine-only`, driven by the plugins' own touch workflow.</summary>
    public class MemoryAdapterTests
    {
        private static readonly DateTime Monday = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        private static readonly Guid ContactId = new Guid("c0000000-0000-4000-8000-000000000001");
        private static readonly Guid OwnerId = new Guid("a0000000-0000-4000-8000-000000000001");
        private static readonly Guid SequencerId = new Guid("a0000000-0000-4000-8000-0000000000a1");

        private static AttentionPolicy Enforce()
        {
            var p = AttentionPolicy.CreateDefault();
            p.Mode = PolicyMode.Enforce;
            return p;
        }

        private static Guid Id(int n) => new Guid(n, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0xE1);

        private static (TouchWorkflow Workflow, MemoryAttentionStore Store, MemoryDecisionLog Log, MemoryCallRouter Router) World(
            LoadedContact contact, Guid initiator, bool initiatorIsApplication)
        {
            var store = new MemoryAttentionStore();
            store.Add(contact);
            var log = new MemoryDecisionLog();
            var next = 1000;
            var router = new MemoryCallRouter(() => Id(next++));
            var users = new Dictionary<Guid, UserFacts>
            {
                [OwnerId] = new UserFacts(OwnerId, false, 1033, Array.Empty<string>()),
                [SequencerId] = new UserFacts(SequencerId, true, 1033, Array.Empty<string>()),
            };
            var actors = new MemoryActorFacts(users[initiator], users);
            Assert.Equal(initiatorIsApplication, actors.Initiator().IsApplicationUser);
            return (new TouchWorkflow(store, log, router, actors, Guid.Empty), store, log, router);
        }

        private static LoadedContact HighValueContact(AttentionPolicy policy, Exception? configurationError = null) =>
            new LoadedContact(new ContactState { Id = ContactId, DisplayName = "Ada Berger", Value = 50000m, OwnerId = OwnerId }, null, policy, configurationError,
                new RecordRef(M.SystemUser.EntityLogicalName, OwnerId));

        private static TouchActivity Email(int n) => new TouchActivity(M.Email.EntityLogicalName, Id(n), ActivityKind.Email, Channel.Email)
        {
            Subject = "Sequence A, step " + n,
            RecipientIds = new[] { ContactId },
        };

        [Fact]
        public void A_high_value_contact_routed_again_keeps_one_open_call_and_every_routing_is_logged_with_it()
        {
            var w = World(HighValueContact(Enforce()), SequencerId, initiatorIsApplication: true);
            var cancelled = 0;
            for (var n = 0; n < 20; n++)
            {
                var at = Monday.AddHours(6 * n);
                var email = Email(n);
                var screened = w.Workflow.Screen(email, isSend: false, at);
                Assert.Equal(Origin.Automated, screened.Origin);
                email.ExplicitOrigin = screened.Origin;
                var enforced = w.Workflow.Enforce(email, isSend: false, at);
                if (enforced.Cancel)
                {
                    cancelled++;
                    continue;
                }
                w.Workflow.Sent(email, at);
            }

            var call = Assert.Single(w.Router.Open);
            Assert.True(call.Routings >= 2, "the contact was routed " + call.Routings + " time(s)");
            Assert.Equal(cancelled, call.Routings);
            Assert.Equal(OwnerId, call.OwnerId);
            Assert.Equal(Channel.Email, call.RoutedFrom);
            Assert.Equal(call.Routings, w.Log.Routed);
            Assert.Equal(call.Routings, w.Log.CountOf(DecisionKind.RouteToHuman));
            Assert.All(w.Log.Recent.Where(r => r.RoutedCallId != null), r => Assert.Equal(call.Id, r.RoutedCallId));

            w.Router.Complete(call.Id);
            Assert.Null(w.Router.FindOpenCall(ContactId));
        }

        [Fact]
        public void A_policy_that_cannot_be_read_fails_open_and_the_engine_error_is_logged_with_the_correlation_id()
        {
            var broken = new AttentionEngineException("The policy is broken.", "Die Richtlinie ist defekt.");
            var w = World(HighValueContact(Enforce(), broken), OwnerId, initiatorIsApplication: false);

            var result = w.Workflow.Screen(Email(1), isSend: false, Monday);

            Assert.Null(result.Refusal);
            var decision = Assert.Single(result.Decisions);
            Assert.Equal(ReasonCode.EngineError, decision.Decision.Reason);
            Assert.True(decision.Decision.Proceeds);
            Assert.Equal(1, w.Log.EngineErrors);
            var record = Assert.Single(w.Log.Recent);
            Assert.Contains(typeof(AttentionEngineException).FullName!, record.ErrorDetail);
            Assert.Contains(Guid.Empty.ToString("D"), record.ErrorDetail);
        }

        [Fact]
        public void Saving_brings_a_contact_up_to_now_and_keeps_pressure_as_precisely_as_the_column()
        {
            var policy = Enforce();
            var contact = HighValueContact(policy);
            contact.Contact.Pressure = 1.234567891;
            contact.Contact.PressureAsOf = Monday;
            var store = new MemoryAttentionStore();
            store.Add(contact);

            store.Save(store.LoadForUpdate(new[] { ContactId, ContactId, Guid.NewGuid() }, recipientsOfThisOperation: true), Monday.AddDays(3));

            var saved = store.Get(ContactId).Contact;
            Assert.Equal(Monday.AddDays(3), saved.PressureAsOf);
            Assert.True(saved.Pressure < 1.234567891, "pressure decays over three days");
            Assert.Equal(Math.Round(saved.Pressure, 4), saved.Pressure);
        }

        [Fact]
        public void The_store_loads_each_known_contact_once_and_leaves_unknown_ones_out()
        {
            var store = new MemoryAttentionStore();
            store.Add(HighValueContact(Enforce()));

            var loaded = store.Load(new[] { ContactId, Guid.NewGuid(), ContactId });

            Assert.Equal(ContactId, Assert.Single(loaded).Contact.Id);
            Assert.Throws<KeyNotFoundException>(() => store.Get(Guid.NewGuid()));
        }
    }
}
