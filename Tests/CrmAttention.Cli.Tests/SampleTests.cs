using System.IO;
using CrmAttention.Cli.Policies;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    public class SampleTests
    {
        [Fact]
        public void The_same_seed_writes_byte_identical_exports_and_another_seed_does_not()
        {
            using var run = new CliRunner();
            Assert.Equal(0, run.Run("sample", "--out", run.PathOf("a"), "--contacts", "60", "--seed", "9").ExitCode);
            Assert.Equal(0, run.Run("sample", "--out", run.PathOf("b"), "--contacts", "60", "--seed", "9").ExitCode);
            Assert.Equal(0, run.Run("sample", "--out", run.PathOf("c"), "--contacts", "60", "--seed", "10").ExitCode);
            foreach (var file in new[] { "contacts.csv", "accounts.csv", "activities.csv", "truth.json", "policy.json" })
            {
                Assert.Equal(File.ReadAllBytes(run.PathOf("a/" + file)), File.ReadAllBytes(run.PathOf("b/" + file)));
            }
            Assert.NotEqual(File.ReadAllBytes(run.PathOf("a/activities.csv")), File.ReadAllBytes(run.PathOf("c/activities.csv")));
        }

        [Fact]
        public void Sample_writes_exports_with_the_dataverse_header_names_and_a_loadable_enforce_policy()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("sample", "--out", run.PathOf("s"), "--contacts", "40", "--accounts", "5", "--sellers", "3", "--days", "60");
            Assert.Equal(0, code);
            Assert.Contains("Wrote 40 contacts, 5 accounts", output);
            Assert.StartsWith("activityid,activitytypecode,subject,regardingobjectid,directioncode,statecode,cat_origin,actualend,createdon,ownerid",
                File.ReadAllLines(run.PathOf("s/activities.csv"))[0].TrimStart('\uFEFF'));
            Assert.StartsWith("contactid,fullname,parentcustomerid,ownerid,donotemail", File.ReadAllLines(run.PathOf("s/contacts.csv"))[0].TrimStart('\uFEFF'));
            Assert.Equal(CrmAttention.Engine.PolicyMode.Enforce, PolicyFile.Load(run.PathOf("s/policy.json")).Mode);
        }

        [Fact]
        public void Help_is_written_in_german_on_request()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("sample", "--help", "--language", "de");
            Assert.Equal(0, code);
            Assert.Contains("Anzahl der Kontakte", output);
            Assert.Contains("Realistische Dataverse-Export-CSVs", output);
        }

        [Fact]
        public void Help_gives_the_default_start_date_in_iso_form()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("sample", "--help", "--language", "en");
            Assert.Equal(0, code);
            Assert.Contains("First day of the history (UTC, yyyy-MM-dd) [default: 2025-01-06]", output);
            Assert.DoesNotContain("01/06/2025", output);
        }

        [Fact]
        public void A_missing_required_option_is_a_usage_error_naming_the_option()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("backtest", "--contacts", "c.csv");
            Assert.Equal(1, code);
            Assert.Contains("--activities", output);
            Assert.Contains("--policy", output);
        }

        [Fact]
        public void Sample_refuses_zero_contacts_with_exit_code_two()
        {
            using var run = new CliRunner();
            var (code, output) = run.Run("sample", "--out", run.PathOf("s"), "--contacts", "0");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("must be at least 1", output);
        }
    }
}
