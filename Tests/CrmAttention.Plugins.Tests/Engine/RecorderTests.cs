using System;
using CrmAttention.Engine;
using Xunit;
using static CrmAttention.Plugins.Tests.Engine.Given;

namespace CrmAttention.Plugins.Tests.Engine
{
    public class RecorderTests
    {
        [Fact]
        public void Pending_touch_holds_the_last_free_slot_against_a_concurrent_automation()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Automated, Utc(2026, 11, 18, 9, 0), Utc(2026, 11, 20, 9, 0)).Answered(policy, Utc(2026, 11, 21, 9, 0));
            var first = new Touch(Channel.Email, Origin.Automated, Now, Id(801));
            var second = new Touch(Channel.Email, Origin.Automated, Now, Id(802));

            Assert.True(AttentionEngine.Evaluate(first, contact, null, policy, Now).Proceeds);
            AttentionRecorder.RecordPending(contact, null, first, policy, Now);
            var d = AttentionEngine.Evaluate(second, contact, null, policy, Now);

            Assert.Equal(DecisionKind.Suppress, d.Kind);
            Assert.Equal(ReasonCode.AutomatedCap, d.Reason);
            Assert.Equal(3, d.Counter(ReasonCode.AutomatedCap).Used);
        }

        [Fact]
        public void Re_evaluating_the_same_activity_does_not_count_its_own_pending_entry()
        {
            var policy = Policy();
            var contact = Contact();
            var touch = new Touch(Channel.Email, Origin.Human, Now, Id(803));
            AttentionRecorder.RecordPending(contact, null, touch, policy, Now);

            var atSend = AttentionEngine.Evaluate(touch, contact, null, policy, Now);

            Assert.Equal(DecisionKind.Allow, atSend.Kind);
            Assert.Equal(0, atSend.Counter(ReasonCode.WindowCap).Used);
        }

        [Fact]
        public void Re_evaluating_an_already_completed_activity_leaves_it_out_of_every_count()
        {
            var policy = Policy();
            var account = Account();
            var contact = Contact().Touched(policy, account, Channel.Email, Origin.Human, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 22, 9, 0));
            var touch = new Touch(Channel.Email, Origin.Human, Utc(2026, 11, 24, 9, 0), Id(820));
            AttentionRecorder.RecordTouch(contact, account, touch, policy, touch.At);

            var again = AttentionEngine.Evaluate(touch, contact, account, policy, Now);
            var other = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, touch.At, Id(821)), contact, account, policy, Now);

            Assert.Equal(2, again.Counter(ReasonCode.WindowCap).Used);
            Assert.Equal(2, again.Counter(ReasonCode.ChannelCap).Used);
            Assert.Equal(2, again.Counter(ReasonCode.AccountCap).Used);
            Assert.Equal(ReasonCode.WithinBudget, again.Reason);
            Assert.Equal(3, other.Counter(ReasonCode.WindowCap).Used);
            Assert.Equal(ReasonCode.MinimumGap, other.Reason);
        }

        [Fact]
        public void Completing_confirms_the_pending_touch_once_and_cancelling_removes_it()
        {
            var policy = Policy();
            var contact = Contact();
            var account = Account();
            var sent = new Touch(Channel.Email, Origin.Human, Now, Id(804));
            var dropped = new Touch(Channel.Phone, Origin.Human, Now, Id(805));
            AttentionRecorder.RecordPending(contact, account, sent, policy, Now);
            AttentionRecorder.RecordPending(contact, account, dropped, policy, Now);

            AttentionRecorder.RecordTouch(contact, account, sent, policy, Now.AddMinutes(1));
            AttentionRecorder.RecordTouch(contact, account, sent, policy, Now.AddMinutes(1));
            AttentionRecorder.CancelPending(contact, account, dropped.ActivityId);

            Assert.Single(contact.Ledger.Entries);
            Assert.Equal(LedgerEntryKind.Touch, contact.Ledger[0].Kind);
            Assert.Single(account.Ledger.Entries);
            Assert.Equal(1, contact.UnansweredTouches);
            Assert.Equal(0.8, contact.Pressure, 12);
        }

        [Fact]
        public void Expired_pending_touch_no_longer_counts()
        {
            var policy = Policy();
            var contact = Contact();
            AttentionRecorder.RecordPending(contact, null, new Touch(Channel.Email, Origin.Human, Now, Id(806)), policy, Now);

            var during = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now.AddHours(23), Id(807)), contact, null, policy, Now.AddHours(23));
            var after = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now.AddHours(25), Id(807)), contact, null, policy, Now.AddHours(25));

            Assert.Equal(ReasonCode.MinimumGap, during.Reason);
            Assert.Equal(ReasonCode.WithinBudget, after.Reason);
            Assert.Equal(0, after.Counter(ReasonCode.WindowCap).Used);
        }

        [Fact]
        public void One_email_to_two_contacts_of_an_account_counts_once_on_the_account()
        {
            var policy = Policy();
            var account = Account();
            var email = new Touch(Channel.Email, Origin.Human, Now, Id(808));

            AttentionRecorder.RecordTouch(Contact("Anna Berg"), account, email, policy, Now);
            AttentionRecorder.RecordTouch(Contact("Ben Weber"), account, email, policy, Now);

            Assert.Single(account.Ledger.Entries);
            Assert.Equal(0.8, account.Pressure, 12);
        }

        [Fact]
        public void Transactional_touch_adds_no_unanswered_count_and_is_never_reserved()
        {
            var policy = Policy();
            var contact = Contact();
            var receipt = new Touch(Channel.Email, Origin.Transactional, Now, Id(809));

            AttentionRecorder.RecordPending(contact, null, receipt, policy, Now);
            Assert.Equal(0, contact.Ledger.Count);
            AttentionRecorder.RecordTouch(contact, null, receipt, policy, Now);

            Assert.Equal(0, contact.UnansweredTouches);
            Assert.Equal(Now, contact.LastTouchOn);
            Assert.Equal(0, AttentionEngine.Evaluate(HumanEmail(Now.AddDays(2)), contact, null, policy, Now.AddDays(2)).Counter(ReasonCode.WindowCap).Used);
        }

        [Fact]
        public void Response_damps_pressure_resets_unanswered_and_is_recorded_once()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Automated, Now);
            var reply = Id(810);

            AttentionRecorder.RecordResponse(contact, Channel.Email, Now, reply, policy);
            AttentionRecorder.RecordResponse(contact, Channel.Email, Now, reply, policy);

            Assert.Equal(0.25, contact.Pressure, 12);
            Assert.Equal(0, contact.UnansweredTouches);
            Assert.Equal(Now, contact.LastResponseOn);
        }

        [Fact]
        public void Recompute_returns_the_stored_values_of_the_contact()
        {
            var policy = Policy();
            var account = Account();
            var anna = Contact();
            anna.Touched(policy, account, Channel.Email, Origin.Human, Utc(2026, 11, 19, 9, 40), Utc(2026, 11, 20, 9, 40), Utc(2026, 11, 21, 9, 40), Utc(2026, 11, 22, 9, 40));
            anna.Touched(policy, account, Channel.Email, Origin.Automated, Utc(2026, 11, 23, 9, 40), Utc(2026, 11, 24, 9, 40));
            anna.Answered(policy, Utc(2026, 11, 24, 12, 0));

            var snapshot = AttentionRecorder.Recompute(anna, account, policy, Now);

            Assert.Equal(6, snapshot.TouchesInWindow);
            Assert.Equal(2, snapshot.AutomatedTouchesInWindow);
            Assert.Equal(Utc(2026, 12, 3, 9, 40), snapshot.NextAllowedTouchOn);
            Assert.Equal(Now, snapshot.PressureAsOf);
            Assert.Equal(AttentionModel.Score(snapshot.Pressure, policy), snapshot.Score, 12);
            Assert.Equal(AttentionModel.BandOf(snapshot.Score, policy), snapshot.Band);
            Assert.Equal(0, snapshot.UnansweredTouches);
            Assert.Equal(Utc(2026, 11, 24, 9, 40), snapshot.LastTouchOn);
            Assert.Equal(anna.Ledger.Format(), snapshot.Ledger);
            Assert.Equal(7, Ledger.Parse(snapshot.Ledger).Count);
            var accountSnapshot = AttentionRecorder.Recompute(account, policy, Now);
            Assert.Equal(6, accountSnapshot.TouchesInWindow);
        }

        [Fact]
        public void State_persisted_as_columns_and_read_back_gives_the_same_decision()
        {
            var policy = Policy();
            var anna = AnnaWithFullWindow(policy);
            AttentionRecorder.RecordPending(anna, null, new Touch(Channel.Phone, Origin.Automated, Now, Id(830)), policy, Now);
            var snapshot = AttentionRecorder.Recompute(anna, null, policy, Now);
            var readBack = new ContactState
            {
                Id = anna.Id, DisplayName = anna.DisplayName, Pressure = snapshot.Pressure, PressureAsOf = snapshot.PressureAsOf,
                Ledger = Ledger.Parse(snapshot.Ledger), UnansweredTouches = snapshot.UnansweredTouches, LastTouchOn = snapshot.LastTouchOn,
                LastResponseOn = snapshot.LastResponseOn, OwnerId = anna.OwnerId,
            };

            var before = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);
            var after = AttentionEngine.Evaluate(HumanEmail(), readBack, null, policy, Now);

            Assert.Equal(before.Kind, after.Kind);
            Assert.Equal(before.Reason, after.Reason);
            Assert.Equal(before.NextAllowedOn, after.NextAllowedOn);
            Assert.Equal(before.Score, after.Score, 12);
            Assert.Equal(7, after.Counter(ReasonCode.WindowCap).Used);
        }

        [Fact]
        public void Ledger_drops_what_no_rule_can_use_any_more()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 9, 1), Utc(2026, 10, 1), Utc(2026, 11, 20));

            AttentionRecorder.Recompute(contact, null, policy, Now);

            // Retention is the longest rule horizon: the 21-day cool-down. 1 September and 1 October are gone.
            Assert.Single(contact.Ledger.Entries);
            Assert.Equal(Utc(2026, 11, 20), contact.Ledger[0].Time);
        }

        [Fact]
        public void Touch_recorded_late_gives_the_same_pressure_as_in_order()
        {
            var policy = Policy();
            var inOrder = Contact();
            AttentionRecorder.RecordTouch(inOrder, null, new Touch(Channel.Email, Origin.Human, Now, Id(811)), policy, Now);
            AttentionRecorder.RecordTouch(inOrder, null, new Touch(Channel.Phone, Origin.Human, Now.AddHours(5), Id(812)), policy, Now.AddHours(5));
            var late = Contact();
            AttentionRecorder.RecordTouch(late, null, new Touch(Channel.Phone, Origin.Human, Now.AddHours(5), Id(812)), policy, Now.AddHours(5));
            AttentionRecorder.RecordTouch(late, null, new Touch(Channel.Email, Origin.Human, Now, Id(811)), policy, Now);

            Assert.Equal(AttentionModel.PressureAt(inOrder, policy, Now.AddDays(1)), AttentionModel.PressureAt(late, policy, Now.AddDays(1)), 12);
        }
    }
}
