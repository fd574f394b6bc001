using System.Linq;
using CrmAttention.Plugins.Registration;
using CrmAttention.SolutionBuilder.Packaging;
using CrmAttention.SolutionBuilder.Tests.Fixtures;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// The metadata reader decodes registration attributes from attribute blobs without loading the assembly.
    /// The fixture plugin types in this assembly cover every attribute shape; the real net462 build is read too.
    /// </summary>
    public class PluginAssemblyReaderTests
    {
        private static readonly PluginAssemblyInfo Fixture = PluginAssemblyReader.Read(typeof(FixtureActivityPlugin).Assembly.Location);

        private static PluginTypeInfo Type<T>() => Fixture.Type(typeof(T).FullName!)!;

        [Fact]
        public void Finds_plugin_types_through_a_base_class_and_skips_abstract_ones()
        {
            Assert.NotNull(Fixture.Type(typeof(FixtureActivityPlugin).FullName!));
            Assert.Null(Fixture.Type(typeof(FixturePluginBase).FullName!));
            Assert.Null(Fixture.Type(typeof(PluginAssemblyReaderTests).FullName!));
        }

        [Fact]
        public void Reads_string_int_and_enum_named_arguments_of_a_step()
        {
            var step = Type<FixtureActivityPlugin>().Steps.Single(s => s.Message == "Create" && s.PrimaryEntity == "email");
            Assert.Equal((int)PluginStage.PreOperation, step.Stage);
            Assert.Equal(5, step.Rank);
            Assert.Equal((int)PluginMode.Synchronous, step.Mode);
            Assert.Equal("mode=strict", step.UnsecureConfiguration);
            Assert.Equal("Evaluates an outbound email before it is saved.", step.Description);
            Assert.Empty(step.FilteringAttributes);
        }

        [Fact]
        public void Reads_a_string_array_of_one_filtering_attribute_and_the_async_settings()
        {
            var step = Type<FixtureActivityPlugin>().Steps.Single(s => s.Message == "Update" && s.PrimaryEntity == "email");
            Assert.Equal(new[] { "statecode" }, step.FilteringAttributes);
            Assert.Equal((int)PluginMode.Asynchronous, step.Mode);
            Assert.False(step.DeleteAsyncOperationOnSuccess);
            Assert.Equal(1, step.Rank);
        }

        [Fact]
        public void Images_apply_to_every_step_of_the_method_unless_narrowed_to_a_table()
        {
            var email = Type<FixtureActivityPlugin>().Steps.Single(s => s.Message == "Update" && s.PrimaryEntity == "email");
            var task = Type<FixtureActivityPlugin>().Steps.Single(s => s.Message == "Update" && s.PrimaryEntity == "task");
            var pre = Assert.Single(email.Images);
            Assert.Equal("pre", pre.Alias);
            Assert.Equal((int)PluginImageType.PreImage, pre.ImageType);
            Assert.Equal(new[] { "statecode", "subject" }, pre.Attributes);
            Assert.Equal(new[] { "pre", "post" }, task.Images.Select(i => i.Alias));
            Assert.Equal((int)PluginImageType.PostImage, task.Images[1].ImageType);
            Assert.Equal(new[] { "statecode", "statuscode" }, task.FilteringAttributes);
        }

        [Fact]
        public void Several_step_attributes_on_one_method_become_several_steps()
        {
            var creates = Type<FixtureActivityPlugin>().Steps.Where(s => s.Message == "Create").Select(s => s.PrimaryEntity).OrderBy(e => e);
            Assert.Equal(new[] { "email", "phonecall" }, creates);
        }

        [Fact]
        public void Recognises_the_two_constructors_dataverse_can_call()
        {
            Assert.True(Type<FixtureActivityPlugin>().HasConfigurationConstructor);
            Assert.False(Type<FixtureActivityPlugin>().HasParameterlessConstructor);
            Assert.True(Type<FixtureEvaluateTouchApi>().HasParameterlessConstructor);
            Assert.False(Type<FixtureUninstantiablePlugin>().IsInstantiable);
        }

        [Fact]
        public void Main_operation_declarations_are_read_but_not_registered_as_steps()
        {
            Assert.Equal(30, Assert.Single(Type<FixtureEvaluateTouchApi>().Steps).Stage);
            var registered = CustomizationsWriter.RegisteredSteps(Fixture).Select(x => x.Type.FullName).Distinct();
            Assert.DoesNotContain(typeof(FixtureEvaluateTouchApi).FullName, registered);
        }

        [Fact]
        public void Step_ids_are_name_based_and_never_change()
        {
            // A changed id would make the next import add a second step instead of updating this one.
            Assert.Equal(new System.Guid("9abda1db-19c3-549e-b05a-fb982c3eab90"), Ids.Step("CrmAttention.Plugins.ActivityPlugin", "Create", "email", 20));
            Assert.Equal(new System.Guid("e8b980b3-0fdb-5bf5-89f3-4027a0f4ffc6"), Ids.PluginType("CrmAttention.Plugins.Api.EvaluateTouchApi"));
        }

        [Fact]
        public void Reads_name_version_and_public_key_token_of_the_strong_named_net462_build()
        {
            var assembly = PluginAssemblyReader.Read(TestInputs.RequirePluginDll());
            var loaded = typeof(PluginStepAttribute).Assembly.GetName();
            Assert.Equal("CrmAttention.Plugins", assembly.Name);
            Assert.Equal(loaded.Version, assembly.Version);
            Assert.Equal(System.Convert.ToHexString(loaded.GetPublicKeyToken()!).ToLowerInvariant(), assembly.PublicKeyToken);
            Assert.True(assembly.IsStrongNamed);
            Assert.Equal($"CrmAttention.Plugins, Version={loaded.Version}, Culture=neutral, PublicKeyToken={assembly.PublicKeyToken}", assembly.FullName);
        }

        [Fact]
        public void Only_send_steps_of_the_real_assembly_lack_a_well_known_message_id()
        {
            // Send's sdkmessageid is not documented; until it is added to SdkMessages these steps are left out of
            // the zip and registered after import. Any other message without an id is a new gap and fails here.
            var assembly = PluginAssemblyReader.Read(TestInputs.RequirePluginDll());
            var unknown = assembly.Types.SelectMany(t => t.Steps).Where(s => s.Stage != 30 && !SdkMessages.TryGetId(s.Message, out _)).Select(s => s.Message).Distinct();
            Assert.All(unknown, message => Assert.Equal("Send", message));
        }

        [Fact]
        public void Every_step_of_the_real_assembly_names_an_instantiable_plugin_type()
        {
            var assembly = PluginAssemblyReader.Read(TestInputs.RequirePluginDll());
            foreach (var type in assembly.Types.Where(t => t.Steps.Count > 0))
                Assert.True(type.IsInstantiable, $"{type.FullName} declares steps but Dataverse cannot construct it.");
            var packed = CustomizationsWriter.RegisteredSteps(assembly).ToList();
            Assert.Equal(assembly.Types.Sum(t => t.Steps.Count(s => s.Stage != 30)), packed.Count);
        }
    }
}
