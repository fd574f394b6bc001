using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A plugin: the platform calls Execute with a provider of the context, tracing and services.</summary>
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    /// <summary>What the platform tells an extension about the operation it runs in.</summary>
    public interface IExecutionContext
    {
        /// <summary>0 synchronous, 1 asynchronous.</summary>
        int Mode { get; }

        /// <summary>1 none, 2 sandbox.</summary>
        int IsolationMode { get; }

        /// <summary>How many plugin or workflow calls deep this operation is; the platform stops loops at 8.</summary>
        int Depth { get; }

        string MessageName { get; }

        string PrimaryEntityName { get; }

        Guid? RequestId { get; }

        string SecondaryEntityName { get; }

        ParameterCollection InputParameters { get; }

        ParameterCollection OutputParameters { get; }

        ParameterCollection SharedVariables { get; }

        Guid UserId { get; }

        Guid InitiatingUserId { get; }

        Guid BusinessUnitId { get; }

        Guid OrganizationId { get; }

        string OrganizationName { get; }

        Guid PrimaryEntityId { get; }

        EntityImageCollection PreEntityImages { get; }

        EntityImageCollection PostEntityImages { get; }

        EntityReference OwningExtension { get; }

        Guid CorrelationId { get; }

        bool IsExecutingOffline { get; }

        bool IsOfflinePlayback { get; }

        bool IsInTransaction { get; }

        Guid OperationId { get; }

        DateTime OperationCreatedOn { get; }
    }

    /// <summary>The execution context of a plugin step.</summary>
    public interface IPluginExecutionContext : IExecutionContext
    {
        /// <summary>10 PreValidation, 20 PreOperation, 30 MainOperation, 40 PostOperation.</summary>
        int Stage { get; }

        IPluginExecutionContext ParentContext { get; }
    }

    /// <summary>Adds the Microsoft Entra object ids of the users.</summary>
    public interface IPluginExecutionContext2 : IPluginExecutionContext
    {
        Guid UserAzureActiveDirectoryObjectId { get; }

        Guid InitiatingUserAzureActiveDirectoryObjectId { get; }
    }

    /// <summary>The organization service: data operations and messages, run as the user it was created for.</summary>
    public interface IOrganizationService
    {
        Guid Create(Entity entity);

        Entity Retrieve(string entityName, Guid id, ColumnSet columnSet);

        void Update(Entity entity);

        void Delete(string entityName, Guid id);

        OrganizationResponse Execute(OrganizationRequest request);

        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        EntityCollection RetrieveMultiple(QueryBase query);
    }

    /// <summary>Creates organization services; a null user id means the user the step runs as.</summary>
    public interface IOrganizationServiceFactory
    {
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    /// <summary>Writes to the plugin trace log.</summary>
    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    /// <summary>Posts the execution context to a service endpoint (Azure Service Bus, webhook).</summary>
    public interface IServiceEndpointNotificationService
    {
        string Execute(EntityReference serviceEndpoint, IExecutionContext context);
    }
}
