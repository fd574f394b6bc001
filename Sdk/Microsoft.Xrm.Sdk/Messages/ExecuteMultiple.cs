using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Runs a batch of requests, each in its own transaction. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest()
        {
            RequestName = "ExecuteMultiple";
            Requests = null;
            Settings = null;
        }

        public OrganizationRequestCollection Requests
        {
            get => GetParameter<OrganizationRequestCollection>("Requests");
            set => Parameters["Requests"] = value;
        }

        public ExecuteMultipleSettings Settings
        {
            get => GetParameter<ExecuteMultipleSettings>("Settings");
            set => Parameters["Settings"] = value;
        }
    }

    /// <summary>Reply to ExecuteMultipleRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        /// <summary>True when at least one request faulted.</summary>
        public bool IsFaulted => GetResult<bool>("IsFaulted");

        /// <summary>Per-request results; with ReturnResponses false only the faults.</summary>
        public ExecuteMultipleResponseItemCollection Responses => GetResult<ExecuteMultipleResponseItemCollection>("Responses");
    }
}
