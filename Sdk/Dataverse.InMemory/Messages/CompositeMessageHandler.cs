using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Messages
{
    /// <summary>Runs one request through the pipeline, in the caller's transaction when it has one; how a composite message issues its parts.</summary>
    internal delegate OrganizationResponse RequestDispatch(OrganizationRequest request, CallerScope caller);

    /// <summary>
    /// A request the platform answers by issuing other requests (ExecuteMultiple, ExecuteTransaction, SetState):
    /// it has no stages of its own here; the steps of the requests it issues run.
    /// </summary>
    internal abstract class CompositeMessageHandler
    {
        /// <summary>OrganizationRequest.RequestName, e.g. "ExecuteMultiple".</summary>
        public abstract string RequestName { get; }

        public abstract OrganizationResponse Execute(OrganizationRequest request, CallerScope caller, RequestDispatch dispatch);

        protected static OrganizationRequestCollection Requests(OrganizationRequest request) =>
            request.Parameters.TryGetValue("Requests", out var value) && value is OrganizationRequestCollection list
                ? list : throw DataverseFault.MissingField("Requests");
    }
}
