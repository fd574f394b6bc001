using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Generation;
using CrmAttention.SolutionBuilder.Packaging;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// Packs the real solution once per test class into a temp folder and unzips both zips. Checks read the zips
    /// (not the builder's objects), so they test what an import would see.
    /// </summary>
    public sealed class PackedSolution : IDisposable
    {
        public PackedSolution()
        {
            Inputs = TestInputs.Real();
            OutDirectory = Path.Combine(Path.GetTempPath(), "crmattention-pack-" + Guid.NewGuid().ToString("N"));
            (UnmanagedPath, ManagedPath) = SolutionPackager.Pack(Inputs, OutDirectory);
            UnmanagedBytes = File.ReadAllBytes(UnmanagedPath);
            ManagedBytes = File.ReadAllBytes(ManagedPath);
            Unmanaged = TestInputs.Unzip(UnmanagedBytes);
            Managed = TestInputs.Unzip(ManagedBytes);
            Customizations = XDocument.Parse(Encoding.UTF8.GetString(Unmanaged["customizations.xml"])).Root!;
            Solution = XDocument.Parse(Encoding.UTF8.GetString(Unmanaged["solution.xml"])).Root!;
            using var metadata = JsonDocument.Parse(MetadataJsonWriter.Write(Inputs.Model));
            Columns = metadata.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(
                t => t.GetProperty("logicalName").GetString()!,
                t => (ISet<string>)t.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("logicalName").GetString()!).ToHashSet());
        }

        public PackInputs Inputs { get; }

        public string OutDirectory { get; }

        public string UnmanagedPath { get; }

        public string ManagedPath { get; }

        public byte[] UnmanagedBytes { get; }

        public byte[] ManagedBytes { get; }

        public IReadOnlyDictionary<string, byte[]> Unmanaged { get; }

        public IReadOnlyDictionary<string, byte[]> Managed { get; }

        public XElement Customizations { get; }

        public XElement Solution { get; }

        /// <summary>Columns per table from the model's metadata (platform columns included).</summary>
        public IReadOnlyDictionary<string, ISet<string>> Columns { get; }

        public void Dispose()
        {
            if (Directory.Exists(OutDirectory)) Directory.Delete(OutDirectory, recursive: true);
        }
    }
}
