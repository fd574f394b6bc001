using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests.Api
{
    /// <summary>
    /// Keeps the stand-in binary-compatible with Microsoft.Xrm.Sdk 9.0. Against the stand-in: every public type
    /// and member must appear, identically, in the baseline, enums must carry exactly the baseline's values and
    /// the interfaces our code implements must declare exactly the baseline's members. Against Microsoft's
    /// assembly the same tests check the other direction: everything the baseline lists exists there as listed,
    /// which keeps the baseline honest.
    /// </summary>
    public class ApiSurfaceTests
    {
        private static readonly Lazy<Dictionary<string, ApiType>> Baseline =
            new Lazy<Dictionary<string, ApiType>>(() => ApiBaseline.Load(SdkUnderTest.BaselinePath));

        public static IEnumerable<object[]> ComparedTypes()
        {
            IEnumerable<string> names = SdkUnderTest.IsStandIn
                ? SdkUnderTest.Assembly.GetExportedTypes().Select(type => type.FullName ?? type.Name)
                : Baseline.Value.Keys;
            return names.OrderBy(name => name, StringComparer.Ordinal).Select(name => new object[] { name });
        }

        [Fact]
        public void Baseline_describes_the_types_the_stand_in_must_cover()
        {
            Assert.True(Baseline.Value.Count >= 70, $"The baseline lists only {Baseline.Value.Count} types.");
            Assert.Equal("interface", Baseline.Value["Microsoft.Xrm.Sdk.IPluginExecutionContext"].Kind);
            Assert.Equal(89, Baseline.Value["Microsoft.Xrm.Sdk.Query.ConditionOperator"].EnumValues.Count);
        }

        [Theory]
        [MemberData(nameof(ComparedTypes))]
        public void Type_matches_the_baseline(string fullName)
        {
            Assert.True(Baseline.Value.TryGetValue(fullName, out ApiType? expected), $"{fullName} is not in the Microsoft.Xrm.Sdk 9.0 baseline.");
            Type? loaded = SdkUnderTest.Assembly.GetType(fullName);
            Assert.NotNull(expected);
            Assert.True(loaded != null, $"{fullName} is missing from {SdkUnderTest.Assembly.FullName}.");
            ApiType actual = ApiReflection.Describe(loaded);

            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.BaseType, actual.BaseType);
            Assert.Equal(expected.Contract, actual.Contract);
            if (SdkUnderTest.IsStandIn)
            {
                Assert.Equal(Sorted(expected.Interfaces), Sorted(actual.Interfaces));
                Assert.Empty(Sorted(actual.Members.Except(expected.Members)));
                Assert.Equal(expected.EnumValues.OrderBy(pair => pair.Key, StringComparer.Ordinal), actual.EnumValues.OrderBy(pair => pair.Key, StringComparer.Ordinal));
            }
            else
            {
                Assert.Empty(Sorted(expected.Interfaces.Except(actual.Interfaces)));
                Assert.Empty(Sorted(expected.Members.Except(actual.Members)));
                Assert.Empty(expected.EnumValues.Except(actual.EnumValues).Select(pair => pair.Key + "=" + pair.Value));
            }
        }

        [Theory]
        [InlineData("Microsoft.Xrm.Sdk.IExecutionContext", 25)]
        [InlineData("Microsoft.Xrm.Sdk.IPluginExecutionContext", 2)]
        [InlineData("Microsoft.Xrm.Sdk.IPluginExecutionContext2", 2)]
        [InlineData("Microsoft.Xrm.Sdk.IOrganizationService", 8)]
        [InlineData("Microsoft.Xrm.Sdk.IOrganizationServiceFactory", 1)]
        [InlineData("Microsoft.Xrm.Sdk.ITracingService", 1)]
        public void Interfaces_we_implement_are_complete(string fullName, int memberCount)
        {
            ApiType expected = Baseline.Value[fullName];
            ApiType actual = ApiReflection.Describe(SdkUnderTest.Assembly.GetType(fullName, throwOnError: true)!);

            Assert.Equal(memberCount, expected.Members.Count);
            Assert.Empty(Sorted(expected.Members.Except(actual.Members)));
            if (SdkUnderTest.IsStandIn)
            {
                Assert.Equal(Sorted(expected.Members), Sorted(actual.Members));
            }
        }

        [Fact]
        public void Stand_in_covers_every_type_of_the_baseline()
        {
            if (!SdkUnderTest.IsStandIn)
            {
                Assert.All(Baseline.Value.Keys, name => Assert.True(SdkUnderTest.Assembly.GetType(name) != null, $"{name} is missing."));
                return;
            }

            HashSet<string> exported = new HashSet<string>(SdkUnderTest.Assembly.GetExportedTypes().Select(type => type.FullName ?? type.Name));
            Assert.Empty(Baseline.Value.Keys.Where(name => !exported.Contains(name)).OrderBy(name => name, StringComparer.Ordinal));
        }

        private static List<string> Sorted(IEnumerable<string> values) => values.OrderBy(value => value, StringComparer.Ordinal).ToList();
    }
}
