using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Worklist;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    public sealed class WorklistRankerTests
    {
        private static readonly AttentionPolicy Policy = Given.Policy();

        private static ContactState Contact(int n, string name, decimal? value, ConsentFlags consent = ConsentFlags.None) =>
            new ContactState { Id = Given.Id(n), DisplayName = name, Value = value, Consent = consent, OwnerId = Given.OwnerId };

        private static WorklistCandidate Candidate(ContactState contact, OpenRoutedCall? call = null) => new WorklistCandidate(contact, null, Policy, call);

        [Fact]
        public void Contacts_are_ranked_by_the_expected_value_of_a_persons_touch_now_on_the_best_channel()
        {
            var small = Contact(1, "Small", 2000m);
            var large = Contact(2, "Large", 20000m);
            var pressed = Contact(3, "Pressed", 20000m).Touched(Policy, Channel.Email, Origin.Automated, Given.Now.AddDays(-3), Given.Now.AddDays(-2));

            var rows = WorklistRanker.Rank(new[] { Candidate(small), Candidate(pressed), Candidate(large) }, Given.Now);

            Assert.Equal(new[] { "Large", "Pressed", "Small" }, rows.Select(r => r.ContactName));
            // Phone: 20,000 · 0.15 · e^0 − 15 = 2,985 beats email: 20,000 · 0.08 − 5 = 1,595.
            Assert.Equal(Channel.Phone, rows[0].BestChannel);
            Assert.Equal(2985.0, rows[0].ExpectedValue, 6);
            var pressure = AttentionModel.EffectivePressure(pressed, Policy, Given.Now, Given.Now);
            Assert.Equal(20000 * 0.15 * Math.Exp(-Policy.Alpha * pressure) - 15, rows[1].ExpectedValue, 6);
            Assert.Equal(AttentionModel.Score(pressure, Policy), rows[1].Score, 6);
        }

        [Fact]
        public void A_contact_who_does_not_take_calls_is_offered_by_email_and_one_without_any_consent_is_left_out()
        {
            var noPhone = Contact(1, "No phone", 10000m, ConsentFlags.DoNotPhone);
            var nothing = Contact(2, "Nothing", 90000m, ConsentFlags.DoNotPhone | ConsentFlags.DoNotEmail);

            var rows = WorklistRanker.Rank(new[] { Candidate(noPhone), Candidate(nothing) }, Given.Now);

            var row = Assert.Single(rows);
            Assert.Equal("No phone", row.ContactName);
            Assert.Equal(Channel.Email, row.BestChannel);
        }

        [Fact]
        public void A_contact_a_persons_touch_would_be_refused_for_in_Enforce_mode_is_left_out()
        {
            // Six touches in the window: the window cap refuses a seventh on every channel.
            var full = Given.AnnaWithFullWindow(Policy);
            full.Value = 50000m;
            full.LastResponseOn = null;
            var open = Contact(5, "Open", 1000m);

            var rows = WorklistRanker.Rank(new[] { Candidate(full), Candidate(open) }, Given.Now);

            Assert.Equal(new[] { "Open" }, rows.Select(r => r.ContactName));
        }

        [Fact]
        public void Routed_calls_come_first_by_due_date_whatever_their_expected_value()
        {
            var rich = Contact(1, "Rich", 900000m);
            var later = Contact(2, "Later", 100m);
            var sooner = Contact(3, "Sooner", 200m);
            var laterCall = new OpenRoutedCall(Given.Id(801), Given.Now.AddHours(-5), Given.Now.AddHours(20), Channel.Email);
            var soonerCall = new OpenRoutedCall(Given.Id(802), Given.Now.AddHours(-1), Given.Now.AddHours(2), Channel.Email);

            var rows = WorklistRanker.Rank(new[] { Candidate(rich), Candidate(later, laterCall), Candidate(sooner, soonerCall) }, Given.Now);

            Assert.Equal(new[] { "Sooner", "Later", "Rich" }, rows.Select(r => r.ContactName));
            Assert.Equal(WorklistReason.RoutedCall, rows[0].Reason);
            Assert.Same(soonerCall, rows[0].RoutedCall);
            Assert.Equal(Channel.Phone, rows[0].BestChannel);
            Assert.Null(rows[2].RoutedCall);
        }

        [Fact]
        public void The_count_limits_the_rows_and_must_lie_between_one_and_the_maximum()
        {
            var candidates = Enumerable.Range(1, 30).Select(i => Candidate(Contact(i, "C" + i, 1000m * i))).ToList();

            Assert.Equal(WorklistRanker.DefaultCount, WorklistRanker.Rank(candidates, Given.Now).Count);
            Assert.Equal(new[] { "C30", "C29", "C28" }, WorklistRanker.Rank(candidates, Given.Now, 3).Select(r => r.ContactName));
            Assert.Throws<ArgumentOutOfRangeException>(() => WorklistRanker.Rank(candidates, Given.Now, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => WorklistRanker.Rank(candidates, Given.Now, WorklistRanker.MaxCount + 1));
        }

        [Fact]
        public void Reason_lines_name_a_reply_a_quiet_high_value_contact_and_a_routed_sequence_email_in_English_and_German()
        {
            var replied = Contact(1, "Replied", 1000m).Touched(Policy, Channel.Email, Origin.Human, Given.Now.AddDays(-3)).Answered(Policy, Given.Now.AddDays(-2).AddHours(-1));
            var quiet = Contact(2, "Quiet", 50000m).Touched(Policy, Channel.Phone, Origin.Human, Given.Now.AddDays(-30).AddHours(-2));
            var fresh = Contact(3, "Fresh", 50000m);
            var routed = Contact(4, "Routed", 30000m);
            var call = new OpenRoutedCall(Given.Id(803), Given.Now.AddHours(-1), new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc), Channel.Email);

            var rows = WorklistRanker.Rank(new[] { Candidate(replied), Candidate(quiet), Candidate(fresh), Candidate(routed, call) }, Given.Now)
                .ToDictionary(r => r.ContactName);

            Assert.Equal("replied 2 days ago", rows["Replied"].GetReasonLine(MessageFormat.English));
            Assert.Equal("hat vor 2 Tagen geantwortet", rows["Replied"].GetReasonLine(MessageFormat.German));
            Assert.Equal("high value, no touch for 30 days", rows["Quiet"].GetReasonLine(MessageFormat.English));
            Assert.Equal("hoher Wert, seit 30 Tagen kein Kontakt", rows["Quiet"].GetReasonLine(MessageFormat.German));
            Assert.Equal("high value, never touched", rows["Fresh"].GetReasonLine(MessageFormat.English));
            Assert.Equal("routed from a suppressed sequence email, due 26 November 2026 at 09:00", rows["Routed"].GetReasonLine(MessageFormat.English));
            Assert.Equal("aus einer unterdrückten Sequenz-E-Mail weitergeleitet, fällig am 26. November 2026 um 09:00", rows["Routed"].GetReasonLine(MessageFormat.German));
        }

        [Fact]
        public void Once_the_rows_above_use_up_what_the_account_cap_allows_its_other_contacts_are_left_out()
        {
            var account = Given.Account();
            // 14 of the account's 15 touches in 14 days used by a colleague's contact: one more person's touch is allowed.
            var colleague = Contact(9, "Colleague", 1000m);
            for (var d = 1; d <= 7; d++) colleague.Touched(Policy, account, Channel.Email, Origin.Automated, Given.Now.AddDays(-d), Given.Now.AddDays(-d).AddHours(2));
            var first = Contact(1, "First", 40000m);
            var second = Contact(2, "Second", 30000m);
            var elsewhere = Contact(3, "Elsewhere", 1000m);

            var rows = WorklistRanker.Rank(new[]
            {
                new WorklistCandidate(first, account, Policy), new WorklistCandidate(second, account, Policy), Candidate(elsewhere),
            }, Given.Now);

            Assert.Equal(new[] { "First", "Elsewhere" }, rows.Select(r => r.ContactName));
        }
    }
}
