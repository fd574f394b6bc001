using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>Every label-bearing element of the solution speaks English (1033) and German (1031).</summary>
    public class LabelTests : IClassFixture<PackedSolution>
    {
        private static readonly string[] Containers =
        {
            "LocalizedNames", "LocalizedCollectionNames", "Descriptions", "displaynames", "labels",
        };

        private readonly PackedSolution _packed;

        public LabelTests(PackedSolution packed)
        {
            _packed = packed;
        }

        [Fact]
        public void Every_label_container_in_the_root_files_has_english_and_german_text()
        {
            var checkedContainers = 0;
            foreach (var file in new[] { "customizations.xml", "solution.xml" })
            {
                var root = XDocument.Parse(Encoding.UTF8.GetString(_packed.Unmanaged[file])).Root!;
                foreach (var container in root.Descendants().Where(e => Containers.Contains(e.Name.LocalName)))
                {
                    // Elements inside a <fetch> or <layoutxml> are query text, not labels.
                    if (container.Ancestors().Any(a => a.Name.LocalName is "fetch" or "layoutxml")) continue;
                    var languages = container.Elements().Select(e => (string?)e.Attribute("languagecode")).ToList();
                    Assert.True(languages.Contains("1033") && languages.Contains("1031"),
                        $"{file}: {Path(container)} has labels for {string.Join(", ", languages)}");
                    Assert.All(container.Elements(), e => Assert.False(string.IsNullOrWhiteSpace((string?)e.Attribute("description")), $"{file}: empty label in {Path(container)}"));
                    checkedContainers++;
                }
            }
            Assert.True(checkedContainers > 500, $"only {checkedContainers} label containers found");
        }

        [Fact]
        public void Custom_api_and_environment_variable_files_label_in_english_and_german()
        {
            var files = _packed.Unmanaged.Where(e => e.Key.StartsWith("customapis/", StringComparison.Ordinal) || e.Key.StartsWith("environmentvariabledefinitions/", StringComparison.Ordinal)).ToList();
            // Four custom APIs with 10 request parameters and 18 response properties, and one environment variable.
            Assert.Equal(4 + 10 + 18 + 1, files.Count);
            foreach (var (name, content) in files)
            {
                var root = XDocument.Parse(Encoding.UTF8.GetString(content)).Root!;
                foreach (var container in new[] { "displayname", "description" }.Select(n => root.Element(n)!))
                {
                    var languages = container.Elements("label").Select(l => (string)l.Attribute("languagecode")!).ToList();
                    Assert.True(languages.SequenceEqual(new[] { "1033", "1031" }), $"{name}: {container.Name} has {string.Join(", ", languages)}");
                }
            }
        }

        private static string Path(XElement element) =>
            string.Join("/", element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName + (e.Attribute("Name") is XAttribute a ? $"[{a.Value}]" : "")));
    }
}
