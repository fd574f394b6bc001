using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// Validates customizations.xml against Microsoft's published CustomizationsSolution.xsd, as advice only:
    /// the public schema (9.0.0.2090) predates real exports (no connectionreferences, SdkMessageId placed after
    /// Rank), so a genuine export does not pass it either. Findings are reported, never fatal.
    /// </summary>
    public static class SchemaAdvisor
    {
        public static IReadOnlyList<string> Check(Stream customizationsXml, string schemaFolder, int maxFindings = 50)
        {
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            foreach (var file in Directory.GetFiles(schemaFolder, "*.xsd").OrderBy(f => f, System.StringComparer.Ordinal))
            {
                using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() });
                var schema = XmlSchema.Read(reader, null);
                if (schema != null && !schemas.Schemas().Cast<XmlSchema>().Any(s => s.SourceUri == schema.SourceUri)) schemas.Add(schema);
            }
            var findings = new List<string>();
            if (schemas.Count == 0)
            {
                findings.Add($"No .xsd files in {schemaFolder}; nothing checked.");
                return findings;
            }
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
            settings.ValidationEventHandler += (_, e) =>
            {
                if (findings.Count < maxFindings) findings.Add($"line {e.Exception.LineNumber}: {e.Message}");
            };
            using (var reader = XmlReader.Create(customizationsXml, settings))
            {
                while (reader.Read())
                {
                }
            }
            return findings;
        }

        public static IReadOnlyList<string> CheckZip(string zipPath, string schemaFolder)
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var entry = zip.GetEntry("customizations.xml") ?? throw new PackagingException($"{zipPath} has no customizations.xml.");
            using var stream = entry.Open();
            return Check(stream, schemaFolder);
        }
    }
}
