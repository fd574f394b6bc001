using System;
using System.Globalization;
using System.Linq;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using Req = CrmAttention.Model.CustomApis.PurgeDecisions.Request;
using Res = CrmAttention.Model.CustomApis.PurgeDecisions.Response;

namespace CrmAttention.Plugins.Api
{
    /// <summary>
    /// cat_PurgeDecisions: the one way old rows leave the append-only decision log. Dataverse runs the API only for
    /// callers holding its execute privilege (prvDeletecat_AttentionDecision); this plugin also requires the
    /// CrmAttention Administrator role, directly or through a team, because a System Administrator holds every
    /// privilege but should purge the log only by being given the role on purpose. It deletes as SYSTEM (the log's
    /// guard refuses everyone else), at most <see cref="MaxPerCall"/> rows per call, and traces who purged what.
    /// </summary>
    public sealed class PurgeDecisionsApi : PluginBase
    {
        public const int MinimumDays = 30;
        public const int MaximumDays = 36500;
        public const int MaxPerCall = 5000;

        /// <summary>The CrmAttention Administrator role's solution id (Tools/CrmAttention.SolutionBuilder/Packaging/Ids.Role("administrator")).</summary>
        public static readonly Guid AdministratorRoleId = DeterministicId.Create(DeterministicId.Namespace, "role|administrator");

        private const int PageSize = 500;

        public PurgeDecisionsApi(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("MainOperation: a custom API's implementation runs as the core operation of its message.")]
        [PluginStep(Message = M.CustomApis.PurgeDecisions.MessageName, Stage = PluginStage.MainOperation, Description = "Delete attention decisions older than the given number of days (CrmAttention Administrator only).")]
        private void Purge(LocalPluginContext ctx)
        {
            var format = ctx.UserFormat();
            var caller = ctx.Context.InitiatingUserId;
            if (!IsAdministrator(ctx.SystemService, caller))
            {
                ctx.Trace("cat_PurgeDecisions refused: user {0} does not hold the CrmAttention Administrator role.", caller);
                throw new InvalidPluginExecutionException(format.Pick(
                    "Only the CrmAttention Administrator role may purge attention decisions.",
                    "Nur die Rolle CrmAttention Administrator darf Aufmerksamkeitsentscheidungen bereinigen."));
            }
            if (!(ctx.Context.InputParameters.Contains(Req.OlderThanDays) && ctx.Context.InputParameters[Req.OlderThanDays] is int days) || days < MinimumDays || days > MaximumDays)
            {
                throw new InvalidPluginExecutionException(format.Pick(
                    Req.OlderThanDays + " must be a whole number of days between " + MinimumDays + " and " + MaximumDays + ".",
                    Req.OlderThanDays + " muss eine ganze Zahl von Tagen zwischen " + MinimumDays + " und " + MaximumDays + " sein."));
            }

            var cutoff = ctx.Now.AddDays(-days);
            var deleted = 0;
            while (deleted < MaxPerCall)
            {
                // Always the first rows: the ones of the previous round are gone.
                var wanted = Math.Min(PageSize, MaxPerCall - deleted);
                var ids = ctx.SystemService.RetrieveMultiple(OlderThan(cutoff, wanted)).Entities.Select(e => e.Id).ToList();
                foreach (var id in ids) ctx.SystemService.Delete(M.AttentionDecision.EntityLogicalName, id);
                deleted += ids.Count;
                if (ids.Count < wanted) break;
            }
            var more = deleted == MaxPerCall && ctx.SystemService.RetrieveMultiple(OlderThan(cutoff, 1)).Entities.Count > 0;
            ctx.Trace("cat_PurgeDecisions by user {0}: deleted {1} decision(s) evaluated before {2} (older than {3} days); more remain: {4}.",
                caller, deleted, cutoff.ToString("o", CultureInfo.InvariantCulture), days, more);
            ctx.SetOutput(Res.DeletedCount, deleted);
            ctx.SetOutput(Res.MoreRecords, more);
        }

        private static QueryExpression OlderThan(DateTime cutoff, int count)
        {
            var query = new QueryExpression(M.AttentionDecision.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(D.CatAttentionDecisionId),
                TopCount = count,
            };
            query.Criteria.AddCondition(D.CatEvaluatedOn, ConditionOperator.LessThan, cutoff);
            query.AddOrder(D.CatEvaluatedOn, OrderType.Ascending);
            query.AddOrder(D.CatAttentionDecisionId, OrderType.Ascending);
            return query;
        }

        /// <summary>
        /// Whether the user holds the CrmAttention Administrator role directly or through a team. Every business unit
        /// has its own copy of a role; the copies name the solution's role as parentrootroleid.
        /// </summary>
        private static bool IsAdministrator(IOrganizationService system, Guid userId)
        {
            var direct = RoleQuery();
            var userRoles = direct.AddLink(M.SystemUserRoles.EntityLogicalName, M.Role.Fields.RoleId, M.SystemUserRoles.Fields.RoleId);
            userRoles.LinkCriteria.AddCondition(M.SystemUserRoles.Fields.SystemUserId, ConditionOperator.Equal, userId);
            if (system.RetrieveMultiple(direct).Entities.Count > 0) return true;

            var throughTeam = RoleQuery();
            var teamRoles = throughTeam.AddLink(M.TeamRoles.EntityLogicalName, M.Role.Fields.RoleId, M.TeamRoles.Fields.RoleId);
            var membership = teamRoles.AddLink(M.TeamMembership.EntityLogicalName, M.TeamRoles.Fields.TeamId, M.TeamMembership.Fields.TeamId);
            membership.LinkCriteria.AddCondition(M.TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
            return system.RetrieveMultiple(throughTeam).Entities.Count > 0;
        }

        private static QueryExpression RoleQuery()
        {
            var query = new QueryExpression(M.Role.EntityLogicalName) { ColumnSet = new ColumnSet(M.Role.Fields.RoleId), TopCount = 1 };
            var either = new FilterExpression(LogicalOperator.Or);
            either.AddCondition(M.Role.Fields.RoleId, ConditionOperator.Equal, AdministratorRoleId);
            either.AddCondition(M.Role.Fields.ParentRootRoleId, ConditionOperator.Equal, AdministratorRoleId);
            query.Criteria.AddFilter(either);
            return query;
        }
    }
}
