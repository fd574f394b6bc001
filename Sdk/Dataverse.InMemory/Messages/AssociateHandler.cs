using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>Associate and Disassociate over a registered relationship (N:N intersect rows or a 1:N lookup).</summary>
    internal sealed class AssociateHandler : MessageHandler
    {
        private readonly bool associate;

        public AssociateHandler(bool associate)
        {
            this.associate = associate;
        }

        public override string RequestName => associate ? "Associate" : "Disassociate";

        public override void Execute(CoreOperation operation)
        {
            var target = Required<EntityReference>(operation.Input, "Target");
            var relationship = Required<Relationship>(operation.Input, "Relationship");
            var related = Required<EntityReferenceCollection>(operation.Input, "RelatedEntities");
            var metadata = operation.World.Metadata.Relationship(relationship.SchemaName)
                ?? throw DataverseFault.InvalidArgument(
                    "The relationship '{0}' is not defined; register it with Metadata.AddRelationship.",
                    "Die Beziehung '{0}' ist nicht definiert; registrieren Sie sie mit Metadata.AddRelationship.", relationship.SchemaName);
            var tx = operation.Transaction;
            Exists(tx, target);
            foreach (var other in related)
            {
                Exists(tx, other);
                switch (metadata)
                {
                    case ManyToManyRelationship n: Intersect(operation, n, target, other); break;
                    case OneToManyRelationship o: Lookup(operation, o, target, other); break;
                    default: throw new NotSupportedException($"Relationship type {metadata.GetType().Name} is not supported.");
                }
            }
        }

        public override OrganizationResponse Respond(ParameterCollection output) =>
            associate ? new AssociateResponse { ResponseName = RequestName } : new DisassociateResponse { ResponseName = RequestName };

        private static void Exists(IRowReader reader, EntityReference reference)
        {
            if (reader.Get(reference.LogicalName, reference.Id) == null) throw DataverseFault.DoesNotExist(reference.LogicalName, reference.Id);
        }

        private void Intersect(CoreOperation operation, ManyToManyRelationship relationship, EntityReference target, EntityReference other)
        {
            Guid first, second;
            if (target.LogicalName == relationship.Entity1 && other.LogicalName == relationship.Entity2) (first, second) = (target.Id, other.Id);
            else if (target.LogicalName == relationship.Entity2 && other.LogicalName == relationship.Entity1) (first, second) = (other.Id, target.Id);
            else throw DataverseFault.InvalidArgument(
                "The relationship '{0}' links {1} and {2}, not {3} and {4}.", "Die Beziehung '{0}' verbindet {1} und {2}, nicht {3} und {4}.",
                relationship.SchemaName, relationship.Entity1, relationship.Entity2, target.LogicalName, other.LogicalName);

            var tx = operation.Transaction;
            var existing = tx.Scan(relationship.IntersectEntity).FirstOrDefault(row =>
                row.GetAttributeValue<Guid>(relationship.Entity1IntersectAttribute) == first &&
                row.GetAttributeValue<Guid>(relationship.Entity2IntersectAttribute) == second);
            if (associate)
            {
                if (existing != null) throw DataverseFault.DuplicateKey(relationship.IntersectEntity, existing.Id);
                var id = operation.World.NewId();
                var row = new Entity(relationship.IntersectEntity, id);
                row[relationship.IntersectEntity + "id"] = id;
                row[relationship.Entity1IntersectAttribute] = first;
                row[relationship.Entity2IntersectAttribute] = second;
                row["versionnumber"] = operation.World.NextVersion();
                tx.Lock(relationship.IntersectEntity, id);
                tx.Put(row);
            }
            else if (existing != null)
            {
                tx.Lock(relationship.IntersectEntity, existing.Id);
                tx.Remove(relationship.IntersectEntity, existing.Id);
            }
        }

        private void Lookup(CoreOperation operation, OneToManyRelationship relationship, EntityReference target, EntityReference other)
        {
            EntityReference parent, child;
            if (target.LogicalName == relationship.ReferencedEntity && other.LogicalName == relationship.ReferencingEntity) (parent, child) = (target, other);
            else if (target.LogicalName == relationship.ReferencingEntity && other.LogicalName == relationship.ReferencedEntity) (parent, child) = (other, target);
            else throw DataverseFault.InvalidArgument(
                "The relationship '{0}' links {1} to {2}, not {3} and {4}.", "Die Beziehung '{0}' verbindet {1} mit {2}, nicht {3} und {4}.",
                relationship.SchemaName, relationship.ReferencedEntity, relationship.ReferencingEntity, target.LogicalName, other.LogicalName);

            var change = new Entity(child.LogicalName, child.Id);
            change[relationship.ReferencingAttribute] = associate ? new EntityReference(parent.LogicalName, parent.Id) : null;
            operation.World.Records.Update(operation.Transaction, change, operation.UserId, ConcurrencyBehavior.Default);
        }
    }
}
