using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>
    /// A query built in code. A new QueryExpression already has an empty ColumnSet (primary id only), an empty
    /// And filter and a PagingInfo, so callers add to them instead of creating them.
    /// </summary>
    [DataContract(Name = "QueryExpression", Namespace = XrmContracts.V2011)]
    public sealed class QueryExpression : QueryBase
    {
        /// <summary>A shared query with no table; the real SDK exposes it as a sentinel, never mutate it.</summary>
        public static readonly QueryExpression Empty = new QueryExpression();

        private DataCollection<LinkEntity> linkEntities;
        private DataCollection<OrderExpression> orders;

        public QueryExpression()
            : this(null)
        {
        }

        public QueryExpression(string entityName)
        {
            EntityName = entityName;
            ColumnSet = new ColumnSet();
            Criteria = new FilterExpression();
            PageInfo = new PagingInfo();
        }

        [DataMember]
        public bool Distinct { get; set; }

        [DataMember]
        public bool NoLock { get; set; }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember]
        public string QueryHints { get; set; }

        [DataMember]
        public DataCollection<LinkEntity> LinkEntities
        {
            get => linkEntities ??= new DataCollection<LinkEntity>();
            private set => linkEntities = value;
        }

        [DataMember]
        public FilterExpression Criteria { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get => orders ??= new DataCollection<OrderExpression>();
            private set => orders = value;
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName)
        {
            return AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);
        }

        /// <summary>Adds a link from the query's table and returns it, so its criteria and columns can be set.</summary>
        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkEntity link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    /// <summary>A query of equality conditions, one per attribute/value pair, all joined by And.</summary>
    [DataContract(Name = "QueryByAttribute", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public sealed class QueryByAttribute : QueryBase
    {
        private DataCollection<string> attributes;
        private DataCollection<object> values;
        private DataCollection<OrderExpression> orders;

        /// <summary>
        /// Starts with an empty ColumnSet and a PagingInfo. The real SDK's two constructors differ: only this
        /// one creates them.
        /// </summary>
        public QueryByAttribute()
        {
            ColumnSet = new ColumnSet();
            PageInfo = new PagingInfo();
        }

        /// <summary>
        /// Sets only the table: ColumnSet and PageInfo stay null, as in the real SDK, so a caller that wants
        /// columns must set ColumnSet itself.
        /// </summary>
        public QueryByAttribute(string entityName)
        {
            EntityName = entityName;
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public DataCollection<string> Attributes
        {
            get => attributes ??= new DataCollection<string>();
            private set => attributes = value;
        }

        [DataMember]
        public DataCollection<object> Values
        {
            get => values ??= new DataCollection<object>();
            private set => values = value;
        }

        [DataMember]
        public PagingInfo PageInfo { get; set; }

        [DataMember]
        public ColumnSet ColumnSet { get; set; }

        [DataMember]
        public DataCollection<OrderExpression> Orders
        {
            get => orders ??= new DataCollection<OrderExpression>();
            private set => orders = value;
        }

        [DataMember]
        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType)
        {
            Orders.Add(new OrderExpression(attributeName, orderType));
        }

        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }

        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }
}
