using System.Linq;
using System.Text;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Steps
{
    /// <summary>Refuses a policy with invalid values, listing every error and naming each field, in the user's language.</summary>
    public sealed class PolicyValidationPlugin : PluginBase
    {
        private const string Pre = "pre";

        public PolicyValidationPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("PreValidation: the earliest and cheapest point to refuse, before the transaction and the platform's own checks, so a user sees every problem of the form at once instead of one platform error at a time.")]
        [PluginStep(Message = "Create", PrimaryEntity = M.AttentionPolicy.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Validate a new attention policy; refuse it listing every invalid value.")]
        private void ValidateCreate(LocalPluginContext ctx) => Validate(ctx, null);

        [StageReason("PreValidation with a pre image: the Target of an Update holds only the changed columns; combinations (caps against the window cap, band thresholds) need the values that stay.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.AttentionPolicy.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Validate a changed attention policy (merged with its current values); refuse it listing every invalid value.")]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = Pre)]
        private void ValidateUpdate(LocalPluginContext ctx) => Validate(ctx, ctx.PreImage(Pre));

        private static void Validate(LocalPluginContext ctx, Entity? image)
        {
            var target = ctx.Target;
            if (target == null) return;
            var merged = new Entity(M.AttentionPolicy.EntityLogicalName, target.Id);
            if (image != null) foreach (var a in image.Attributes) merged[a.Key] = a.Value;
            foreach (var a in target.Attributes) merged[a.Key] = a.Value;
            var policy = PolicyMapper.FromEntity(merged, parseModel: false);
            var errors = PolicyValidator.Validate(policy, Row.Get<string>(merged, P.CatModelParameters) ?? "");
            if (errors.Count == 0) return;
            var format = ctx.UserFormat();
            var sb = new StringBuilder(format.Pick(
                "The attention policy cannot be saved: " + errors.Count + (errors.Count == 1 ? " value is" : " values are") + " invalid.",
                "Die Aufmerksamkeitsrichtlinie kann nicht gespeichert werden: " + errors.Count + (errors.Count == 1 ? " Wert ist" : " Werte sind") + " ungültig."));
            foreach (var e in errors) sb.Append("\n- ").Append(e.GetMessage(format)).Append(" [").Append(e.Field).Append(']');
            ctx.Trace("Refused the policy: {0}", string.Join("; ", errors.Select(e => e.Field)));
            throw new InvalidPluginExecutionException(sb.ToString());
        }
    }
}
