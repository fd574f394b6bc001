using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using E = CrmAttention.Model.Email.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Steps
{
    /// <summary>
    /// Evaluates outbound activities when they are created and when an email is sent: screens people's touches (refusing
    /// blocked ones), enforces budgets on automated touches, and cancels those that reach nobody. Each handler unwraps the
    /// activity, calls the <see cref="Engine.Workflow.TouchWorkflow"/> and applies its result with <see cref="PluginWorkflow.Apply"/>.
    /// </summary>
    public sealed class OutboundTouchPlugin : PluginBase
    {
        private const string EmailImage = "email";

        public OutboundTouchPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("PreValidation: top-level PreValidation runs outside the database transaction, so the decision row logged before a refusal survives the rollback the refusal causes; it is also the cheapest place to refuse.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Classify the touch; screen a person's email and refuse it when over budget (Enforce).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.PhoneCall.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Classify the touch; screen a person's phone call and refuse it when over budget (Enforce).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Appointment.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Classify the touch; screen a person's appointment and refuse it when over budget (Enforce).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.TaskActivity.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Classify the touch; screen a person's outreach task and refuse it when over budget (Enforce).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Letter.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Classify the touch; screen a person's letter and refuse it when over budget (Enforce).")]
        private void ScreenCreate(LocalPluginContext ctx)
        {
            var target = ctx.Target;
            // Our own routed calls are never evaluated, and keep the id the platform gives them.
            if (target == null || target.Contains(E.CatRoutedFromId)) return;
            // The decision log names the activity, so it needs its id before the platform would assign one.
            if (target.Id == System.Guid.Empty)
            {
                target.Id = System.Guid.NewGuid();
                target[E.ActivityId] = target.Id;
            }
            var activity = ActivityInfo.From(ctx.PrimaryEntityName, target.Id, null, target, ctx.Context.InitiatingUserId);
            PluginWorkflow.Apply(ctx, activity, target, PluginWorkflow.For(ctx).Screen(activity.Touch, isSend: false, ctx.Now));
        }

        [StageReason("PreOperation: inside the transaction, so the row locks taken for the reservation are held until commit, and changes to the Target (decision columns, dropped recipients) are saved without another Update.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated email: reserve, drop over-budget recipients, route high-value contacts.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.PhoneCall.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated phone call: reserve, suppress or route.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Appointment.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated appointment: reserve, suppress or route.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.TaskActivity.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated outreach task: reserve, suppress or route.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Letter.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated letter: reserve, suppress or route.")]
        private void EnforceAutomatedCreate(LocalPluginContext ctx)
        {
            var target = ctx.Target;
            if (target == null) return;
            var activity = ActivityInfo.From(ctx.PrimaryEntityName, target.Id, null, target, ctx.Context.InitiatingUserId);
            PluginWorkflow.Apply(ctx, activity, target, PluginWorkflow.For(ctx).Enforce(activity.Touch, isSend: false, ctx.Now));
        }

        [StageReason("PostOperation: an activity cannot be created already cancelled (statecode is not valid for Create), so a fully suppressed touch is kept and cancelled right after the core operation, in the same transaction.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Cancel an automated email that every recipient's budget suppressed (the row is kept with its reason).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.PhoneCall.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Cancel a suppressed automated phone call (kept with its reason).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Appointment.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Cancel a suppressed automated appointment (kept with its reason).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.TaskActivity.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Cancel a suppressed automated task (kept with its reason).")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Letter.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Cancel a suppressed automated letter (kept with its reason).")]
        private void CancelSuppressed(LocalPluginContext ctx)
        {
            if (!ctx.Context.SharedVariables.Contains(PluginWorkflow.CancelVariable)) return;
            var row = new Entity(ctx.PrimaryEntityName, ctx.Context.PrimaryEntityId);
            PluginWorkflow.Cancel(row);
            ctx.SystemService.Update(row);
        }

        [StageReason("PreValidation of Send: Send is the real enforcement point for email (recipients may have changed since Create); outside the transaction, so a refusal keeps its log and a fully suppressed email stays cancelled.")]
        [PluginStep(Message = "Send", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Screen the final recipients of a person's email; refuse a blocked send; cancel an automated email nobody may receive.")]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = EmailImage, MessagePropertyName = "EmailId", Attributes = new[] { E.DirectionCode, E.From, E.To, E.Cc, E.Bcc, E.RegardingObjectId, E.ParentActivityId, E.Subject, E.Category, E.IsWorkflowCreated, E.StateCode, E.CatOrigin, E.CatAttentionDecision, E.CatAttentionReason, E.CatOverrideReason, E.CatRoutedFromId })]
        private void ScreenSend(LocalPluginContext ctx)
        {
            var activity = SendActivity(ctx);
            PluginWorkflow.Apply(ctx, activity, null, PluginWorkflow.For(ctx).Screen(activity.Touch, isSend: true, ctx.Now));
        }

        [StageReason("PreOperation of Send: under the transaction's row locks the automated email is evaluated for its final recipients and reserved; over-budget recipients are removed before the platform sends.")]
        [PluginStep(Message = "Send", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PreOperation, Description = "Enforce budgets on an automated email at Send: reserve, remove over-budget recipients, route.")]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = EmailImage, MessagePropertyName = "EmailId", Attributes = new[] { E.DirectionCode, E.From, E.To, E.Cc, E.Bcc, E.RegardingObjectId, E.ParentActivityId, E.Subject, E.Category, E.IsWorkflowCreated, E.StateCode, E.CatOrigin, E.CatAttentionDecision, E.CatAttentionReason, E.CatOverrideReason, E.CatRoutedFromId })]
        private void EnforceAutomatedSend(LocalPluginContext ctx)
        {
            var activity = SendActivity(ctx);
            PluginWorkflow.Apply(ctx, activity, null, PluginWorkflow.For(ctx).Enforce(activity.Touch, isSend: true, ctx.Now));
        }

        private static ActivityInfo SendActivity(LocalPluginContext ctx)
        {
            var image = ctx.PreImage(EmailImage) ?? throw new InvalidPluginExecutionException("The Send step is registered without its email image.");
            var id = image.Id != System.Guid.Empty ? image.Id : ctx.Context.PrimaryEntityId;
            return ActivityInfo.From(M.Email.EntityLogicalName, id, image, null);
        }
    }
}
