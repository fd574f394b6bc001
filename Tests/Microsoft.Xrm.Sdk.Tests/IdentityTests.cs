using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    /// <summary>
    /// A plugin compiled against Microsoft.Xrm.Sdk binds, inside Dataverse, to Microsoft's assembly by its full
    /// name. These tests pin that name for the assembly under test and for the stand-in's net462 build, which is
    /// what the plugin assembly ships against.
    /// </summary>
    public class IdentityTests
    {
        private const string MicrosoftToken = "31bf3856ad364e35";

        // Public key tokens of the assemblies of the .NET Framework (ECMA, Microsoft, and the 31bf… key the
        // framework shares with Microsoft.Xrm.Sdk).
        private static readonly string[] FrameworkTokens = { "b77a5c561934e089", "b03f5f7f11d50a3a", MicrosoftToken };

        [Fact]
        public void Assembly_under_test_has_the_real_identity()
        {
            AssemblyName name = SdkUnderTest.Assembly.GetName();

            Assert.Equal("Microsoft.Xrm.Sdk", name.Name);
            Assert.Equal(new Version(9, 0, 0, 0), name.Version);
            Assert.Equal(string.Empty, name.CultureName);
            Assert.Equal(MicrosoftToken, Hex(name.GetPublicKeyToken() ?? Array.Empty<byte>()));
        }

        [Fact]
        public void Net462_build_of_the_stand_in_has_the_real_identity()
        {
            AssemblyName name = AssemblyName.GetAssemblyName(Net462Path);

            Assert.Equal("Microsoft.Xrm.Sdk, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", name.FullName);
        }

        [Fact]
        public void Net462_build_of_the_stand_in_targets_the_framework_and_references_only_framework_assemblies()
        {
            string referencePack = Net462ReferenceAssemblies();
            using FileStream file = File.OpenRead(Net462Path);
            using PEReader pe = new PEReader(file);
            MetadataReader metadata = pe.GetMetadataReader();

            List<string> foreign = new List<string>();
            foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
            {
                AssemblyName reference = metadata.GetAssemblyReference(handle).GetAssemblyName();
                bool inPack = File.Exists(Path.Combine(referencePack, reference.Name + ".dll"))
                    || File.Exists(Path.Combine(referencePack, "Facades", reference.Name + ".dll"));
                if (!inPack || !FrameworkTokens.Contains(Hex(reference.GetPublicKeyToken() ?? Array.Empty<byte>())))
                {
                    foreign.Add(reference.FullName);
                }
            }

            Assert.Empty(foreign);
            Assert.Equal(".NETFramework,Version=v4.6.2", TargetFramework(metadata));
        }

        private static string Net462Path
        {
            get
            {
                string path = SdkUnderTest.BuildFact("StandInNet462Path");
                Assert.True(File.Exists(path), $"The net462 build of the stand-in is missing: {path}");
                return path;
            }
        }

        private static string Net462ReferenceAssemblies()
        {
            string packageRoot = Path.Combine(SdkUnderTest.BuildFact("NuGetPackageRoot"), "microsoft.netframework.referenceassemblies.net462");
            string? pack = Directory.Exists(packageRoot)
                ? Directory.GetDirectories(packageRoot)
                    .Select(version => Path.Combine(version, "build", ".NETFramework", "v4.6.2"))
                    .FirstOrDefault(Directory.Exists)
                : null;
            Assert.True(pack != null, $"The .NET Framework 4.6.2 reference assemblies are not restored under {packageRoot}.");
            return pack!;
        }

        private static string? TargetFramework(MetadataReader metadata)
        {
            foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (metadata.GetString(type.Name) == "TargetFrameworkAttribute")
                {
                    BlobReader value = metadata.GetBlobReader(attribute.Value);
                    value.ReadUInt16();
                    return value.ReadSerializedString();
                }
            }

            return null;
        }

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
