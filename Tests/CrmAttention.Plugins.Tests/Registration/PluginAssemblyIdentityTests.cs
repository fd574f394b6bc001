using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CrmAttention.Plugins.Tests.Support;
using Xunit;

namespace CrmAttention.Plugins.Tests.Registration
{
    /// <summary>What Dataverse requires of the assembly it registers: strong-named, .NET Framework, nothing but the SDK besides.</summary>
    public sealed class PluginAssemblyIdentityTests
    {
        // Assemblies of .NET Framework 4.6.2 itself. Not netstandard: 4.6.2 has no netstandard.dll facade of its own, so
        // a reference to it would fail to load in the sandbox.
        private static readonly string[] FrameworkAssemblies = { "mscorlib", "System", "System.Core", "System.Runtime.Serialization", "System.ServiceModel", "System.Xml" };

        private static string Net462Assembly()
        {
            // The test runs from bin/<configuration>/net10.0; the shipped build sits in the plugin project's bin/<configuration>/net462.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(World.RepoRoot(), "Plugins", "CrmAttention.Plugins", "bin", configuration, "net462", "CrmAttention.Plugins.dll");
            Assert.True(File.Exists(path), "The net462 plugin assembly was not built: " + path);
            return path;
        }

        [Fact]
        public void The_net462_plugin_assembly_is_strong_named_with_the_committed_key()
        {
            using var pe = new PEReader(File.OpenRead(Net462Assembly()));
            var reader = pe.GetMetadataReader();
            var definition = reader.GetAssemblyDefinition();

            var publicKey = reader.GetBlobBytes(definition.PublicKey);
            Assert.NotEmpty(publicKey);
            Assert.True((pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0, "The assembly is not signed.");
            using var snk = File.OpenRead(Path.Combine(World.RepoRoot(), "Plugins", "CrmAttention.Plugins", "CrmAttention.Plugins.snk"));
            var keyPair = new byte[snk.Length];
            snk.ReadExactly(keyPair);
            // Both blobs carry the RSA bit length, exponent and modulus after their headers and the RSA1/RSA2 magic:
            // the assembly's public key after 12 + 8 + 4 bytes, the key pair file after 8 + 4.
            var length = publicKey.Length - 24;
            Assert.Equal(keyPair.Skip(12).Take(length), publicKey.Skip(24).Take(length));
        }

        [Fact]
        public void The_net462_plugin_assembly_references_only_the_framework_and_the_9_0_sdk()
        {
            using var pe = new PEReader(File.OpenRead(Net462Assembly()));
            var reader = pe.GetMetadataReader();

            var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).ToList();

            var sdk = Assert.Single(references, r => reader.GetString(r.Name) == "Microsoft.Xrm.Sdk");
            Assert.Equal(new Version(9, 0, 0, 0), sdk.Version);
            Assert.Equal("31bf3856ad364e35", Convert.ToHexString(reader.GetBlobBytes(sdk.PublicKeyOrToken)).ToLowerInvariant());
            var others = references.Where(r => reader.GetString(r.Name) != "Microsoft.Xrm.Sdk").Select(r => reader.GetString(r.Name)).ToList();
            Assert.All(others, name => Assert.Contains(name, FrameworkAssemblies));
            Assert.Equal(".NETFramework,Version=v4.6.2", TargetFramework(reader));
        }

        private static string? TargetFramework(MetadataReader reader)
        {
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference) continue;
                if (reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != "TargetFrameworkAttribute") continue;
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                return blob.ReadSerializedString();
            }
            return null;
        }
    }
}
