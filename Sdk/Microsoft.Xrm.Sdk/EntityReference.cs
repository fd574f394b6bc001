using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A pointer to a record: table logical name plus id (or alternate key). Used for lookups.</summary>
    [DataContract(Name = "EntityReference", Namespace = XrmContracts.V2011)]
    public sealed class EntityReference : IExtensibleDataObject
    {
        public EntityReference()
        {
        }

        public EntityReference(string logicalName)
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
        {
            LogicalName = logicalName;
            Id = id;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
        {
            LogicalName = logicalName;
            KeyAttributes[keyName] = keyValue;
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        {
            LogicalName = logicalName;
            keyAttributes = keyAttributeCollection;
        }

        [DataMember]
        public Guid Id { get; set; }

        [DataMember]
        public string LogicalName { get; set; }

        /// <summary>The primary name of the record; the platform fills it on Retrieve, it takes no part in equality.</summary>
        [DataMember]
        public string Name { get; set; }

        private KeyAttributeCollection keyAttributes;

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get => keyAttributes ??= new KeyAttributeCollection();
            set => keyAttributes = value;
        }

        [DataMember]
        public string RowVersion { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>
        /// Two references are equal when table (ordinal), id and alternate-key values match; Name and RowVersion
        /// are ignored.
        /// </summary>
        public override bool Equals(object obj)
        {
            if (!(obj is EntityReference other))
            {
                return false;
            }

            if (ReferenceEquals(this, other))
            {
                return true;
            }

            return Id == other.Id
                && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal)
                && SameKeys(KeyAttributes, other.KeyAttributes);
        }

        /// <summary>
        /// Consistent with Equals; a reference without a table name hashes by its keys only, as in the real SDK.
        /// Like the real SDK it hashes each key value unguarded, so a null alternate-key value throws
        /// NullReferenceException.
        /// </summary>
        public override int GetHashCode()
        {
            int hash = string.IsNullOrEmpty(LogicalName) ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName) ^ Id.GetHashCode();
            foreach (KeyValuePair<string, object> key in KeyAttributes)
            {
                hash ^= string.IsNullOrEmpty(key.Key) ? 0 : StringComparer.Ordinal.GetHashCode(key.Key) ^ key.Value.GetHashCode();
            }

            return hash;
        }

        private static bool SameKeys(KeyAttributeCollection left, KeyAttributeCollection right)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            foreach (KeyValuePair<string, object> key in left)
            {
                if (!right.TryGetValue(key.Key, out object value) || !Equals(key.Value, value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
