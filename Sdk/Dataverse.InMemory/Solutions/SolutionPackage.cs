using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>A plug-in type a solution ships: its id and type name, and the assembly it lives in.</summary>
    public sealed record PackagedPluginType(Guid Id, string TypeName, string AssemblyName, string? FriendlyName);

    /// <summary>A plug-in assembly a solution ships (customizations.xml, SolutionPluginAssemblies).</summary>
    public sealed record PackagedAssembly(Guid Id, string FullName, string Name, string? Version, string? Culture, string? PublicKeyToken,
        int IsolationMode, int SourceType, IReadOnlyList<PackagedPluginType> Types);

    /// <summary>An image of a packaged step.</summary>
    public sealed record PackagedStepImage(Guid Id, string Name, string EntityAlias, int ImageType, string MessagePropertyName, string? Attributes);

    /// <summary>A step a solution ships (customizations.xml, SdkMessageProcessingSteps): named by message id, never by message name.</summary>
    public sealed record PackagedStep(Guid Id, string Name, string? Description, Guid MessageId, Guid PluginTypeId, string PluginTypeName, string? PrimaryEntity,
        int Stage, int Mode, int Rank, string? FilteringAttributes, string? Configuration, bool AsyncAutoDelete, int SupportedDeployment, int InvocationSource,
        IReadOnlyList<PackagedStepImage> Images);

    /// <summary>A custom API a solution ships (customapis/&lt;name&gt;/customapi.xml) and the plug-in type that implements it.</summary>
    public sealed record PackagedCustomApi(string UniqueName, Guid? PluginTypeId);

    /// <summary>
    /// A solution zip as the import reads it: solution.xml's manifest, and of customizations.xml the tables, plug-in
    /// assemblies and steps; custom APIs from their own folders; every other component counted by kind, so the import
    /// job can say what it did not apply. Reading checks the shape an import needs and names the file and element that
    /// is wrong.
    /// </summary>
    public sealed class SolutionPackage
    {
        private SolutionPackage()
        {
        }

        public string UniqueName { get; private set; } = "";

        public string FriendlyName { get; private set; } = "";

        public string Version { get; private set; } = "";

        public bool Managed { get; private set; }

        /// <summary>Tables in customizations.xml (Entities), by logical name.</summary>
        public IReadOnlyList<string> Tables { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<PackagedAssembly> Assemblies { get; private set; } = Array.Empty<PackagedAssembly>();

        public IReadOnlyList<PackagedStep> Steps { get; private set; } = Array.Empty<PackagedStep>();

        public IReadOnlyList<PackagedCustomApi> CustomApis { get; private set; } = Array.Empty<PackagedCustomApi>();

        /// <summary>Components the in-memory Dataverse does not apply (forms, views, roles, web resources …), by kind, with their count.</summary>
        public IReadOnlyDictionary<string, int> OtherComponents { get; private set; } = new Dictionary<string, int>();

        public static SolutionPackage Read(byte[] zip)
        {
            if (zip == null || zip.Length == 0) throw new SolutionPackageException("The customization file is empty.");
            try
            {
                using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
                var package = new SolutionPackage();
                package.ReadManifest(Document(archive, "solution.xml"));
                package.ReadCustomizations(Document(archive, "customizations.xml"));
                package.ReadCustomApis(archive);
                return package;
            }
            catch (InvalidDataException ex)
            {
                throw new SolutionPackageException("The customization file is not a zip archive: " + ex.Message);
            }
        }

        private static XDocument Document(ZipArchive archive, string name)
        {
            var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SolutionPackageException($"The solution file has no {name}.");
            try
            {
                using var stream = entry.Open();
                return XDocument.Load(stream);
            }
            catch (XmlException ex)
            {
                throw new SolutionPackageException($"{name} is not well-formed XML: {ex.Message}");
            }
        }

        private void ReadManifest(XDocument solution)
        {
            var manifest = solution.Root?.Element("SolutionManifest") ?? throw new SolutionPackageException("solution.xml has no ImportExportXml/SolutionManifest.");
            UniqueName = Required(manifest, "UniqueName", "solution.xml");
            Version = Required(manifest, "Version", "solution.xml");
            if (!System.Version.TryParse(Version, out _)) throw new SolutionPackageException($"solution.xml: the version '{Version}' is not major.minor.build.revision.");
            Managed = Required(manifest, "Managed", "solution.xml") == "1";
            FriendlyName = manifest.Element("LocalizedNames")?.Elements("LocalizedName")
                .FirstOrDefault(n => (string?)n.Attribute("languagecode") == "1033")?.Attribute("description")?.Value ?? UniqueName;
        }

        private void ReadCustomizations(XDocument customizations)
        {
            var root = customizations.Root ?? throw new SolutionPackageException("customizations.xml is empty.");
            Tables = root.Element("Entities")?.Elements("Entity")
                .Select(e => (e.Element("Name")?.Value ?? throw new SolutionPackageException("customizations.xml: an Entity has no Name.")).ToLowerInvariant())
                .ToList() ?? new List<string>();
            Assemblies = root.Element("SolutionPluginAssemblies")?.Elements("PluginAssembly").Select(ReadAssembly).ToList() ?? new List<PackagedAssembly>();
            Steps = root.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep").Select(ReadStep).ToList() ?? new List<PackagedStep>();
            var others = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var element in root.Elements())
            {
                if (element.Name.LocalName is "Entities" or "SolutionPluginAssemblies" or "SdkMessageProcessingSteps") continue;
                var count = element.Elements().Count();
                if (count > 0) others[element.Name.LocalName] = count;
            }
            foreach (var entity in root.Element("Entities")?.Elements("Entity") ?? Enumerable.Empty<XElement>())
            {
                Count(others, "forms", entity.Descendants("systemform").Count());
                Count(others, "views", entity.Descendants("savedquery").Count());
                Count(others, "charts", entity.Descendants("visualization").Count());
            }
            OtherComponents = others;
        }

        private static void Count(IDictionary<string, int> counts, string kind, int n)
        {
            if (n == 0) return;
            counts[kind] = counts.TryGetValue(kind, out var c) ? c + n : n;
        }

        private static PackagedAssembly ReadAssembly(XElement assembly)
        {
            var fullName = Attribute(assembly, "FullName", "PluginAssembly");
            var parts = fullName.Split(',').Select(p => p.Trim()).ToList();
            string? Part(string key) => parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv.Length == 2 && kv[0] == key)?[1];
            var types = assembly.Element("PluginTypes")?.Elements("PluginType").Select(type =>
            {
                var qualified = Attribute(type, "AssemblyQualifiedName", "PluginType");
                var comma = qualified.IndexOf(',');
                var typeName = comma < 0 ? qualified : qualified[..comma].Trim();
                return new PackagedPluginType(Id(Attribute(type, "PluginTypeId", "PluginType"), "PluginType/@PluginTypeId"), typeName, parts[0], type.Element("FriendlyName")?.Value);
            }).ToList() ?? new List<PackagedPluginType>();
            return new PackagedAssembly(Id(Attribute(assembly, "PluginAssemblyId", "PluginAssembly"), "PluginAssembly/@PluginAssemblyId"), fullName, parts[0],
                Part("Version"), Part("Culture"), Part("PublicKeyToken"), Int(assembly.Element("IsolationMode")?.Value, 2, "IsolationMode"),
                Int(assembly.Element("SourceType")?.Value, 0, "SourceType"), types);
        }

        private static PackagedStep ReadStep(XElement step)
        {
            var name = Attribute(step, "Name", "SdkMessageProcessingStep");
            var where = $"step '{name}'";
            var images = step.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage").Select(image => new PackagedStepImage(
                Id(Required(image, "SdkMessageProcessingStepImageId", where), where + " image id"),
                Attribute(image, "Name", "SdkMessageProcessingStepImage"),
                Required(image, "EntityAlias", where),
                Int(Required(image, "ImageType", where), 0, where + " ImageType"),
                Required(image, "MessagePropertyName", where),
                Blank(image.Element("Attributes")?.Value))).ToList() ?? new List<PackagedStepImage>();
            return new PackagedStep(
                Id(Attribute(step, "SdkMessageProcessingStepId", "SdkMessageProcessingStep"), where + " id"),
                name,
                Blank(step.Element("Description")?.Value),
                Id(Required(step, "SdkMessageId", where), where + " SdkMessageId"),
                Id(Required(step, "PluginTypeId", where), where + " PluginTypeId"),
                Required(step, "PluginTypeName", where),
                Blank(step.Element("PrimaryEntity")?.Value)?.ToLowerInvariant(),
                Int(Required(step, "Stage", where), 0, where + " Stage"),
                Int(step.Element("Mode")?.Value, 0, where + " Mode"),
                Int(step.Element("Rank")?.Value, 1, where + " Rank"),
                Blank(step.Element("FilteringAttributes")?.Value),
                Blank(step.Element("Configuration")?.Value),
                step.Element("AsyncAutoDelete")?.Value == "1",
                Int(step.Element("SupportedDeployment")?.Value, 0, where + " SupportedDeployment"),
                Int(step.Element("InvocationSource")?.Value, 0, where + " InvocationSource"),
                images);
        }

        private void ReadCustomApis(ZipArchive archive)
        {
            var apis = new List<PackagedCustomApi>();
            foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("customapis/", StringComparison.OrdinalIgnoreCase) &&
                         e.FullName.EndsWith("/customapi.xml", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                XDocument document;
                try
                {
                    using var stream = entry.Open();
                    document = XDocument.Load(stream);
                }
                catch (XmlException ex)
                {
                    throw new SolutionPackageException($"{entry.FullName} is not well-formed XML: {ex.Message}");
                }
                var root = document.Root ?? throw new SolutionPackageException(entry.FullName + " is empty.");
                var uniqueName = (string?)root.Attribute("uniquename") ?? throw new SolutionPackageException(entry.FullName + ": customapi has no uniquename.");
                // plugintypeid is written as <plugintypeid><plugintypeid>{id}</plugintypeid></plugintypeid>, or empty for an API without a plug-in.
                var typeId = Blank(root.Element("plugintypeid")?.Element("plugintypeid")?.Value);
                apis.Add(new PackagedCustomApi(uniqueName, typeId == null ? null : Id(typeId, entry.FullName + " plugintypeid")));
            }
            CustomApis = apis;
        }

        private static string Required(XElement parent, string element, string where) =>
            Blank(parent.Element(element)?.Value) ?? throw new SolutionPackageException($"{where}: {parent.Name.LocalName} has no {element}.");

        private static string Attribute(XElement element, string attribute, string what) =>
            Blank((string?)element.Attribute(attribute)) ?? throw new SolutionPackageException($"customizations.xml: a {what} has no {attribute} attribute.");

        private static Guid Id(string text, string what) =>
            Guid.TryParse(text, out var id) ? id : throw new SolutionPackageException($"customizations.xml: {what} '{text}' is not a GUID.");

        private static int Int(string? text, int fallback, string what)
        {
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new SolutionPackageException($"customizations.xml: {what} '{text}' is not a whole number.");
        }

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>The solution file cannot be imported as it is; the message names the file and element.</summary>
    public sealed class SolutionPackageException : Exception
    {
        public SolutionPackageException(string message) : base(message)
        {
        }
    }
}
