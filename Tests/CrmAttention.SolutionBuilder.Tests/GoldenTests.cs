using System;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.SolutionBuilder.Packaging;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// The generated XML is under version control (Golden/), built from fixed inputs (the model, this assembly's
    /// fixture plugin types, the fixture web resources), so a change to the model or the writers shows up as a
    /// reviewable diff. Set UPDATE_GOLDEN=1 to rewrite them after an intended change.
    /// </summary>
    public class GoldenTests
    {
        [Theory]
        [InlineData("customizations.xml")]
        [InlineData("solution.xml")]
        [InlineData("customapis/cat_EvaluateTouch/customapi.xml")]
        [InlineData("environmentvariabledefinitions/cat_RecalculatePageSize/environmentvariabledefinition.xml")]
        public void Generated_xml_matches_the_golden_file(string file)
        {
            var actual = SolutionPackager.Files(TestInputs.Fixture(), managed: false).Single(f => f.Path == file).Content;
            var golden = RepoPaths.Combine("Tests/CrmAttention.SolutionBuilder.Tests/Golden/" + file);
            if (RepoPaths.UpdateGolden)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
                File.WriteAllBytes(golden, actual);
            }
            Assert.True(File.Exists(golden), $"{golden} is missing; run the tests once with UPDATE_GOLDEN=1.");
            var expected = File.ReadAllBytes(golden);
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{file} differs from its golden file. If the change is intended, run: UPDATE_GOLDEN=1 dotnet test Tests/CrmAttention.SolutionBuilder.Tests"
                + FirstDifference(expected, actual));
        }

        [Fact]
        public void Two_builds_produce_identical_zip_bytes()
        {
            var first = SolutionPackager.Zip(SolutionPackager.Files(TestInputs.Real(), managed: false));
            var second = SolutionPackager.Zip(SolutionPackager.Files(TestInputs.Real(), managed: false));
            Assert.Equal(first, second);
            var managedFirst = SolutionPackager.Zip(SolutionPackager.Files(TestInputs.Real(), managed: true));
            var managedSecond = SolutionPackager.Zip(SolutionPackager.Files(TestInputs.Real(), managed: true));
            Assert.Equal(managedFirst, managedSecond);
        }

        private static string FirstDifference(byte[] expected, byte[] actual)
        {
            var e = Encoding.UTF8.GetString(expected).Split("\r\n");
            var a = Encoding.UTF8.GetString(actual).Split("\r\n");
            for (var i = 0; i < System.Math.Min(e.Length, a.Length); i++)
                if (e[i] != a[i]) return $"{System.Environment.NewLine}line {i + 1}:{System.Environment.NewLine}  golden: {e[i].Trim()}{System.Environment.NewLine}  actual: {a[i].Trim()}";
            return $"{System.Environment.NewLine}lengths differ: {e.Length} vs {a.Length} lines";
        }
    }
}
