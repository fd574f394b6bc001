using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>A join from one table to another, with its own columns, filter, orders and nested links.</summary>
    [DataContract(Name = "LinkEntity", Namespace = XrmContracts.V2011)]
    public sealed class LinkEntity : IExtensibleDataObject
    {
        private DataCollection<LinkEntity> linkEntities;
        private DataCollection<OrderExpression> orders;

        /// <summary>An inner join with an empty column set and an empty filter, as in the real SDK.</summary>
        public LinkEntity()
            : this(null, null, null, null, JoinOperator.Inner)
        {
        }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
            Columns = new ColumnSet();
            LinkCriteria = new FilterExpression();
        }

        [DataMember]
        public string LinkFromAttributeName { get; set; }

        [DataMember]
        public string LinkFromEntityName { get; set; }

        [DataMember]
        public string LinkToEntityName { get; set; }

        [DataMember]
        public string LinkToAttributeName { get; set; }

        [DataMember]
        public JoinOperator JoinOperator { get; set; }

        [DataMember]
        public FilterExpression LinkCriteria { get; set; }

        [DataMember]
        public DataCollection<LinkEntity> LinkEntities
        {
            get => linkEntities ??= new DataCollection<LinkEntity>();
            private set => linkEntities = value;
        }

        private ColumnSet columns;

        [DataMember]
        public ColumnSet Columns
        {
            get => columns ??= new ColumnSet();
            set => columns = value;
        }

        [DataMember]
        public string EntityAlias { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get => orders ??= new DataCollection<OrderExpression>();
            private set => orders = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        /// <summary>
        /// Adds a nested link and returns it. The join runs from this link's table (LinkToEntityName), but the
        /// real SDK fills the nested link's LinkFromEntityName with this link's LinkFromEntityName; we keep that
        /// quirk, so a query engine must take the parent link's LinkToEntityName as the nested link's source.
        /// </summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkEntity link = new LinkEntity(LinkFromEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }
}
