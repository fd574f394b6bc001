using System;
using System.IO;
using System.Text;
using CrmAttention.SolutionBuilder.Packaging;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>The advisory schema check reports what a schema rejects and never throws for invalid content.</summary>
    public class SchemaAdvisorTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmattention-xsd-" + Guid.NewGuid().ToString("N"));

        public SchemaAdvisorTests()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "root.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:element name="ImportExportXml">
                    <xs:complexType><xs:sequence>
                      <xs:element name="Entities" minOccurs="0" />
                      <xs:element name="Roles" minOccurs="0" />
                    </xs:sequence></xs:complexType>
                  </xs:element>
                </xs:schema>
                """);
        }

        [Fact]
        public void Content_the_schema_accepts_has_no_findings()
        {
            var findings = SchemaAdvisor.Check(Stream("<ImportExportXml><Entities /><Roles /></ImportExportXml>"), _folder);
            Assert.Empty(findings);
        }

        [Fact]
        public void Elements_the_schema_does_not_know_or_order_differently_are_reported_not_thrown()
        {
            var findings = SchemaAdvisor.Check(Stream("<ImportExportXml><Roles /><Entities /><connectionreferences /></ImportExportXml>"), _folder);
            Assert.NotEmpty(findings);
            Assert.Contains(findings, f => f.Contains("Entities", StringComparison.Ordinal));
        }

        [Fact]
        public void A_folder_without_schemas_is_reported()
        {
            var empty = Path.Combine(_folder, "empty");
            Directory.CreateDirectory(empty);
            var finding = Assert.Single(SchemaAdvisor.Check(Stream("<ImportExportXml />"), empty));
            Assert.Contains("No .xsd files", finding);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static MemoryStream Stream(string xml) => new MemoryStream(Encoding.UTF8.GetBytes(xml));
    }
}
