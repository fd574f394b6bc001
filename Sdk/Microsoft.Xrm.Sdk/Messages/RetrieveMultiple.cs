using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Runs a QueryExpression, QueryByAttribute or FetchExpression. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
            Query = null;
        }

        public QueryBase Query
        {
            get => GetParameter<QueryBase>("Query");
            set => Parameters["Query"] = value;
        }
    }

    /// <summary>Reply to RetrieveMultipleRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public EntityCollection EntityCollection => GetResult<EntityCollection>("EntityCollection");
    }
}
