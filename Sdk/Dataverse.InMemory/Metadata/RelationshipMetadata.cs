using System;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// A relationship that Associate and Disassociate can use, named by its schema name as in Dataverse
    /// (e.g. "teammembership_association").
    /// </summary>
    public abstract class RelationshipMetadata
    {
        protected RelationshipMetadata(string schemaName)
        {
            SchemaName = schemaName ?? throw new ArgumentNullException(nameof(schemaName));
        }

        public string SchemaName { get; }
    }

    /// <summary>A many-to-many relationship: each association is a row of the intersect table.</summary>
    public sealed class ManyToManyRelationship : RelationshipMetadata
    {
        public ManyToManyRelationship(string schemaName, string intersectEntity, string entity1, string entity1IntersectAttribute, string entity2, string entity2IntersectAttribute)
            : base(schemaName)
        {
            IntersectEntity = intersectEntity;
            Entity1 = entity1;
            Entity1IntersectAttribute = entity1IntersectAttribute;
            Entity2 = entity2;
            Entity2IntersectAttribute = entity2IntersectAttribute;
        }

        public string IntersectEntity { get; }

        public string Entity1 { get; }

        public string Entity1IntersectAttribute { get; }

        public string Entity2 { get; }

        public string Entity2IntersectAttribute { get; }
    }

    /// <summary>What deleting the referenced (parent) row does to the referencing (child) rows (CascadeConfiguration.Delete).</summary>
    public enum DeleteCascade
    {
        /// <summary>The child rows are deleted too, each through its own Delete (its steps run).</summary>
        Cascade,

        /// <summary>The child rows stay; their lookup is cleared. Dataverse's default for a new relationship.</summary>
        RemoveLink,

        /// <summary>The parent cannot be deleted while a child row points to it.</summary>
        Restrict,
    }

    /// <summary>A one-to-many relationship: associating sets the lookup on the referencing (child) row.</summary>
    public sealed class OneToManyRelationship : RelationshipMetadata
    {
        public OneToManyRelationship(string schemaName, string referencedEntity, string referencingEntity, string referencingAttribute)
            : base(schemaName)
        {
            ReferencedEntity = referencedEntity;
            ReferencingEntity = referencingEntity;
            ReferencingAttribute = referencingAttribute;
        }

        public string ReferencedEntity { get; }

        public string ReferencingEntity { get; }

        public string ReferencingAttribute { get; }

        /// <summary>What Delete of the referenced row does to the referencing rows (see Messages/CascadeDelete.cs).</summary>
        public DeleteCascade OnDelete { get; init; } = DeleteCascade.RemoveLink;
    }
}
