using System;
using System.Globalization;
using System.IO;
using System.Text;
using CrmAttention.Engine;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>
    /// docs/attention-model.md's worked example is computed here, so the document cannot drift from the engine:
    /// the test fails when the generated section differs. Set UPDATE_DOCS=1 to rewrite it.
    /// </summary>
    public class WorkedExampleDocTests
    {
        private const string Begin = "<!-- BEGIN GENERATED: worked-example (Tests/CrmAttention.Plugins.Tests/Engine/WorkedExampleDocTests.cs; set UPDATE_DOCS=1 to rewrite) -->";
        private const string End = "<!-- END GENERATED: worked-example -->";
        public const decimal ExampleValue = 5000m;
        public const int Days = 14;

        /// <summary>
        /// A contact worth 5,000, touched by an automated email every day at 09:00, starting 2 November 2026, under the
        /// default policy. Each row shows the state just before that day's email and the email's marginal value.
        /// </summary>
        public static string ComputeTable()
        {
            var policy = AttentionPolicy.CreateDefault();
            var contact = new ContactState { DisplayName = "Example", Value = ExampleValue };
            var start = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
            var inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append("| day | date | pressure P | score S | band | p(email, automated) | fatigue f(P) | marginal value MV |\n");
            sb.Append("| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |\n");
            int? firstNegative = null;
            for (var day = 1; day <= Days; day++)
            {
                var t = start.AddDays(day - 1);
                var p = AttentionModel.PressureAt(contact, policy, t);
                var s = AttentionModel.Score(p, policy);
                var mv = AttentionModel.MarginalValue((double)ExampleValue, p, Channel.Email, Origin.Automated, policy);
                if (mv < 0 && firstNegative is null) firstNegative = day;
                sb.Append("| ").Append(day.ToString(inv))
                    .Append(" | ").Append(t.ToString("yyyy-MM-dd", inv))
                    .Append(" | ").Append(p.ToString("0.000", inv))
                    .Append(" | ").Append(s.ToString("0.0", inv))
                    .Append(" | ").Append(AttentionModel.BandOf(s, policy))
                    .Append(" | ").Append(AttentionModel.ResponseProbability(p, Channel.Email, Origin.Automated, policy).ToString("0.0000", inv))
                    .Append(" | ").Append(AttentionModel.Fatigue(p, policy).ToString("0.0000", inv))
                    .Append(" | ").Append(mv.ToString("0.00", inv))
                    .Append(" |\n");
                AttentionRecorder.RecordTouch(contact, null, new Touch(Channel.Email, Origin.Automated, t, Guid.NewGuid()), policy, t);
            }
            sb.Append('\n');
            sb.Append(firstNegative is int d
                ? "The marginal value of the daily email turns negative on day " + d.ToString(inv) + " (" + start.AddDays(d - 1).ToString("yyyy-MM-dd", inv)
                  + "): from then on one more automated email costs more in fatigue than it earns in expected responses.\n"
                : "The marginal value stays positive for the " + Days.ToString(inv) + " days shown.\n");
            var breakEven = AttentionModel.BreakEvenPressure((double)ExampleValue, Channel.Email, Origin.Automated, policy);
            sb.Append("Break-even pressure for this contact and an automated email: P* = ").Append(breakEven!.Value.ToString("0.000", inv)).Append(".\n");
            return sb.ToString();
        }

        [Fact]
        public void Worked_example_in_the_docs_matches_the_engine()
        {
            var path = Path.Combine(Support.World.RepoRoot(), "docs", "attention-model.md");
            var text = File.ReadAllText(path);
            var begin = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, "docs/attention-model.md lacks the generated-section markers");
            var current = text.Substring(begin + Begin.Length, end - begin - Begin.Length);
            var expected = "\n" + ComputeTable();
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && current != expected)
            {
                File.WriteAllText(path, text.Substring(0, begin + Begin.Length) + expected + text.Substring(end), new UTF8Encoding(false));
                current = expected;
            }
            Assert.Equal(expected, current.Replace("\r\n", "\n"));
        }

        [Fact]
        public void Daily_automated_email_turns_negative_within_two_weeks()
        {
            Assert.Contains("turns negative on day ", ComputeTable());
        }
    }
}
