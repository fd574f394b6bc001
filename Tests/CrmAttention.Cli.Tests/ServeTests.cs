using System;
using System.IO;
using CrmAttention.Cli.Commands;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    /// <summary>serve's input checks; the server itself runs in the web resources' Chromium tests.</summary>
    public sealed class ServeTests
    {
        [Fact]
        public void From_reads_the_options_and_seed_of_a_simulate_run()
        {
            using var cli = new CliRunner();
            cli.Write("simulation.json", "{\"Options\":{\"Contacts\":321,\"Accounts\":40,\"Sellers\":5,\"Sequences\":3,\"Days\":77,\"Seed\":9,\"Start\":\"2026-02-02T00:00:00Z\"}}");
            var options = ServeCommand.OptionsFrom(new DirectoryInfo(cli.Directory));
            Assert.Equal((321, 40, 5, 3, 77, 9), (options.Contacts, options.Accounts, options.Sellers, options.Sequences, options.Days, options.Seed));
            Assert.Equal(new DateTime(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc), options.Start);
        }

        [Fact]
        public void From_a_folder_without_simulation_json_is_refused_with_exit_code_2()
        {
            using var cli = new CliRunner();
            var (code, output) = cli.Run("serve", "--from", cli.Directory, "--language", "en");
            Assert.Equal(2, code);
            Assert.Contains("simulation.json does not exist", output);
        }

        [Fact]
        public void From_and_seed_together_are_refused()
        {
            using var cli = new CliRunner();
            var (code, output) = cli.Run("serve", "--from", cli.Directory, "--seed", "3", "--language", "en");
            Assert.Equal(2, code);
            Assert.Contains("either --from or --seed", output);
        }

        [Fact]
        public void Web_resources_that_are_not_built_are_named()
        {
            using var cli = new CliRunner();
            cli.Write("webresources.json", "{\"webResources\":[{\"name\":\"cat_/pages/x.html\",\"file\":\"dist/x.html\"}]}");
            var error = Assert.Throws<CliException>(() => ServeCommand.WebResourceFiles(cli.Directory));
            Assert.Contains(Path.Combine(cli.Directory, "dist/x.html"), error.Message);
        }
    }
}
