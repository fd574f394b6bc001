using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CrmAttention.Cli.Sample;
using Xunit;

namespace CrmAttention.Cli.Tests.LiveOrg
{
    /// <summary>backtest --org and calibrate --org read the org directly and come to what they come to on the org's export.</summary>
    public sealed class OrgBacktestTests
    {
        private static readonly SampleOptions Sample = new() { Contacts = 150, Accounts = 20, Sellers = 4, Days = 70, Seed = 11, Start = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc) };

        [Fact]
        public async Task Backtest_with_org_writes_the_same_backtest_json_as_backtest_on_the_export()
        {
            using var cli = new CliRunner();
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), Sample);
            cli.Write("policy.json", "{\"name\":\"Tuned\",\"mode\":\"Enforce\",\"valueSource\":\"AccountRevenue\"}");
            var org = new[] { "--org", host.Url, "--token", OrgHost.Token, "--since", "2025-09-01", "--language", "en" };
            Assert.Equal(0, cli.Run(new[] { "export", "--out", cli.PathOf("x") }.Concat(org).ToArray()).ExitCode);

            var (fileCode, fileOutput) = cli.Run("backtest", "--activities", cli.PathOf("x/activities.csv"), "--contacts", cli.PathOf("x/contacts.csv"),
                "--accounts", cli.PathOf("x/accounts.csv"), "--policy", cli.PathOf("policy.json"), "--out", cli.PathOf("from-files"), "--language", "en");
            var (orgCode, orgOutput) = cli.Run(new[] { "backtest", "--policy", cli.PathOf("policy.json"), "--out", cli.PathOf("from-org") }.Concat(org).ToArray());

            Assert.True(fileCode == 0 && orgCode == 0, fileOutput + orgOutput);
            var fromFiles = File.ReadAllBytes(cli.PathOf("from-files/backtest.json"));
            Assert.Equal(fromFiles, File.ReadAllBytes(cli.PathOf("from-org/backtest.json")));
            Assert.Contains("\"Touches\": " + Touches(cli.PathOf("x")), System.Text.Encoding.UTF8.GetString(fromFiles));
        }

        [Fact]
        public async Task Calibrate_with_org_fits_what_calibrate_fits_on_the_export()
        {
            using var cli = new CliRunner();
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), Sample);
            var org = new[] { "--org", host.Url, "--token", OrgHost.Token, "--since", "2025-09-01", "--language", "en" };
            Assert.Equal(0, cli.Run(new[] { "export", "--out", cli.PathOf("x") }.Concat(org).ToArray()).ExitCode);

            var (fileCode, fileOutput) = cli.Run("calibrate", "--activities", cli.PathOf("x/activities.csv"), "--out", cli.PathOf("files.json"), "--report", cli.PathOf("files"),
                "--min-touches", "20", "--language", "en");
            var (orgCode, orgOutput) = cli.Run(new[] { "calibrate", "--out", cli.PathOf("org.json"), "--report", cli.PathOf("org"), "--min-touches", "20" }.Concat(org).ToArray());

            Assert.True(fileCode == 0 && orgCode == 0, fileOutput + orgOutput);
            Assert.Equal(File.ReadAllBytes(cli.PathOf("files/calibration.json")), File.ReadAllBytes(cli.PathOf("org/calibration.json")));
            // The policies differ only in the description's source: the file's name, or the org's host.
            var host127 = new Uri(host.Url).Host;
            Assert.Equal(File.ReadAllText(cli.PathOf("files.json")).Replace("from activities.csv (", "from " + host127 + " ("), File.ReadAllText(cli.PathOf("org.json")));
        }

        [Fact]
        public async Task Backtest_refuses_org_and_files_together()
        {
            using var cli = new CliRunner();
            cli.Write("policy.json", "{\"name\":\"Tuned\"}");
            cli.Write("contacts.csv", "contactid\r\n");

            var (code, output) = cli.Run("backtest", "--org", "http://127.0.0.1:9", "--token", "t", "--contacts", cli.PathOf("contacts.csv"), "--policy", cli.PathOf("policy.json"), "--language", "en");

            Assert.Equal(2, code);
            Assert.Contains("--org reads contacts, accounts and activities from the org: leave out --contacts.", output);
        }

        [Fact]
        public void Backtest_without_org_or_files_names_both_ways()
        {
            using var cli = new CliRunner();
            cli.Write("policy.json", "{\"name\":\"Tuned\"}");

            var (code, output) = cli.Run("backtest", "--policy", cli.PathOf("policy.json"), "--language", "de");

            Assert.Equal(2, code);
            Assert.Contains("--contacts ist erforderlich (oder die Organisation mit --org direkt lesen).", output);
        }

        /// <summary>Outgoing touches in the export: what backtest replays (every completed row that is not a response).</summary>
        private static int Touches(string directory) => ExportTests.Activities(directory).Count(a => !a.Incoming);
    }
}
