using System;
using System.Collections.Concurrent;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Steps
{
    /// <summary>
    /// Keeps the decision log append-only: only SYSTEM (CrmAttention itself, cat_PurgeDecisions) may change or delete a
    /// decision record; anyone else is refused, whatever their security role. One change by others is the platform's:
    /// deleting a contact, account, policy or phone call clears the decision's lookup to it (relationship delete
    /// behavior RemoveLink). Dataverse clears it as part of the parent's Delete; should an environment run the
    /// decision's Update steps for it, that Update only clears that lookup and has the parent's Delete as its parent
    /// context, and it is let through, so deleting a contact never fails because of its decisions.
    /// </summary>
    public sealed class DecisionLogGuardPlugin : PluginBase
    {
        // The SYSTEM user's id is fixed per organization, so remembering it per organization id is safe for the life of the worker.
        private static readonly ConcurrentDictionary<Guid, Guid> SystemUserIds = new ConcurrentDictionary<Guid, Guid>();

        public DecisionLogGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("PreValidation: runs before the platform's privilege checks, so even a user with full rights on the table is refused, and nothing is written or rolled back.")]
        [PluginStep(Message = "Update", PrimaryEntity = M.AttentionDecision.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Refuse changes to a decision record by anyone but SYSTEM (the log is append-only).")]
        [PluginStep(Message = "Delete", PrimaryEntity = M.AttentionDecision.EntityLogicalName, Stage = PluginStage.PreValidation, Description = "Refuse deleting a decision record by anyone but SYSTEM (the log is append-only).")]
        private void Guard(LocalPluginContext ctx)
        {
            var system = SystemUserIds.GetOrAdd(ctx.Context.OrganizationId, _ => WhoAmI(ctx.SystemService));
            if (ctx.Context.UserId == system) return;
            if (ctx.MessageName == "Update" && IsRemoveLinkOfParentDelete(ctx.Target, ctx.Context)) return;
            var format = ctx.UserFormat();
            throw new InvalidPluginExecutionException(ctx.MessageName == "Delete"
                ? format.Pick("Attention decisions are an append-only log and cannot be deleted.", "Aufmerksamkeitsentscheidungen sind ein unveränderliches Protokoll und können nicht gelöscht werden.")
                : format.Pick("Attention decisions are an append-only log and cannot be changed.", "Aufmerksamkeitsentscheidungen sind ein unveränderliches Protokoll und können nicht geändert werden."));
        }

        /// <summary>The decision lookups and the table each points to (all RemoveLink on delete).</summary>
        private static readonly System.Collections.Generic.Dictionary<string, string> Links = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal)
        {
            [M.AttentionDecision.Fields.CatContactId] = M.Contact.EntityLogicalName,
            [M.AttentionDecision.Fields.CatAccountId] = M.Account.EntityLogicalName,
            [M.AttentionDecision.Fields.CatPolicyId] = M.AttentionPolicy.EntityLogicalName,
            [M.AttentionDecision.Fields.CatRoutedCallId] = M.PhoneCall.EntityLogicalName,
        };

        /// <summary>True when the Update only clears lookups whose table is being deleted by an enclosing Delete.</summary>
        private static bool IsRemoveLinkOfParentDelete(Entity? target, IPluginExecutionContext context)
        {
            if (target == null || target.Attributes.Count == 0) return false;
            foreach (var attribute in target.Attributes)
            {
                if (attribute.Key == M.AttentionDecision.PrimaryIdAttribute) continue;
                if (attribute.Value != null) return false;
                if (!Links.TryGetValue(attribute.Key, out var table) || !IsBeingDeleted(context.ParentContext, table)) return false;
            }
            return true;
        }

        private static bool IsBeingDeleted(IPluginExecutionContext? context, string table)
        {
            for (var parent = context; parent != null; parent = parent.ParentContext)
            {
                if (parent.MessageName == "Delete" && parent.PrimaryEntityName == table) return true;
            }
            return false;
        }

        private static Guid WhoAmI(IOrganizationService system) => (Guid)system.Execute(new OrganizationRequest("WhoAmI")).Results["UserId"];
    }
}
