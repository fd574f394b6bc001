using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>Every reference inside the zip resolves: root components, forms, views, charts, the dashboard, web resources.</summary>
    public class ReferenceTests : IClassFixture<PackedSolution>
    {
        private readonly PackedSolution _packed;
        private readonly XElement _c;

        public ReferenceTests(PackedSolution packed)
        {
            _packed = packed;
            _c = packed.Customizations;
        }

        private IEnumerable<XElement> Entities => _c.Element("Entities")!.Elements("Entity");

        private static string LogicalName(XElement entity) => ((string)entity.Element("Name")!).ToLowerInvariant();

        private ISet<Guid> Ids(IEnumerable<XElement> elements) => elements.Select(e => Guid.Parse(e.Value)).ToHashSet();

        [Fact]
        public void Every_root_component_names_a_component_in_the_zip()
        {
            var roots = _packed.Solution.Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent").ToList();
            Assert.NotEmpty(roots);
            var entities = Entities.Select(LogicalName).ToHashSet();
            var optionSets = _c.Element("optionsets")!.Elements("optionset").Select(o => (string)o.Attribute("Name")!).ToHashSet();
            var roles = _c.Element("Roles")!.Elements("Role").Select(r => Guid.Parse((string)r.Attribute("id")!)).ToHashSet();
            var forms = Ids(_c.Descendants("formid")).Concat(Ids(_c.Descendants("FormId"))).ToHashSet();
            var views = Ids(_c.Descendants("savedqueryid"));
            var charts = Ids(_c.Descendants("savedqueryvisualizationid"));
            var webResources = _c.Element("WebResources")!.Elements("WebResource").Select(w => (string)w.Element("Name")!).ToHashSet();
            var profiles = _c.Element("FieldSecurityProfiles")!.Elements().Select(p => Guid.Parse((string)p.Attribute("fieldsecurityprofileid")!)).ToHashSet();
            var assemblies = _c.Element("SolutionPluginAssemblies")!.Elements().ToDictionary(a => Guid.Parse((string)a.Attribute("PluginAssemblyId")!), a => (string)a.Attribute("FullName")!);
            var steps = _c.Element("SdkMessageProcessingSteps")!.Elements().Select(s => Guid.Parse((string)s.Attribute("SdkMessageProcessingStepId")!)).ToHashSet();
            var siteMaps = _c.Element("AppModuleSiteMaps")!.Elements().Select(m => (string)m.Element("SiteMapUniqueName")!).ToHashSet();
            var apps = _c.Element("AppModules")!.Elements().Select(m => (string)m.Element("UniqueName")!).ToHashSet();
            foreach (var root in roots)
            {
                var type = (int)root.Attribute("type")!;
                var schemaName = (string?)root.Attribute("schemaName");
                var id = root.Attribute("id") is XAttribute a ? Guid.Parse(a.Value) : Guid.Empty;
                var resolved = type switch
                {
                    1 => entities.Contains(schemaName!),
                    9 => optionSets.Contains(schemaName!),
                    20 => roles.Contains(id),
                    26 => views.Contains(id),
                    59 => charts.Contains(id),
                    60 => forms.Contains(id),
                    61 => webResources.Contains(schemaName!),
                    62 => siteMaps.Contains(schemaName!),
                    80 => apps.Contains(schemaName!),
                    70 => profiles.Contains(id),
                    91 => assemblies.TryGetValue(id, out var fullName) && fullName == schemaName,
                    92 => steps.Contains(id),
                    _ => false,
                };
                Assert.True(resolved, $"Root component type {type} {schemaName ?? id.ToString()} does not resolve.");
            }
        }

        [Fact]
        public void The_app_lists_components_and_roles_that_are_in_the_zip_and_its_site_map_opens_them()
        {
            var app = Assert.Single(_c.Element("AppModules")!.Elements("AppModule"));
            var entities = Entities.Select(LogicalName).ToHashSet();
            var dashboards = Ids(_c.Descendants("FormId"));
            var roles = _c.Element("Roles")!.Elements("Role").Select(r => Guid.Parse((string)r.Attribute("id")!)).ToHashSet();
            var webResources = _c.Element("WebResources")!.Elements("WebResource").ToDictionary(w => (string)w.Element("Name")!, w => Guid.Parse((string)w.Element("WebResourceId")!));
            foreach (var component in app.Element("AppModuleComponents")!.Elements())
            {
                var type = (int)component.Attribute("type")!;
                if (type == 1) Assert.Contains((string)component.Attribute("schemaName")!, entities);
                else if (type == 60) Assert.Contains(Guid.Parse((string)component.Attribute("id")!), dashboards);
                else if (type == 61) Assert.Contains(Guid.Parse((string)component.Attribute("id")!), webResources.Values);
                else Assert.Equal(62, type);
            }
            Assert.Equal(3, app.Element("AppModuleRoleMaps")!.Elements("Role").Count(r => roles.Contains(Guid.Parse((string)r.Attribute("id")!))));
            var siteMap = _c.Element("AppModuleSiteMaps")!.Element("AppModuleSiteMap")!;
            foreach (var subArea in siteMap.Descendants("SubArea"))
            {
                if (subArea.Attribute("Entity") is XAttribute entity) Assert.Contains(entity.Value, entities);
                else if (subArea.Attribute("Url") is XAttribute url && url.Value.StartsWith("$webresource:", StringComparison.Ordinal))
                    Assert.Contains(url.Value.Substring("$webresource:".Length), webResources.Keys);
                else Assert.Contains(Guid.Parse((string)subArea.Attribute("DefaultDashboard")!), dashboards);
                var titles = subArea.Element("Titles")!.Elements("Title").Select(t => (string)t.Attribute("LCID")!);
                Assert.Equal(new[] { "1033", "1031" }, titles);
            }
        }

        [Fact]
        public void Custom_apis_and_environment_variables_travel_in_folders_without_root_components()
        {
            var types = _packed.Solution.Descendants("RootComponent").Select(r => (int)r.Attribute("type")!).ToList();
            Assert.DoesNotContain(types, t => t >= 10000 || t == 380 || t == 381);
            Assert.Contains("customapis/cat_EvaluateTouch/customapi.xml", _packed.Unmanaged.Keys);
            Assert.Contains("customapis/cat_EvaluateTouch/customapirequestparameters/cat_Contact/customapirequestparameter.xml", _packed.Unmanaged.Keys);
            Assert.Contains("customapis/cat_RecalculateAttention/customapiresponseproperties/cat_MoreRecords/customapiresponseproperty.xml", _packed.Unmanaged.Keys);
            Assert.Contains("environmentvariabledefinitions/cat_RecalculatePageSize/environmentvariabledefinition.xml", _packed.Unmanaged.Keys);
        }

        [Fact]
        public void Response_properties_have_no_isoptional_and_request_parameters_do()
        {
            foreach (var (name, content) in _packed.Unmanaged.Where(e => e.Key.StartsWith("customapis/", StringComparison.Ordinal)))
            {
                var root = XDocument.Parse(Encoding.UTF8.GetString(content)).Root!;
                if (root.Name.LocalName == "customapiresponseproperty") Assert.Null(root.Element("isoptional"));
                if (root.Name.LocalName == "customapirequestparameter") Assert.NotNull(root.Element("isoptional"));
            }
        }

        [Fact]
        public void Every_form_control_and_header_field_is_a_column_of_its_table()
        {
            foreach (var entity in Entities)
            {
                var columns = _packed.Columns[LogicalName(entity)];
                foreach (var control in entity.Element("FormXml")?.Descendants("control") ?? Enumerable.Empty<XElement>())
                {
                    var field = (string?)control.Attribute("datafieldname");
                    if (field != null) Assert.True(columns.Contains(field), $"{LogicalName(entity)} form shows {field}, which the table does not have.");
                }
            }
        }

        [Fact]
        public void Every_view_and_chart_queries_columns_of_its_table()
        {
            foreach (var entity in Entities)
            {
                var table = LogicalName(entity);
                var columns = _packed.Columns[table];
                var queries = entity.Descendants("fetch").ToList();
                foreach (var fetch in queries)
                {
                    Assert.Equal(table, (string)fetch.Element("entity")!.Attribute("name")!);
                    foreach (var attribute in fetch.Descendants().Where(d => d.Name.LocalName is "attribute" or "condition" or "order"))
                    {
                        var name = (string?)attribute.Attribute("name") ?? (string)attribute.Attribute("attribute")!;
                        Assert.True(columns.Contains(name), $"A query of {table} uses {name}, which the table does not have.");
                    }
                }
                foreach (var cell in entity.Descendants("savedquery").SelectMany(q => q.Descendants("cell")))
                    Assert.Contains((string)cell.Attribute("name")!, columns);
            }
        }

        [Fact]
        public void Every_grid_on_a_form_or_the_dashboard_shows_an_existing_view_chart_and_relationship()
        {
            var views = Entities.SelectMany(e => e.Descendants("savedquery").Select(q => (LogicalName(e), Guid.Parse((string)q.Element("savedqueryid")!)))).ToHashSet();
            var charts = Entities.SelectMany(e => e.Descendants("visualization").Select(v => (LogicalName(e), Guid.Parse((string)v.Element("savedqueryvisualizationid")!)))).ToHashSet();
            var relationships = _c.Element("EntityRelationships")!.Elements().ToDictionary(r => (string)r.Attribute("Name")!);
            var grids = _c.Descendants("control").Where(c => (string?)c.Attribute("indicationOfSubgrid") == "true").ToList();
            Assert.Equal(8, grids.Count);
            foreach (var grid in grids)
            {
                var parameters = grid.Element("parameters")!;
                var target = (string)parameters.Element("TargetEntityType")!;
                Assert.Contains((target, Guid.Parse((string)parameters.Element("ViewId")!)), views);
                var chart = (string)parameters.Element("VisualizationId")!;
                if (chart.Length > 0) Assert.Contains((target, Guid.Parse(chart)), charts);
                var relationship = (string)parameters.Element("RelationshipName")!;
                if (relationship.Length > 0)
                {
                    Assert.True(relationships.ContainsKey(relationship), relationship);
                    Assert.Equal(target, ((string)relationships[relationship].Element("ReferencingEntityName")!).ToLowerInvariant());
                }
            }
        }

        [Fact]
        public void Every_web_resource_a_form_or_dashboard_uses_is_in_the_zip()
        {
            var resources = _c.Element("WebResources")!.Elements("WebResource").ToDictionary(w => (string)w.Element("Name")!);
            var used = _c.Descendants("Library").Select(l => (string)l.Attribute("name")!)
                .Concat(_c.Descendants("Handler").Select(h => (string)h.Attribute("libraryName")!))
                .Concat(_c.Descendants("control").Where(c => (string?)c.Attribute("classid") == "{9FDF5F91-88B1-47F4-AD53-C11EFC01A01D}")
                    .Select(c => (string)c.Element("parameters")!.Element("Url")!))
                .ToList();
            Assert.Contains("cat_/pages/attention.html", used);
            foreach (var name in used)
            {
                Assert.True(resources.TryGetValue(name, out var resource), name + " is not among the web resources");
                Assert.Contains(((string)resource!.Element("FileName")!).TrimStart('/'), _packed.Unmanaged.Keys);
            }
            foreach (var control in _c.Descendants("WebResourceId").Where(w => w.Parent!.Name.LocalName == "parameters"))
                Assert.Contains(resources.Values, r => Guid.Parse((string)r.Element("WebResourceId")!) == Guid.Parse(control.Value));
        }

        [Fact]
        public void Every_choice_column_names_a_global_choice_in_the_zip()
        {
            var optionSets = _c.Element("optionsets")!.Elements("optionset").ToDictionary(o => (string)o.Attribute("Name")!);
            var used = _c.Descendants("OptionSetName").Select(o => o.Value).ToList();
            Assert.Contains("cat_reasoncode", used);
            Assert.All(used, name => Assert.True(optionSets.ContainsKey(name), name));
            Assert.All(optionSets.Values.SelectMany(o => o.Descendants("option")), o => Assert.StartsWith("7428", (string)o.Attribute("value")!));
        }

        [Fact]
        public void Every_lookup_the_solution_adds_has_its_one_to_many_relationship()
        {
            var relationships = _c.Element("EntityRelationships")!.Elements().ToList();
            foreach (var entity in Entities)
            {
                var lookups = entity.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute")
                    .Where(a => (string)a.Element("Type")! == "lookup" && (string)a.Element("IsCustomField")! == "1");
                foreach (var lookup in lookups)
                {
                    var schema = (string)lookup.Attribute("PhysicalName")!;
                    Assert.Contains(relationships, r => (string)r.Element("ReferencingAttributeName")! == schema
                        && (string)r.Element("ReferencingEntityName")! == (string)entity.Element("Name")!);
                }
            }
        }

        [Fact]
        public void Field_security_profile_covers_the_secured_override_reason_of_every_activity()
        {
            var secured = Entities.SelectMany(e => e.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute")
                .Where(a => (string)a.Element("IsSecured")! == "1").Select(a => (LogicalName(e), (string)a.Element("LogicalName")!))).ToHashSet();
            Assert.Equal(5, secured.Count);
            var permissions = _c.Descendants("FieldPermission").Select(p => ((string)p.Element("EntityName")!, (string)p.Element("AttributeName")!)).ToHashSet();
            Assert.Equal(secured, permissions);
        }

        [Fact]
        public void Roles_hold_privileges_of_the_solution_tables_at_valid_depths()
        {
            var roles = _c.Element("Roles")!.Elements("Role").ToDictionary(r => (string)r.Attribute("name")!);
            Assert.Equal(new[] { "CrmAttention Administrator", "CrmAttention Analyst", "CrmAttention User" }, roles.Keys.OrderBy(k => k));
            var levels = new[] { "Basic", "Local", "Deep", "Global" };
            Assert.All(roles.Values.SelectMany(r => r.Descendants("RolePrivilege")), p => Assert.Contains((string)p.Attribute("level")!, levels));
            bool Has(string role, string privilege, string level) =>
                roles[role].Descendants("RolePrivilege").Any(p => (string)p.Attribute("name")! == privilege && (string)p.Attribute("level")! == level);
            Assert.True(Has("CrmAttention Administrator", "prvWritecat_AttentionPolicy", "Global"));
            Assert.True(Has("CrmAttention Analyst", "prvReadcat_AttentionDecision", "Global"));
            Assert.True(Has("CrmAttention User", "prvReadcat_AttentionDecision", "Basic"));
            Assert.DoesNotContain(roles["CrmAttention User"].Descendants("RolePrivilege"), p => ((string)p.Attribute("name")!).StartsWith("prvWritecat_", StringComparison.Ordinal));
        }
    }
}
