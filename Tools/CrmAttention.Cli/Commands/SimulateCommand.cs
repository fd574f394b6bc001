using System.CommandLine;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    public static class SimulateCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language) => new Command("simulate", "Simulate an org with and without CrmAttention.");
    }
}
