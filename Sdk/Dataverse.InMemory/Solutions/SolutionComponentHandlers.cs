using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>
    /// AddSolutionComponent: adds a component (ComponentId, ComponentType) to the unmanaged solution
    /// SolutionUniqueName and answers with the solutioncomponent's id; a component already in the solution is not
    /// added twice. A managed solution refuses, as Dataverse only adds components to unmanaged solutions.
    /// </summary>
    internal sealed class AddSolutionComponentHandler : MessageHandler
    {
        public override string RequestName => "AddSolutionComponent";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            var input = operation.Input;
            var componentId = Optional<Guid>(input, "ComponentId") ?? throw DataverseFault.MissingField("ComponentId");
            var componentType = Optional<int>(input, "ComponentType") ?? throw DataverseFault.MissingField("ComponentType");
            var uniqueName = Required<string>(input, "SolutionUniqueName");
            var service = ImportRun.Nested(operation);
            var solution = service.RetrieveMultiple(new QueryExpression("solution")
            {
                ColumnSet = new ColumnSet("ismanaged"),
                Criteria = { Conditions = { new ConditionExpression("uniquename", ConditionOperator.Equal, uniqueName) } },
            }).Entities.FirstOrDefault() ?? throw DataverseFault.Create(ErrorCodes.ObjectDoesNotExist, $"The solution '{uniqueName}' does not exist.");
            if (solution.GetAttributeValue<bool?>("ismanaged") == true)
            {
                throw DataverseFault.Create(ErrorCodes.InvalidArgument, $"Components can only be added to an unmanaged solution; '{uniqueName}' is managed.");
            }
            var existing = service.RetrieveMultiple(new QueryExpression("solutioncomponent")
            {
                ColumnSet = new ColumnSet("solutioncomponentid"),
                Criteria =
                {
                    Conditions =
                    {
                        new ConditionExpression("solutionid", ConditionOperator.Equal, solution.Id),
                        new ConditionExpression("objectid", ConditionOperator.Equal, componentId),
                    },
                },
            }).Entities.FirstOrDefault();
            operation.Output["id"] = existing?.Id ?? service.Create(new Entity("solutioncomponent")
            {
                ["solutionid"] = new EntityReference("solution", solution.Id),
                ["objectid"] = componentId,
                ["componenttype"] = new OptionSetValue(componentType),
                ["rootcomponentbehavior"] = new OptionSetValue(Optional<bool>(input, "DoNotIncludeSubcomponents") == true ? 1 : 0),
            });
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            response.Results["id"] = output["id"];
            return response;
        }
    }

    /// <summary>
    /// PublishAllXml: publishes all unpublished customizations. The in-memory Dataverse has no unpublished layer —
    /// what an import applies is live at once — so there is nothing left to publish; the message exists so that a
    /// client's import-then-publish runs unchanged.
    /// </summary>
    internal sealed class PublishAllXmlHandler : MessageHandler
    {
        public override string RequestName => "PublishAllXml";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
        }

        public override OrganizationResponse Respond(ParameterCollection output) => new() { ResponseName = RequestName };
    }
}
