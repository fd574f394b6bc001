using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// SetState and SetStateDynamicEntity: the deprecated form of an Update of statecode/statuscode, run as that
    /// Update, so Update steps fire.
    /// </summary>
    internal sealed class SetStateHandler : CompositeMessageHandler
    {
        public SetStateHandler(string requestName)
        {
            RequestName = requestName;
        }

        public override string RequestName { get; }

        public override OrganizationResponse Execute(OrganizationRequest request, CallerScope caller, RequestDispatch dispatch)
        {
            dispatch(AsUpdate(request), caller);
            return new OrganizationResponse { ResponseName = RequestName };
        }

        private static OrganizationRequest AsUpdate(OrganizationRequest request)
        {
            var parameters = request.Parameters;
            if (!parameters.TryGetValue("EntityMoniker", out var moniker) || moniker is not EntityReference record)
            {
                throw DataverseFault.MissingField("EntityMoniker");
            }
            if (!parameters.TryGetValue("State", out var state) || state is not OptionSetValue stateValue)
            {
                throw DataverseFault.MissingField("State");
            }
            var target = new Entity(record.LogicalName, record.Id) { ["statecode"] = new OptionSetValue(stateValue.Value) };
            // Status -1 asks for the state's default status.
            if (parameters.TryGetValue("Status", out var status) && status is OptionSetValue statusValue && statusValue.Value != -1)
            {
                target["statuscode"] = new OptionSetValue(statusValue.Value);
            }
            return new UpdateRequest { Target = target, RequestId = request.RequestId };
        }
    }
}
