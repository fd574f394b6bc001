using System;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
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
    /// sequencers, answered by the same <see cref="TouchWorkflow"/> as the touch steps. Reads only; changes nothing (no
    /// reservation, no log, no routing).
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
            var at = ctx.HasInput(Req.At) && ctx.Context.InputParameters[Req.At] is DateTime given ? Instants.Utc(given) : ctx.Now;
            var answer = PluginWorkflow.For(ctx).Ask(contactRef.Id, (Channel)channelCode, automated ? Origin.Automated : Origin.Human, at, ctx.Now);
            var decision = answer.Decision;
            var next = answer.NextBestAction;
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
            ctx.SetOutput(Res.RoutedCall, answer.OpenCall == null ? null : new EntityReference(M.PhoneCall.EntityLogicalName, answer.OpenCall.Id));
            ctx.SetOutput(Res.PolicyMode, (int)answer.Mode);
        }
    }
}
