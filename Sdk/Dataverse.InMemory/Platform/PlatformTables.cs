using System;
using System.Collections.Generic;
using Dataverse.InMemory.Metadata;

namespace Dataverse.InMemory.Platform
{
    /// <summary>
    /// What the platform knows about its own tables without any customization metadata: which tables are
    /// activities, which columns are party lists (and their participation type), the default status of each
    /// state, and which system tables have no owner or state. Metadata, when loaded, takes precedence.
    /// </summary>
    internal static class PlatformTables
    {
        public const string ActivityPointer = "activitypointer";
        public const string ActivityParty = "activityparty";
        public const string ActivityId = "activityid";

        private static readonly HashSet<string> ActivityTables = new(StringComparer.Ordinal)
        {
            "email", "phonecall", "appointment", "task", "letter", "fax", "serviceappointment",
            "recurringappointmentmaster", "campaignresponse", "campaignactivity", "socialactivity",
        };

        // ParticipationTypeMask by party-list column (activityparty-entity): 1 Sender, 2 To, 3 Cc, 4 Bcc,
        // 5 RequiredAttendee, 6 OptionalAttendee, 7 Organizer, 10 Resource, 11 Customer.
        private static readonly Dictionary<string, int> PartyMasks = new(StringComparer.Ordinal)
        {
            ["from"] = 1, ["to"] = 2, ["cc"] = 3, ["bcc"] = 4, ["requiredattendees"] = 5, ["optionalattendees"] = 6,
            ["organizer"] = 7, ["resources"] = 10, ["customers"] = 11, ["customer"] = 11, ["partner"] = 12,
        };

        private static readonly Dictionary<string, string[]> PartyColumnsByTable = new(StringComparer.Ordinal)
        {
            ["email"] = new[] { "from", "to", "cc", "bcc" },
            ["phonecall"] = new[] { "from", "to" },
            ["letter"] = new[] { "from", "to", "bcc" },
            ["fax"] = new[] { "from", "to" },
            ["appointment"] = new[] { "requiredattendees", "optionalattendees", "organizer" },
            ["recurringappointmentmaster"] = new[] { "requiredattendees", "optionalattendees", "organizer" },
            ["serviceappointment"] = new[] { "customers", "resources" },
            ["campaignresponse"] = new[] { "customer", "partner", "from" },
        };

        // Custom activity tables carry every party type.
        private static readonly string[] AllPartyColumns = { "from", "to", "cc", "bcc", "requiredattendees", "optionalattendees", "organizer", "customers", "resources" };

        // statecode -> default statuscode, from the table reference pages.
        private static readonly Dictionary<string, Dictionary<int, int>> DefaultStatus = new(StringComparer.Ordinal)
        {
            ["email"] = new() { [0] = 1, [1] = 2, [2] = 5 },
            ["phonecall"] = new() { [0] = 1, [1] = 2, [2] = 3 },
            ["appointment"] = new() { [0] = 1, [1] = 3, [2] = 4, [3] = 5 },
            ["task"] = new() { [0] = 2, [1] = 5, [2] = 6 },
            ["letter"] = new() { [0] = 2, [1] = 4, [2] = 5 },
            ["fax"] = new() { [0] = 1, [1] = 2, [2] = 5 },
            ["opportunity"] = new() { [0] = 1, [1] = 3, [2] = 4 },
            ["asyncoperation"] = new() { [0] = 0, [1] = 10, [2] = 20, [3] = 30 },
        };

        // statuscode -> statecode for the tables whose status values are known.
        private static readonly Dictionary<string, Dictionary<int, int>> StateOfStatus = new(StringComparer.Ordinal)
        {
            ["email"] = new() { [1] = 0, [8] = 0, [2] = 1, [3] = 1, [4] = 1, [6] = 1, [7] = 1, [5] = 2 },
            ["phonecall"] = new() { [1] = 0, [2] = 1, [4] = 1, [3] = 2 },
            ["appointment"] = new() { [1] = 0, [2] = 0, [3] = 1, [4] = 2, [5] = 3, [6] = 3 },
            ["task"] = new() { [2] = 0, [3] = 0, [4] = 0, [7] = 0, [5] = 1, [6] = 2 },
            ["letter"] = new() { [1] = 0, [2] = 0, [3] = 1, [4] = 1, [5] = 2 },
            ["opportunity"] = new() { [1] = 0, [2] = 0, [3] = 1, [4] = 2, [5] = 2 },
        };

        // System tables that have neither ownerid nor statecode/statuscode.
        private static readonly HashSet<string> Unowned = new(StringComparer.Ordinal)
        {
            "systemuser", "team", "businessunit", "organization", "usersettings", "teammembership", ActivityParty,
            "asyncoperation", "plugintracelog", "role", "systemuserroles", "teamroles",
        };

        /// <summary>Columns of activity rows copied into their activitypointer row, so activitypointer queries see them.</summary>
        public static readonly string[] PointerColumns =
        {
            "activityid", "activitytypecode", "subject", "description", "regardingobjectid", "ownerid", "owningbusinessunit",
            "owninguser", "owningteam", "statecode", "statuscode", "prioritycode", "scheduledstart", "scheduledend", "actualstart",
            "actualend", "actualdurationminutes", "scheduleddurationminutes", "createdon", "modifiedon", "createdby", "modifiedby",
            "directioncode", "senton", "deliverylastattemptedon", "isregularactivity", "isworkflowcreated", "versionnumber",
        };

        /// <summary>Tables the platform itself defines (and this store maintains) even without metadata.</summary>
        public static bool IsKnown(string logicalName) =>
            ActivityTables.Contains(logicalName) || Unowned.Contains(logicalName) || logicalName == ActivityPointer
            || logicalName is "contact" or "account" or "lead" or "opportunity" or "queue";

        public static bool IsActivity(string logicalName, TableMetadata? table) =>
            table?.IsActivity ?? ActivityTables.Contains(logicalName);

        public static string PrimaryIdAttribute(string logicalName, TableMetadata? table) =>
            table?.PrimaryIdAttribute ?? (IsActivity(logicalName, null) || logicalName == ActivityPointer ? ActivityId : logicalName + "id");

        /// <summary>The column holding a row's name (EntityMetadata.PrimaryNameAttribute).</summary>
        public static string PrimaryNameAttribute(string logicalName, TableMetadata? table)
        {
            if (table?.PrimaryNameAttribute != null) return table.PrimaryNameAttribute;
            if (logicalName is "contact" or "lead" or "systemuser") return "fullname";
            if (IsActivity(logicalName, table) || logicalName == ActivityPointer) return "subject";
            return "name";
        }

        /// <summary>The participation type of a party-list column of the table, or null when the column is not a party list.</summary>
        public static int? PartyMask(string logicalName, string column, TableMetadata? table)
        {
            if (!PartyMasks.TryGetValue(column, out var mask)) return null;
            if (table != null)
            {
                var meta = table.Column(column);
                if (meta != null) return meta.Type == ColumnType.PartyList ? mask : null;
                if (!table.IsActivity) return null;
            }
            if (!IsActivity(logicalName, table)) return null;
            var columns = PartyColumnsByTable.TryGetValue(logicalName, out var known) ? known : AllPartyColumns;
            return Array.IndexOf(columns, column) >= 0 ? mask : null;
        }

        /// <summary>Whether rows of the table have statecode/statuscode.</summary>
        public static bool HasState(string logicalName, TableMetadata? table) =>
            table != null ? table.HasColumn("statecode") : !Unowned.Contains(logicalName);

        /// <summary>Whether rows of the table have ownerid and owningbusinessunit.</summary>
        public static bool IsUserOwned(string logicalName, TableMetadata? table) =>
            table != null ? table.Ownership == TableOwnership.UserOwned : !Unowned.Contains(logicalName);

        public static int DefaultStatusOf(string logicalName, int state) =>
            DefaultStatus.TryGetValue(logicalName, out var map) && map.TryGetValue(state, out var status) ? status : state + 1;

        /// <summary>The state a status belongs to, when the table's status values are known.</summary>
        public static int? StateOfStatusCode(string logicalName, int status) =>
            StateOfStatus.TryGetValue(logicalName, out var map) && map.TryGetValue(status, out var state) ? state : null;
    }
}
