using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A late-bound Dataverse record: a logical name, an id and a bag of attribute values.</summary>
    [DataContract(Name = "Entity", Namespace = XrmContracts.V2011)]
    public class Entity : IExtensibleDataObject
    {
        private string logicalName;
        private Guid id;
        private AttributeCollection attributes;
        private EntityState? entityState;
        private FormattedValueCollection formattedValues;
        private RelatedEntityCollection relatedEntities;
        private string rowVersion;
        private KeyAttributeCollection keyAttributes;

        public Entity()
        {
        }

        public Entity(string entityName)
        {
            logicalName = entityName;
        }

        public Entity(string entityName, Guid id)
        {
            logicalName = entityName;
            this.id = id;
        }

        /// <summary>Identifies the record by one alternate-key value instead of its id (Upsert, Update by key).</summary>
        public Entity(string entityName, string keyName, object keyValue)
        {
            logicalName = entityName;
            KeyAttributes[keyName] = keyValue;
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
        {
            logicalName = entityName;
            this.keyAttributes = keyAttributes;
        }

        [DataMember]
        public string LogicalName
        {
            get => logicalName;
            set => logicalName = value;
        }

        /// <summary>
        /// The record id. As in the real SDK it is independent of the primary-id attribute: the platform fills
        /// both on Retrieve, but setting one does not change the other.
        /// </summary>
        [DataMember]
        public virtual Guid Id
        {
            get => id;
            set => id = value;
        }

        [DataMember]
        public AttributeCollection Attributes
        {
            get => attributes ??= new AttributeCollection();
            set => attributes = value;
        }

        [DataMember]
        public EntityState? EntityState
        {
            get => entityState;
            set => entityState = value;
        }

        [DataMember]
        public FormattedValueCollection FormattedValues
        {
            get => formattedValues ??= new FormattedValueCollection();
            private set => formattedValues = value;
        }

        [DataMember]
        public RelatedEntityCollection RelatedEntities
        {
            get => relatedEntities ??= new RelatedEntityCollection();
            private set => relatedEntities = value;
        }

        [DataMember]
        public string RowVersion
        {
            get => rowVersion;
            set => rowVersion = value;
        }

        [DataMember]
        public KeyAttributeCollection KeyAttributes
        {
            get => keyAttributes ??= new KeyAttributeCollection();
            set => keyAttributes = value;
        }

        /// <summary>Reading an attribute that is not in the collection throws KeyNotFoundException.</summary>
        public object this[string attributeName]
        {
            get => Attributes[attributeName];
            set => Attributes[attributeName] = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public bool Contains(string attributeName)
        {
            return Attributes.Contains(attributeName);
        }

        /// <summary>
        /// Converts to an early-bound type. As in the real SDK the copy is shallow (it shares the attribute,
        /// formatted-value, related-entity and key collections), T must carry an EntityLogicalNameAttribute naming
        /// this record's table, and the id is copied through T's (possibly overridden) Id setter before the
        /// attributes are shared, so the copy holds exactly this record's attributes.
        /// </summary>
        public T ToEntity<T>()
            where T : Entity
        {
            if (typeof(T) == typeof(Entity))
            {
                Entity copy = new Entity();
                ShallowCopyTo(copy);
                return (T)copy;
            }

            if (string.IsNullOrWhiteSpace(logicalName))
            {
                throw new NotSupportedException(SdkText.LogicalNameRequired(nameof(ToEntity)));
            }

            string target = null;
            object[] names = typeof(T).GetCustomAttributes(typeof(EntityLogicalNameAttribute), true);
            if (names.Length > 0)
            {
                target = ((EntityLogicalNameAttribute)names[0]).LogicalName;
            }

            if (string.IsNullOrWhiteSpace(target))
            {
                throw new NotSupportedException(SdkText.NoEntityLogicalName(typeof(T).FullName));
            }

            if (logicalName != target)
            {
                throw new NotSupportedException(SdkText.CannotConvert(logicalName, target));
            }

            T early = (T)Activator.CreateInstance(typeof(T));
            ShallowCopyTo(early);
            return early;
        }

        /// <summary>A reference with this record's table, id and row version (not its name or keys), as the real SDK builds it.</summary>
        public EntityReference ToEntityReference()
        {
            return new EntityReference(logicalName, Id)
            {
                RowVersion = rowVersion,
            };
        }

        /// <summary>
        /// Returns the value cast to T, or default(T) when the attribute is missing or null. A value of another
        /// type throws InvalidCastException and a blank name ArgumentNullException, as with the real SDK.
        /// </summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName))
            {
                throw new ArgumentNullException(nameof(attributeLogicalName));
            }

            if (attributes == null || !attributes.TryGetValue(attributeLogicalName, out object value) || value == null)
            {
                return default;
            }

            return (T)value;
        }

        /// <summary>
        /// Sets an attribute; the setter of every early-bound property goes through it. A blank name throws
        /// ArgumentNullException, as with the real SDK.
        /// </summary>
        protected virtual void SetAttributeValue(string attributeLogicalName, object value)
        {
            if (string.IsNullOrWhiteSpace(attributeLogicalName))
            {
                throw new ArgumentNullException(nameof(attributeLogicalName));
            }

            this[attributeLogicalName] = value;
        }

        /// <summary>
        /// The real SDK's order: the id through the virtual setter (an early-bound class also writes its
        /// primary-id attribute there, into a collection that is replaced next), then the source's collections,
        /// created on the source first where it had none, so that both records share them.
        /// </summary>
        internal void ShallowCopyTo(Entity target)
        {
            if (target == null || ReferenceEquals(target, this))
            {
                return;
            }

            target.Id = Id;
            target.logicalName = logicalName;
            target.entityState = entityState;
            target.relatedEntities = RelatedEntities;
            target.attributes = Attributes;
            target.formattedValues = FormattedValues;
            target.ExtensionData = ExtensionData;
            target.rowVersion = rowVersion;
            target.keyAttributes = KeyAttributes;
        }
    }
}
