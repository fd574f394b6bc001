using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using E = CrmAttention.Model.Email.Fields;

namespace CrmAttention.Plugins.Infrastructure
{
    /// <summary>
    /// What every touch step shares: the workflow wired to Dataverse for one execution, and the one way a
    /// <see cref="TouchResult"/> is applied to the activity, at Create and at Send alike.
    /// </summary>
    public static class PluginWorkflow
    {
        /// <summary>Shared variable by which PreOperation of Create asks PostOperation to cancel the activity.</summary>
        public const string CancelVariable = "cat_attention_cancel";

        /// <summary>The workflow on Dataverse as SYSTEM, for one execution.</summary>
        public static TouchWorkflow For(LocalPluginContext ctx) => new TouchWorkflow(
            new AttentionStore(ctx.SystemService, ctx.Context),
            new DecisionLog(ctx.SystemService, ctx.CorrelationId),
            new CallRouter(ctx.SystemService),
            new PluginActorFacts(ctx),
            ctx.CorrelationId,
            line => ctx.Trace("{0}", line));

        /// <summary>
        /// Applies a result to the activity: with a Target (Create) the columns and party lists are changed on it, saved by
        /// the core operation without another Update, and cancelling is left to PostOperation (statecode is not valid for
        /// Create); without one (Send) the changes, cancelling included, go to the row in one Update. A refusal is raised
        /// last, so that whatever was written outside the transaction stays.
        /// </summary>
        public static void Apply(LocalPluginContext ctx, ActivityInfo activity, Entity? target, TouchResult result)
        {
            var row = target ?? new Entity(activity.LogicalName, activity.Id);
            if (result.Origin is { } origin) row[E.CatOrigin] = PolicyMapper.Choice((int)origin);
            if (result.Headline is { } headline)
            {
                row[E.CatAttentionDecision] = PolicyMapper.Choice((int)headline.Decision.Kind);
                row[E.CatAttentionReason] = PolicyMapper.Choice((int)headline.Decision.Reason);
            }
            if (result.RecipientsToDrop.Count > 0) ActivityInfo.RemoveRecipients(activity.LogicalName, target ?? activity.Values, row, result.RecipientsToDrop);
            if (result.Cancel && target != null) ctx.Context.SharedVariables[CancelVariable] = true;
            else if (result.Cancel) Cancel(row);
            if (target == null && row.Attributes.Count > 0) ctx.SystemService.Update(row);
            if (result.Refusal != null) throw new InvalidPluginExecutionException(result.Refusal);
        }

        /// <summary>Cancels an activity: statecode Canceled with the table's cancelled status.</summary>
        public static void Cancel(Entity row)
        {
            row[E.StateCode] = new OptionSetValue(ActivityStates.Canceled);
            row[E.StatusCode] = new OptionSetValue(ActivityStates.CanceledStatus(row.LogicalName));
        }
    }
}
