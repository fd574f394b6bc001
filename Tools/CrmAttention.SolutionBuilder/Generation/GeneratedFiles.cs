using System.Collections.Generic;
using System.IO;
using System.Text;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>The files `generate` writes, by repository-relative path (forward slashes).</summary>
    public static class GeneratedFiles
    {
        public const string CSharpConstants = "Plugins/CrmAttention.Plugins/Generated/LogicalNames.g.cs";
        public const string EarlyBound = "Plugins/CrmAttention.Plugins/Generated/EarlyBound.g.cs";
        public const string TypeScriptConstants = "WebResources/src/generated/logicalNames.g.ts";
        public const string TypeScriptEngineCodes = "WebResources/src/generated/engineCodes.g.ts";
        public const string Metadata = "Solution/generated/metadata.json";

        public static IReadOnlyList<(string Path, string Content)> All(SolutionDefinition model) => new[]
        {
            (CSharpConstants, CSharpConstantsWriter.Write(model)),
            (EarlyBound, EarlyBoundWriter.Write(model, "cat_attentionpolicy", "cat_attentiondecision")),
            (TypeScriptConstants, TypeScriptConstantsWriter.Write(model)),
            (TypeScriptEngineCodes, TypeScriptEngineCodesWriter.Write(model)),
            (Metadata, MetadataJsonWriter.Write(model)),
        };

        /// <summary>Writes every generated file under <paramref name="repoRoot"/> as UTF-8 without BOM; returns the paths written.</summary>
        public static IReadOnlyList<string> WriteAll(SolutionDefinition model, string repoRoot)
        {
            var written = new List<string>();
            foreach (var (path, content) in All(model))
            {
                var full = Path.Combine(repoRoot, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                written.Add(full);
            }
            return written;
        }
    }
}
