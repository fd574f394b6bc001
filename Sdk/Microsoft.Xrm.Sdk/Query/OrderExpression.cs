using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>Sort by a column; Alias names an aggregate alias when ordering an aggregate query.</summary>
    [DataContract(Name = "OrderExpression", Namespace = XrmContracts.V2011)]
    public sealed class OrderExpression : IExtensibleDataObject
    {
        public OrderExpression()
        {
        }

        public OrderExpression(string attributeName, OrderType orderType)
        {
            AttributeName = attributeName;
            OrderType = orderType;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias)
        {
            AttributeName = attributeName;
            OrderType = orderType;
            Alias = alias;
        }

        [DataMember]
        public string AttributeName { get; set; }

        [DataMember]
        public OrderType OrderType { get; set; }

        [DataMember]
        public string Alias { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>
    /// Which page to return. Page numbers start at 1; Count 0 means the platform's default page size (5000).
    /// Pass the previous page's PagingCookie for fast, stable paging.
    /// </summary>
    [DataContract(Name = "PagingInfo", Namespace = XrmContracts.V2011)]
    public sealed class PagingInfo : IExtensibleDataObject
    {
        [DataMember]
        public int PageNumber { get; set; }

        [DataMember]
        public int Count { get; set; }

        [DataMember]
        public bool ReturnTotalRecordCount { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }
}
