using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Runs a batch of requests in one transaction: all succeed or all roll back. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class ExecuteTransactionRequest : OrganizationRequest
    {
        public ExecuteTransactionRequest()
        {
            RequestName = "ExecuteTransaction";
            Requests = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => GetParameter<OrganizationRequestCollection>("Requests");
            set => Parameters["Requests"] = value;
        }

        public bool? ReturnResponses
        {
            get => GetParameter<bool?>("ReturnResponses");
            set => Parameters["ReturnResponses"] = value;
        }
    }

    /// <summary>Reply to ExecuteTransactionRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class ExecuteTransactionResponse : OrganizationResponse
    {
        /// <summary>The responses in request order (when ReturnResponses was true).</summary>
        public OrganizationResponseCollection Responses => GetResult<OrganizationResponseCollection>("Responses");
    }
}
