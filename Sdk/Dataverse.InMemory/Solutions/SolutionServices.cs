using System;
using System.Linq;
using Dataverse.InMemory.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>What the solution messages need of the organization beyond the request: plug-in registration and the custom API table.</summary>
    internal sealed class SolutionServices
    {
        private readonly Func<PluginRegistration?> registration;
        private readonly Action<CustomApi> registerCustomApi;

        public SolutionServices(Func<PluginRegistration?> registration, Action<CustomApi> registerCustomApi)
        {
            this.registration = registration;
            this.registerCustomApi = registerCustomApi;
        }

        public PluginRegistration Registration => registration() ?? throw new InvalidOperationException(
            "Solution import needs plug-in registration: call InMemoryDataverse.EnablePluginRegistration() first.");

        public void RegisterCustomApi(CustomApi api) => registerCustomApi(api);
    }

    /// <summary>
    /// An organization service over the requests a core operation issues on behalf of its request (same caller, same
    /// transaction), so the solution messages read and write rows through the pipeline like any client.
    /// </summary>
    internal sealed class NestedService : IOrganizationService
    {
        private readonly Func<OrganizationRequest, OrganizationResponse> execute;

        public NestedService(Func<OrganizationRequest, OrganizationResponse> execute) => this.execute = execute;

        public Guid Create(Entity entity) => ((CreateResponse)execute(new CreateRequest { Target = entity })).id;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
            ((RetrieveResponse)execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

        public void Update(Entity entity) => execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public OrganizationResponse Execute(OrganizationRequest request) => execute(request);

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        public EntityCollection RetrieveMultiple(QueryBase query) =>
            ((RetrieveMultipleResponse)execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
    }
}
