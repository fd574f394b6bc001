using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>Base of the three query forms RetrieveMultiple accepts.</summary>
    [DataContract(Name = "QueryBase", Namespace = XrmContracts.V2011)]
    [KnownType(typeof(QueryExpression))]
    [KnownType(typeof(QueryByAttribute))]
    [KnownType(typeof(FetchExpression))]
    public abstract class QueryBase : IExtensibleDataObject
    {
        internal QueryBase()
        {
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>A FetchXML query.</summary>
    [DataContract(Name = "FetchExpression", Namespace = XrmContracts.V2011)]
    public sealed class FetchExpression : QueryBase
    {
        public FetchExpression()
        {
        }

        public FetchExpression(string query)
        {
            Query = query;
        }

        [DataMember]
        public string Query { get; set; }
    }
}
