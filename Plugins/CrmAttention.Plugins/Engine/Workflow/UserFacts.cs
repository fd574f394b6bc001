using System;
using System.Collections.Generic;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>What origin classification and message language need to know about a user.</summary>
    public sealed class UserFacts
    {
        public UserFacts(Guid userId, bool isApplicationUser, int uiLanguageId, IReadOnlyCollection<string> teamNames)
        {
            UserId = userId;
            IsApplicationUser = isApplicationUser;
            UiLanguageId = uiLanguageId;
            TeamNames = new HashSet<string>(teamNames, StringComparer.OrdinalIgnoreCase);
        }

        public Guid UserId { get; }

        /// <summary>An application user (systemuser.applicationid set): the identity of integrations, flows and sequencers.</summary>
        public bool IsApplicationUser { get; }

        /// <summary>usersettings.uilanguageid, e.g. 1033 English, 1031 German.</summary>
        public int UiLanguageId { get; }

        public ISet<string> TeamNames { get; }

        public bool IsMemberOfAny(IEnumerable<string> teamNames)
        {
            foreach (var name in teamNames)
            {
                if (TeamNames.Contains(name)) return true;
            }
            return false;
        }
    }
}
