using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Packaging;
using CrmAttention.SolutionBuilder.Tests.Fixtures;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>Custom APIs are bound to plugin types that exist in the assembly and Dataverse can construct.</summary>
    public class CustomApiBindingTests
    {
        [Fact]
        public void Custom_api_is_bound_to_its_plugin_type_by_plugin_type_id()
        {
            var inputs = TestInputs.Fixture();
            var files = SolutionPackager.Files(inputs, managed: false).ToDictionary(f => f.Path, f => f.Content);
            var api = XDocument.Parse(Encoding.UTF8.GetString(files["customapis/cat_EvaluateTouch/customapi.xml"])).Root!;
            var pluginTypeId = Guid.Parse(api.Element("plugintypeid")!.Element("plugintypeid")!.Value);
            Assert.Equal(Ids.PluginType(typeof(FixtureEvaluateTouchApi).FullName!), pluginTypeId);
            var customizations = XDocument.Parse(Encoding.UTF8.GetString(files["customizations.xml"])).Root!;
            Assert.Contains(customizations.Descendants("PluginType"), t => Guid.Parse((string)t.Attribute("PluginTypeId")!) == pluginTypeId);
            Assert.Equal("0", (string)api.Element("isfunction")!);
            Assert.Equal("0", (string)api.Element("bindingtype")!);
        }

        [Fact]
        public void Pack_refuses_a_custom_api_whose_plugin_type_is_not_in_the_assembly()
        {
            var inputs = TestInputs.Fixture();
            TestInputs.Rebind(inputs.Model, "cat_EvaluateTouch", "CrmAttention.Plugins.Api.NoSuchApi");
            var error = Assert.Throws<PackagingException>(() => SolutionPackager.Files(inputs, managed: false));
            Assert.Contains("cat_EvaluateTouch is implemented by CrmAttention.Plugins.Api.NoSuchApi, which the plugin assembly does not contain", error.Message);
        }

        [Fact]
        public void Pack_refuses_a_custom_api_whose_plugin_type_dataverse_cannot_construct()
        {
            var fixture = TestInputs.Fixture();
            var full = PluginAssemblyReader.Read(typeof(FixtureActivityPlugin).Assembly.Location) with { Name = fixture.Model.PluginAssemblyName };
            var uninstantiable = full.Type(typeof(FixtureUninstantiablePlugin).FullName!)! with { Steps = Array.Empty<PluginStepInfo>() };
            var assembly = full with { Types = fixture.Assembly.Types.Append(uninstantiable).ToList() };
            var inputs = new PackInputs(fixture.Model, assembly, fixture.AssemblyBytes, fixture.WebResources);
            TestInputs.Rebind(inputs.Model, "cat_RecalculateAttention", typeof(FixtureUninstantiablePlugin).FullName!);
            var error = Assert.Throws<PackagingException>(() => SolutionPackager.Files(inputs, managed: false));
            Assert.Contains("has neither a public parameterless nor a public (string, string) constructor", error.Message);
        }

        [Fact]
        public void Every_custom_api_is_implemented_by_an_instantiable_plugin_type_of_the_real_assembly()
        {
            var assembly = PluginAssemblyReader.Read(TestInputs.RequirePluginDll());
            foreach (var api in CrmAttentionSolution.Build().CustomApis)
            {
                var type = assembly.Type(api.PluginTypeName);
                Assert.True(type != null, $"{api.UniqueName}: {api.PluginTypeName} is not in {assembly.FullName}");
                Assert.True(type!.IsInstantiable, $"{api.PluginTypeName} has no public () or (string, string) constructor");
                Assert.Contains(type.Steps, s => s.Stage == 30 && s.Message == api.UniqueName);
            }
        }

        [Fact]
        public void The_packed_custom_apis_point_at_plugin_types_in_the_packed_assembly()
        {
            var files = SolutionPackager.Files(TestInputs.Real(), managed: false).ToDictionary(f => f.Path, f => f.Content);
            var customizations = XDocument.Parse(Encoding.UTF8.GetString(files["customizations.xml"])).Root!;
            var pluginTypes = customizations.Descendants("PluginType").Select(t => Guid.Parse((string)t.Attribute("PluginTypeId")!)).ToHashSet();
            foreach (var api in files.Where(f => f.Key.EndsWith("/customapi.xml", StringComparison.Ordinal)))
            {
                var id = XDocument.Parse(Encoding.UTF8.GetString(api.Value)).Root!.Element("plugintypeid")!.Element("plugintypeid");
                Assert.True(id != null, api.Key + " is not bound to a plugin type");
                Assert.Contains(Guid.Parse(id!.Value), pluginTypes);
            }
        }

        [Fact]
        public void Every_custom_api_of_the_model_names_the_plugin_type_of_the_contract()
        {
            var apis = CrmAttentionSolution.Build().CustomApis.ToDictionary(a => a.UniqueName, a => a.PluginTypeName);
            Assert.Equal("CrmAttention.Plugins.Api.EvaluateTouchApi", apis["cat_EvaluateTouch"]);
            Assert.Equal("CrmAttention.Plugins.Api.RecalculateAttentionApi", apis["cat_RecalculateAttention"]);
        }
    }
}
