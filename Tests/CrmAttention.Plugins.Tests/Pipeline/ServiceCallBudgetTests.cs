using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    /// <summary>
    /// Organization-service calls made by the plugins for one request, counted by the in-memory Dataverse. The counts
    /// are the same whether the contact has 0, 10, 100 or 1,000 earlier touches: the history lives in the ledger memo of
    /// the contact row that is read anyway, never in a query over activities.
    /// </summary>
    public sealed class ServiceCallBudgetTests
    {
        public static IEnumerable<object[]> HistorySizes => new[] { new object[] { 0 }, new object[] { 10 }, new object[] { 100 }, new object[] { 1000 } };

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Evaluating_a_persons_single_recipient_email_costs_three_calls(int history)
        {
            var (w, seller, _, anna, _) = Arrange(history, PolicyMode.Enforce);

            w.As(seller).Create(World.Email("Hello", anna));

            // The contact with its account and both policies (1), the default policy (1), the user's facts (1).
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 3 }, Calls(w));
        }

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Logging_a_decision_adds_the_owners_privilege_and_the_create(int history)
        {
            var (w, seller, _, anna, _) = Arrange(history, PolicyMode.Warn, p => p[P.CatMaxTouches] = 1);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(1), Channel.Phone, Origin.Human));

            w.As(seller).Create(World.Email("Hello", anna));

            // The decision row (1), after asking whether its owner, the seller, may read decisions (1).
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 3, ["Create"] = 1, ["RetrieveUserPrivilegeByPrivilegeName"] = 1 }, Calls(w));
        }

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Recording_a_sent_email_costs_the_same_whatever_the_history(int history)
        {
            var (w, seller, _, anna, _) = Arrange(history, PolicyMode.Enforce);
            var service = w.As(seller);
            var email = service.Create(World.Email("Hello", anna));
            w.Dataverse.Instrumentation.Clear();

            World.Send(service, email);

            // Screening at Send: the contact with account and policies (1), the default policy (1); the user's facts are cached.
            // Recording, which knows the row to lock from the screening: lock the account (1), read again with the policies
            // (1) and the default policy (1), write contact (1) and account (1).
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 4, ["Update"] = 3 }, Calls(w));
        }

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Recording_a_completed_phone_call_costs_the_same_whatever_the_history(int history)
        {
            var (w, seller, _, anna, _) = Arrange(history, PolicyMode.Enforce);
            var service = w.As(seller);
            var call = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Call", M.PhoneCall.Fields.To, anna));
            w.Dataverse.Instrumentation.Clear();

            World.Complete(service, M.PhoneCall.EntityLogicalName, call, 2);

            // Find the row to lock with the policies (1) and the default policy (1), lock the account (1), read again (1),
            // write contact (1) and account (1).
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 3, ["Update"] = 3 }, Calls(w));
        }

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Evaluating_and_reserving_an_automated_email_costs_the_same_whatever_the_history(int history)
        {
            var (w, _, sequencer, anna, _) = Arrange(history, PolicyMode.Enforce);
            var email = World.Email("Sequence step", anna);
            email[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Automated);

            w.As(sequencer).Create(email);

            // PreValidation has nothing to screen for an explicitly automated activity. PreOperation: find the lock row with
            // the policies (1) and the default policy (1), lock the account (1), read again (1), write the reservation to
            // contact (1) and account (1).
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 3, ["Update"] = 3 }, Calls(w));
        }

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void Routing_adds_the_open_call_lookup_the_owners_language_and_the_call(int history)
        {
            var (w, _, sequencer, anna, _) = Arrange(history, PolicyMode.Enforce, p => p[P.CatHumanFirst] = true);
            w.As(w.Dataverse.SystemUserId).Update(new Entity(M.Contact.EntityLogicalName, anna) { [M.Contact.Fields.CatValue] = new Money(50000m) });
            w.Dataverse.Instrumentation.Clear();
            var email = World.Email("Sequence step", anna);
            email[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Automated);

            w.As(sequencer).Create(email);

            // As above, without the reservation writes (nobody receives the email): 3 reads and the lock. Routing: the open
            // routed call (1), the owner's language on a cold cache (1), the call (1). Logging the decision (1), owned by the
            // call's owner once asked whether they may read decisions (1). Cancelling the suppressed email after its creation (1).
            Assert.Equal(new Dictionary<string, int> { ["Create"] = 2, ["RetrieveMultiple"] = 5, ["Update"] = 2, ["RetrieveUserPrivilegeByPrivilegeName"] = 1 }, Calls(w));
            Assert.Single(w.RoutedCalls());
        }

        private static Dictionary<string, int> Calls(World w)
        {
            var request = w.Dataverse.Instrumentation.LastRequest ?? throw new InvalidOperationException("No request was measured.");
            return request.PluginCallsByMessage.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);
        }

        private static (World, Guid Seller, Guid Sequencer, Guid Anna, Guid Account) Arrange(int history, PolicyMode mode, Action<Entity>? configure = null)
        {
            var w = new World();
            w.Policy(mode, p =>
            {
                p[P.CatMaxTouches] = 1000;
                p[P.CatMaxAutomatedTouches] = 1000;
                p[P.CatMinGapHours] = 0;
                p[P.CatCoolDownAfterUnanswered] = 0;
                p[P.CatAccountMaxTouches] = 10000;
                // A tiny alpha keeps even 1,000 touches from saturating the contact: the decision stays the same at every
                // history size, so only the calls are compared.
                p[P.CatAlpha] = 0.0001m;
                configure?.Invoke(p);
            });
            var seller = w.Seller("Dana Seller");
            var sequencer = w.Sequencer();
            var acme = w.Account("Acme");
            var anna = w.Contact("Anna Berg", seller, acme);
            // Earlier touches, spread over the last 90 days: completed email rows in the table and the recent ones in the ledger.
            var touches = new List<(TimeSpan, Channel, Origin)>();
            for (var i = 0; i < history; i++)
            {
                var ago = TimeSpan.FromMinutes(5 + i * (90.0 * 24 * 60 / Math.Max(1, history)));
                var row = World.Email("Earlier " + i, anna);
                row[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Human);
                w.Dataverse.Seed(row, seller);
                touches.Add((ago, Channel.Email, Origin.Human));
            }
            if (touches.Count > 0) w.SeedTouches(anna, acme, touches.ToArray());
            w.Dataverse.Instrumentation.Clear();
            return (w, seller, sequencer, anna, acme);
        }
    }
}
