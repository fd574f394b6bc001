using System;
using System.IO;

namespace CrmAttention.Cli.Tests
{
    /// <summary>
    /// Files of the repository the tests read (goldens, shared vectors, the solution model): found from the test
    /// assembly's folder upwards, so they resolve in Debug and in Release builds alike (Release maps source paths to
    /// /_/, which rules out [CallerFilePath]).
    /// </summary>
    public static class Repository
    {
        public static string Root { get; } = FindRoot();

        /// <summary>A path below the repository root, e.g. <c>Repository.Path("Tests", "Vectors", "x.json")</c>.</summary>
        public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "CrmAttention.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("The repository root (CrmAttention.sln) is not above " + AppContext.BaseDirectory);
        }
    }
}
