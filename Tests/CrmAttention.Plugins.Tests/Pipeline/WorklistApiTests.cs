using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Api;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;
using Req = CrmAttention.Model.CustomApis.GetWorklist.Request;
using Res = CrmAttention.Model.CustomApis.GetWorklist.Response;
using Row = CrmAttention.Plugins.Api.GetWorklistApi.Row;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    /// <summary>cat_GetWorklist through the pipeline: a seller's contacts ranked, routed calls first, refused contacts left out.</summary>
    public sealed class WorklistApiTests
    {
        [Fact]
        public void A_sellers_worklist_puts_the_routed_call_first_ranks_the_rest_and_leaves_out_a_contact_in_the_minimum_gap()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatHumanFirst] = true);
            var seller = w.Seller("Dana Seller", language: 1031);
            var other = w.Seller("Olaf Other");
            var sequencer = w.Sequencer();
            var acme = w.Account("Acme");
            var routed = w.Contact("Rita Routed", seller, acme, value: 20000m);
            var large = w.Contact("Lars Large", seller, acme, value: 50000m);
            var small = w.Contact("Sina Small", seller, value: 3000m);
            var gap = w.Contact("Gabi Gap", seller, value: 90000m);
            w.Contact("Otto Others", other, value: 99000m);
            w.SeedTouches(gap, null, (TimeSpan.FromHours(2), Channel.Phone, Origin.Human));
            var email = World.Email("Sequence step", routed);
            email[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Automated);
            w.As(sequencer).Create(email);
            var call = Assert.Single(w.RoutedCalls());

            var rows = Rows(w.As(seller).Execute(new OrganizationRequest(M.CustomApis.GetWorklist.MessageName)));

            Assert.Equal(new[] { "Rita Routed", "Lars Large", "Sina Small" }, rows.Select(r => r.GetAttributeValue<EntityReference>(Row.Contact).Name));
            Assert.Equal(call.Id, rows[0].GetAttributeValue<EntityReference>(Row.RoutedCall).Id);
            Assert.Equal(call.GetAttributeValue<DateTime>(M.PhoneCall.Fields.ScheduledEnd), rows[0].GetAttributeValue<DateTime>(Row.RoutedCallDueOn));
            Assert.StartsWith("aus einer unterdrückten Sequenz-E-Mail weitergeleitet, fällig am", rows[0].GetAttributeValue<string>(Row.ReasonLine));
            Assert.Equal(acme, rows[1].GetAttributeValue<EntityReference>(Row.Account).Id);
            Assert.Equal("Acme", rows[1].GetAttributeValue<EntityReference>(Row.Account).Name);
            Assert.Equal((int)Channel.Phone, rows[1].GetAttributeValue<int>(Row.BestChannel));
            // 50,000 · 0.15 − 15 for a contact under no pressure.
            Assert.Equal(7485m, rows[1].GetAttributeValue<decimal>(Row.ExpectedValue));
            Assert.Equal(100m, rows[1].GetAttributeValue<decimal>(Row.Score));
            Assert.Equal((int)Band.Receptive, rows[1].GetAttributeValue<int>(Row.Band));
            Assert.Equal("hoher Wert, noch nie kontaktiert", rows[1].GetAttributeValue<string>(Row.ReasonLine));
            Assert.False(rows[2].Contains(Row.RoutedCall));
        }

        [Fact]
        public void A_manager_can_ask_for_another_users_worklist_and_the_count_is_checked()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var manager = w.Seller("Mara Manager");
            for (var i = 0; i < 4; i++) w.Contact("Contact No" + i, seller, value: 1000m * (i + 1));

            var rows = Rows(w.As(manager).Execute(new OrganizationRequest(M.CustomApis.GetWorklist.MessageName)
            {
                [Req.User] = new EntityReference(M.SystemUser.EntityLogicalName, seller),
                [Req.Count] = 2,
            }));
            var fault = World.Refused(() => w.As(seller).Execute(new OrganizationRequest(M.CustomApis.GetWorklist.MessageName) { [Req.Count] = 251 }));

            Assert.Equal(new[] { "Contact No3", "Contact No2" }, rows.Select(r => r.GetAttributeValue<EntityReference>(Row.Contact).Name));
            Assert.Equal("cat_Count must be between 1 and 250.", fault.Detail.Message);
        }

        public static IEnumerable<object[]> HistorySizes => new[] { new object[] { 0 }, new object[] { 10 }, new object[] { 100 }, new object[] { 1000 } };

        [Theory]
        [MemberData(nameof(HistorySizes))]
        public void The_worklist_costs_the_same_service_calls_whatever_the_history(int history)
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p =>
            {
                p[P.CatMaxTouches] = 1000;
                p[P.CatMinGapHours] = 0;
                p[P.CatCoolDownAfterUnanswered] = 0;
                p[P.CatAccountMaxTouches] = 10000;
                p[P.CatAlpha] = 0.0001m;
            });
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme");
            var contacts = Enumerable.Range(0, 3).Select(i => w.Contact("Contact No" + i, seller, acme, value: 5000m)).ToArray();
            foreach (var contact in contacts)
            {
                var touches = new List<(TimeSpan, Channel, Origin)>();
                for (var i = 0; i < history; i++)
                {
                    var row = World.Activity(M.PhoneCall.EntityLogicalName, "Earlier " + i, M.PhoneCall.Fields.To, contact);
                    w.Dataverse.Seed(row, seller);
                    touches.Add((TimeSpan.FromMinutes(5 + i * (60.0 * 24 * 60 / Math.Max(1, history))), Channel.Phone, Origin.Human));
                }
                if (touches.Count > 0) w.SeedTouches(contact, acme, touches.ToArray());
            }
            w.Dataverse.Instrumentation.Clear();

            var rows = Rows(w.As(seller).Execute(new OrganizationRequest(M.CustomApis.GetWorklist.MessageName)));

            Assert.Equal(3, rows.Count);
            // The user's facts (1), the owned contacts with accounts and policies (1), the default policy (1), the open
            // routed calls (1); no routed call, so no decision lookup.
            var request = w.Dataverse.Instrumentation.LastRequest ?? throw new InvalidOperationException("No request was measured.");
            Assert.Equal(new Dictionary<string, int> { ["RetrieveMultiple"] = 4 }, request.PluginCallsByMessage.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value));
        }

        private static IReadOnlyList<Entity> Rows(OrganizationResponse response) => ((EntityCollection)response[Res.Rows]).Entities;
    }
}
