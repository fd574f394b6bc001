using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Messages
{
    /// <summary>WhoAmI: the caller's user, business unit and organization.</summary>
    internal sealed class WhoAmIHandler : MessageHandler
    {
        public override string RequestName => "WhoAmI";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            operation.Output["UserId"] = operation.UserId;
            operation.Output["BusinessUnitId"] = operation.World.Organization.BusinessUnitOf(operation.Transaction, operation.UserId);
            operation.Output["OrganizationId"] = operation.World.Organization.Id;
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            foreach (var result in output) response.Results[result.Key] = result.Value;
            return response;
        }
    }
}
