using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Storage
{
    /// <summary>
    /// Deep copies of entities and attribute values. Dataverse serializes every request and response, so a caller
    /// never shares an object with the server; copying on every read and write gives tests the same guarantee.
    /// Immutable values (strings, numbers, Guid, DateTime, bool) are shared; SDK value objects are copied.
    /// </summary>
    public static class ValueCopier
    {
        /// <summary>A deep copy of <paramref name="entity"/>, its attributes, key attributes and row version.</summary>
        public static Entity Copy(Entity entity)
        {
            var copy = new Entity(entity.LogicalName) { Id = entity.Id, RowVersion = entity.RowVersion };
            foreach (var attribute in entity.Attributes) copy.Attributes[attribute.Key] = CopyValue(attribute.Value);
            if (entity.KeyAttributes != null)
            {
                foreach (var key in entity.KeyAttributes) copy.KeyAttributes[key.Key] = CopyValue(key.Value);
            }
            return copy;
        }

        /// <summary>A copy of <paramref name="entity"/> with only the attributes for which <paramref name="include"/> is true; nulls dropped.</summary>
        public static Entity CopyNonNull(Entity entity, Func<string, bool> include)
        {
            var copy = new Entity(entity.LogicalName) { Id = entity.Id, RowVersion = entity.RowVersion };
            foreach (var attribute in entity.Attributes)
            {
                if (attribute.Value == null || !include(attribute.Key)) continue;
                copy.Attributes[attribute.Key] = CopyValue(attribute.Value);
            }
            return copy;
        }

        /// <summary>A deep copy of one attribute value.</summary>
        public static object? CopyValue(object? value) => value switch
        {
            null => null,
            string or bool or int or long or double or decimal or float or Guid or DateTime => value,
            EntityReference r => CopyReference(r),
            OptionSetValue o => new OptionSetValue(o.Value),
            Money m => new Money(m.Value),
            EntityCollection c => CopyCollection(c),
            Entity e => Copy(e),
            OptionSetValueCollection os => CopyOptionSets(os),
            AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, CopyValue(a.Value)),
            byte[] bytes => (byte[])bytes.Clone(),
            string[] strings => (string[])strings.Clone(),
            EntityReferenceCollection refs => CopyReferences(refs),
            _ => value,
        };

        /// <summary>A copy of an entity reference, including its name and row version.</summary>
        public static EntityReference CopyReference(EntityReference reference)
        {
            var copy = new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name, RowVersion = reference.RowVersion };
            if (reference.KeyAttributes != null)
            {
                foreach (var key in reference.KeyAttributes) copy.KeyAttributes[key.Key] = CopyValue(key.Value);
            }
            return copy;
        }

        private static EntityCollection CopyCollection(EntityCollection collection)
        {
            var entities = new List<Entity>(collection.Entities.Count);
            foreach (var entity in collection.Entities) entities.Add(Copy(entity));
            return new EntityCollection(entities)
            {
                EntityName = collection.EntityName,
                MoreRecords = collection.MoreRecords,
                PagingCookie = collection.PagingCookie,
                TotalRecordCount = collection.TotalRecordCount,
                TotalRecordCountLimitExceeded = collection.TotalRecordCountLimitExceeded,
            };
        }

        private static OptionSetValueCollection CopyOptionSets(OptionSetValueCollection values)
        {
            var copy = new OptionSetValueCollection();
            foreach (var value in values) copy.Add(new OptionSetValue(value.Value));
            return copy;
        }

        private static EntityReferenceCollection CopyReferences(EntityReferenceCollection references)
        {
            var copy = new EntityReferenceCollection();
            foreach (var reference in references) copy.Add(CopyReference(reference));
            return copy;
        }
    }
}
