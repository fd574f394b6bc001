using System;
using CrmAttention.Engine;
using CsCheck;
using Xunit;
using static CrmAttention.Plugins.Tests.Engine.Given;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>Issue 11: a contact in conversation, connected calls as responses, the cool-down split by origin, versioned ledgers.</summary>
    public class ConversationTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void A_person_may_follow_up_a_contact_who_answered_even_with_a_full_window()
        {
            var policy = Policy(conversationDays: 14);
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.Equal(ReasonCode.InConversation, d.Reason);
            Assert.False(d.HasViolation);
            Assert.Null(d.NextAllowedOn);
            Assert.Equal(6, d.Counter(ReasonCode.WindowCap).Used);
            Assert.False(d.Counter(ReasonCode.WindowCap).Applies);
            Assert.Equal("Anna Berg is in conversation (responded recently): a person may always follow up; the budget does not apply.", d.GetMessage(MessageFormat.FromLcid(1033, TimeZoneInfo.Utc)));
            Assert.Equal("Anna Berg ist im Gespräch (hat kürzlich geantwortet): eine Person darf immer nachfassen; das Budget gilt nicht.", d.GetMessage(MessageFormat.FromLcid(1031, TimeZoneInfo.Utc)));
            Assert.True(d.ShouldLog(LoggingLevel.NonTrivial));
        }

        [Fact]
        public void After_the_conversation_days_the_budget_applies_again()
        {
            var policy = Policy(conversationDays: 1);
            var anna = AnnaWithFullWindow(policy);

            // Anna answered on 24 November at 12:00; one conversation day later the window cap binds again.
            var d = AttentionEngine.Evaluate(HumanEmail(Utc(2026, 11, 25, 12, 0)), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.WindowCap, d.Reason);
        }

        [Fact]
        public void Consent_still_wins_in_a_conversation()
        {
            var policy = Policy(conversationDays: 14);
            var anna = AnnaWithFullWindow(policy);
            anna.Consent = ConsentFlags.DoNotEmail;

            var d = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.NoConsentEmail, d.Reason);
        }

        [Fact]
        public void A_sequence_stops_for_a_contact_in_conversation_until_the_conversation_window_closes()
        {
            var policy = Policy(conversationDays: 14);
            var anna = Contact().Answered(policy, Utc(2026, 11, 24, 12, 0));

            var d = AttentionEngine.Evaluate(AutomatedEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Suppress, d.Kind);
            Assert.Equal(ReasonCode.InConversation, d.Reason);
            Assert.Equal(Utc(2026, 12, 8, 12, 0), d.NextAllowedOn);
            Assert.Equal("Anna Berg is in conversation (responded recently): automated touches stop while people talk; the next automated touch is possible on 8 December 2026 at 12:00. The automated touch is suppressed.",
                d.GetMessage(MessageFormat.FromLcid(1033, TimeZoneInfo.Utc)));
            Assert.StartsWith("Anna Berg ist im Gespräch (hat kürzlich geantwortet): automatisierte Kontakte pausieren", d.GetMessage(MessageFormat.FromLcid(1031, TimeZoneInfo.Utc)));
            Assert.False(AttentionEngine.Evaluate(AutomatedEmail(Utc(2026, 12, 8, 12, 0)), anna, null, policy, Now).HasViolation);
        }

        [Fact]
        public void A_sequence_touch_to_a_high_value_contact_in_conversation_goes_to_the_owner()
        {
            var policy = Policy(conversationDays: 14);
            var anna = Contact(value: 50000m).Answered(policy, Utc(2026, 11, 24, 12, 0));

            var d = AttentionEngine.Evaluate(AutomatedEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.RouteToHuman, d.Kind);
            Assert.Equal(ReasonCode.InConversation, d.Reason);
        }

        [Fact]
        public void A_meeting_booked_with_a_contact_in_conversation_is_never_refused()
        {
            var policy = Policy(conversationDays: 14);
            policy.MaxMeetingTouches = 0;
            var anna = AnnaWithFullWindow(policy);

            var booked = AttentionEngine.Evaluate(new Touch(Channel.Meeting, Origin.Automated, Now, Id(702)), anna, null, policy, Now);

            Assert.True(booked.Proceeds);
            Assert.Equal(ReasonCode.InConversation, booked.Reason);
        }

        [Fact]
        public void A_connected_call_is_a_touch_and_a_response()
        {
            var policy = Policy(conversationDays: 14);
            var anna = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 21, 9, 0));
            var pressureBefore = AttentionModel.PressureAt(anna, policy, Now);
            var call = new Touch(Channel.Phone, Origin.Human, Now, Id(703));

            AttentionRecorder.RecordCall(anna, null, call, CallResult.Connected, policy, Now);

            Assert.Equal(Now, anna.LastResponseOn);
            Assert.Equal(Now, anna.LastTouchOn);
            Assert.Equal(0, anna.UnansweredTouches);
            Assert.Equal(0, anna.UnansweredHumanTouches);
            Assert.True(AttentionModel.PressureAt(anna, policy, Now) < pressureBefore + policy.Model.Weight(Channel.Phone, Origin.Human));
            Assert.True(anna.InConversationAt(Now.AddDays(13), policy));
        }

        [Theory]
        [InlineData(CallResult.LeftVoicemail)]
        [InlineData(CallResult.NoAnswer)]
        [InlineData(CallResult.WrongNumber)]
        public void A_call_without_a_connection_is_a_touch_only(CallResult result)
        {
            var policy = Policy(conversationDays: 14);
            var anna = Contact();

            AttentionRecorder.RecordCall(anna, null, new Touch(Channel.Phone, Origin.Human, Now, Id(704)), result, policy, Now);
            AttentionRecorder.RecordCall(anna, null, new Touch(Channel.Phone, Origin.Human, Now.AddHours(1), Id(705)), null, policy, Now.AddHours(1));

            Assert.Null(anna.LastResponseOn);
            Assert.Equal(2, anna.UnansweredTouches);
            Assert.Equal(2, anna.UnansweredHumanTouches);
        }

        [Fact]
        public void Unanswered_sequence_emails_close_the_contact_to_automation_but_not_to_people()
        {
            var policy = Policy();
            policy.MaxTouches = 20;
            policy.MaxAutomatedTouches = 20;
            policy.MinGapHours = 0;
            var anna = Contact().Touched(policy, Channel.Email, Origin.Automated,
                Utc(2026, 11, 18, 9, 0), Utc(2026, 11, 19, 9, 0), Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 21, 9, 0));

            var sequence = AttentionEngine.Evaluate(AutomatedEmail(), anna, null, policy, Now);
            var person = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Suppress, sequence.Kind);
            Assert.Equal(ReasonCode.CoolDown, sequence.Reason);
            Assert.Equal(Utc(2026, 12, 12, 9, 0), sequence.NextAllowedOn);
            Assert.Equal(DecisionKind.Allow, person.Kind);
            Assert.Equal(0, person.Counter(ReasonCode.CoolDown).Used);
        }

        [Fact]
        public void A_persons_cool_down_counts_only_peoples_unanswered_touches()
        {
            var policy = Policy();
            policy.MaxTouches = 20;
            policy.MinGapHours = 0;
            var anna = Contact()
                .Touched(policy, Channel.Email, Origin.Automated, Utc(2026, 11, 10, 9, 0), Utc(2026, 11, 11, 9, 0))
                .Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 18, 9, 0), Utc(2026, 11, 19, 9, 0), Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 21, 9, 0));

            var person = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Block, person.Kind);
            Assert.Equal(ReasonCode.CoolDown, person.Reason);
            Assert.Equal(4, person.Counter(ReasonCode.CoolDown).Used);
            Assert.Equal(Utc(2026, 12, 12, 9, 0), person.NextAllowedOn);
        }

        [Fact]
        public void A_version_1_ledger_is_read_and_written_back_as_version_2()
        {
            // Written by the first release: two automated emails and a person's call, no unanswered counters.
            var policy = Policy();
            var contact = Contact();
            var v1 = new Ledger();
            v1.Add(LedgerEntry.Touch(Utc(2026, 11, 20, 9, 0), Channel.Email, Origin.Automated, Id(801)));
            v1.Add(LedgerEntry.Touch(Utc(2026, 11, 21, 9, 0), Channel.Email, Origin.Automated, Id(802)));
            v1.Add(LedgerEntry.Touch(Utc(2026, 11, 22, 9, 0), Channel.Phone, Origin.Human, Id(803)));
            var text = Ledger.Version1Prefix + v1.Format().Substring(Ledger.VersionPrefix.Length);
            Assert.StartsWith("L1|T", text);

            contact.Ledger = Ledger.Parse(text);
            contact.UnansweredTouches = 3;

            Assert.Equal(LedgerStatus.Ok, contact.Ledger.Status);
            Assert.Equal(3, contact.Ledger.Count);
            Assert.Null(contact.Ledger.UnansweredAutomated);
            Assert.Equal(2, contact.UnansweredAutomatedTouches);
            Assert.Equal(1, contact.UnansweredHumanTouches);

            var snapshot = AttentionRecorder.Recompute(contact, null, policy, Now);
            Assert.StartsWith("L2|U1.2;T", snapshot.Ledger);
            var reread = Ledger.Parse(snapshot.Ledger);
            Assert.Equal(1, reread.UnansweredHuman);
            Assert.Equal(2, reread.UnansweredAutomated);
            Assert.Equal(3, reread.Count);
        }

        [Theory]
        [InlineData("L2|U")]
        [InlineData("L2|U1")]
        [InlineData("L2|U1.")]
        [InlineData("L2|U1.2;")]
        [InlineData("L2|U-.2")]
        public void A_damaged_counter_entry_is_corrupt(string text)
        {
            Assert.Equal(LedgerStatus.Corrupt, Ledger.Parse(text).Status);
        }

        [Fact]
        public void The_account_shows_when_its_cap_lets_the_next_touch_through()
        {
            var policy = Policy();
            policy.AccountMaxTouches = 2;
            var account = Account();
            Contact().Touched(policy, account, Channel.Email, Origin.Human, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 21, 9, 0));

            var full = AttentionRecorder.Recompute(account, policy, Now);
            var later = AttentionRecorder.Recompute(account, policy, Utc(2026, 12, 4, 9, 0));

            Assert.Equal(Utc(2026, 12, 4, 9, 0), full.NextAllowedTouchOn);
            Assert.Null(later.NextAllowedTouchOn);
        }

        private static readonly Gen<Channel> GenChannel = Gen.Int[0, 6].Select(i => (Channel)i);

        private static readonly Gen<HistoryEvent[]> GenHistory =
            Gen.Select(Gen.Int[0, 2 * 86400], Gen.Int[0, 9], GenChannel, Gen.Int[0, 1].Select(i => (Origin)i), (gap, r, c, o) => new HistoryEvent(gap, r == 0, c, o)).Array[0, 25];

        private static readonly Gen<AttentionPolicy> GenPolicy =
            Gen.Select(Gen.Int[1, 6], Gen.Int[0, 48], Gen.Int[1, 10], Gen.Int[1, 30], Gen.Int[0, 2], (max, gap, account, conversation, mode) =>
            {
                var p = AttentionPolicy.CreateDefault();
                p.MaxTouches = max;
                p.MaxAutomatedTouches = Math.Min(2, max);
                p.MinGapHours = gap;
                p.AccountMaxTouches = account;
                p.MaxEmailTouches = 1;
                p.MaxPhoneTouches = 1;
                p.CoolDownAfterUnanswered = 1;
                p.ConversationDays = conversation;
                p.Mode = (PolicyMode)mode;
                return p;
            });

        [Fact]
        public void A_person_in_an_active_conversation_is_never_refused_by_a_budget_rule()
        {
            var checkedInConversation = 0;
            Gen.Select(GenHistory, GenPolicy, GenChannel, Gen.Int[0, 86400]).ForAll((events, policy, channel, gap) =>
            {
                var h = new History(policy, Start, events, 50000m);
                var now = h.End.AddSeconds(gap);
                if (!h.Contact.InConversationAt(now, policy)) return;
                checkedInConversation++;
                var d = AttentionEngine.Evaluate(new Touch(channel, Origin.Human, now, Guid.NewGuid()), h.Contact, h.Account, policy, now);
                Assert.False(d.HasViolation, d.Reason.ToString());
                Assert.Equal(DecisionKind.Allow, d.Kind);
                Assert.Equal(ReasonCode.InConversation, d.Reason);
            }, iter: 600);
            Assert.True(checkedInConversation > 50, "too few contacts in conversation to check: " + checkedInConversation);
        }

        [Fact]
        public void Consent_always_wins_in_or_out_of_conversation()
        {
            Gen.Select(GenHistory, GenPolicy, Gen.Int[0, 1].Select(i => (Origin)i), Gen.Int[0, 86400]).ForAll((events, policy, origin, gap) =>
            {
                var h = new History(policy, Start, events, 50000m);
                h.Contact.Consent = ConsentFlags.DoNotPhone;
                var now = h.End.AddSeconds(gap);
                var d = AttentionEngine.Evaluate(new Touch(Channel.Phone, origin, now, Guid.NewGuid()), h.Contact, h.Account, policy, now);
                Assert.Equal(ReasonCode.NoConsentPhone, d.Reason);
                Assert.True(d.HasViolation);
            });
        }

        [Fact]
        public void A_ledger_read_as_version_1_evaluates_like_the_version_2_ledger_it_becomes()
        {
            Gen.Select(GenHistory, GenPolicy, GenChannel, Gen.Int[0, 1].Select(i => (Origin)i)).ForAll((events, policy, channel, origin) =>
            {
                var h = new History(policy, Start, events, 3000m);
                var now = h.End.AddHours(1);
                var v2 = h.Contact.Ledger.Format();
                var v1 = h.Contact.Clone();
                v1.Ledger = Ledger.Parse(Ledger.Version1Prefix + StripCounters(v2));
                var touch = new Touch(channel, origin, now, Guid.NewGuid());

                var fromV2 = AttentionEngine.Evaluate(touch, h.Contact, h.Account, policy, now);
                var fromV1 = AttentionEngine.Evaluate(touch, v1, h.Account, policy, now);

                Assert.Equal(fromV2.Kind, fromV1.Kind);
                Assert.Equal(fromV2.Reason, fromV1.Reason);
                Assert.Equal(fromV2.NextAllowedOn, fromV1.NextAllowedOn);
            });
        }

        /// <summary>The entries of a version-2 text without its counters: what the first release would have stored.</summary>
        private static string StripCounters(string v2)
        {
            var body = v2.Substring(Ledger.VersionPrefix.Length);
            if (!body.StartsWith("U", StringComparison.Ordinal)) return body;
            var semicolon = body.IndexOf(';');
            return semicolon < 0 ? "" : body.Substring(semicolon + 1);
        }
    }
}
