using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Microsoft.Xrm.Sdk.Tests
{
    /// <summary>
    /// Which Microsoft.Xrm.Sdk these tests run against. Our stand-in carries an assembly-level
    /// AssemblyMetadata("CrmAttention.StandIn", "true"); Microsoft's assembly does not. Nothing public tells them
    /// apart, so the same tests run unchanged against both.
    /// </summary>
    internal static class SdkUnderTest
    {
        internal static Assembly Assembly => typeof(Entity).Assembly;

        internal static bool IsStandIn => Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Any(attribute => attribute.Key == "CrmAttention.StandIn" && attribute.Value == "true");

        /// <summary>Build-time facts (paths) the test project records in its own assembly metadata.</summary>
        internal static string BuildFact(string key)
        {
            AssemblyMetadataAttribute? fact = typeof(SdkUnderTest).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(attribute => attribute.Key == key);
            if (fact?.Value is null || fact.Value.Length == 0)
            {
                throw new InvalidOperationException($"The test assembly lacks the build fact '{key}'; see Microsoft.Xrm.Sdk.Tests.csproj.");
            }

            return fact.Value!;
        }

        internal static string BaselinePath => Path.Combine(AppContext.BaseDirectory, "Baseline", "xrm-sdk-9.0-api.md");
    }
}
