using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// Platform tables the product reads but does not change. They are not in the solution; they are listed so
    /// the generated constants cover every name the code uses and the in-memory Dataverse can be strict.
    /// </summary>
    public static class PlatformTables
    {
        public static Table ActivityParty() => new Table("ActivityParty", "ActivityParty", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "activityparties",
            PrimaryIdAttribute = "activitypartyid",
            PrimaryNameAttribute = "",
            ObjectTypeCode = 135,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("ActivityPartyId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("ActivityId", ColumnType.Lookup, null, RequiredLevel.None, "email", "phonecall", "appointment", "task", "letter"),
            Sys("PartyId", ColumnType.Lookup, null, RequiredLevel.None, "account", "contact", "lead", "systemuser", "queue"),
            SysOptions("ParticipationTypeMask", ColumnType.Picklist, (1, "Sender"), (2, "To Recipient"), (3, "CC Recipient"), (4, "BCC Recipient"),
                (5, "Required attendee"), (6, "Optional attendee"), (7, "Organizer"), (8, "Regarding"), (9, "Owner"), (10, "Resource"), (11, "Customer")),
            Sys("AddressUsed", ColumnType.String, 200),
            Sys("IsPartyDeleted", ColumnType.Boolean),
            Sys("DoNotEmail", ColumnType.Boolean),
            Sys("DoNotPhone", ColumnType.Boolean),
            Sys("DoNotPostalMail", ColumnType.Boolean));

        public static Table SystemUser() => new Table("SystemUser", "SystemUser", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "systemusers",
            PrimaryIdAttribute = "systemuserid",
            PrimaryNameAttribute = "fullname",
            ObjectTypeCode = 8,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("SystemUserId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("FullName", ColumnType.String, 200),
            Sys("FirstName", ColumnType.String, 64),
            Sys("LastName", ColumnType.String, 64),
            Sys("DomainName", ColumnType.String, 1024),
            Sys("InternalEMailAddress", ColumnType.String, 100),
            Sys("IsDisabled", ColumnType.Boolean),
            Sys("IsLicensed", ColumnType.Boolean),
            SysOptions("AccessMode", ColumnType.Picklist, (0, "Read-Write"), (1, "Administrative"), (2, "Read"), (3, "Support User"), (4, "Non-interactive"), (5, "Delegated Admin")),
            Sys("ApplicationId", ColumnType.Uniqueidentifier),
            Sys("AzureActiveDirectoryObjectId", ColumnType.Uniqueidentifier),
            Sys("BusinessUnitId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "businessunit"),
            Sys("UILanguageId", ColumnType.Integer),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>usersettings carries the user's UI language, which decides the language of decision messages.</summary>
        public static Table UserSettings() => new Table("UserSettings", "UserSettings", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "usersettingscollection",
            PrimaryIdAttribute = "systemuserid",
            PrimaryNameAttribute = "",
            ObjectTypeCode = 150,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("SystemUserId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("UILanguageId", ColumnType.Integer),
            Sys("HelpLanguageId", ColumnType.Integer),
            Sys("LocaleId", ColumnType.Integer),
            Sys("TimeZoneCode", ColumnType.Integer));

        public static Table Team() => new Table("Team", "Team", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "teams",
            PrimaryIdAttribute = "teamid",
            PrimaryNameAttribute = "name",
            ObjectTypeCode = 9,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("TeamId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 160, RequiredLevel.SystemRequired),
            SysOptions("TeamType", ColumnType.Picklist, (0, "Owner"), (1, "Access"), (2, "Security Group"), (3, "Office Group")),
            Sys("BusinessUnitId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "businessunit"),
            Sys("AdministratorId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "systemuser"),
            Sys("IsDefault", ColumnType.Boolean),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>The intersect table of the team–user relationship (teammembership_association).</summary>
        public static Table TeamMembership() => new Table("TeamMembership", "TeamMembership", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "teammemberships",
            PrimaryIdAttribute = "teammembershipid",
            PrimaryNameAttribute = "",
            ObjectTypeCode = 23,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("TeamMembershipId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("SystemUserId", ColumnType.Uniqueidentifier),
            Sys("TeamId", ColumnType.Uniqueidentifier),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>
        /// Security roles. Each business unit has its own copy of a role; parentrootroleid names the root business
        /// unit's role, whose id is the solution's role id, so CrmAttention recognises its roles by that.
        /// </summary>
        public static Table Role() => new Table("Role", "Role", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "roles",
            PrimaryIdAttribute = "roleid",
            PrimaryNameAttribute = "name",
            ObjectTypeCode = 1036,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("RoleId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 100, RequiredLevel.SystemRequired),
            Sys("BusinessUnitId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "businessunit"),
            Sys("ParentRootRoleId", ColumnType.Lookup, null, RequiredLevel.None, "role"),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>The intersect table of the user–role relationship (systemuserroles_association).</summary>
        public static Table SystemUserRoles() => new Table("SystemUserRoles", "SystemUserRoles", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "systemuserrolescollection",
            PrimaryIdAttribute = "systemuserroleid",
            PrimaryNameAttribute = "",
            ObjectTypeCode = 44,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("SystemUserRoleId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("SystemUserId", ColumnType.Uniqueidentifier),
            Sys("RoleId", ColumnType.Uniqueidentifier),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>The intersect table of the team–role relationship (teamroles_association).</summary>
        public static Table TeamRoles() => new Table("TeamRoles", "TeamRoles", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "teamrolescollection",
            PrimaryIdAttribute = "teamroleid",
            PrimaryNameAttribute = "",
            ObjectTypeCode = 40,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("TeamRoleId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("TeamId", ColumnType.Uniqueidentifier),
            Sys("RoleId", ColumnType.Uniqueidentifier),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table BusinessUnit() => new Table("BusinessUnit", "BusinessUnit", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "businessunits",
            PrimaryIdAttribute = "businessunitid",
            PrimaryNameAttribute = "name",
            ObjectTypeCode = 10,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("BusinessUnitId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 160, RequiredLevel.SystemRequired),
            Sys("ParentBusinessUnitId", ColumnType.Lookup, null, RequiredLevel.None, "businessunit"),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table Opportunity() => new Table("Opportunity", "Opportunity", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "opportunities",
            PrimaryIdAttribute = "opportunityid",
            PrimaryNameAttribute = "name",
            ObjectTypeCode = 3,
        }.WithColumns(
            Sys("OpportunityId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 300, RequiredLevel.ApplicationRequired),
            SysMoney("EstimatedValue"),
            SysMoney("EstimatedValue_Base"),
            SysMoney("ActualValue"),
            Sys("EstimatedCloseDate", ColumnType.DateTime),
            Sys("CloseProbability", ColumnType.Integer),
            Sys("ParentContactId", ColumnType.Lookup, null, RequiredLevel.None, "contact"),
            Sys("ParentAccountId", ColumnType.Lookup, null, RequiredLevel.None, "account"),
            Sys("CustomerId", ColumnType.Customer, null, RequiredLevel.None, "account", "contact"),
            Sys("TransactionCurrencyId", ColumnType.Lookup, null, RequiredLevel.None, "transactioncurrency"),
            UserOwnedSystemColumns(new[] { (0, "Open"), (1, "Won"), (2, "Lost") },
                new[] { (1, "In Progress"), (2, "On Hold"), (3, "Won"), (4, "Canceled"), (5, "Out-Sold") }));

        /// <summary>Currency of money columns (contact's value, account revenue, opportunity values).</summary>
        public static Table TransactionCurrency() => new Table("TransactionCurrency", "TransactionCurrency", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "transactioncurrencies",
            PrimaryIdAttribute = "transactioncurrencyid",
            PrimaryNameAttribute = "currencyname",
            ObjectTypeCode = 9105,
            Ownership = Ownership.OrganizationOwned,
        }.WithColumns(
            Sys("TransactionCurrencyId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("CurrencyName", ColumnType.String, 100, RequiredLevel.SystemRequired),
            Sys("ISOCurrencyCode", ColumnType.String, 5, RequiredLevel.SystemRequired),
            Sys("CurrencySymbol", ColumnType.String, 10),
            Sys("ExchangeRate", ColumnType.Decimal, null, RequiredLevel.SystemRequired),
            Sys("CurrencyPrecision", ColumnType.Integer));

        /// <summary>Leads can be activity parties and regarding objects; listed so every lookup target is known.</summary>
        public static Table Lead() => new Table("Lead", "Lead", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "leads",
            PrimaryIdAttribute = "leadid",
            PrimaryNameAttribute = "fullname",
            ObjectTypeCode = 4,
        }.WithColumns(
            Sys("LeadId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("FullName", ColumnType.String, 160),
            Sys("FirstName", ColumnType.String, 50),
            Sys("LastName", ColumnType.String, 50, RequiredLevel.ApplicationRequired),
            Sys("EMailAddress1", ColumnType.String, 100),
            Sys("CompanyName", ColumnType.String, 100),
            Sys("Telephone1", ColumnType.String, 50),
            Sys("Subject", ColumnType.String, 300),
            Sys("DoNotEMail", ColumnType.Boolean),
            Sys("DoNotBulkEMail", ColumnType.Boolean),
            Sys("DoNotPhone", ColumnType.Boolean),
            Sys("DoNotPostalMail", ColumnType.Boolean),
            UserOwnedSystemColumns(new[] { (0, "Open"), (1, "Qualified"), (2, "Disqualified") },
                new[] { (1, "New"), (2, "Contacted"), (3, "Qualified"), (4, "Lost"), (5, "Cannot Contact"), (6, "No Longer Interested"), (7, "Canceled") }));

        /// <summary>Queues can be senders and recipients of emails.</summary>
        public static Table Queue() => new Table("Queue", "Queue", isCustom: false)
        {
            InSolution = false,
            EntitySetName = "queues",
            PrimaryIdAttribute = "queueid",
            PrimaryNameAttribute = "name",
            ObjectTypeCode = 2020,
        }.WithColumns(
            Sys("QueueId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 200, RequiredLevel.SystemRequired),
            Sys("EMailAddress", ColumnType.String, 100),
            UserOwnedSystemColumns(Col.ActiveInactiveState, Col.ActiveInactiveStatus));
    }
}
