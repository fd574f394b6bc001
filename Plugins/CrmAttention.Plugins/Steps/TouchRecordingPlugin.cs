using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using E = CrmAttention.Model.Email.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Steps
{
    /// <summary>
    /// Records touches when they actually happen (an email sent, an activity completed) and responses when contacts
    /// answer (an incoming email, an inbound call, a meeting held), updating ledgers, pressure, score, band and counters.
    /// </summary>
    public sealed class TouchRecordingPlugin : PluginBase
    {
        private const string Pre = "pre";
        private const string Post = "post";
        private const string EmailImage = "email";

        public TouchRecordingPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("PostOperation of Send: the email has been handed to the platform for delivery, so it is a touch now; sync and inside the transaction, so a failed Send records nothing.")]
        [PluginStep(Message = "Send", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PostOperation, Description = "Record the sent email as a touch for each contact recipient.")]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = EmailImage, MessagePropertyName = "EmailId", Attributes = new[] { E.DirectionCode, E.To, E.Cc, E.Bcc, E.RegardingObjectId, E.ParentActivityId, E.Subject, E.Category, E.IsWorkflowCreated, E.StateCode, E.ActualEnd, E.CatOrigin, E.CatRoutedFromId })]
        private void RecordSend(LocalPluginContext ctx)
        {
            var image = ctx.PostImage(EmailImage) ?? throw new Microsoft.Xrm.Sdk.InvalidPluginExecutionException("The Send step is registered without its email image.");
            var activity = ActivityInfo.From(M.Email.EntityLogicalName, ctx.Context.PrimaryEntityId, image, null);
            PluginWorkflow.For(ctx).Sent(activity.Touch, ctx.Now);
        }

        [StageReason("PostOperation of Update filtered on statecode: completion is an Update of statecode (SetState included), and only PostOperation sees the committed state in its post image; filtering keeps every other edit from running it.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PostOperation, FilteringAttributes = new[] { E.StateCode }, Description = "Record an email completed without Send (e.g. tracked); cancel the reservation of a cancelled automated email.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.PhoneCall.EntityLogicalName, Stage = PluginStage.PostOperation, FilteringAttributes = new[] { M.PhoneCall.Fields.StateCode }, Description = "Record a completed outgoing call as a touch, an inbound call as a response.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.Appointment.EntityLogicalName, Stage = PluginStage.PostOperation, FilteringAttributes = new[] { M.Appointment.Fields.StateCode }, Description = "Record a completed appointment as a touch and the attendees' response.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.TaskActivity.EntityLogicalName, Stage = PluginStage.PostOperation, FilteringAttributes = new[] { M.TaskActivity.Fields.StateCode }, Description = "Record a completed outreach task as a touch.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.Letter.EntityLogicalName, Stage = PluginStage.PostOperation, FilteringAttributes = new[] { M.Letter.Fields.StateCode }, Description = "Record a completed letter as a touch.")]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = Pre, Attributes = new[] { E.StateCode })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = Post, PrimaryEntity = M.Email.EntityLogicalName, Attributes = new[] { E.StateCode, E.DirectionCode, E.From, E.To, E.Cc, E.Bcc, E.RegardingObjectId, E.ParentActivityId, E.Subject, E.Category, E.IsWorkflowCreated, E.ActualEnd, E.CatOrigin, E.CatAttentionDecision, E.CatRoutedFromId })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = Post, PrimaryEntity = M.PhoneCall.EntityLogicalName, Attributes = new[] { M.PhoneCall.Fields.StateCode, M.PhoneCall.Fields.DirectionCode, M.PhoneCall.Fields.From, M.PhoneCall.Fields.To, M.PhoneCall.Fields.RegardingObjectId, M.PhoneCall.Fields.Subject, M.PhoneCall.Fields.Category, M.PhoneCall.Fields.IsWorkflowCreated, M.PhoneCall.Fields.ActualEnd, M.PhoneCall.Fields.CatOrigin, M.PhoneCall.Fields.CatAttentionDecision, M.PhoneCall.Fields.CatRoutedFromId, M.PhoneCall.Fields.CatCallResult })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = Post, PrimaryEntity = M.Appointment.EntityLogicalName, Attributes = new[] { M.Appointment.Fields.StateCode, M.Appointment.Fields.RequiredAttendees, M.Appointment.Fields.OptionalAttendees, M.Appointment.Fields.RegardingObjectId, M.Appointment.Fields.Subject, M.Appointment.Fields.Category, M.Appointment.Fields.IsWorkflowCreated, M.Appointment.Fields.ActualEnd, M.Appointment.Fields.CatOrigin, M.Appointment.Fields.CatAttentionDecision, M.Appointment.Fields.CatRoutedFromId })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = Post, PrimaryEntity = M.TaskActivity.EntityLogicalName, Attributes = new[] { M.TaskActivity.Fields.StateCode, M.TaskActivity.Fields.RegardingObjectId, M.TaskActivity.Fields.Subject, M.TaskActivity.Fields.Category, M.TaskActivity.Fields.IsWorkflowCreated, M.TaskActivity.Fields.ActualEnd, M.TaskActivity.Fields.CatOrigin, M.TaskActivity.Fields.CatAttentionDecision, M.TaskActivity.Fields.CatRoutedFromId })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = Post, PrimaryEntity = M.Letter.EntityLogicalName, Attributes = new[] { M.Letter.Fields.StateCode, M.Letter.Fields.DirectionCode, M.Letter.Fields.To, M.Letter.Fields.RegardingObjectId, M.Letter.Fields.Subject, M.Letter.Fields.Category, M.Letter.Fields.IsWorkflowCreated, M.Letter.Fields.ActualEnd, M.Letter.Fields.CatOrigin, M.Letter.Fields.CatAttentionDecision, M.Letter.Fields.CatRoutedFromId })]
        private void RecordCompletion(LocalPluginContext ctx)
        {
            var before = Row.Get<Microsoft.Xrm.Sdk.OptionSetValue>(ctx.PreImage(Pre), E.StateCode)?.Value;
            var post = ctx.PostImage(Post);
            if (post == null) return;
            var activity = ActivityInfo.From(ctx.PrimaryEntityName, ctx.Context.PrimaryEntityId, post, null);
            PluginWorkflow.For(ctx).StateChanged(activity.Touch, (ActivityState?)before, ctx.Now);
        }

        [StageReason("PostOperation of Create of email: an incoming email from a contact (directioncode false, as server-side sync tracks it) is the contact's response; after the core operation, so only a saved email counts.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.Email.EntityLogicalName, Stage = PluginStage.PostOperation, Rank = 2, Description = "Record an incoming email from a contact as the contact's response.")]
        private void RecordIncomingEmail(LocalPluginContext ctx)
        {
            var target = ctx.Target;
            if (target == null) return;
            var activity = ActivityInfo.From(M.Email.EntityLogicalName, ctx.Context.PrimaryEntityId, null, target, ctx.Context.InitiatingUserId);
            PluginWorkflow.For(ctx).Received(activity.Touch, ctx.Now);
        }
    }
}
