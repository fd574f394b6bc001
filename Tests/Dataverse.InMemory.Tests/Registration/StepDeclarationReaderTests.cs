using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CrmAttention.Plugins.Registration;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Registration
{
    public sealed class StepDeclarationReaderTests
    {
        [Fact]
        public void Every_property_of_a_declaration_becomes_the_step()
        {
            var step = StepsOf(typeof(DeclaredPlugin)).Single(s => s.Message == "Update");

            Assert.Equal("contact", step.PrimaryEntity);
            Assert.Equal(PipelineStage.PreOperation, step.Stage);
            Assert.Equal(StepMode.Synchronous, step.Mode);
            Assert.Equal(7, step.Rank);
            Assert.Equal(new[] { "emailaddress1" }, step.FilteringAttributes);
            Assert.Equal("unsecure", step.UnsecureConfiguration);
            Assert.Equal(typeof(DeclaredPlugin), step.PluginType);
            var image = Assert.Single(step.Images);
            Assert.Equal(ImageType.PreImage, image.Type);
            Assert.Equal("pre", image.Alias);
            Assert.Equal(new[] { "emailaddress1", "lastname" }, image.Attributes);
        }

        [Fact]
        public void Defaults_apply_when_a_declaration_leaves_properties_out()
        {
            var step = StepsOf(typeof(DeclaredPlugin)).Single(s => s.Message == "Create" && s.PrimaryEntity == "contact");

            Assert.Equal(PipelineStage.PostOperation, step.Stage);
            Assert.Equal(StepMode.Asynchronous, step.Mode);
            Assert.Equal(1, step.Rank);
            Assert.Empty(step.FilteringAttributes);
            Assert.False(step.DeleteAsyncOperationOnSuccess);
        }

        [Fact]
        public void Images_narrowed_to_a_table_attach_only_to_that_tables_step()
        {
            var steps = StepsOf(typeof(DeclaredPlugin)).Where(s => s.Message == "Create").ToList();

            Assert.Equal("post", Assert.Single(steps.Single(s => s.PrimaryEntity == "contact").Images).Alias);
            Assert.Empty(steps.Single(s => s.PrimaryEntity == "account").Images);
        }

        [Fact]
        public void Step_ids_are_the_deterministic_ids_the_solution_uses()
        {
            foreach (var step in StepsOf(typeof(DeclaredPlugin)))
            {
                Assert.Equal(DeterministicId.ForStep(typeof(DeclaredPlugin).FullName!, step.Message, step.PrimaryEntity, (int)step.Stage), step.Id);
            }
        }

        [Fact]
        public void A_stage_30_declaration_registers_a_custom_API_and_secure_configuration_comes_from_the_host()
        {
            var dataverse = new InMemoryDataverse { StepDiscovery = StepDeclarationReader.Instance };
            var apiStep = DeterministicId.ForStep(typeof(DeclaredApi).FullName!, "cat_Ping", null, 30);

            dataverse.RegisterStepsFrom(typeof(DeclaredApi).Assembly, id => id == apiStep ? "s3cret" : null);
            var response = dataverse.CreateService().Execute(new OrganizationRequest("cat_Ping"));

            Assert.Equal("pong:s3cret", response["cat_Answer"]);
        }

        [Fact]
        public void Registered_declarations_run_in_the_pipeline()
        {
            var dataverse = new InMemoryDataverse { StepDiscovery = StepDeclarationReader.Instance };
            dataverse.RegisterStepsFrom(typeof(DeclaredPlugin).Assembly);
            var service = dataverse.CreateService();
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            service.Update(new Entity("contact", id) { ["emailaddress1"] = "kim@example.com" });

            Assert.Equal("Kim", service.Retrieve("contact", id, new ColumnSet("description"))["description"]);
        }

        [Fact]
        public void Registering_from_an_assembly_uses_the_injected_discovery_and_hands_it_the_secure_configuration()
        {
            var discovery = new RecordingDiscovery();
            var dataverse = new InMemoryDataverse { StepDiscovery = discovery };

            var registered = dataverse.RegisterStepsFrom(typeof(DeclaredPlugin).Assembly, id => id == RecordingDiscovery.StepId ? "from host" : null);

            Assert.Same(typeof(DeclaredPlugin).Assembly, discovery.Assembly);
            var step = Assert.Single(registered);
            Assert.Equal(RecordingDiscovery.StepId, step.Id);
            Assert.Equal("from host", step.SecureConfiguration);
            Assert.Same(step, Assert.Single(dataverse.Steps));
        }

        [Fact]
        public void Registering_from_an_assembly_without_a_discovery_fails_naming_what_is_missing()
        {
            var dataverse = new InMemoryDataverse();

            var error = Assert.Throws<InvalidOperationException>(() => dataverse.RegisterStepsFrom(typeof(DeclaredPlugin).Assembly));

            Assert.Contains("StepDiscovery", error.Message);
            Assert.Empty(dataverse.Steps);
        }

        private static PluginStep[] StepsOf(Type type) =>
            StepDeclarationReader.Read(type.Assembly).Where(s => s.PluginType == type).ToArray();
    }

    /// <summary>A discovery that records what it was asked and returns one step, whatever the assembly declares.</summary>
    internal sealed class RecordingDiscovery : IStepDiscovery
    {
        public static readonly Guid StepId = new("00000000-0000-0000-0000-0000000000d1");

        public Assembly? Assembly { get; private set; }

        public IReadOnlyList<PluginStep> Discover(Assembly assembly, Func<Guid, string?>? secureConfiguration)
        {
            Assembly = assembly;
            return new[] { new PluginStep("Create", typeof(DeclaredPlugin)) { Id = StepId, PrimaryEntity = "contact", SecureConfiguration = secureConfiguration?.Invoke(StepId) } };
        }
    }

    /// <summary>A plugin declaring steps the way CrmAttention's plugins do.</summary>
    public sealed class DeclaredPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (context.MessageName != "Update") return;
            // Copies the pre image's last name into the Target, proving the image reached the step.
            ((Entity)context.InputParameters["Target"])["description"] = context.PreEntityImages["pre"]["lastname"];
        }

        [PluginStep(Message = "Update", PrimaryEntity = "contact", Stage = PluginStage.PreOperation, Rank = 7,
            FilteringAttributes = new[] { "emailaddress1" }, UnsecureConfiguration = "unsecure")]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = "pre", Attributes = new[] { "emailaddress1", "lastname" })]
        public void OnUpdate()
        {
        }

        [PluginStep(Message = "Create", PrimaryEntity = "contact", Mode = PluginMode.Asynchronous, DeleteAsyncOperationOnSuccess = false)]
        [PluginStep(Message = "Create", PrimaryEntity = "account", Mode = PluginMode.Asynchronous)]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = "post", PrimaryEntity = "contact")]
        public void OnCreate()
        {
        }
    }

    /// <summary>A custom API implementation declared at stage 30.</summary>
    public sealed class DeclaredApi : IPlugin
    {
        private readonly string? secure;

        public DeclaredApi(string? unsecure, string? secure)
        {
            this.secure = secure;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            context.OutputParameters["cat_Answer"] = "pong:" + secure;
        }

        [PluginStep(Message = "cat_Ping", Stage = PluginStage.MainOperation)]
        public void Ping()
        {
        }
    }
}
