using System;
using System.IO;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>Finds the repository root by walking up from the test binaries to the folder with CrmAttention.sln.</summary>
    public static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        public static string Combine(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>Set UPDATE_GOLDEN=1 to rewrite golden and generated files instead of comparing them.</summary>
        public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CrmAttention.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("No CrmAttention.sln above " + AppContext.BaseDirectory);
        }
    }
}
