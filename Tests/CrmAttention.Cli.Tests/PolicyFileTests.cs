using System;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Policies;
using CrmAttention.Engine;
using CrmAttention.Plugins.Services;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    /// <summary>
    /// The policy file's JSON shape is a contract (users keep their files): names, order, enums by name, model
    /// parameters as lines. Golden/policy-full.json was written by the hand mapping this file format had before the
    /// policy got one table of fields; set UPDATE_GOLDEN=1 to rewrite it after an intended change.
    /// </summary>
    public class PolicyFileTests
    {
        private static string GoldenPath() => Repository.Path("Tests", "CrmAttention.Cli.Tests", "Golden", "policy-full.json");

        internal static AttentionPolicy EveryFieldSet()
        {
            var p = AttentionPolicy.CreateDefault();
            p.Name = "Everything set";
            p.Description = "Each field away from its default.";
            p.Mode = PolicyMode.Warn;
            p.WindowDays = 21;
            p.MaxTouches = 8;
            p.MaxAutomatedTouches = 4;
            p.MaxEmailTouches = 5;
            p.MaxPhoneTouches = 3;
            p.MaxMeetingTouches = 2;
            p.MaxLetterTouches = 1;
            p.MaxSocialTouches = 6;
            p.MaxSmsTouches = 7;
            p.MinGapHours = 12;
            p.CoolDownDays = 10;
            p.CoolDownAfterUnanswered = 5;
            p.AccountMaxTouches = 30;
            p.AccountWindowDays = 28;
            p.HalfLifeDays = 9.5;
            p.Alpha = 0.42;
            p.Beta = 0.2;
            p.PressureTolerance = 2.5;
            p.ResponseDamping = 0.3;
            p.LoadedBelow = 70;
            p.SaturatedBelow = 40;
            p.OversaturatedBelow = 15;
            p.ValueSource = ValueSource.AccountRevenue;
            p.ValueThreshold = 250000.5m;
            p.HumanFirst = true;
            p.CallSlaHours = 48;
            p.ReplyExemptionDays = 3;
            p.ConversationDays = 10;
            p.AutomationTeams = new[] { "Marketing Automation", "Integrations" };
            p.AutomationMarkers = new[] { "[auto]" };
            p.LoggingLevel = LoggingLevel.All;
            return p;
        }

        [Fact]
        public void A_policy_file_keeps_its_json_shape()
        {
            var text = PolicyFile.Serialize(EveryFieldSet());
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(GoldenPath(), text);
            Assert.Equal(File.ReadAllText(GoldenPath()), text);
        }

        [Fact]
        public void A_policy_file_reads_back_to_the_same_policy()
        {
            var policy = PolicyFile.Load(GoldenPath());

            Assert.Equal(File.ReadAllText(GoldenPath()), PolicyFile.Serialize(policy));
            Assert.Equal(new[] { "Marketing Automation", "Integrations" }, policy.AutomationTeams);
            Assert.Equal(ValueSource.AccountRevenue, policy.ValueSource);
            Assert.Equal(5, policy.MaxEmailTouches);
        }

        [Fact]
        public void Every_field_with_a_file_name_is_written_and_read_back()
        {
            var sample = EveryFieldSet();
            var document = Newtonsoft.Json.Linq.JObject.Parse(PolicyFile.Serialize(sample));
            var back = PolicyFile.Load(GoldenPath());

            Assert.Equal(PolicyMapper.Fields.Where(f => f.FileName != null).Select(f => f.FileName), document.Properties().Select(p => p.Name));
            foreach (var field in PolicyMapper.Fields.Where(f => f.FileName != null))
            {
                var (expected, actual) = (field.GetValue(sample), field.GetValue(back));
                if (expected is ModelParameters model) Assert.Equal(model.Format(), ((ModelParameters)actual!).Format());
                else if (expected is System.Collections.IEnumerable list && expected is not string) Assert.Equal(list, (System.Collections.IEnumerable)actual!);
                else Assert.Equal(expected, actual);
            }
        }

        [Fact]
        public void Fields_left_out_of_a_policy_file_keep_their_defaults()
        {
            using var run = new CliRunner();
            run.Write("p.json", "{\"Name\": \"Case\", \"maxTouches\": null}");
            var policy = PolicyFile.Load(run.PathOf("p.json"));
            var defaults = AttentionPolicy.CreateDefault();

            Assert.Equal("Case", policy.Name);
            Assert.Equal(defaults.MaxTouches, policy.MaxTouches);
            Assert.Null(policy.MaxEmailTouches);
            Assert.Equal(defaults.Alpha, policy.Alpha);
            Assert.Empty(policy.AutomationTeams);
            Assert.True(policy.IsDefault);
        }
    }
}
