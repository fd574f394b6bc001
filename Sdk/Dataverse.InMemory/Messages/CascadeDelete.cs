using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// What Delete does to the rows that point to the deleted row, per each one-to-many relationship's
    /// CascadeConfiguration.Delete (CascadeType: Cascade, RemoveLink, Restrict):
    /// Restrict refuses the delete while a child row exists (CannotDeleteDueToAssociation, checked before anything
    /// changes); Cascade deletes each child row through its own Delete request, inside the same transaction, so the
    /// child table's Delete steps run (with the parent's context as ParentContext); RemoveLink clears the child's lookup
    /// as a platform write: the child table's Update steps do not run (docs/solution.md, "The decision log and deletes").
    /// </summary>
    internal static class CascadeDelete
    {
        /// <summary>0x80040227: "The object you tried to delete is associated with another object and cannot be deleted."</summary>
        public const int CannotDeleteDueToAssociation = -2147220953;

        public static void Apply(CoreOperation operation, EntityReference target)
        {
            var relationships = operation.World.Metadata.Relationships.OfType<OneToManyRelationship>()
                .Where(r => string.Equals(r.ReferencedEntity, target.LogicalName, StringComparison.Ordinal))
                .OrderBy(r => r.SchemaName, StringComparer.Ordinal)
                .ToList();
            if (relationships.Count == 0) return;
            var children = relationships.Select(r => (Relationship: r, Rows: Children(operation, r, target.Id))).ToList();
            foreach (var (relationship, rows) in children.Where(c => c.Relationship.OnDelete == DeleteCascade.Restrict && c.Rows.Count > 0))
            {
                throw DataverseFault.Localized(CannotDeleteDueToAssociation,
                    "The {0} cannot be deleted because {1} {2} row(s) point to it through {3} (delete behavior Restrict).",
                    "{0} kann nicht gelöscht werden, weil {1} Zeile(n) von {2} über {3} darauf verweisen (Löschverhalten Einschränken).",
                    target.LogicalName, rows.Count, relationship.ReferencingEntity, relationship.SchemaName);
            }
            foreach (var (relationship, rows) in children)
            {
                foreach (var child in rows)
                {
                    switch (relationship.OnDelete)
                    {
                        case DeleteCascade.Cascade:
                            // A row deleted earlier in this cascade (reached through two relationships) is gone already.
                            if (operation.Transaction.Get(relationship.ReferencingEntity, child) == null) continue;
                            operation.ExecuteNested(new DeleteRequest { Target = new EntityReference(relationship.ReferencingEntity, child) });
                            break;
                        case DeleteCascade.RemoveLink:
                            if (operation.Transaction.Get(relationship.ReferencingEntity, child) == null) continue;
                            operation.World.Records.Update(operation.Transaction,
                                new Entity(relationship.ReferencingEntity, child) { [relationship.ReferencingAttribute] = null },
                                operation.UserId, ConcurrencyBehavior.Default);
                            break;
                    }
                }
            }
        }

        private static IReadOnlyList<Guid> Children(CoreOperation operation, OneToManyRelationship relationship, Guid parentId) =>
            operation.Transaction.Scan(relationship.ReferencingEntity)
                .Where(row => row.GetAttributeValue<object>(relationship.ReferencingAttribute) is EntityReference reference && reference.Id == parentId)
                .Select(row => row.Id)
                .OrderBy(id => id)
                .ToList();
    }
}
