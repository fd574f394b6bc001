using System;
using System.IO;
using CrmAttention.Cli.Commands;
using Spectre.Console;

namespace CrmAttention.Cli.Tests
{
    /// <summary>Runs the command line in-process with a recording console and a fresh temporary folder per test.</summary>
    public sealed class CliRunner : IDisposable
    {
        public CliRunner()
        {
            Directory = Path.Combine(Path.GetTempPath(), "crm-attention-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
        }

        public string Directory { get; }

        public string PathOf(string name) => Path.Combine(Directory, name);

        public string Write(string name, string content)
        {
            var path = PathOf(name);
            File.WriteAllText(path, content);
            return path;
        }

        public (int ExitCode, string Output) Run(params string[] args)
        {
            var writer = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
            console.Profile.Width = 200;
            var code = CliApp.Run(args, console);
            return (code, writer.ToString());
        }

        public void Dispose()
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, true);
        }
    }
}
