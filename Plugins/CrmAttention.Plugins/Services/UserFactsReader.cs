using System;
using System.Collections.Generic;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>Reads a user's facts in one query: the user, its settings and its teams (one row per team).</summary>
    public static class UserFactsReader
    {
        private const string SettingsAlias = "us";
        private const string TeamAlias = "tm";

        public static UserFacts Read(IOrganizationService service, Guid userId)
        {
            var query = new QueryExpression(M.SystemUser.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(M.SystemUser.Fields.ApplicationId, M.SystemUser.Fields.AccessMode),
                NoLock = true,
            };
            query.Criteria.AddCondition(M.SystemUser.Fields.SystemUserId, ConditionOperator.Equal, userId);
            var settings = query.AddLink(M.UserSettings.EntityLogicalName, M.SystemUser.Fields.SystemUserId, M.UserSettings.Fields.SystemUserId, JoinOperator.LeftOuter);
            settings.EntityAlias = SettingsAlias;
            settings.Columns = new ColumnSet(M.UserSettings.Fields.UILanguageId);
            var membership = query.AddLink(M.TeamMembership.EntityLogicalName, M.SystemUser.Fields.SystemUserId, M.TeamMembership.Fields.SystemUserId, JoinOperator.LeftOuter);
            var team = membership.AddLink(M.Team.EntityLogicalName, M.TeamMembership.Fields.TeamId, M.Team.Fields.TeamId, JoinOperator.LeftOuter);
            team.EntityAlias = TeamAlias;
            team.Columns = new ColumnSet(M.Team.Fields.Name);

            var rows = service.RetrieveMultiple(query).Entities;
            var isApplicationUser = false;
            var language = 1033;
            var teams = new List<string>();
            foreach (var row in rows)
            {
                var applicationId = row.GetAttributeValue<Guid?>(M.SystemUser.Fields.ApplicationId);
                if (applicationId.HasValue && applicationId.Value != Guid.Empty) isApplicationUser = true;
                // accessmode 4 = non-interactive: service identities that never sign in interactively.
                var accessMode = row.GetAttributeValue<OptionSetValue>(M.SystemUser.Fields.AccessMode);
                if (accessMode != null && accessMode.Value == 4) isApplicationUser = true;
                if (Aliased<int?>(row, SettingsAlias, M.UserSettings.Fields.UILanguageId) is int lcid && lcid > 0) language = lcid;
                if (Aliased<string>(row, TeamAlias, M.Team.Fields.Name) is string name && name.Length > 0) teams.Add(name);
            }
            return new UserFacts(userId, isApplicationUser, language, teams);
        }

        private static T? Aliased<T>(Entity row, string alias, string column)
        {
            var key = alias + "." + column;
            return row.Contains(key) && row[key] is AliasedValue a && a.Value is T v ? v : default;
        }
    }
}
