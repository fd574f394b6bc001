using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A page of records returned by RetrieveMultiple, with the paging state to fetch the next one.</summary>
    [DataContract(Name = "EntityCollection", Namespace = XrmContracts.V2011)]
    public sealed class EntityCollection : IExtensibleDataObject
    {
        private DataCollection<Entity> entities;

        public EntityCollection()
        {
        }

        /// <summary>Starts with a copy of the given records.</summary>
        public EntityCollection(IList<Entity> list)
        {
            entities = new DataCollection<Entity>(list);
        }

        [DataMember]
        public DataCollection<Entity> Entities
        {
            get => entities ??= new DataCollection<Entity>();
            private set => entities = value;
        }

        [DataMember]
        public bool MoreRecords { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        [DataMember]
        public string MinActiveRowVersion { get; set; }

        [DataMember]
        public int TotalRecordCount { get; set; }

        [DataMember]
        public bool TotalRecordCountLimitExceeded { get; set; }

        public Entity this[int index]
        {
            get => Entities[index];
            set => Entities[index] = value;
        }

        [DataMember]
        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }
}
