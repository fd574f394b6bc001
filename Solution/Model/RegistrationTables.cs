using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// Platform tables `crm-attention deploy` reads and writes on an org: the solution and import job of an import,
    /// its system job, and the plug-in registration tables it checks the Send steps against. Not in the solution;
    /// listed so the generated constants name them and the in-memory Dataverse and its Web API host serve them.
    /// Columns and object type codes as the table reference on Microsoft Learn gives them
    /// (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/&lt;table&gt;).
    /// </summary>
    public static class RegistrationTables
    {
        public static Table Solution() => Platform("Solution", "solutions", "solutionid", "friendlyname", 7100).WithColumns(
            Sys("SolutionId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("UniqueName", ColumnType.String, 65, RequiredLevel.SystemRequired),
            Sys("FriendlyName", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("Version", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("IsManaged", ColumnType.Boolean),
            Sys("InstalledOn", ColumnType.DateTime),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table SolutionComponent() => Platform("SolutionComponent", "solutioncomponents", "solutioncomponentid", "", 7103).WithColumns(
            Sys("SolutionComponentId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("SolutionId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "solution"),
            Sys("ObjectId", ColumnType.Uniqueidentifier),
            SysOptions("ComponentType", ColumnType.Picklist, (1, "Entity"), (2, "Attribute"), (20, "Role"), (26, "Saved Query"), (60, "System Form"),
                (61, "Web Resource"), (91, "Plugin Assembly"), (92, "SDK Message Processing Step"), (380, "Environment Variable Definition")),
            SysOptions("RootComponentBehavior", ColumnType.Picklist, (0, "Include Subcomponents"), (1, "Do not include subcomponents"), (2, "Include As Shell Only")),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table PluginAssembly() => Platform("PluginAssembly", "pluginassemblies", "pluginassemblyid", "name", 4605).WithColumns(
            Sys("PluginAssemblyId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("Version", ColumnType.String, 48),
            Sys("Culture", ColumnType.String, 32),
            Sys("PublicKeyToken", ColumnType.String, 32),
            SysOptions("IsolationMode", ColumnType.Picklist, (1, "None"), (2, "Sandbox"), (3, "External")),
            SysOptions("SourceType", ColumnType.Picklist, (0, "Database"), (1, "Disk"), (2, "Normal"), (3, "AzureWebApp"), (4, "File Store")),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table PluginType() => Platform("PluginType", "plugintypes", "plugintypeid", "name", 4602).WithColumns(
            Sys("PluginTypeId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("TypeName", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256),
            Sys("FriendlyName", ColumnType.String, 256),
            Sys("AssemblyName", ColumnType.String, 100),
            Sys("PluginAssemblyId", ColumnType.Lookup, null, RequiredLevel.None, "pluginassembly"),
            Sys("IsWorkflowActivity", ColumnType.Boolean),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>A step's event handler is a plug-in type or a service endpoint (a polymorphic lookup).</summary>
        public static Table ServiceEndpoint() => Platform("ServiceEndpoint", "serviceendpoints", "serviceendpointid", "name", 4618).WithColumns(
            Sys("ServiceEndpointId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table SdkMessage() => Platform("SdkMessage", "sdkmessages", "sdkmessageid", "name", 4606).WithColumns(
            Sys("SdkMessageId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("CategoryName", ColumnType.String, 25),
            Sys("IsPrivate", ColumnType.Boolean),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table SdkMessageFilter() => Platform("SdkMessageFilter", "sdkmessagefilters", "sdkmessagefilterid", "name", 4607).WithColumns(
            Sys("SdkMessageFilterId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256),
            Sys("SdkMessageId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "sdkmessage"),
            // EntityName columns: the Web API reads and writes them as the table's logical name.
            Sys("PrimaryObjectTypeCode", ColumnType.String, 100),
            Sys("SecondaryObjectTypeCode", ColumnType.String, 100),
            Sys("IsCustomProcessingStepAllowed", ColumnType.Boolean),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table SdkMessageProcessingStep() => Platform("SdkMessageProcessingStep", "sdkmessageprocessingsteps", "sdkmessageprocessingstepid", "name", 4608).WithColumns(
            Sys("SdkMessageProcessingStepId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("Description", ColumnType.String, 256),
            SysOptions("Stage", ColumnType.Picklist, (5, "Initial Pre-operation (For internal use only)"), (10, "Pre-validation"), (15, "Internal Pre-operation Before External Plugins (For internal use only)"),
                (20, "Pre-operation"), (25, "Internal Pre-operation After External Plugins (For internal use only)"), (30, "Main Operation (For internal use only)"),
                (35, "Internal Post-operation Before External Plugins (For internal use only)"), (40, "Post-operation"), (45, "Internal Post-operation After External Plugins (For internal use only)"),
                (50, "Post-operation (Deprecated)"), (55, "Final Post-operation (For internal use only)")),
            SysOptions("Mode", ColumnType.Picklist, (0, "Synchronous"), (1, "Asynchronous")),
            Sys("Rank", ColumnType.Integer, null, RequiredLevel.SystemRequired),
            SysOptions("SupportedDeployment", ColumnType.Picklist, (0, "Server Only"), (1, "Microsoft Dynamics 365 Client for Outlook Only"), (2, "Both")),
            SysOptions("InvocationSource", ColumnType.Picklist, (-1, "Internal"), (0, "Parent"), (1, "Child")),
            Sys("FilteringAttributes", ColumnType.String, 100000),
            Sys("Configuration", ColumnType.String, 1073741823),
            Sys("AsyncAutoDelete", ColumnType.Boolean),
            Sys("EventHandler", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "plugintype", "serviceendpoint"),
            Sys("PluginTypeId", ColumnType.Lookup, null, RequiredLevel.None, "plugintype"),
            Sys("SdkMessageId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "sdkmessage"),
            Sys("SdkMessageFilterId", ColumnType.Lookup, null, RequiredLevel.None, "sdkmessagefilter"),
            Sys("ImpersonatingUserId", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            SysOptions("StateCode", ColumnType.State, (0, "Enabled"), (1, "Disabled")),
            SysOptions("StatusCode", ColumnType.Status, (1, "Enabled"), (2, "Disabled")),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table SdkMessageProcessingStepImage() => Platform("SdkMessageProcessingStepImage", "sdkmessageprocessingstepimages", "sdkmessageprocessingstepimageid", "name", 4615).WithColumns(
            Sys("SdkMessageProcessingStepImageId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256),
            Sys("EntityAlias", ColumnType.String, 256, RequiredLevel.SystemRequired),
            SysOptions("ImageType", ColumnType.Picklist, (0, "PreImage"), (1, "PostImage"), (2, "Both")),
            Sys("MessagePropertyName", ColumnType.String, 256, RequiredLevel.SystemRequired),
            Sys("Attributes", ColumnType.String, 100000),
            Sys("SdkMessageProcessingStepId", ColumnType.Lookup, null, RequiredLevel.SystemRequired, "sdkmessageprocessingstep"),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        public static Table ImportJob() => Platform("ImportJob", "importjobs", "importjobid", "name", 9107).WithColumns(
            Sys("ImportJobId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 100),
            Sys("SolutionName", ColumnType.String, 256),
            Sys("SolutionId", ColumnType.Uniqueidentifier),
            Sys("Progress", ColumnType.Double),
            Sys("StartedOn", ColumnType.DateTime),
            Sys("CompletedOn", ColumnType.DateTime),
            Sys("Data", ColumnType.Memo, 1073741823),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        /// <summary>System jobs: the in-memory Dataverse writes one per finished asynchronous plug-in step and per asynchronous import.</summary>
        public static Table AsyncOperation() => Platform("AsyncOperation", "asyncoperations", "asyncoperationid", "name", 4700).WithColumns(
            Sys("AsyncOperationId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
            Sys("Name", ColumnType.String, 256),
            SysOptions("OperationType", ColumnType.Picklist, (1, "System Event"), (10, "Workflow")),
            SysOptions("StateCode", ColumnType.State, (0, "Ready"), (1, "Suspended"), (2, "Locked"), (3, "Completed")),
            SysOptions("StatusCode", ColumnType.Status, (0, "Waiting For Resources"), (10, "Waiting"), (20, "In Progress"), (21, "Pausing"), (22, "Canceling"),
                (30, "Succeeded"), (31, "Failed"), (32, "Canceled")),
            Sys("Message", ColumnType.Memo, 1073741823),
            Sys("FriendlyMessage", ColumnType.Memo, 1073741823),
            Sys("CorrelationId", ColumnType.Uniqueidentifier),
            Sys("Depth", ColumnType.Integer),
            Sys("RetryCount", ColumnType.Integer),
            Sys("PrimaryEntityType", ColumnType.String, 100),
            Sys("MessageName", ColumnType.String, 160),
            Sys("OwningExtensionId", ColumnType.Lookup, null, RequiredLevel.None, "sdkmessageprocessingstep"),
            Sys("RegardingObjectId", ColumnType.Lookup, null, RequiredLevel.None, "contact", "account", "email", "phonecall", "appointment", "task", "letter", "cat_attentiondecision", "cat_attentionpolicy", "importjob"),
            Sys("OwnerId", ColumnType.Owner, null, RequiredLevel.None, "systemuser", "team"),
            Sys("StartedOn", ColumnType.DateTime),
            Sys("CompletedOn", ColumnType.DateTime),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("VersionNumber", ColumnType.BigInt));

        private static Table Platform(string schemaName, string entitySet, string primaryId, string primaryName, int objectTypeCode) =>
            new Table(schemaName, schemaName, isCustom: false)
            {
                InSolution = false,
                EntitySetName = entitySet,
                PrimaryIdAttribute = primaryId,
                PrimaryNameAttribute = primaryName,
                ObjectTypeCode = objectTypeCode,
                Ownership = Ownership.OrganizationOwned,
            };
    }
}
