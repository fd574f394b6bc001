using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using Xunit;
using static CrmAttention.Plugins.Tests.Engine.Given;

namespace CrmAttention.Plugins.Tests.Engine
{
    public class RecipientsAndBriefingTests
    {
        /// <summary>200 contacts: every 10th saturated and high value, every 10th (offset 5) saturated and low value, every 20th without bulk-email consent.</summary>
        private static List<Recipient> TwoHundredRecipients(AttentionPolicy policy, AccountState account)
        {
            var list = new List<Recipient>();
            for (var i = 0; i < 200; i++)
            {
                var c = new ContactState { Id = Id(10000 + i), DisplayName = "Contact " + i, OwnerId = OwnerId, Value = 1000m };
                if (i % 10 == 0 || i % 10 == 5)
                {
                    c.Pressure = 5;
                    c.PressureAsOf = Now;
                    if (i % 10 == 0) c.Value = 80000m;
                }
                else if (i % 20 == 3)
                {
                    c.Consent = ConsentFlags.DoNotBulkEmail;
                }
                list.Add(new Recipient(c, i < 30 ? account : null, policy));
            }
            return list;
        }

        [Fact]
        public void One_email_to_200_contacts_is_decided_per_recipient()
        {
            var policy = Policy();
            var result = AttentionEngine.EvaluateRecipients(new Touch(Channel.Email, Origin.Automated, Now, Id(900)), TwoHundredRecipients(policy, Account()), Now);

            Assert.Equal(200, result.Decisions.Count);
            Assert.Equal(20, result.Routed.Count);
            Assert.All(result.Routed, d => Assert.Equal(ReasonCode.Saturated, d.Reason));
            Assert.Equal(30, result.Suppressed.Count);
            Assert.Equal(10, result.Suppressed.Count(d => d.Reason == ReasonCode.NoConsentBulkEmail));
            Assert.Equal(150, result.Proceeding.Count);
            Assert.Empty(result.Blocked);
            Assert.False(result.NoneProceed);
            Assert.Equal("Contact 7", result.Decisions[7].ContactName);
            Assert.Equal("Of 200 recipients, 150 receive the touch, 30 are suppressed, 20 become phone calls for their owners, 0 are blocked.", result.GetSummary(MessageFormat.English));
            Assert.Equal("Von 200 Empfängern erhalten 150 den Kontakt, 30 werden unterdrückt, 20 werden zu Anrufen für ihre Besitzer, 0 sind blockiert.", result.GetSummary(MessageFormat.German));
        }

        [Fact]
        public void Shared_account_counts_one_email_once_so_its_cap_does_not_cut_the_list()
        {
            var policy = Policy();
            policy.AccountMaxTouches = 1;
            var account = Account();
            var recipients = Enumerable.Range(0, 5).Select(i => new Recipient(new ContactState { Id = Id(20000 + i), DisplayName = "C" + i }, account, policy)).ToList();
            var email = new Touch(Channel.Email, Origin.Human, Now, Id(901));

            var result = AttentionEngine.EvaluateRecipients(email, recipients, Now);
            foreach (var r in recipients) AttentionRecorder.RecordPending(r.Contact, r.Account, email, policy, Now);
            var atSend = AttentionEngine.EvaluateRecipients(email, recipients, Now);

            Assert.Equal(5, result.Proceeding.Count);
            Assert.Equal(5, atSend.Proceeding.Count);
            Assert.Single(account.Ledger.Entries);
        }

        [Fact]
        public void When_no_recipient_remains_the_activity_is_cancelled()
        {
            var policy = Policy();
            var c = Contact();
            c.Consent = ConsentFlags.DoNotBulkEmail;

            var result = AttentionEngine.EvaluateRecipients(AutomatedEmail(), new[] { new Recipient(c, null, policy) }, Now);

            Assert.True(result.NoneProceed);
        }

        private static ContactState SaturatedByAutomation(AttentionPolicy policy)
        {
            var c = Contact(value: 60000m).Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 2, 9, 0)).Answered(policy, Utc(2026, 11, 3, 11, 30));
            c.Touched(policy, Channel.Email, Origin.Automated, Utc(2026, 11, 20, 8, 0), Utc(2026, 11, 23, 8, 0));
            c.Touched(policy, Channel.Social, Origin.Automated, Utc(2026, 11, 24, 8, 0));
            return c;
        }

        [Fact]
        public void Briefing_of_a_routed_call_explains_who_why_history_and_what_to_say()
        {
            var policy = Policy();
            var contact = SaturatedByAutomation(policy);
            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);
            Assert.Equal(DecisionKind.RouteToHuman, d.Kind);

            var briefing = CallBriefing.Compose(d, contact, policy, Now);

            Assert.Equal(BriefingSituation.AfterUnansweredAutomated, briefing.Situation);
            Assert.Equal(Now.AddHours(24), briefing.DueOn);
            Assert.Equal("Call Anna Berg instead of an automated email", briefing.GetSubject(MessageFormat.English));
            Assert.Equal("Anruf bei Anna Berg statt automatisierter Kontakt per E-Mail", briefing.GetSubject(MessageFormat.German));
            var en = briefing.GetText(MessageFormat.English);
            Assert.Equal(
                "Who: Anna Berg, value 60,000, receptivity 39 of 100 (saturated).\n" +
                "Why a call: Anna Berg has had 3 of 3 automated touches in the last 14 days; the next automated touch is possible on 4 December 2026 at 08:00.\n" +
                "Recent touches:\n" +
                "- 24 November 2026 at 08:00, social media, automated\n" +
                "- 23 November 2026 at 08:00, email, automated\n" +
                "- 20 November 2026 at 08:00, email, automated\n" +
                "Last response: 3 November 2026 at 11:30, email.\n" +
                "Next automated touch allowed: 4 December 2026 at 08:00.\n" +
                "Call due by: 26 November 2026 at 10:00.\n" +
                "Talking points:\n" +
                "- Acknowledge the recent messages and do not repeat their content.\n" +
                "- Ask how they prefer to be contacted and how often.\n" +
                "- Find out whether the silence means bad timing, the wrong person or no interest.\n", en);
            var de = briefing.GetText(MessageFormat.German);
            Assert.StartsWith("Wer: Anna Berg, Wert 60.000, Aufnahmebereitschaft 39 von 100 (gesättigt).\nWarum ein Anruf: Anna Berg hatte 3 von 3 automatisierten Kontakten", de);
            Assert.Contains("- 24. November 2026 um 08:00, soziale Medien, automatisiert\n", de);
            Assert.Contains("Letzte Reaktion: 3. November 2026 um 11:30, E-Mail.\n", de);
            Assert.Contains("Gesprächspunkte:\n- Sprechen Sie die letzten Nachrichten offen an", de);
        }

        [Fact]
        public void First_contact_gets_introduction_talking_points()
        {
            var policy = Policy();
            policy.HumanFirst = true;
            var contact = Contact(value: 90000m);
            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            var briefing = CallBriefing.Compose(d, contact, policy, Now);

            Assert.Equal(BriefingSituation.FirstContact, briefing.Situation);
            var en = briefing.GetText(MessageFormat.English);
            Assert.Contains("Why a call: Anna Berg is a high-value contact (value 90,000, threshold 10,000); the policy wants a person to make the next touch.\n", en);
            Assert.Contains("Recent touches: none.\n", en);
            Assert.Contains("Last response: none so far.\n", en);
            Assert.Contains("Next automated touch allowed: not while the policy or consent stays as it is.\n", en);
            Assert.Contains("- Introduce yourself and why you are calling this person in particular.\n", en);
            Assert.Contains("- Stellen Sie sich vor und sagen Sie, warum Sie gerade diese Person anrufen.\n", briefing.GetText(MessageFormat.German));
        }

        [Fact]
        public void Long_silence_after_personal_touches_is_a_re_engagement()
        {
            var policy = Policy();
            policy.HumanFirst = true;
            var contact = Contact(value: 90000m).Answered(policy, Utc(2026, 8, 1)).Touched(policy, Channel.Phone, Origin.Human, Utc(2026, 11, 10, 15, 0));

            var briefing = CallBriefing.Compose(AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now), contact, policy, Now);

            Assert.Equal(BriefingSituation.ReEngagement, briefing.Situation);
            Assert.Contains("- Ask whether the topic is still relevant, and accept a no.\n", briefing.GetText(MessageFormat.English));
            Assert.Contains("- Fragen Sie, ob das Thema noch relevant ist, und akzeptieren Sie ein Nein.\n", briefing.GetText(MessageFormat.German));
        }

        [Fact]
        public void Recent_answer_continues_the_conversation()
        {
            var policy = Policy();
            policy.HumanFirst = true;
            var contact = Contact(value: 90000m).Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 20, 9, 0)).Answered(policy, Utc(2026, 11, 21, 9, 0));

            var briefing = CallBriefing.Compose(AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now), contact, policy, Now);

            Assert.Equal(BriefingSituation.OngoingConversation, briefing.Situation);
            Assert.Contains("- Pick up where their last response left off.\n", briefing.GetText(MessageFormat.English));
        }
    }
}
