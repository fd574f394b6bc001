using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Backtest;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.Policies;
using CrmAttention.Engine;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    public class BacktestTests
    {
        private const string Ada = "11111111-1111-4111-8111-111111111111";
        private const string Bob = "22222222-2222-4222-8222-222222222222";

        // A view export: display-name headers, the "(Do Not Modify)" key column and the consent labels.
        private const string Contacts =
            "(Do Not Modify) Contact,Full Name,Company Name,Owner,Do not allow Emails,Do not allow Phone Calls,Do not allow Bulk Emails,Do not allow Mails,Value\r\n" +
            Ada + ",Ada Lovelace,Analytical Engines Ltd,Sam Seller,Allow,Allow,Allow,Allow,2000\r\n" +
            Bob + ",Bob Babbage,Analytical Engines Ltd,Sam Seller,Do Not Allow,Allow,Allow,Allow,2000\r\n";

        private static readonly string[] ActivityRows =
        {
            Row(1, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-03T09:00:00Z", "Sam Seller"),
            Row(2, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-03T15:00:00Z", "Sam Seller"),
            Row(3, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-04T10:00:00Z", "Sam Seller"),
            Row(4, "phonecall", Ada, "Outgoing", "Completed", "Human", "2025-03-05T11:00:00Z", "Sam Seller"),
            Row(5, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-06T12:00:00Z", "Sam Seller"),
            Row(6, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-07T13:00:00Z", "Sam Seller"),
            Row(7, "email", Bob, "Outgoing", "Completed", "Automated", "2025-03-03T10:00:00Z", "Sequence Bot"),
            Row(8, "email", Bob, "Incoming", "Completed", "", "2025-03-03T12:00:00Z", "Sam Seller"),
            Row(9, "email", Bob, "Outgoing", "Completed", "Transactional", "2025-03-04T08:00:00Z", "Sam Seller"),
            Row(10, "task", Bob, "", "Canceled", "Human", "2025-03-04T09:00:00Z", "Sam Seller"),
        };

        private const string ActivityHeader = "activityid,activitytypecode,regardingobjectid,directioncode,statecode,cat_origin,actualend,ownerid\r\n";

        private static string Row(int n, string type, string contact, string direction, string state, string origin, string at, string owner) =>
            $"00000000-0000-4000-8000-{n:000000000000},{type},{contact},{direction},{state},{origin},{at},{owner}";

        private static (int, string) RunBacktest(CliRunner run, string activities, string policyJson = "{\"name\":\"Test\",\"mode\":\"Enforce\"}", params string[] extra)
        {
            run.Write("contacts.csv", Contacts);
            run.Write("activities.csv", activities);
            run.Write("policy.json", policyJson);
            var args = new List<string> { "backtest", "--activities", run.PathOf("activities.csv"), "--contacts", run.PathOf("contacts.csv"), "--policy", run.PathOf("policy.json"), "--out", run.PathOf("out") };
            args.AddRange(extra);
            return run.Run(args.ToArray());
        }

        [Fact]
        public void Enforced_replay_blocks_the_gap_and_cool_down_touches_suppresses_no_consent_automation_and_exempts_transactional_mail()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + string.Join("\r\n", ActivityRows) + "\r\n");
            Assert.Equal(0, code);
            var report = JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")));
            Assert.Equal(8, (int)report["Touches"]!);
            Assert.Equal(1, (int)report["Responses"]!);
            Assert.Equal(1, (int)report["NotCompleted"]!);
            var weeks = report["OwnerWeeks"]!.ToObject<List<OwnerWeek>>()!;
            var sam = weeks.Single(w => w.Owner == "Sam Seller");
            Assert.Equal("2025-W10", sam.Week);
            Assert.Equal((4, 2, 0, 1), (sam.Decisions.Allowed, sam.Decisions.Blocked, sam.Decisions.Suppressed, sam.Decisions.Exempt));
            var bot = weeks.Single(w => w.Owner == "Sequence Bot");
            Assert.Equal(1, bot.Decisions.Suppressed);
            Assert.Equal(1, (int)report["Reasons"]!["MinimumGap"]!);
            Assert.Equal(1, (int)report["Reasons"]!["CoolDown"]!);
            Assert.Equal(1, (int)report["Reasons"]!["NoConsentEmail"]!);
            var top = report["MostOverTouched"]!.ToObject<List<OverTouchedContact>>()!;
            Assert.Equal("Ada Lovelace", top[0].Name);
            Assert.Equal(2, top[0].OverBudget);
            Assert.Contains("Sam Seller,2025-W10,4,0,2,0,0,1,2", File.ReadAllText(run.PathOf("out/owner-weeks.csv")));
            Assert.True(File.Exists(run.PathOf("out/backtest-weekly.png")));
            Assert.True(File.Exists(run.PathOf("out/backtest-owners.png")));
            Assert.Contains("blocked", output);
        }

        [Fact]
        public void Warn_mode_override_warns_instead_of_blocking_and_still_counts_the_touches_over_budget()
        {
            using var run = new CliRunner();
            var (code, _) = RunBacktest(run, ActivityHeader + string.Join("\r\n", ActivityRows) + "\r\n", extra: new[] { "--mode", "Warn" });
            Assert.Equal(0, code);
            var totals = JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")))["Totals"]!.ToObject<DecisionCounts>()!;
            // Warned touches still happen, so they count for later ones: the 15:00 email is within 24 h of the next one too,
            // and the fourth unanswered touch starts the cool-down one touch earlier. Ada: 2, 3, 5, 6; Bob's sequence email.
            Assert.Equal(0, totals.Blocked);
            Assert.Equal(5, totals.Warned);
            Assert.Equal(5, totals.OverBudget);
        }

        [Fact]
        public void Actual_replay_records_the_blocked_touches_so_they_count_against_the_next_ones()
        {
            using var run = new CliRunner();
            var (code, _) = RunBacktest(run, ActivityHeader + string.Join("\r\n", ActivityRows) + "\r\n", extra: new[] { "--replay", "Actual" });
            Assert.Equal(0, code);
            var sam = JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")))["OwnerWeeks"]!.ToObject<List<OwnerWeek>>()!.Single(w => w.Owner == "Sam Seller");
            // The blocked 15:00 email happened after all: the next morning's email is now within 24 hours of it, and the
            // cool-down starts one touch earlier.
            Assert.Equal((2L, 4L), (sam.Decisions.Allowed, sam.Decisions.Blocked));
        }

        [Fact]
        public void A_value_source_the_exports_cannot_provide_is_refused_by_name()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"valueSource\": \"OpenOpportunities\"}");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("The value source OpenOpportunities is not supported by backtest", output);
            var (code2, output2) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"valueSource\": \"AccountRevenue\"}");
            Assert.Equal(ExitCodes.InvalidInput, code2);
            Assert.Contains("pass --accounts", output2);
        }

        [Fact]
        public void Rows_out_of_time_order_replay_exactly_like_sorted_rows_even_when_the_sort_spills_to_disk()
        {
            using var run = new CliRunner();
            var policy = AttentionPolicy.CreateDefault();
            policy.Mode = PolicyMode.Enforce;
            run.Write("contacts.csv", Contacts);
            run.Write("sorted.csv", ActivityHeader + string.Join("\r\n", ActivityRows));
            run.Write("shuffled.csv", ActivityHeader + string.Join("\r\n", ActivityRows.Reverse()));
            var contacts = ExportReader.ReadContacts(run.PathOf("contacts.csv"), new RowProblems("contacts.csv"));
            var sorted = Backtester.Run(run.PathOf("sorted.csv"), contacts, null, policy, new BacktestOptions(), new RowProblems("sorted.csv"));
            var shuffled = Backtester.Run(run.PathOf("shuffled.csv"), contacts, null, policy, new BacktestOptions { TimelineRunLength = 2 }, new RowProblems("shuffled.csv"));
            Assert.Equal(sorted.Totals.ToArray(), shuffled.Totals.ToArray());
            Assert.Equal(sorted.Reasons, shuffled.Reasons);
        }

        [Fact]
        public void Replaying_in_one_or_several_account_partitions_gives_the_same_result()
        {
            using var run = new CliRunner();
            var policy = AttentionPolicy.CreateDefault();
            policy.Mode = PolicyMode.Enforce;
            run.Write("contacts.csv", Contacts);
            run.Write("activities.csv", ActivityHeader + string.Join("\r\n", ActivityRows));
            var contacts = ExportReader.ReadContacts(run.PathOf("contacts.csv"), new RowProblems("contacts.csv"));
            var settings = new Newtonsoft.Json.JsonSerializerSettings { Converters = { new Newtonsoft.Json.Converters.StringEnumConverter() } };
            string Json(int partitions) => Newtonsoft.Json.JsonConvert.SerializeObject(
                Backtester.Run(run.PathOf("activities.csv"), contacts, null, policy, new BacktestOptions { Partitions = partitions }, new RowProblems("activities.csv")), settings);
            var one = Json(1);
            Assert.Contains("\"Blocked\":", one);
            Assert.Equal(one, Json(2));
            Assert.Equal(one, Json(5));
        }

        [Fact]
        public void A_bad_date_and_an_unknown_channel_are_reported_with_their_line_numbers_and_skipped()
        {
            using var run = new CliRunner();
            var rows = ActivityRows.ToList();
            rows.Add(Row(11, "email", Ada, "Outgoing", "Completed", "Human", "yesterday", "Sam Seller"));
            rows.Add(Row(12, "fax", Ada, "Outgoing", "Completed", "Human", "2025-03-10T10:00:00Z", "Sam Seller"));
            var (code, output) = RunBacktest(run, ActivityHeader + string.Join("\r\n", rows) + "\r\n");
            Assert.Equal(0, code);
            Assert.Contains("2 of 12 rows skipped", output);
            Assert.Contains("line 12: \"yesterday\" is not a date and time", output);
            Assert.Contains("line 13: unknown channel: activity type \"fax\"", output);
            Assert.Contains("13,\"unknown channel", File.ReadAllText(run.PathOf("out/bad-rows-activities.csv")));
            Assert.Equal(8, (int)JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")))["Touches"]!);
        }

        [Fact]
        public void A_quote_left_open_at_the_end_of_the_file_is_a_bad_row_not_a_crash()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + string.Join("\r\n", ActivityRows) + "\r\n" + Row(11, "email", Ada, "Outgoing", "Completed", "Human", "2025-03-10T10:00:00Z", "\"Sam"));
            Assert.Equal(0, code);
            Assert.Contains("line 12: a quoted field is not closed before the end of the file.", output);
        }

        [Fact]
        public void A_file_whose_rows_are_mostly_bad_stops_the_run_with_exit_code_two()
        {
            using var run = new CliRunner();
            var rows = ActivityRows.Select(r => r.Replace("2025-03-0", "03/0x/2025 ")).ToList();
            var (code, output) = RunBacktest(run, ActivityHeader + string.Join("\r\n", rows));
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("activities.csv: 10 of 10 rows are bad", output);
            Assert.False(File.Exists(run.PathOf("out/backtest.json")));
        }

        [Fact]
        public void A_missing_required_column_is_named_with_the_headers_that_would_be_accepted()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, "activityid,regardingobjectid,actualend\r\n" + "00000000-0000-4000-8000-000000000001," + Ada + ",2025-03-03T09:00:00Z\r\n");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("required column(s) missing: activitytypecode (\"Activity Type\", \"Aktivitätstyp\")", output);
        }

        [Fact]
        public void An_empty_activities_file_is_refused()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, "");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("activities.csv: the file is empty", output);
        }

        [Fact]
        public void A_header_without_rows_is_refused()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader);
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("has a header but no activities", output);
        }

        [Fact]
        public void A_policy_with_invalid_values_lists_every_validator_message_in_english()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"windowDays\": 0, \"alpha\": -1, \"mode\": \"Enforce\"}");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("the policy has invalid values", output);
            Assert.Contains("Window (days) must be between 1 and 365 (is 0).", output);
            Assert.Contains("Receptivity decay (alpha) must be between 0.001 and 10 (is -1).", output);
        }

        [Fact]
        public void A_policy_with_invalid_values_is_explained_in_german_on_request()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"windowDays\": 0}", "--language", "de");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("Fehler:", output);
            Assert.Contains("Zeitfenster (Tage) muss zwischen 1 und 365 liegen (ist 0).", output);
        }

        [Fact]
        public void A_policy_file_with_an_unknown_mode_or_field_is_refused_by_name()
        {
            using var run = new CliRunner();
            var (code, output) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"mode\": \"Strict\"}");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("not a valid policy file", output);
            Assert.Contains("Strict", output);
            var (code2, output2) = RunBacktest(run, ActivityHeader + ActivityRows[0], "{\"maxTouchez\": 3}");
            Assert.Equal(ExitCodes.InvalidInput, code2);
            Assert.Contains("maxTouchez", output2);
        }

        [Fact]
        public void Contacts_with_a_bad_consent_value_are_skipped_and_their_activities_counted_as_unknown()
        {
            using var run = new CliRunner();
            var contacts = Contacts.Replace("Ada Lovelace,Analytical Engines Ltd,Sam Seller,Allow", "Ada Lovelace,Analytical Engines Ltd,Sam Seller,Maybe");
            run.Write("contacts.csv", contacts);
            run.Write("activities.csv", ActivityHeader + string.Join("\r\n", ActivityRows));
            run.Write("policy.json", "{}");
            var (code, output) = run.Run("backtest", "--activities", run.PathOf("activities.csv"), "--contacts", run.PathOf("contacts.csv"), "--policy", run.PathOf("policy.json"), "--out", run.PathOf("out"));
            Assert.Equal(0, code);
            Assert.Contains("line 2: donotemail \"Maybe\" is not Yes/No", output);
            Assert.Equal(6, (int)JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")))["UnknownContact"]!);
        }

        [Fact]
        public void Backtest_of_a_generated_sample_reports_every_owner_and_matches_the_row_counts()
        {
            using var run = new CliRunner();
            Assert.Equal(0, run.Run("sample", "--out", run.PathOf("s"), "--contacts", "150", "--sellers", "4", "--days", "60").ExitCode);
            var (code, _) = run.Run("backtest", "--activities", run.PathOf("s/activities.csv"), "--contacts", run.PathOf("s/contacts.csv"),
                "--accounts", run.PathOf("s/accounts.csv"), "--policy", run.PathOf("s/policy.json"), "--out", run.PathOf("out"));
            Assert.Equal(0, code);
            var report = JObject.Parse(File.ReadAllText(run.PathOf("out/backtest.json")));
            var rows = File.ReadAllLines(run.PathOf("s/activities.csv")).Length - 1;
            Assert.Equal(rows, (long)report["Touches"]! + (long)report["Responses"]! + (long)report["NotCompleted"]!);
            Assert.Equal(4, report["OwnerWeeks"]!.Select(w => (string)w["Owner"]!).Distinct().Count());
            var totals = report["Totals"]!.ToObject<DecisionCounts>()!;
            Assert.Equal((long)report["Touches"]!, totals.Total);
        }
    }
}
