using System.ServiceModel;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// ExecuteTransaction: all requests in one transaction (the caller's, when it has one); the first failure rolls
    /// everything back and names the request that failed (FaultedRequestIndex).
    /// </summary>
    internal sealed class ExecuteTransactionHandler : CompositeMessageHandler
    {
        private readonly RowStore store;

        public ExecuteTransactionHandler(RowStore store)
        {
            this.store = store;
        }

        public override string RequestName => "ExecuteTransaction";

        public override OrganizationResponse Execute(OrganizationRequest request, CallerScope caller, RequestDispatch dispatch)
        {
            var requests = Requests(request);
            var returnResponses = request.Parameters.TryGetValue("ReturnResponses", out var rr) && rr is bool b && b;
            var responses = new OrganizationResponseCollection();
            var tx = caller.Transaction ?? store.Begin();
            var scope = caller.WithTransaction(tx);
            try
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    if (requests[i].RequestName is "ExecuteMultiple" or "ExecuteTransaction")
                    {
                        throw DataverseFault.InvalidArgument("ExecuteTransaction cannot contain a {0} request.", "ExecuteTransaction kann keine {0}-Anforderung enthalten.", requests[i].RequestName);
                    }
                    try
                    {
                        responses.Add(dispatch(requests[i], scope));
                    }
                    catch (FaultException<OrganizationServiceFault> fault)
                    {
                        var wrapped = DataverseFault.Create(fault.Detail.ErrorCode, fault.Detail.Message, fault.Detail.TraceText);
                        wrapped.Detail.ErrorDetails["FaultedRequestIndex"] = i;
                        wrapped.Detail.InnerFault = fault.Detail;
                        throw wrapped;
                    }
                }
                if (caller.Transaction == null)
                {
                    if (tx.IsDoomed) throw DataverseFault.ReducedTransactionCount();
                    tx.Commit();
                }
            }
            catch
            {
                // Inside a caller's transaction the failure dooms it: the caller's whole operation rolls back.
                if (caller.Transaction == null) tx.Rollback();
                else tx.Doom();
                throw;
            }
            if (caller.Transaction == null)
            {
                // Asynchronous steps of the parts are queued only once the transaction has committed.
                foreach (var queue in tx.AfterCommit) queue();
            }
            var result = new ExecuteTransactionResponse { ResponseName = RequestName };
            result.Results["Responses"] = returnResponses ? responses : new OrganizationResponseCollection();
            return result;
        }
    }
}
