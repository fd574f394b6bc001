using System;
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

        [DataMember(Name = "KeyAttributes")]
        private KeyAttributeCollection keyAttributes;

        public KeyAttributeCollection KeyAttributes
        {
            get => keyAttributes ??= new KeyAttributeCollection();
            set => keyAttributes = value;
        }

        [DataMember]
        public string RowVersion { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Two references are equal when they point at the same table and id; Name is ignored.</summary>
        public override bool Equals(object obj)
        {
            if (ReferenceEquals(this, obj))
            {
                return true;
            }

            return obj is EntityReference other
                && Id == other.Id
                && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);
        }

        public override int GetHashCode()
        {
            return Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
        }
    }
}
