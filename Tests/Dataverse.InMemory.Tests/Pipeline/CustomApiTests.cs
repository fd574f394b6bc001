using System;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class CustomApiTests
    {
        private readonly InMemoryDataverse dataverse = new();

        [Fact]
        public void A_custom_API_runs_its_plugin_at_stage_30_and_returns_its_output_parameters()
        {
            dataverse.RegisterCustomApi("cat_Echo", typeof(EchoApi), "cat_Text");

            var response = dataverse.CreateService().Execute(new OrganizationRequest("cat_Echo") { ["cat_Text"] = "hello" });

            Assert.Equal("cat_Echo", response.ResponseName);
            Assert.Equal("HELLO", response["cat_Upper"]);
            Assert.Equal(30, response["cat_Stage"]);
        }

        [Fact]
        public void A_missing_required_parameter_faults()
        {
            dataverse.RegisterCustomApi("cat_Echo", typeof(EchoApi), "cat_Text");

            var fault = Assertions.Faults(ErrorCodes.InvalidArgument, () => dataverse.CreateService().Execute(new OrganizationRequest("cat_Echo")));

            Assert.Contains("cat_Text", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Steps_registered_on_a_custom_API_message_run_around_its_implementation()
        {
            dataverse.RegisterCustomApi("cat_Echo", typeof(EchoApi), "cat_Text");
            dataverse.RegisterStep(Steps.On("cat_Echo", null, PipelineStage.PostOperation, p => p.Context.OutputParameters["cat_Upper"] += "!"));

            var response = dataverse.CreateService().Execute(new OrganizationRequest("cat_Echo") { ["cat_Text"] = "hi" });

            Assert.Equal("HI!", response["cat_Upper"]);
        }

        [Fact]
        public void A_stage_30_step_registers_the_custom_API()
        {
            dataverse.RegisterStep(new PluginStep("cat_Echo", typeof(EchoApi)) { Stage = PipelineStage.MainOperation });

            var response = dataverse.CreateService().Execute(new OrganizationRequest("cat_Echo") { ["cat_Text"] = "x" });

            Assert.Equal("X", response["cat_Upper"]);
        }

        private sealed class EchoApi : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                context.OutputParameters["cat_Upper"] = ((string)context.InputParameters["cat_Text"]).ToUpperInvariant();
                context.OutputParameters["cat_Stage"] = context.Stage;
            }
        }
    }
}
