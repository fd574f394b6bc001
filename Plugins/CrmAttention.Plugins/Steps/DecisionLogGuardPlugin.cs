using System;
using System.Collections.Concurrent;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Steps
{
    /// <summary>
    /// Keeps the decision log append-only: only SYSTEM (CrmAttention itself, retention jobs) may change or delete a
    /// decision record; anyone else is refused, whatever their security role.
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
            var format = ctx.UserFormat();
            throw new InvalidPluginExecutionException(ctx.MessageName == "Delete"
                ? format.Pick("Attention decisions are an append-only log and cannot be deleted.", "Aufmerksamkeitsentscheidungen sind ein unveränderliches Protokoll und können nicht gelöscht werden.")
                : format.Pick("Attention decisions are an append-only log and cannot be changed.", "Aufmerksamkeitsentscheidungen sind ein unveränderliches Protokoll und können nicht geändert werden."));
        }

        private static Guid WhoAmI(IOrganizationService system) => (Guid)system.Execute(new OrganizationRequest("WhoAmI")).Results["UserId"];
    }
}
