using System.ServiceModel;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// ExecuteMultiple: each request on its own, in its own transaction unless the caller is in one; a fault is
    /// reported in the response item and stops the batch only when ContinueOnError is false.
    /// </summary>
    internal sealed class ExecuteMultipleHandler : CompositeMessageHandler
    {
        /// <summary>The platform's batch size limit.</summary>
        private const int MaxRequests = 1000;

        public override string RequestName => "ExecuteMultiple";

        public override OrganizationResponse Execute(OrganizationRequest request, CallerScope caller, RequestDispatch dispatch)
        {
            var requests = Requests(request);
            var settings = request.Parameters.TryGetValue("Settings", out var s) && s is ExecuteMultipleSettings given
                ? given : throw DataverseFault.MissingField("Settings");
            if (requests.Count > MaxRequests)
            {
                throw DataverseFault.Localized(ErrorCodes.UnexpectedError,
                    "The request collection has {0} requests; ExecuteMultiple accepts at most 1000.",
                    "Die Anforderungsauflistung enthält {0} Anforderungen; ExecuteMultiple akzeptiert höchstens 1000.", requests.Count);
            }
            var items = new ExecuteMultipleResponseItemCollection();
            var faulted = false;
            for (var i = 0; i < requests.Count; i++)
            {
                try
                {
                    if (requests[i].RequestName is "ExecuteMultiple")
                    {
                        throw DataverseFault.InvalidArgument("ExecuteMultiple cannot contain another ExecuteMultiple request.", "ExecuteMultiple kann keine weitere ExecuteMultiple-Anforderung enthalten.");
                    }
                    var response = dispatch(requests[i], caller);
                    if (settings.ReturnResponses) items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
                catch (FaultException<OrganizationServiceFault> fault)
                {
                    faulted = true;
                    items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Detail });
                    if (!settings.ContinueOnError) break;
                }
            }
            var result = new ExecuteMultipleResponse { ResponseName = RequestName };
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = items;
            return result;
        }
    }
}
