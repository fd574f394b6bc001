using System;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory
{
    /// <summary>
    /// The organization service of an <see cref="InMemoryDataverse"/>, for one user. Every method builds the
    /// request the SDK would send and goes through <see cref="Execute"/>, so registered steps fire for all of them.
    /// Safe to use from many threads.
    /// </summary>
    public sealed class InMemoryOrganizationService : IOrganizationService
    {
        private readonly InMemoryDataverse world;
        private readonly CallerScope scope;

        internal InMemoryOrganizationService(InMemoryDataverse world, CallerScope scope)
        {
            this.world = world;
            this.scope = scope;
        }

        /// <summary>The user requests run as (systemuserid).</summary>
        public Guid UserId => scope.UserId;

        public Guid Create(Entity entity) => ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
            ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public EntityCollection RetrieveMultiple(QueryBase query) =>
            ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

        /// <summary>
        /// Runs any supported request through the pipeline. The request is not modified and the response shares no
        /// objects with the store. Failures throw FaultException&lt;OrganizationServiceFault&gt; with the platform's codes.
        /// </summary>
        public OrganizationResponse Execute(OrganizationRequest request) => world.Pipeline.Execute(request, scope);
    }
}
