using System;
using System.CommandLine;
using System.IO;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Generation;

namespace CrmAttention.SolutionBuilder
{
    /// <summary>
    /// generate: writes the logical-name constants (C#, TypeScript) and the in-memory Dataverse metadata.
    /// pack: writes the unmanaged and managed solution zips.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var rootOption = new Option<DirectoryInfo>("--root") { Description = "Repository root (the folder with CrmAttention.sln).", Required = true };

            var generate = new Command("generate", "Write the generated constants and Solution/generated/metadata.json from the model.");
            generate.Options.Add(rootOption);
            generate.SetAction(result =>
            {
                var root = result.GetValue(rootOption)!;
                foreach (var path in GeneratedFiles.WriteAll(CrmAttentionSolution.Build(), root.FullName)) Console.WriteLine("wrote " + path);
                return 0;
            });

            var command = new RootCommand("CrmAttention solution builder: compiles Solution/Model into constants, metadata and solution zips.");
            command.Subcommands.Add(generate);
            return command.Parse(args).Invoke();
        }
    }
}
