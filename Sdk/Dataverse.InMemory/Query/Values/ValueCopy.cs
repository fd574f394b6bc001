using System;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// Copies column values so a returned Entity shares no mutable object with a stored row: a caller that
    /// changes a returned Money or EntityReference must not change the store, as it cannot in Dataverse, where
    /// every result is deserialized from the wire.
    /// </summary>
    internal static class ValueCopy
    {
        public static object? Copy(object? value)
        {
            switch (value)
            {
                case null:
                case string:
                case Guid:
                case DateTime:
                case bool:
                case int:
                case long:
                case decimal:
                case double:
                case float:
                case short:
                    return value;
                case EntityReference reference:
                    // Stored references are resolved to ids, so their alternate keys are not copied; reading the
                    // KeyAttributes property would also create a collection on the stored object.
                    return new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name, RowVersion = reference.RowVersion };
                case Money money:
                    return new Money(money.Value);
                case OptionSetValue option:
                    return new OptionSetValue(option.Value);
                case OptionSetValueCollection options:
                    var optionsCopy = new OptionSetValueCollection();
                    foreach (var option in options)
                    {
                        optionsCopy.Add(option == null ? null! : new OptionSetValue(option.Value));
                    }

                    return optionsCopy;
                case EntityCollection collection:
                    var collectionCopy = new EntityCollection { EntityName = collection.EntityName, MoreRecords = collection.MoreRecords, PagingCookie = collection.PagingCookie };
                    foreach (var entity in collection.Entities)
                    {
                        collectionCopy.Entities.Add(CopyEntity(entity));
                    }

                    return collectionCopy;
                case Entity entity:
                    return CopyEntity(entity);
                case AliasedValue aliased:
                    return new AliasedValue(aliased.EntityLogicalName, aliased.AttributeLogicalName, Copy(aliased.Value));
                case byte[] bytes:
                    return bytes.Clone();
                default:
                    return value;
            }
        }

        public static Entity CopyEntity(Entity entity)
        {
            var copy = new Entity(entity.LogicalName, entity.Id) { RowVersion = entity.RowVersion };
            foreach (var attribute in entity.Attributes)
            {
                copy.Attributes[attribute.Key] = Copy(attribute.Value);
            }

            return copy;
        }
    }
}
