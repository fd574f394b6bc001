using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;
using Req = CrmAttention.Model.CustomApis.EvaluateTouch.Request;
using Res = CrmAttention.Model.CustomApis.EvaluateTouch.Response;
using RReq = CrmAttention.Model.CustomApis.RecalculateAttention.Request;
using RRes = CrmAttention.Model.CustomApis.RecalculateAttention.Response;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class FailureAndApiTests
    {
        [Fact]
        public void An_engine_failure_lets_the_touch_proceed_and_logs_an_engine_error_with_type_and_correlation_id()
        {
            var w = new World();
            // Model parameters saved around validation (e.g. imported with data): the engine cannot read them.
            w.Policy(PolicyMode.Enforce, p => p[P.CatModelParameters] = "not a model");
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);

            var id = w.As(seller).Create(World.Email("Hello", anna));

            Assert.Equal(0, w.Row(M.Email.EntityLogicalName, id).GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            Assert.Equal(World.Choice((int)ReasonCode.EngineError), w.Row(M.Email.EntityLogicalName, id).GetAttributeValue<OptionSetValue>(M.Email.Fields.CatAttentionReason));
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)ReasonCode.EngineError), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Equal(World.Choice((int)DecisionKind.Allow), decision.GetAttributeValue<OptionSetValue>(D.CatDecision));
            var correlation = decision.GetAttributeValue<string>(D.CatCorrelationId);
            Assert.Contains("CrmAttention.Engine.AttentionEngineException", decision.GetAttributeValue<string>(D.CatMessage));
            Assert.Contains(correlation, decision.GetAttributeValue<string>(D.CatMessage));
            Assert.Contains(w.Dataverse.Instrumentation.Traces, t => t.Text.Contains("Evaluation failed for contact " + anna.ToString("D")));
        }

        [Fact]
        public void Evaluate_touch_answers_for_a_contact_and_changes_nothing()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatMaxTouches] = 3);
            var seller = w.Seller("Dana Seller", language: 1031);
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromHours(10), Channel.Email, Origin.Human));
            var before = w.ContactRow(anna).GetAttributeValue<string>(M.Contact.Fields.CatLedger);

            var response = w.As(seller).Execute(new OrganizationRequest(M.CustomApis.EvaluateTouch.MessageName)
            {
                [Req.Contact] = new EntityReference(M.Contact.EntityLogicalName, anna),
                [Req.Channel] = (int)Channel.Email,
                [Req.IsAutomated] = false,
            });

            Assert.Equal((int)DecisionKind.Block, response[Res.Decision]);
            Assert.Equal((int)ReasonCode.MinimumGap, response[Res.Reason]);
            Assert.Equal(w.Now.AddHours(14), response[Res.NextAllowedOn]);
            Assert.Equal(2, response[Res.RemainingTouches]);
            Assert.Equal((int)PolicyMode.Enforce, response[Res.PolicyMode]);
            Assert.Equal((int)Band.Receptive, response[Res.Band]);
            Assert.StartsWith("Anna Berg wurde zuletzt am 1. März 2026", (string)response[Res.Message]);
            Assert.Null(response[Res.RoutedCall]);
            Assert.Equal(before, w.ContactRow(anna).GetAttributeValue<string>(M.Contact.Fields.CatLedger));
            Assert.Empty(w.Decisions());
        }

        [Fact]
        public void Evaluate_touch_refuses_a_channel_code_out_of_range()
        {
            var w = new World();
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);

            var fault = World.Refused(() => w.As(seller).Execute(new OrganizationRequest(M.CustomApis.EvaluateTouch.MessageName)
            {
                [Req.Contact] = new EntityReference(M.Contact.EntityLogicalName, anna),
                [Req.Channel] = 9,
                [Req.IsAutomated] = true,
            }));

            Assert.Equal("cat_Channel must be a channel code from 0 to 6.", fault.Detail.Message);
        }

        [Fact]
        public void Recalculate_attention_lets_scores_decay_page_by_page()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var acme = w.Account("Acme");
            var contacts = Enumerable.Range(0, 5).Select(i => w.Contact("Contact No" + i, seller, acme)).ToArray();
            foreach (var c in contacts) w.SeedTouches(c, acme, (TimeSpan.FromDays(1), Channel.Email, Origin.Automated), (TimeSpan.FromHours(1), Channel.Email, Origin.Automated));
            w.As(w.Dataverse.SystemUserId).Update(new Entity(M.Account.EntityLogicalName, acme) { [M.Account.Fields.CatTouchesInWindow] = 10 });
            w.Contact("Untouched Contact", seller);
            w.Advance(TimeSpan.FromDays(28));
            var service = w.As(w.Dataverse.SystemUserId);

            var first = service.Execute(new OrganizationRequest(M.CustomApis.RecalculateAttention.MessageName) { [RReq.PageSize] = 3 });
            var second = service.Execute(new OrganizationRequest(M.CustomApis.RecalculateAttention.MessageName) { [RReq.PageSize] = 3, [RReq.PagingCookie] = first[RRes.PagingCookie] });

            Assert.Equal(3, first[RRes.ProcessedCount]);
            Assert.True((bool)first[RRes.MoreRecords]);
            Assert.Equal(2, second[RRes.ProcessedCount]);
            Assert.False((bool)second[RRes.MoreRecords]);
            // Two automated emails (weight 1.0 each) two half-lives ago: pressure 0.5 now, score 100·e^(−0.35·0.5).
            var expected = Math.Round(100m * (decimal)Math.Exp(-0.35 * (1.0 * Math.Pow(2, -29.0 / 14) + 1.0 * Math.Pow(2, -(28 * 24 + 1) / (14.0 * 24)))), 2);
            foreach (var c in contacts)
            {
                var row = w.ContactRow(c);
                Assert.Equal(expected, row.GetAttributeValue<decimal>(M.Contact.Fields.CatScore));
                Assert.Equal(0, row.GetAttributeValue<int>(M.Contact.Fields.CatTouchesInWindow));
            }
            Assert.Equal(0, w.Row(M.Account.EntityLogicalName, acme).GetAttributeValue<int>(M.Account.Fields.CatTouchesInWindow));
        }

        [Fact]
        public void A_completion_whose_recording_fails_is_kept_and_the_failure_is_logged()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var service = w.As(seller);
            var call = service.Create(World.Activity(M.PhoneCall.EntityLogicalName, "Call", M.PhoneCall.Fields.To, anna));

            // An actual end before 2000 is outside what a ledger can hold: the engine refuses it.
            service.Update(new Entity(M.PhoneCall.EntityLogicalName, call)
            {
                [M.PhoneCall.Fields.StateCode] = new OptionSetValue(1),
                [M.PhoneCall.Fields.StatusCode] = new OptionSetValue(2),
                [M.PhoneCall.Fields.ActualEnd] = new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            });

            Assert.Equal(1, w.Row(M.PhoneCall.EntityLogicalName, call).GetAttributeValue<OptionSetValue>(M.PhoneCall.Fields.StateCode).Value);
            var decision = Assert.Single(w.DecisionsFor(anna));
            Assert.Equal(World.Choice((int)ReasonCode.EngineError), decision.GetAttributeValue<OptionSetValue>(D.CatReason));
            Assert.Contains("System.ArgumentOutOfRangeException", decision.GetAttributeValue<string>(D.CatMessage));
            Assert.Empty(w.ContactLedger(anna).Entries);
        }

        [Fact]
        public void Evaluate_touch_returns_the_contacts_open_routed_call()
        {
            var w = new World();
            w.Policy(PolicyMode.Enforce, p => p[P.CatHumanFirst] = true);
            var owner = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", owner, value: 90000m);
            w.As(w.Sequencer()).Create(World.Email("Step 1", anna));
            var call = Assert.Single(w.RoutedCalls());

            var response = w.As(owner).Execute(new OrganizationRequest(M.CustomApis.EvaluateTouch.MessageName)
            {
                [Req.Contact] = new EntityReference(M.Contact.EntityLogicalName, anna),
                [Req.Channel] = (int)Channel.Email,
                [Req.IsAutomated] = true,
            });

            Assert.Equal((int)DecisionKind.RouteToHuman, response[Res.Decision]);
            Assert.Equal((int)ReasonCode.HumanFirst, response[Res.Reason]);
            Assert.Equal(call.Id, ((EntityReference)response[Res.RoutedCall]).Id);
        }
    }
}
