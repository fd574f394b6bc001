using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Packaging;
using CrmAttention.SolutionBuilder.Schema;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// Shapes an import checks, compared with real exports (docs/solution.md names the export or Learn page for each):
    /// field permissions, privilege names, root components of Microsoft's tables, and the smaller export details.
    /// </summary>
    public class ExportShapeTests
    {
        private static XElement Customizations(PackInputs inputs) =>
            XDocument.Parse(Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed: false).Single(f => f.Path == "customizations.xml").Content)).Root!;

        private static XElement Manifest(PackInputs inputs) =>
            XDocument.Parse(Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed: false).Single(f => f.Path == "solution.xml").Content)).Root!;

        [Fact]
        public void Field_permissions_are_child_elements_in_export_order()
        {
            var profile = Customizations(TestInputs.Fixture()).Element("FieldSecurityProfiles")!.Elements("FieldSecurityProfile").Single();
            Assert.Equal(new[] { "name", "description", "fieldsecurityprofileid" }, profile.Attributes().Select(a => a.Name.LocalName));
            var permissions = profile.Element("FieldPermissions")!.Elements("FieldPermission").ToList();
            Assert.Equal(5, permissions.Count);
            foreach (var permission in permissions)
            {
                Assert.Empty(permission.Attributes());
                Assert.Equal(new[] { "EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate", "CanReadUnmasked" }, permission.Elements().Select(e => e.Name.LocalName));
                Assert.Equal("cat_overridereason", (string)permission.Element("AttributeName")!);
                Assert.Equal(new[] { "4", "4", "4", "0" }, permission.Elements().Skip(2).Select(e => e.Value));
            }
            Assert.Equal(new[] { "appointment", "email", "letter", "phonecall", "task" }, permissions.Select(p => (string)p.Element("EntityName")!).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Roles_grant_environment_variable_definition_privileges_and_no_value_privileges()
        {
            var roles = Customizations(TestInputs.Fixture()).Element("Roles")!.Elements("Role").ToDictionary(r => (string)r.Attribute("name")!);
            string[] Env(string role) => roles[role].Descendants("RolePrivilege").Select(p => (string)p.Attribute("name")!)
                .Where(n => n.Contains("EnvironmentVariable", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[]
            {
                "prvAppendEnvironmentVariableDefinition", "prvAppendToEnvironmentVariableDefinition", "prvCreateEnvironmentVariableDefinition",
                "prvDeleteEnvironmentVariableDefinition", "prvReadEnvironmentVariableDefinition", "prvWriteEnvironmentVariableDefinition",
            }, Env("CrmAttention Administrator"));
            Assert.Equal(new[] { "prvReadEnvironmentVariableDefinition" }, Env("CrmAttention Analyst"));
            Assert.Equal(new[] { "prvReadEnvironmentVariableDefinition" }, Env("CrmAttention User"));
        }

        [Theory]
        [InlineData("prvReadEnvironmentVariableValue", "EnvironmentVariableValue has no privileges of its own, EnvironmentVariableDefinition's govern it (use prvReadEnvironmentVariableDefinition)")]
        [InlineData("prvReadEmail", "Email has no privileges of its own, Activity's govern it (use prvReadActivity)")]
        [InlineData("prvAssignTeam", "Team is organization-owned, so it has no Assign privilege")]
        [InlineData("prvReadcat_Nothing", "which is not derived from a real table")]
        [InlineData("prvFlycat_AttentionPolicy", "which is not derived from a real table")]
        public void A_privilege_not_derived_from_a_real_table_is_refused_with_the_reason(string privilege, string reason)
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.Roles.Add(new Role("broken", "Broken", new Label("Broken", "Kaputt"), new[] { new RolePrivilege(privilege, Depth.Global) }));
            var problem = Assert.Single(SolutionValidator.Validate(inputs));
            Assert.StartsWith("Role Broken holds " + privilege + ", ", problem);
            Assert.Contains(reason, problem);
            var refused = Assert.Throws<PackagingException>(() => SolutionPackager.Files(inputs, managed: false));
            Assert.Contains(privilege, refused.Message);
        }

        [Theory]
        [InlineData("prvReadcat_AttentionPolicy")]
        [InlineData("prvShareEnvironmentVariableDefinition")]
        [InlineData("prvReadActivity")]
        [InlineData("prvAppendToContact")]
        [InlineData("prvReadTeam")]
        public void A_privilege_of_a_real_table_is_accepted(string privilege)
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.Roles.Add(new Role("extra", "Extra", new Label("Extra", "Extra"), new[] { new RolePrivilege(privilege, Depth.Global) }));
            Assert.Empty(SolutionValidator.Validate(inputs));
        }

        [Fact]
        public void Microsoft_tables_are_shells_and_their_added_forms_views_and_charts_are_root_components()
        {
            var inputs = TestInputs.Fixture();
            var roots = Manifest(inputs).Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent").ToList();
            string? Behavior(string table) => roots.Where(r => (string)r.Attribute("type")! == "1" && (string?)r.Attribute("schemaName") == table).Select(r => (string)r.Attribute("behavior")!).SingleOrDefault();
            foreach (var table in new[] { "contact", "account", "email", "phonecall", "appointment", "task", "letter" })
                Assert.Equal("2", Behavior(table));
            Assert.Equal("0", Behavior("cat_attentionpolicy"));
            Assert.Equal("0", Behavior("cat_attentiondecision"));

            var entities = Customizations(inputs).Element("Entities")!.Elements("Entity").ToDictionary(e => ((string)e.Element("Name")!).ToLowerInvariant());
            Guid[] RootIds(string type) => roots.Where(r => (string)r.Attribute("type")! == type).Select(r => Guid.Parse((string)r.Attribute("id")!)).OrderBy(g => g).ToArray();
            Guid[] Added(string element) => inputs.Model.Tables.Where(t => t.InSolution && !t.IsCustom)
                .SelectMany(t => entities[t.LogicalName].Descendants(element)).Select(e => Guid.Parse(e.Value)).OrderBy(g => g).ToArray();
            Assert.NotEmpty(Added("savedqueryid"));
            Assert.NotEmpty(Added("savedqueryvisualizationid"));
            Assert.Equal(Added("savedqueryid"), RootIds("26"));
            Assert.Equal(Added("savedqueryvisualizationid"), RootIds("59"));
            var dashboards = inputs.Model.Dashboards.Select(d => Ids.Dashboard(d.Key));
            Assert.Equal(Added("formid").Concat(dashboards).OrderBy(g => g), RootIds("60"));
            Assert.All(roots.Where(r => (string)r.Attribute("type")! != "1"), r => Assert.Equal("0", (string)r.Attribute("behavior")!));
        }

        [Fact]
        public void The_missing_app_icon_dependency_names_its_solution_and_package_as_exports_do()
        {
            var dependency = Manifest(TestInputs.Fixture()).Element("SolutionManifest")!.Element("MissingDependencies")!.Elements("MissingDependency").Single();
            var required = dependency.Element("Required")!;
            Assert.Equal(new[] { "type", "schemaName", "displayName", "solution" }, required.Attributes().Select(a => a.Name.LocalName));
            Assert.Equal("61", (string)required.Attribute("type")!);
            Assert.Equal("msdyn_/Images/AppModule_Default_Icon.png", (string)required.Attribute("schemaName")!);
            Assert.Equal("AppModuleWebResources (2.5)", (string)required.Attribute("solution")!);
            var package = required.Element("package")!;
            Assert.Equal("AppModule Web Resources Package", (string)package.Attribute("appName")!);
            Assert.Equal("2.5", (string)package.Attribute("version")!);
            Assert.Equal("AppModuleWebResources (2.5)", package.Value);
            var dependent = dependency.Element("Dependent")!;
            Assert.Equal(new[] { "type", "schemaName", "displayName" }, dependent.Attributes().Select(a => a.Name.LocalName));
            Assert.Equal("80", (string)dependent.Attribute("type")!);
        }

        [Fact]
        public void Forms_added_to_microsoft_tables_are_first_for_the_crmattention_roles_and_new_tables_forms_are_everyones()
        {
            var inputs = TestInputs.Fixture();
            var roleIds = inputs.Model.Roles.Select(r => Ids.Braced(Ids.Role(r.Key))).OrderBy(i => i, StringComparer.Ordinal).ToArray();
            var entities = Customizations(inputs).Element("Entities")!.Elements("Entity").ToList();
            var checkedForms = 0;
            foreach (var entity in entities)
            {
                var custom = inputs.Model.Table(((string)entity.Element("Name")!).ToLowerInvariant()).IsCustom;
                foreach (var form in entity.Descendants("forms").Where(f => (string)f.Attribute("type")! == "main").Elements("systemform").Select(f => f.Element("form")!))
                {
                    var conditions = form.Element("DisplayConditions")!;
                    Assert.Equal("0", (string)conditions.Attribute("Order")!);
                    if (custom)
                    {
                        Assert.Equal("true", (string)conditions.Attribute("FallbackForm")!);
                        Assert.Equal(new[] { "Everyone" }, conditions.Elements().Select(e => e.Name.LocalName));
                    }
                    else
                    {
                        Assert.Equal("false", (string)conditions.Attribute("FallbackForm")!);
                        Assert.Equal(roleIds, conditions.Elements("Role").Select(r => (string)r.Attribute("Id")!));
                    }
                    // The form's libraries and events come after the display conditions, as in exported forms.
                    Assert.All(conditions.ElementsAfterSelf(), e => Assert.Contains(e.Name.LocalName, new[] { "formLibraries", "events" }));
                    checkedForms++;
                }
            }
            Assert.Equal(inputs.Model.Tables.Where(t => t.InSolution).Sum(t => t.Forms.Count), checkedForms);
        }

        [Fact]
        public void Every_step_writes_its_images_element_even_when_empty()
        {
            var steps = Customizations(TestInputs.Fixture()).Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").ToList();
            Assert.All(steps, s => Assert.Equal("SdkMessageProcessingStepImages", s.Elements().Last().Name.LocalName));
            Assert.Contains(steps, s => s.Element("SdkMessageProcessingStepImages")!.IsEmpty);
            Assert.Contains(steps, s => s.Element("SdkMessageProcessingStepImages")!.HasElements);
        }

        [Fact]
        public void Roles_write_is_auto_assigned_after_is_customizable()
        {
            var roles = Customizations(TestInputs.Fixture()).Element("Roles")!.Elements("Role").ToList();
            Assert.Equal(3, roles.Count);
            Assert.All(roles, r => Assert.Equal(new[] { "IsCustomizable", "IsAutoAssigned", "IntroducedVersion", "RolePrivileges" }, r.Elements().Select(e => e.Name.LocalName)));
            Assert.All(roles, r => Assert.Equal("0", (string)r.Element("IsAutoAssigned")!));
        }

        [Fact]
        public void Plugin_types_carry_their_class_name_as_friendly_name()
        {
            var types = Customizations(TestInputs.Fixture()).Descendants("PluginType").ToList();
            Assert.NotEmpty(types);
            foreach (var type in types)
            {
                var name = (string)type.Attribute("Name")!;
                Assert.Equal(name.Substring(name.LastIndexOf('.') + 1), (string)type.Element("FriendlyName")!);
                Assert.False(Guid.TryParse((string)type.Element("FriendlyName")!, out _));
            }
        }

        [Fact]
        public void Every_decision_lookup_removes_its_link_so_deleting_a_contact_keeps_its_decisions()
        {
            var relationships = Customizations(TestInputs.Fixture()).Element("EntityRelationships")!.Elements("EntityRelationship")
                .Where(r => (string)r.Element("ReferencingEntityName")! == "cat_AttentionDecision" && ((string)r.Attribute("Name")!).StartsWith("cat_", StringComparison.Ordinal))
                .ToDictionary(r => (string)r.Attribute("Name")!, r => (string)r.Element("CascadeDelete")!);
            Assert.Equal(new[] { "cat_attentiondecision_accountid", "cat_attentiondecision_contactid", "cat_attentiondecision_policyid", "cat_attentiondecision_routedcallid" },
                relationships.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(relationships.Values, cascade => Assert.Equal("RemoveLink", cascade));
        }

        [Fact]
        public void The_purge_api_requires_the_decision_delete_privilege_and_the_plugin_knows_the_administrator_role()
        {
            var inputs = TestInputs.Fixture();
            var api = XDocument.Parse(Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed: false).Single(f => f.Path == "customapis/cat_PurgeDecisions/customapi.xml").Content)).Root!;
            Assert.Equal("prvDeletecat_AttentionDecision", (string)api.Element("executeprivilegename")!);
            // Of the CrmAttention roles only the administrator holds that privilege.
            Assert.Equal(new[] { "administrator" }, inputs.Model.Roles.Where(r => r.Privileges.Any(p => p.Name == "prvDeletecat_AttentionDecision")).Select(r => r.Key));
            Assert.Equal(Ids.Role("administrator"), CrmAttention.Plugins.Api.PurgeDecisionsApi.AdministratorRoleId);
            Assert.Equal(CrmAttention.Solution.Model.CustomApis.PurgeMinimumDays, CrmAttention.Plugins.Api.PurgeDecisionsApi.MinimumDays);

            var broken = TestInputs.Fixture();
            var index = broken.Model.CustomApis.FindIndex(a => a.UniqueName == "cat_PurgeDecisions");
            var old = broken.Model.CustomApis[index];
            broken.Model.CustomApis[index] = new CustomApi(old.UniqueName, old.ConstantsName, old.PluginTypeName, old.DisplayName, old.Description) { ExecutePrivilegeName = "prvPurgeEverything" };
            Assert.Contains(SolutionValidator.Validate(broken), p => p.Contains("requires the privilege prvPurgeEverything"));
        }
    }
}
