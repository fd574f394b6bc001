using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>What goes into a pack: the model, the read plugin assembly with its bytes, and the web resources.</summary>
    public sealed class PackInputs
    {
        public PackInputs(SolutionDefinition model, PluginAssemblyInfo assembly, byte[] assemblyBytes, WebResourceManifest webResources)
        {
            Model = model;
            Assembly = assembly;
            AssemblyBytes = assemblyBytes;
            WebResources = webResources;
        }

        public SolutionDefinition Model { get; }

        public PluginAssemblyInfo Assembly { get; }

        public byte[] AssemblyBytes { get; }

        public WebResourceManifest WebResources { get; }

        /// <summary>
        /// Leave out steps on messages whose sdkmessageid the builder does not know (see SdkMessages) instead of
        /// failing; <see cref="SolutionPackager.OmittedSteps"/> names them so they can be registered by hand.
        /// </summary>
        public bool OmitStepsOnUnknownMessages { get; init; }

        /// <summary>
        /// The sdkmessageids steps may name: the well-known ones plus those given as pack inputs (Solution/messageids.json,
        /// --message-id Send=&lt;id&gt;), for messages no public source documents.
        /// </summary>
        public SdkMessageIds MessageIds { get; init; } = SdkMessageIds.WellKnown;

        /// <summary>The same inputs with other step assembly (the message ids and the omit switch stay).</summary>
        public PackInputs WithAssembly(PluginAssemblyInfo assembly) =>
            new PackInputs(Model, assembly, AssemblyBytes, WebResources) { OmitStepsOnUnknownMessages = OmitStepsOnUnknownMessages, MessageIds = MessageIds };

        /// <summary>Where the repository keeps message ids for messages no public source documents (optional).</summary>
        public static string MessageIdsFile(string repoRoot) => Path.Combine(repoRoot, "Solution", "messageids.json");

        /// <summary>The repository's inputs: the net462 plugin build of the configuration and WebResources/.</summary>
        public static PackInputs FromRepository(SolutionDefinition model, string repoRoot, string configuration)
        {
            var dll = Path.Combine(repoRoot, "Plugins", "CrmAttention.Plugins", "bin", configuration, "net462", "CrmAttention.Plugins.dll");
            var assembly = PluginAssemblyReader.Read(dll);
            var web = WebResourceManifest.Load(Path.Combine(repoRoot, "WebResources"));
            var messageIds = File.Exists(MessageIdsFile(repoRoot))
                ? SdkMessageIds.WellKnown.With(SdkMessageIds.ReadJson(MessageIdsFile(repoRoot)), MessageIdsFile(repoRoot))
                : SdkMessageIds.WellKnown;
            return new PackInputs(model, assembly, File.ReadAllBytes(dll), web) { MessageIds = messageIds };
        }
    }

    /// <summary>Builds the unmanaged and managed solution zips from the model and the build outputs.</summary>
    public static class SolutionPackager
    {
        /// <summary>Every zip entry is stamped with this time so two builds produce the same bytes.</summary>
        public static readonly DateTimeOffset EntryTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static string ZipName(SolutionDefinition model, bool managed) =>
            $"{model.UniqueName}_{model.Version.Replace('.', '_')}{(managed ? "_managed" : "")}.zip";

        /// <summary>Steps left out because their message has no known sdkmessageid (only with OmitStepsOnUnknownMessages).</summary>
        public static IReadOnlyList<string> OmittedSteps(PackInputs inputs) =>
            !inputs.OmitStepsOnUnknownMessages
                ? Array.Empty<string>()
                : inputs.Assembly.Types.SelectMany(t => t.Steps.Where(s => s.Stage != 30 && !inputs.MessageIds.TryGetId(s.Message, out _))
                    .Select(s => CustomizationsWriter.StepName(t, s) + $" (stage {s.Stage})")).ToList();

        /// <summary>The zip's files in export order: the three root files, then the component folders.</summary>
        public static IReadOnlyList<(string Path, byte[] Content)> Files(PackInputs inputs, bool managed)
        {
            if (inputs.OmitStepsOnUnknownMessages)
            {
                var assembly = inputs.Assembly with
                {
                    Types = inputs.Assembly.Types
                        .Select(t => t with { Steps = t.Steps.Where(s => s.Stage == 30 || inputs.MessageIds.TryGetId(s.Message, out _)).ToList() })
                        .ToList(),
                };
                inputs = inputs.WithAssembly(assembly);
            }

            var problems = SolutionValidator.Validate(inputs);
            if (problems.Count > 0) throw new PackagingException("The solution model has problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
            var model = inputs.Model;
            var customizations = Xml.ExportBytes(CustomizationsWriter.Write(model, inputs.Assembly, inputs.WebResources, inputs.MessageIds));
            var solution = Xml.ExportBytes(SolutionManifestWriter.Write(model, inputs.Assembly, inputs.WebResources, managed));
            var parts = new List<(string Path, byte[] Content)>();
            foreach (var entry in inputs.WebResources.WebResources.OrderBy(w => w.Name, StringComparer.Ordinal))
                parts.Add((CustomizationsWriter.WebResourceFileName(entry).TrimStart('/'), inputs.WebResources.Content(entry)));
            parts.Add((CustomizationsWriter.AssemblyFileName(inputs.Assembly).TrimStart('/'), inputs.AssemblyBytes));
            foreach (var api in model.CustomApis)
                foreach (var (path, xml) in ComponentFiles.CustomApi(api, inputs.Assembly))
                    parts.Add((path, Xml.ExportBytes(xml)));
            foreach (var variable in model.EnvironmentVariables)
            {
                var (path, xml) = ComponentFiles.EnvironmentVariable(variable);
                parts.Add((path, Xml.ExportBytes(xml)));
            }
            var contentTypes = Xml.PackagePartBytes(ComponentFiles.ContentTypes(new[] { "customizations.xml", "solution.xml" }.Concat(parts.Select(p => p.Path))));
            var files = new List<(string, byte[])> { ("customizations.xml", customizations), ("[Content_Types].xml", contentTypes), ("solution.xml", solution) };
            files.AddRange(parts);
            return files;
        }

        public static byte[] Zip(IEnumerable<(string Path, byte[] Content)> files)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (path, content) in files)
                {
                    var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTime;
                    // No file-system permissions in the entry: the bytes do not depend on the machine's umask.
                    entry.ExternalAttributes = 0;
                    using var stream = entry.Open();
                    stream.Write(content, 0, content.Length);
                }
            }
            return buffer.ToArray();
        }

        /// <summary>Writes both zips into <paramref name="outDirectory"/>; returns their paths (unmanaged, managed).</summary>
        public static (string Unmanaged, string Managed) Pack(PackInputs inputs, string outDirectory)
        {
            Directory.CreateDirectory(outDirectory);
            var unmanaged = Path.Combine(outDirectory, ZipName(inputs.Model, managed: false));
            var managed = Path.Combine(outDirectory, ZipName(inputs.Model, managed: true));
            File.WriteAllBytes(unmanaged, Zip(Files(inputs, managed: false)));
            File.WriteAllBytes(managed, Zip(Files(inputs, managed: true)));
            return (unmanaged, managed);
        }
    }
}
