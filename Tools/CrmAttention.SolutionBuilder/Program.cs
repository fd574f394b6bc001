using System;
using System.CommandLine;
using System.IO;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Generation;
using CrmAttention.SolutionBuilder.Packaging;

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

            var outOption = new Option<DirectoryInfo>("--out") { Description = "Folder the solution zips are written to.", Required = true };
            var configurationOption = new Option<string>("--configuration") { Description = "Build configuration of the net462 plugin assembly.", DefaultValueFactory = _ => "Release" };
            var omitOption = new Option<bool>("--omit-steps-on-unknown-messages")
            {
                Description = "Leave out (and list) steps on messages whose sdkmessageid the builder does not know, instead of failing.",
            };
            var messageIdOption = new Option<string[]>("--message-id")
            {
                Description = "sdkmessageid of a message no public source documents, as <message>=<id> (e.g. Send=<guid>); repeatable. Adds to Solution/messageids.json.",
                AllowMultipleArgumentsPerToken = false,
                DefaultValueFactory = _ => System.Array.Empty<string>(),
            };
            var pack = new Command("pack", "Write the unmanaged and managed solution zips.");
            pack.Options.Add(rootOption);
            pack.Options.Add(outOption);
            pack.Options.Add(configurationOption);
            pack.Options.Add(omitOption);
            pack.Options.Add(messageIdOption);
            pack.SetAction(result =>
            {
                var root = result.GetValue(rootOption)!;
                try
                {
                    var repository = PackInputs.FromRepository(CrmAttentionSolution.Build(), root.FullName, result.GetValue(configurationOption)!);
                    var inputs = new PackInputs(repository.Model, repository.Assembly, repository.AssemblyBytes, repository.WebResources)
                    {
                        OmitStepsOnUnknownMessages = result.GetValue(omitOption),
                        MessageIds = repository.MessageIds.With(SdkMessageIds.ParsePairs(result.GetValue(messageIdOption) ?? System.Array.Empty<string>()), "--message-id"),
                    };
                    foreach (var (message, id) in inputs.MessageIds.Supplied)
                        Console.WriteLine($"message id (pack input): {message} = {id:D}");
                    foreach (var step in SolutionPackager.OmittedSteps(inputs))
                        Console.Error.WriteLine("warning: step left out (unknown sdkmessageid; pack with --message-id <message>=<id> or Solution/messageids.json, or register it after import): " + step);
                    var (unmanaged, managed) = SolutionPackager.Pack(inputs, result.GetValue(outOption)!.FullName);
                    Console.WriteLine("unmanaged: " + unmanaged);
                    Console.WriteLine("managed:   " + managed);
                    return 0;
                }
                catch (PackagingException e)
                {
                    Console.Error.WriteLine("pack failed: " + e.Message);
                    return 1;
                }
            });

            var zipOption = new Option<FileInfo>("--zip") { Description = "A solution zip written by pack.", Required = true };
            var schemasOption = new Option<DirectoryInfo>("--schemas") { Description = "Folder with Microsoft's CustomizationsSolution.xsd and the files it includes.", Required = true };
            var checkSchema = new Command("check-schema", "Advisory: report what Microsoft's published (older) schema does not accept. Always exits 0.");
            checkSchema.Options.Add(zipOption);
            checkSchema.Options.Add(schemasOption);
            checkSchema.SetAction(result =>
            {
                var findings = SchemaAdvisor.CheckZip(result.GetValue(zipOption)!.FullName, result.GetValue(schemasOption)!.FullName);
                foreach (var finding in findings) Console.WriteLine("advice: " + finding);
                Console.WriteLine(findings.Count == 0 ? "the schema accepts customizations.xml" : $"{findings.Count} finding(s); advisory only");
                return 0;
            });

            var command = new RootCommand("CrmAttention solution builder: compiles Solution/Model into constants, metadata and solution zips.");
            command.Subcommands.Add(generate);
            command.Subcommands.Add(pack);
            command.Subcommands.Add(checkSchema);
            return command.Parse(args).Invoke();
        }
    }
}
