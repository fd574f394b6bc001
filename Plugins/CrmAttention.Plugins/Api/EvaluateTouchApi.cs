using System;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;
using Req = CrmAttention.Model.CustomApis.EvaluateTouch.Request;
using Res = CrmAttention.Model.CustomApis.EvaluateTouch.Response;

namespace CrmAttention.Plugins.Api
{
    /// <summary>
    /// cat_EvaluateTouch: "may I touch this contact on this channel now?" for forms, Power Automate and external
    /// sequencers. Reads only; changes nothing (no reservation, no log, no routing).
    /// </summary>
    public sealed class EvaluateTouchApi : PluginBase
    {
        public EvaluateTouchApi(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("MainOperation: a custom API's implementation runs as the core operation of its message.")]
        [PluginStep(Message = M.CustomApis.EvaluateTouch.MessageName, Stage = PluginStage.MainOperation, Description = "Evaluate a prospective touch for a contact without changing anything.")]
        private void Evaluate(LocalPluginContext ctx)
        {
            var format = ctx.UserFormat();
            var contactRef = ctx.Input<EntityReference>(Req.Contact);
            if (contactRef == null || contactRef.LogicalName != M.Contact.EntityLogicalName || contactRef.Id == Guid.Empty)
                throw new InvalidPluginExecutionException(format.Pick(Req.Contact + " must be a contact.", Req.Contact + " muss ein Kontakt sein."));
            if (!ctx.HasInput(Req.Channel) || !(ctx.Context.InputParameters[Req.Channel] is int channelCode) || channelCode < 0 || channelCode >= ModelParameters.ChannelCount)
                throw new InvalidPluginExecutionException(format.Pick(Req.Channel + " must be a channel code from 0 to 6.", Req.Channel + " muss ein Kanalcode von 0 bis 6 sein."));
            if (!ctx.HasInput(Req.IsAutomated) || !(ctx.Context.InputParameters[Req.IsAutomated] is bool automated))
                throw new InvalidPluginExecutionException(format.Pick(Req.IsAutomated + " is required.", Req.IsAutomated + " ist erforderlich."));
            var now = ctx.Now;
            var at = ctx.HasInput(Req.At) && ctx.Context.InputParameters[Req.At] is DateTime given ? Utc(given) : now;

            var store = new AttentionStore(ctx.SystemService);
            var loaded = store.Load(new[] { contactRef.Id });
            if (loaded.Count == 0)
                throw new InvalidPluginExecutionException(format.Pick("The contact " + contactRef.Id.ToString("D") + " does not exist.", "Der Kontakt " + contactRef.Id.ToString("D") + " existiert nicht."));
            var l = loaded[0];
            var origin = automated ? Origin.Automated : Origin.Human;
            var touch = new Touch((Channel)channelCode, origin, at);
            Decision decision;
            NextBestAction? next = null;
            try
            {
                if (l.ConfigurationError != null) throw l.ConfigurationError;
                decision = AttentionEngine.Evaluate(touch, l.Contact, l.Account, l.Policy, now);
                next = AttentionModel.NextBestAction(l.Contact, l.Account, l.Policy, origin, now);
            }
            catch (Exception e) when (!(e is System.ServiceModel.FaultException))
            {
                ctx.Trace("Evaluation failed; answering with the fail-open decision. {0}", e.ToString());
                decision = AttentionEngine.FailOpen(touch, l.Contact, l.Account, l.Policy);
            }
            var call = new CallRouter(ctx.SystemService, _ => ctx.UserFacts()).FindOpenCall(l.Contact.Id);

            ctx.SetOutput(Res.Decision, (int)decision.Kind);
            ctx.SetOutput(Res.Reason, (int)decision.Reason);
            ctx.SetOutput(Res.Message, decision.GetMessage(format));
            ctx.SetOutput(Res.Score, AttentionStore.Round(decision.Score, 2, 100m));
            ctx.SetOutput(Res.Band, (int)decision.Band);
            ctx.SetOutput(Res.MarginalValue, AttentionStore.Round(decision.MarginalValue, 2, 100000000000m));
            // -1: no cap applies to this touch.
            ctx.SetOutput(Res.RemainingTouches, decision.RemainingTouches ?? -1);
            ctx.SetOutput(Res.NextAllowedOn, decision.NextAllowedOn);
            ctx.SetOutput(Res.NextBestAction, next?.GetText(format));
            ctx.SetOutput(Res.NextBestChannel, next?.ChannelCode ?? -1);
            ctx.SetOutput(Res.RoutedCall, call == null ? null : new EntityReference(M.PhoneCall.EntityLogicalName, call.Id));
            ctx.SetOutput(Res.PolicyMode, (int)l.Policy.Mode);
        }

        private static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Utc ? d : d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc);
    }
}
