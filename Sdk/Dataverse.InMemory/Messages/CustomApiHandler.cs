using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// A custom API message. The core operation is the API's plugin running at stage 30 (MainOperation); without a
    /// plugin the API answers with no output values. Required request parameters are checked when declared.
    /// </summary>
    internal sealed class CustomApiHandler : MessageHandler
    {
        public CustomApiHandler(CustomApi api)
        {
            Api = api;
        }

        public CustomApi Api { get; }

        public override string RequestName => Api.UniqueName;

        public override PrimaryRecord? Primary(ParameterCollection input) =>
            Api.BoundEntity == null ? null : TargetRecord(input, "Target");

        public override void Execute(CoreOperation operation)
        {
            foreach (var parameter in Api.RequiredParameters)
            {
                if (!operation.Input.TryGetValue(parameter, out var value) || value == null)
                {
                    throw DataverseFault.InvalidArgument(
                        "The parameter '{0}' of the request '{1}' is required and missing.",
                        "Der Parameter '{0}' der Anforderung '{1}' ist erforderlich und fehlt.", parameter, Api.UniqueName);
                }
            }
            if (Api.Implementation != null) operation.RunImplementation(Api.Implementation);
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            foreach (var result in output) response.Results[result.Key] = ValueCopier.CopyValue(result.Value);
            return response;
        }
    }
}
