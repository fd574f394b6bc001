using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Packaging;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>The zips are shaped like Dataverse exports: names, entry order, encodings, line endings, managed flag.</summary>
    public class PackageFormatTests : IClassFixture<PackedSolution>
    {
        private readonly PackedSolution _packed;

        public PackageFormatTests(PackedSolution packed)
        {
            _packed = packed;
        }

        [Fact]
        public void Zips_are_named_after_the_solution_and_its_version()
        {
            var version = CrmAttentionSolution.Version.Replace('.', '_');
            Assert.EndsWith($"CrmAttention_{version}.zip", _packed.UnmanagedPath);
            Assert.EndsWith($"CrmAttention_{version}_managed.zip", _packed.ManagedPath);
        }

        [Fact]
        public void Zip_starts_with_the_three_root_files_in_export_order()
        {
            var names = TestInputs.EntryNames(_packed.UnmanagedBytes);
            Assert.Equal(new[] { "customizations.xml", "[Content_Types].xml", "solution.xml" }, names.Take(3));
            Assert.DoesNotContain(names, n => n.EndsWith("/", StringComparison.Ordinal) || n.Contains('\\'));
        }

        [Theory]
        [InlineData("customizations.xml")]
        [InlineData("solution.xml")]
        public void Root_xml_files_have_no_declaration_no_bom_and_crlf_line_endings(string file)
        {
            var bytes = _packed.Unmanaged[file];
            Assert.Equal((byte)'<', bytes[0]);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.StartsWith("<ImportExportXml", text);
            Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
            Assert.Contains("\r\n", text);
        }

        [Fact]
        public void Content_types_file_has_bom_declaration_and_one_line()
        {
            var bytes = _packed.Unmanaged["[Content_Types].xml"];
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
            var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">", text);
            Assert.DoesNotContain("\n", text);
        }

        [Fact]
        public void Content_types_cover_every_part_of_the_zip()
        {
            var types = XDocument.Parse(Encoding.UTF8.GetString(_packed.Unmanaged["[Content_Types].xml"]).TrimStart('\uFEFF')).Root!;
            XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            var defaults = types.Elements(ns + "Default").Select(e => (string)e.Attribute("Extension")!).ToHashSet();
            var overrides = types.Elements(ns + "Override").Select(e => (string)e.Attribute("PartName")!).ToHashSet();
            Assert.All(types.Elements(), e => Assert.Equal("application/octet-stream", (string)e.Attribute("ContentType")!));
            foreach (var name in _packed.Unmanaged.Keys.Where(n => n != "[Content_Types].xml"))
            {
                var file = name.Substring(name.LastIndexOf('/') + 1);
                if (file.Contains('.')) Assert.Contains(file.Substring(file.LastIndexOf('.') + 1), defaults);
                else Assert.Contains("/" + name, overrides);
            }
        }

        [Fact]
        public void Every_xml_file_in_both_zips_is_well_formed()
        {
            foreach (var zip in new[] { _packed.Unmanaged, _packed.Managed })
                foreach (var (name, content) in zip.Where(e => e.Key.EndsWith(".xml", StringComparison.Ordinal)))
                {
                    var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
                    var exception = Record.Exception(() => XDocument.Parse(text));
                    Assert.True(exception == null, $"{name}: {exception?.Message}");
                }
        }

        [Fact]
        public void Managed_zip_differs_from_the_unmanaged_one_only_in_the_managed_flag()
        {
            Assert.Equal(_packed.Unmanaged.Keys.OrderBy(k => k), _packed.Managed.Keys.OrderBy(k => k));
            foreach (var name in _packed.Unmanaged.Keys.Where(k => k != "solution.xml"))
                Assert.True(_packed.Unmanaged[name].AsSpan().SequenceEqual(_packed.Managed[name]), name + " differs");
            var unmanaged = Encoding.UTF8.GetString(_packed.Unmanaged["solution.xml"]);
            var managed = Encoding.UTF8.GetString(_packed.Managed["solution.xml"]);
            Assert.Contains("<Managed>0</Managed>", unmanaged);
            Assert.Equal(unmanaged.Replace("<Managed>0</Managed>", "<Managed>1</Managed>"), managed);
        }

        [Fact]
        public void Solution_manifest_carries_the_publisher_prefixes_and_the_model_version()
        {
            var manifest = _packed.Solution.Element("SolutionManifest")!;
            Assert.Equal("CrmAttention", (string)manifest.Element("UniqueName")!);
            Assert.Equal(CrmAttentionSolution.Version, (string)manifest.Element("Version")!);
            var publisher = manifest.Element("Publisher")!;
            Assert.Equal("cat", (string)publisher.Element("CustomizationPrefix")!);
            Assert.Equal("74280", (string)publisher.Element("CustomizationOptionValuePrefix")!);
            Assert.Equal(2, publisher.Element("Addresses")!.Elements("Address").Count());
        }

        [Fact]
        public void Customizations_root_elements_follow_the_export_order()
        {
            var order = new[]
            {
                "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships",
                "OrganizationSettings", "optionsets", "Dashboards", "WebResources", "CustomControls", "SolutionPluginAssemblies",
                "SdkMessageProcessingSteps", "AppModuleSiteMaps", "AppModules", "EntityDataProviders", "Languages",
            };
            Assert.Equal(order, _packed.Customizations.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(new[] { "1033", "1031" }, _packed.Customizations.Element("Languages")!.Elements("Language").Select(e => e.Value));
        }

        [Fact]
        public void Plugin_assembly_sits_at_the_path_its_file_name_names_and_is_the_built_dll()
        {
            var assembly = _packed.Customizations.Element("SolutionPluginAssemblies")!.Element("PluginAssembly")!;
            var fileName = (string)assembly.Element("FileName")!;
            var id = Guid.Parse((string)assembly.Attribute("PluginAssemblyId")!);
            Assert.Equal($"/PluginAssemblies/CrmAttention.Plugins-{id.ToString("D").ToUpperInvariant()}/CrmAttention.Plugins.dll", fileName);
            Assert.Equal(_packed.Inputs.AssemblyBytes, _packed.Unmanaged[fileName.TrimStart('/')]);
            Assert.Matches("^CrmAttention.Plugins, Version=[0-9.]+, Culture=neutral, PublicKeyToken=[0-9a-f]{16}$", (string)assembly.Attribute("FullName")!);
            Assert.Equal("2", (string)assembly.Element("IsolationMode")!);
        }

        [Fact]
        public void Web_resources_are_stored_under_their_stripped_name_and_upper_case_id()
        {
            foreach (var resource in _packed.Customizations.Element("WebResources")!.Elements("WebResource"))
            {
                var name = (string)resource.Element("Name")!;
                var id = Guid.Parse((string)resource.Element("WebResourceId")!);
                var stripped = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
                var fileName = (string)resource.Element("FileName")!;
                Assert.Equal("/WebResources/" + stripped + id.ToString("D").ToUpperInvariant(), fileName);
                Assert.True(_packed.Unmanaged.ContainsKey(fileName.TrimStart('/')), fileName + " is not in the zip");
            }
        }

        [Fact]
        public void Custom_tables_carry_the_system_columns_forms_views_and_relationships_of_an_export()
        {
            foreach (var table in new[] { "cat_AttentionPolicy", "cat_AttentionDecision" })
            {
                var entity = _packed.Customizations.Element("Entities")!.Elements("Entity").Single(e => (string)e.Element("Name")! == table);
                var attributes = entity.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute").Select(a => (string)a.Element("LogicalName")!).ToHashSet();
                foreach (var system in new[] { "createdby", "createdon", "createdonbehalfby", "modifiedby", "modifiedon", "modifiedonbehalfby", "overriddencreatedon",
                    "importsequencenumber", "ownerid", "owningbusinessunit", "owningteam", "owninguser", "statecode", "statuscode",
                    "timezoneruleversionnumber", "utcconversiontimezonecode", table.ToLowerInvariant() + "id", "cat_name" })
                    Assert.Contains(system, attributes);
                Assert.Equal(new[] { "card", "main", "quick" }, entity.Element("FormXml")!.Elements("forms").Select(f => (string)f.Attribute("type")!));
                var queryTypes = entity.Descendants("savedquery").Select(q => (int)q.Element("querytype")!).ToList();
                foreach (var type in new[] { 0, 1, 2, 4, 64, 8192 }) Assert.Contains(type, queryTypes);
                var logical = table.ToLowerInvariant();
                var relationships = _packed.Customizations.Element("EntityRelationships")!.Elements().Select(r => (string)r.Attribute("Name")!).ToHashSet();
                foreach (var name in new[] { "business_unit_", "owner_", "team_", "user_" }) Assert.Contains(name + logical, relationships);
                Assert.Contains("lk_" + logical + "_createdby", relationships);
                Assert.Contains("lk_" + logical + "_modifiedby", relationships);
            }
        }

        [Fact]
        public void Microsoft_tables_carry_only_the_columns_the_solution_adds()
        {
            var contact = _packed.Customizations.Element("Entities")!.Elements("Entity").Single(e => (string)e.Element("Name")! == "Contact");
            var attributes = contact.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute").Select(a => (string)a.Element("LogicalName")!).ToList();
            Assert.All(attributes, a => Assert.StartsWith("cat_", a));
            Assert.Contains("cat_value_base", attributes);
            Assert.Equal("", (string)contact.Element("Name")!.Attribute("OriginalName")!);
        }

        [Fact]
        public void Steps_name_their_message_by_its_well_known_id()
        {
            foreach (var step in _packed.Customizations.Element("SdkMessageProcessingSteps")!.Elements())
            {
                var name = (string)step.Attribute("Name")!;
                var message = name.Split(':')[1].Trim().Split(' ')[0];
                Assert.True(SdkMessages.TryGetId(message, out var id), name);
                Assert.Equal(id, Guid.Parse((string)step.Element("SdkMessageId")!));
                Assert.Equal("SdkMessageId", step.Elements().First().Name.LocalName);
            }
        }
    }
}
