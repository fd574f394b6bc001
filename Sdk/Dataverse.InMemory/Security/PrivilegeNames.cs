using System;
using System.Collections.Generic;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// How Dataverse names table privileges: "prv" + the access (Create, Read, Write, Delete, Append, AppendTo, Assign,
    /// Share) + the table's schema name, e.g. prvReadcat_AttentionPolicy. A few system tables share or rename their
    /// privileges: every standard activity table (and activityparty, whose rows belong to an activity) uses the
    /// Activity privileges (prvReadActivity covers email, phone call, task …), systemuser uses User.
    /// Sources: "ActivityPointer (activity) entity privileges" and "Email entity privileges" (Dynamics CRM 2013/2015
    /// SDK, learn.microsoft.com/previous-versions/dynamicscrm-2015/developers-guide/gg328384).
    /// </summary>
    public static class PrivilegeNames
    {
        /// <summary>Impersonation: the privilege a caller needs to send requests on behalf of another user.</summary>
        public const string ActOnBehalfOfAnotherUser = "prvActOnBehalfOfAnotherUser";

        // The object type codes the Activity privileges cover (4200–4214, 4401, 4402, 4406, 4250, 4251) by table.
        private static readonly HashSet<string> ActivityPrivilegeTables = new(StringComparer.Ordinal)
        {
            "activitypointer", "appointment", "email", "fax", "incidentresolution", "letter", "opportunityclose", "orderclose",
            "phonecall", "quoteclose", "task", "serviceappointment", "campaignresponse", "campaignactivity", "bulkoperation",
            "recurringappointmentmaster", "socialactivity", "activityparty",
        };

        private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
        {
            ["systemuser"] = "User",
            ["usersettings"] = "UserSettings",
            ["businessunit"] = "BusinessUnit",
            ["team"] = "Team",
            ["role"] = "Role",
            ["asyncoperation"] = "AsyncOperation",
        };

        /// <summary>The privilege name for <paramref name="access"/> on <paramref name="logicalName"/>.</summary>
        public static string For(TableAccess access, string logicalName) => "prv" + access + PrivilegeEntity(logicalName);

        /// <summary>The name part after the access: "Activity" for activities, "User" for systemuser, else the table's name.</summary>
        public static string PrivilegeEntity(string logicalName)
        {
            if (string.IsNullOrEmpty(logicalName)) throw new ArgumentException("A table privilege needs a table.", nameof(logicalName));
            if (ActivityPrivilegeTables.Contains(logicalName)) return "Activity";
            return Renamed.TryGetValue(logicalName, out var name) ? name : logicalName;
        }
    }
}
