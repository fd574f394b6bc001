using System;
using System.Globalization;
using CrmAttention.Engine;
using Xunit;
using static CrmAttention.Plugins.Tests.Engine.Given;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>One example per reason code, exemption and mode, with the seller's message in English and German.</summary>
    public class EvaluateExampleTests
    {
        private static readonly MessageFormat En = MessageFormat.English;
        private static readonly MessageFormat De = MessageFormat.German;

        [Fact]
        public void Touch_within_budget_is_allowed_with_its_counters()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 22, 9, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.Equal(ReasonCode.WithinBudget, d.Reason);
            Assert.False(d.HasViolation);
            Assert.Null(d.NextAllowedOn);
            Assert.Equal(4, d.RemainingTouches);
            var cap = d.Counter(ReasonCode.WindowCap);
            Assert.Equal(2, cap.Used);
            Assert.Equal(6, cap.Limit);
            Assert.Equal(TimeSpan.FromDays(14), cap.Window);
            Assert.StartsWith("Anna Berg has had 2 of 6 touches in the last 14 days; this touch is within budget. Receptivity ", d.GetMessage(En));
            Assert.StartsWith("Anna Berg hatte 2 von 6 Kontakten in den letzten 14 Tagen; dieser Kontakt liegt im Budget. Aufnahmebereitschaft ", d.GetMessage(De));
        }

        [Fact]
        public void Seventh_touch_in_fourteen_days_is_blocked_until_the_oldest_leaves_the_window()
        {
            var policy = Policy();
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(HumanEmail(), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.WindowCap, d.Reason);
            Assert.Equal(Utc(2026, 12, 3, 9, 40), d.NextAllowedOn);
            Assert.Equal(0, d.RemainingTouches);
            Assert.Equal("Anna Berg has had 6 of 6 touches in the last 14 days; the next touch is possible on 3 December 2026 at 09:40. The attention policy blocks this touch.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg hatte 6 von 6 Kontakten in den letzten 14 Tagen; der nächste Kontakt ist am 3. Dezember 2026 um 09:40 möglich. Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.",
                d.GetMessage(De));
        }

        [Fact]
        public void Message_dates_are_shown_in_the_users_time_zone()
        {
            var policy = Policy();
            var d = AttentionEngine.Evaluate(HumanEmail(), AnnaWithFullWindow(policy), null, policy, Now);
            var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

            Assert.Contains("am 3. Dezember 2026 um 10:40 möglich", d.GetMessage(new MessageFormat(CultureInfo.GetCultureInfo("de-DE"), berlin)));
            Assert.Contains("on 3 December 2026 at 10:40", d.GetMessage(MessageFormat.FromLcid(1033, berlin)));
        }

        [Fact]
        public void Shown_time_is_rounded_up_to_the_minute_so_it_never_invites_a_failing_touch()
        {
            Assert.Equal("3 December 2026 at 09:41", En.FormatInstant(Utc(2026, 12, 3, 9, 40, 1)));
            Assert.Equal("3. Dezember 2026 um 09:40", De.FormatInstant(Utc(2026, 12, 3, 9, 40, 0)));
        }

        [Fact]
        public void Fourth_automated_touch_hits_the_automated_cap()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Automated, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 22, 9, 0), Utc(2026, 11, 23, 9, 0))
                .Answered(policy, Utc(2026, 11, 23, 18, 0));

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Suppress, d.Kind);
            Assert.Equal(ReasonCode.AutomatedCap, d.Reason);
            Assert.Equal(Utc(2026, 12, 4, 9, 0), d.NextAllowedOn);
            Assert.Equal("Anna Berg has had 3 of 3 automated touches in the last 14 days; the next automated touch is possible on 4 December 2026 at 09:00. The automated touch is suppressed.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg hatte 3 von 3 automatisierten Kontakten in den letzten 14 Tagen; der nächste automatisierte Kontakt ist am 4. Dezember 2026 um 09:00 möglich. Der automatisierte Kontakt wird unterdrückt.",
                d.GetMessage(De));
        }

        [Fact]
        public void Automated_cap_does_not_apply_to_a_person()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Automated, Utc(2026, 11, 20, 9, 0), Utc(2026, 11, 22, 9, 0), Utc(2026, 11, 23, 9, 0))
                .Answered(policy, Utc(2026, 11, 23, 18, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.False(d.Counter(ReasonCode.AutomatedCap).Applies);
        }

        [Fact]
        public void Third_call_in_the_window_hits_the_phone_cap()
        {
            var policy = Policy();
            policy.MaxPhoneTouches = 2;
            var contact = Contact().Touched(policy, Channel.Phone, Origin.Human, Utc(2026, 11, 21, 14, 0), Utc(2026, 11, 23, 14, 0)).Answered(policy, Utc(2026, 11, 23, 14, 5), Channel.Phone);

            var d = AttentionEngine.Evaluate(new Touch(Channel.Phone, Origin.Human, Now, Id(702)), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.ChannelCap, d.Reason);
            Assert.Equal(Utc(2026, 12, 5, 14, 0), d.NextAllowedOn);
            Assert.Equal("Anna Berg has had 2 of 2 phone touches in the last 14 days; the next phone touch is possible on 5 December 2026 at 14:00. The attention policy blocks this touch.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg hatte 2 von 2 Kontakten per Telefon in den letzten 14 Tagen; der nächste Kontakt per Telefon ist am 5. Dezember 2026 um 14:00 möglich. Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.",
                d.GetMessage(De));
            Assert.True(AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now).Proceeds);
        }

        [Fact]
        public void Touch_two_hours_after_the_last_one_waits_for_the_minimum_gap()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 25, 8, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(ReasonCode.MinimumGap, d.Reason);
            Assert.Equal(Utc(2026, 11, 26, 8, 0), d.NextAllowedOn);
            Assert.Equal("Anna Berg was last contacted on 25 November 2026 at 08:00; the policy asks for 24 hours between touches, so the next touch is possible on 26 November 2026 at 08:00. The attention policy blocks this touch.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg wurde zuletzt am 25. November 2026 um 08:00 kontaktiert; die Richtlinie verlangt 24 Stunden Abstand zwischen Kontakten, der nächste Kontakt ist am 26. November 2026 um 08:00 möglich. Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.",
                d.GetMessage(De));
        }

        [Fact]
        public void Four_unanswered_touches_start_a_cool_down()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 10, 9, 0), Utc(2026, 11, 12, 9, 0), Utc(2026, 11, 14, 9, 0), Utc(2026, 11, 16, 9, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(ReasonCode.CoolDown, d.Reason);
            Assert.Equal(Utc(2026, 12, 7, 9, 0), d.NextAllowedOn);
            Assert.Equal(4, d.Counter(ReasonCode.CoolDown).Used);
            Assert.Equal("Anna Berg has not answered the last 4 touches; the policy pauses contact for 21 days after 4 unanswered touches; the next touch is possible on 7 December 2026 at 09:00. The attention policy blocks this touch.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg hat auf die letzten 4 Kontakte nicht reagiert; die Richtlinie pausiert nach 4 unbeantworteten Kontakten für 21 Tage; der nächste Kontakt ist am 7. Dezember 2026 um 09:00 möglich. Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.",
                d.GetMessage(De));
        }

        [Fact]
        public void A_response_ends_the_cool_down()
        {
            var policy = Policy();
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 10, 9, 0), Utc(2026, 11, 12, 9, 0), Utc(2026, 11, 14, 9, 0), Utc(2026, 11, 16, 9, 0))
                .Answered(policy, Utc(2026, 11, 20, 9, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.Equal(0, d.Counter(ReasonCode.CoolDown).Used);
        }

        [Fact]
        public void Touches_of_colleagues_fill_the_account_cap()
        {
            var policy = Policy();
            policy.AccountMaxTouches = 3;
            var account = Account();
            var colleague = Contact("Ben Weber");
            colleague.Touched(policy, account, Channel.Email, Origin.Human, Utc(2026, 11, 18, 11, 0), Utc(2026, 11, 20, 11, 0), Utc(2026, 11, 22, 11, 0));

            var d = AttentionEngine.Evaluate(HumanEmail(), Contact(), account, policy, Now);

            Assert.Equal(ReasonCode.AccountCap, d.Reason);
            Assert.Equal(Utc(2026, 12, 2, 11, 0), d.NextAllowedOn);
            Assert.Equal("The account Contoso has had 3 of 3 touches across its contacts in the last 14 days; the next touch to Anna Berg is possible on 2 December 2026 at 11:00. The attention policy blocks this touch.",
                d.GetMessage(En));
            Assert.Equal("Die Firma Contoso hatte 3 von 3 Kontakten über alle Ansprechpartner in den letzten 14 Tagen; der nächste Kontakt mit Anna Berg ist am 2. Dezember 2026 um 11:00 möglich. Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.",
                d.GetMessage(De));
        }

        [Theory]
        [InlineData(ConsentFlags.DoNotEmail, Channel.Email, Origin.Human, ReasonCode.NoConsentEmail,
            "Anna Berg does not want to receive email (Do not allow Emails). The attention policy blocks this touch.",
            "Anna Berg möchte keine E-Mails erhalten (E-Mails nicht zulassen). Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.")]
        [InlineData(ConsentFlags.DoNotPhone, Channel.Phone, Origin.Human, ReasonCode.NoConsentPhone,
            "Anna Berg does not want to be called or texted (Do not allow Phone Calls). The attention policy blocks this touch.",
            "Anna Berg möchte weder Anrufe noch SMS erhalten (Telefonanrufe nicht zulassen). Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.")]
        [InlineData(ConsentFlags.DoNotPhone, Channel.Sms, Origin.Automated, ReasonCode.NoConsentPhone,
            "Anna Berg does not want to be called or texted (Do not allow Phone Calls). The automated touch is suppressed.",
            "Anna Berg möchte weder Anrufe noch SMS erhalten (Telefonanrufe nicht zulassen). Der automatisierte Kontakt wird unterdrückt.")]
        [InlineData(ConsentFlags.DoNotPostalMail, Channel.Letter, Origin.Human, ReasonCode.NoConsentPostalMail,
            "Anna Berg does not want to receive letters (Do not allow Mails). The attention policy blocks this touch.",
            "Anna Berg möchte keine Briefe erhalten (Post nicht zulassen). Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.")]
        [InlineData(ConsentFlags.DoNotBulkEmail, Channel.Email, Origin.Automated, ReasonCode.NoConsentBulkEmail,
            "Anna Berg does not want to receive bulk or automated email (Do not allow Bulk Emails). The automated touch is suppressed.",
            "Anna Berg möchte keine Massen- oder automatisierten E-Mails erhalten (Massen-E-Mails nicht zulassen). Der automatisierte Kontakt wird unterdrückt.")]
        public void Missing_consent_stops_the_touch_for_good(ConsentFlags flags, Channel channel, Origin origin, ReasonCode reason, string english, string german)
        {
            var policy = Policy();
            var contact = Contact();
            contact.Consent = flags;

            var d = AttentionEngine.Evaluate(new Touch(channel, origin, Now, Id(703)), contact, null, policy, Now);

            Assert.Equal(reason, d.Reason);
            Assert.True(d.IsNeverAllowed);
            Assert.Null(d.NextAllowedOn);
            Assert.Equal(english, d.GetMessage(En));
            Assert.Equal(german, d.GetMessage(De));
        }

        [Fact]
        public void Bulk_email_opt_out_does_not_stop_a_sellers_own_email()
        {
            var contact = Contact();
            contact.Consent = ConsentFlags.DoNotBulkEmail;

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, Policy(), Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
        }

        [Fact]
        public void Automated_touch_to_a_saturated_contact_is_suppressed_until_receptivity_recovers()
        {
            var policy = Policy();
            var contact = Contact();
            contact.Pressure = 4;
            contact.PressureAsOf = Now;

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.Suppress, d.Kind);
            Assert.Equal(ReasonCode.Saturated, d.Reason);
            Assert.Equal(Band.Saturated, d.Band);
            Assert.Equal(24.66, d.Score, 2);
            // P must decay from 4 to ln(100/40)/0.35 = 2.618: 14 · log2(4 / 2.618) = 8.56 days.
            var expected = Now.AddDays(14 * Math.Log(4 / (Math.Log(2.5) / 0.35), 2));
            Assert.InRange((d.NextAllowedOn!.Value - expected).TotalSeconds, 0, 1);
            Assert.Equal("Anna Berg is saturated: receptivity 25 of 100; the next automated touch is possible on 3 December 2026 at 23:29. The automated touch is suppressed.", d.GetMessage(En));
            Assert.Equal("Anna Berg ist gesättigt: Aufnahmebereitschaft 25 von 100; der nächste automatisierte Kontakt ist am 3. Dezember 2026 um 23:29 möglich. Der automatisierte Kontakt wird unterdrückt.", d.GetMessage(De));
            Assert.True(AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now).Proceeds);
        }

        [Fact]
        public void Automated_touch_to_a_saturated_high_value_contact_becomes_a_call_for_the_owner()
        {
            var policy = Policy();
            var contact = Contact(value: 50000m);
            contact.Pressure = 4;
            contact.PressureAsOf = Now;

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.RouteToHuman, d.Kind);
            Assert.Equal(ReasonCode.Saturated, d.Reason);
            Assert.EndsWith("Instead of the automated touch, the contact's owner gets a phone call task.", d.GetMessage(En));
            Assert.EndsWith("Statt des automatisierten Kontakts erhält der Besitzer des Kontakts eine Anrufaufgabe.", d.GetMessage(De));
        }

        [Fact]
        public void High_value_contact_without_a_user_owner_or_phone_consent_is_suppressed_not_routed()
        {
            var policy = Policy();
            var teamOwned = Contact(value: 50000m);
            teamOwned.OwnerId = null;
            teamOwned.Pressure = 4;
            teamOwned.PressureAsOf = Now;
            var noPhone = Contact(value: 50000m);
            noPhone.Consent = ConsentFlags.DoNotPhone;
            noPhone.Pressure = 4;
            noPhone.PressureAsOf = Now;

            Assert.Equal(DecisionKind.Suppress, AttentionEngine.Evaluate(AutomatedEmail(), teamOwned, null, policy, Now).Kind);
            Assert.Equal(DecisionKind.Suppress, AttentionEngine.Evaluate(AutomatedEmail(), noPhone, null, policy, Now).Kind);
        }

        [Fact]
        public void Human_first_routes_every_automated_touch_to_a_high_value_contact()
        {
            var policy = Policy();
            policy.HumanFirst = true;
            var contact = Contact(value: 50000m);

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            Assert.Equal(DecisionKind.RouteToHuman, d.Kind);
            Assert.Equal(ReasonCode.HumanFirst, d.Reason);
            Assert.True(d.IsNeverAllowed);
            Assert.Equal("Anna Berg is a high-value contact (value 50,000, threshold 10,000); the policy wants a person to make the next touch. Instead of the automated touch, the contact's owner gets a phone call task.",
                d.GetMessage(En));
            Assert.Equal("Anna Berg ist ein wertvoller Kontakt (Wert 50.000, Schwelle 10.000); laut Richtlinie übernimmt den nächsten Kontakt ein Mensch. Statt des automatisierten Kontakts erhält der Besitzer des Kontakts eine Anrufaufgabe.",
                d.GetMessage(De));
            Assert.Equal(DecisionKind.Allow, AttentionEngine.Evaluate(AutomatedEmail(), Contact(value: 5000m), null, policy, Now).Kind);
        }

        [Fact]
        public void Automated_touch_worth_less_than_it_costs_is_suppressed_for_good()
        {
            var policy = Policy();
            var contact = Contact(value: 10m);

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            // MV(0) = 10 · 0.03 − 0.5 = −0.2: not even an untouched contact is worth an automated email.
            Assert.Equal(DecisionKind.Suppress, d.Kind);
            Assert.Equal(ReasonCode.NegativeMarginalValue, d.Reason);
            Assert.Equal(-0.2, d.MarginalValue, 9);
            Assert.Null(d.NextAllowedOn);
            Assert.Equal("One more automated email touch would do Anna Berg more harm than good (marginal value -0.20); at this contact's value it does not pay off even without any pressure. The automated touch is suppressed.",
                d.GetMessage(En));
            Assert.Equal("Ein weiterer automatisierter Kontakt per E-Mail würde bei Anna Berg mehr schaden als nützen (Grenzwert -0,20); beim Wert dieses Kontakts lohnt er sich selbst ohne jeden Druck nicht. Der automatisierte Kontakt wird unterdrückt.",
                d.GetMessage(De));
        }

        [Fact]
        public void Negative_marginal_value_passes_once_pressure_has_decayed_below_break_even()
        {
            var policy = Policy();
            policy.SaturatedBelow = 5;
            policy.OversaturatedBelow = 1;
            var contact = Contact(value: 5000m);
            contact.Pressure = 4;
            contact.PressureAsOf = Now;

            var d = AttentionEngine.Evaluate(AutomatedEmail(), contact, null, policy, Now);

            Assert.Equal(ReasonCode.NegativeMarginalValue, d.Reason);
            var next = d.NextAllowedOn!.Value;
            Assert.True(d.MarginalValue < 0);
            Assert.True(AttentionEngine.Evaluate(AutomatedEmail(next), contact, null, policy, Now).Counter(ReasonCode.NegativeMarginalValue).Passed);
            Assert.False(AttentionEngine.Evaluate(AutomatedEmail(next.AddSeconds(-1)), contact, null, policy, Now).Counter(ReasonCode.NegativeMarginalValue).Passed);
            Assert.Contains("it is worthwhile again from " + En.FormatInstant(next), d.GetMessage(En));
            Assert.Contains("er lohnt sich wieder ab " + De.FormatInstant(next), d.GetMessage(De));
        }

        [Fact]
        public void Transactional_message_is_exempt_even_when_every_rule_fails()
        {
            var policy = Policy();
            var anna = AnnaWithFullWindow(policy);
            anna.Consent = ConsentFlags.DoNotEmail | ConsentFlags.DoNotBulkEmail;

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Transactional, Now, Id(704)), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Exempt, d.Kind);
            Assert.Equal(ReasonCode.Transactional, d.Reason);
            Assert.Equal("Service message to Anna Berg: not counted against the contact's budget.", d.GetMessage(En));
            Assert.Equal("Servicenachricht an Anna Berg: zählt nicht zum Kontaktbudget.", d.GetMessage(De));
        }

        [Fact]
        public void Reply_to_the_contacts_own_message_is_exempt_within_the_reply_window()
        {
            var policy = Policy();
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now, Id(705), isReplyToInbound: true), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Exempt, d.Kind);
            Assert.Equal(ReasonCode.ReplyToInbound, d.Reason);
            Assert.Equal(ReasonCode.WindowCap, d.OverriddenReason);
            Assert.Equal("Reply to a message from Anna Berg: exempt from the contact's budget.", d.GetMessage(En));
            Assert.Equal("Antwort auf eine Nachricht von Anna Berg: vom Kontaktbudget ausgenommen.", d.GetMessage(De));
        }

        [Fact]
        public void Reply_after_the_reply_window_is_budgeted_like_any_touch()
        {
            var policy = Policy();
            policy.ReplyExemptionDays = 1;
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now.AddDays(1), Id(705), isReplyToInbound: true), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.WindowCap, d.Reason);
        }

        [Fact]
        public void Override_with_a_reason_lets_the_touch_pass_and_keeps_the_overridden_rule()
        {
            var policy = Policy();
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now, Id(706), overrideReason: "Contract renewal deadline today"), anna, null, policy, Now);

            Assert.Equal(DecisionKind.Exempt, d.Kind);
            Assert.Equal(ReasonCode.Override, d.Reason);
            Assert.Equal(ReasonCode.WindowCap, d.OverriddenReason);
            Assert.True(d.ShouldLog(LoggingLevel.NonTrivial));
            Assert.Equal("Budget overridden (\"Contract renewal deadline today\"). Anna Berg has had 6 of 6 touches in the last 14 days; the next touch is possible on 3 December 2026 at 09:40.",
                d.GetMessage(En));
            Assert.Equal("Budget übersteuert (\"Contract renewal deadline today\"). Anna Berg hatte 6 von 6 Kontakten in den letzten 14 Tagen; der nächste Kontakt ist am 3. Dezember 2026 um 09:40 möglich.",
                d.GetMessage(De));
        }

        [Fact]
        public void Override_does_not_override_missing_consent()
        {
            var contact = Contact();
            contact.Consent = ConsentFlags.DoNotEmail;

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now, Id(706), overrideReason: "Customer asked"), contact, null, Policy(), Now);

            Assert.Equal(DecisionKind.Block, d.Kind);
            Assert.Equal(ReasonCode.NoConsentEmail, d.Reason);
        }

        [Fact]
        public void Override_without_a_violation_is_a_plain_allow()
        {
            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Now, Id(706), overrideReason: "Just in case"), Contact(), null, Policy(), Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.Equal(ReasonCode.WithinBudget, d.Reason);
        }

        [Fact]
        public void Engine_failure_fails_open_and_is_logged()
        {
            var d = AttentionEngine.FailOpen(HumanEmail(), Contact(), null, Policy());

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.Equal(ReasonCode.EngineError, d.Reason);
            Assert.True(d.ShouldLog(LoggingLevel.NonTrivial));
            Assert.Equal("The attention check could not be completed; the touch goes ahead and the failure is logged.", d.GetMessage(En));
            Assert.Equal("Die Aufmerksamkeitsprüfung konnte nicht abgeschlossen werden; der Kontakt findet statt, der Fehler wird protokolliert.", d.GetMessage(De));
        }

        [Theory]
        [InlineData(PolicyMode.Audit, Origin.Human, DecisionKind.Allow, " Audit mode: the touch goes ahead and is logged.", " Prüfmodus: der Kontakt findet statt und wird protokolliert.")]
        [InlineData(PolicyMode.Warn, Origin.Human, DecisionKind.Warn, " This is a warning; the touch can still go ahead.", " Dies ist eine Warnung; der Kontakt ist trotzdem möglich.")]
        [InlineData(PolicyMode.Enforce, Origin.Human, DecisionKind.Block, " The attention policy blocks this touch.", " Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt.")]
        [InlineData(PolicyMode.Audit, Origin.Automated, DecisionKind.Allow, " Audit mode: the touch goes ahead and is logged.", " Prüfmodus: der Kontakt findet statt und wird protokolliert.")]
        [InlineData(PolicyMode.Warn, Origin.Automated, DecisionKind.Warn, " This is a warning; the touch can still go ahead.", " Dies ist eine Warnung; der Kontakt ist trotzdem möglich.")]
        [InlineData(PolicyMode.Enforce, Origin.Automated, DecisionKind.Suppress, " The automated touch is suppressed.", " Der automatisierte Kontakt wird unterdrückt.")]
        public void Policy_mode_maps_a_window_cap_violation(PolicyMode mode, Origin origin, DecisionKind expected, string englishEnding, string germanEnding)
        {
            var policy = Policy(mode);
            policy.MaxAutomatedTouches = null;
            var anna = AnnaWithFullWindow(policy);

            var d = AttentionEngine.Evaluate(new Touch(Channel.Email, origin, Now, Id(707)), anna, null, policy, Now);

            Assert.Equal(expected, d.Kind);
            Assert.Equal(ReasonCode.WindowCap, d.Reason);
            Assert.True(d.HasViolation);
            Assert.Equal(Utc(2026, 12, 3, 9, 40), d.NextAllowedOn);
            Assert.True(d.ShouldLog(LoggingLevel.NonTrivial));
            Assert.EndsWith(englishEnding, d.GetMessage(En));
            Assert.EndsWith(germanEnding, d.GetMessage(De));
        }

        [Fact]
        public void Plain_allow_is_logged_only_at_logging_level_all()
        {
            var d = AttentionEngine.Evaluate(HumanEmail(), Contact(), null, Policy(), Now);

            Assert.False(d.ShouldLog(LoggingLevel.NonTrivial));
            Assert.True(d.ShouldLog(LoggingLevel.All));
            Assert.False(d.ShouldLog(LoggingLevel.Off));
        }

        [Fact]
        public void Binding_rule_is_the_one_that_lasts_longest()
        {
            var policy = Policy();
            // Six touches fill the window (free again on 3 December), and four of them are unanswered (cool-down until 15 December).
            var contact = Contact().Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 19, 9, 40), Utc(2026, 11, 20, 9, 40))
                .Answered(policy, Utc(2026, 11, 20, 12, 0))
                .Touched(policy, Channel.Email, Origin.Human, Utc(2026, 11, 21, 9, 40), Utc(2026, 11, 22, 9, 40), Utc(2026, 11, 23, 9, 40), Utc(2026, 11, 24, 9, 40));

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, policy, Now);

            Assert.Equal(ReasonCode.CoolDown, d.Reason);
            Assert.Equal(Utc(2026, 12, 15, 9, 40), d.NextAllowedOn);
            Assert.True(d.Counter(ReasonCode.WindowCap).Failed);
            Assert.Equal(Utc(2026, 12, 3, 9, 40), d.Counter(ReasonCode.WindowCap).NextAllowedOn);
        }

        [Fact]
        public void Next_best_action_prefers_the_most_valuable_open_channel_and_otherwise_says_when_to_wait()
        {
            var policy = Policy();
            var fresh = Contact(value: 20000m);
            var open = AttentionModel.NextBestAction(fresh, null, policy, Origin.Human, Now);
            Assert.Equal(Channel.Meeting, open.Channel);
            Assert.Null(open.WaitUntil);
            Assert.Equal((int)Channel.Meeting, open.ChannelCode);
            Assert.Equal("Best next step: meeting.", open.GetText(En));
            Assert.Equal("Bester nächster Schritt: Termin.", open.GetText(De));

            var anna = AnnaWithFullWindow(policy);
            anna.Value = 20000m;
            var wait = AttentionModel.NextBestAction(anna, null, policy, Origin.Human, Now);
            Assert.Equal(Utc(2026, 12, 3, 9, 40), wait.WaitUntil);
            Assert.Equal(-1, wait.ChannelCode);
            Assert.Equal("Wait until 3 December 2026 at 09:40, then use meeting.", wait.GetText(En));
            Assert.Equal("Bis 3. Dezember 2026 um 09:40 warten, dann Termin nutzen.", wait.GetText(De));
        }

        [Fact]
        public void Next_best_action_is_none_when_no_channel_ever_pays_off()
        {
            var contact = Contact(value: 1m);
            contact.Consent = ConsentFlags.DoNotEmail | ConsentFlags.DoNotPhone | ConsentFlags.DoNotPostalMail;

            var none = AttentionModel.NextBestAction(contact, null, Policy(), Origin.Automated, Now);

            Assert.Null(none.Channel);
            Assert.Equal(-1, none.ChannelCode);
            Assert.Equal("No touch is worthwhile at the moment: every channel is closed or would do more harm than good.", none.GetText(En));
            Assert.Equal("Derzeit lohnt sich kein Kontakt: jeder Kanal ist gesperrt oder würde mehr schaden als nützen.", none.GetText(De));
        }

        [Fact]
        public void Message_language_follows_the_users_language_code()
        {
            Assert.True(MessageFormat.FromLcid(1031).IsGerman);
            Assert.False(MessageFormat.FromLcid(1033).IsGerman);
            Assert.True(MessageFormat.FromLcid(3079).IsGerman);
            Assert.False(MessageFormat.FromLcid(1036).IsGerman);
            Assert.Equal("3 December 2026 at 09:40", MessageFormat.FromLcid(1036).FormatInstant(Utc(2026, 12, 3, 9, 40)));
        }

        [Fact]
        public void Corrupt_ledger_is_read_as_empty_and_flagged_on_the_decision()
        {
            var contact = Contact();
            contact.Ledger = Ledger.Parse("L1|garbage");

            var d = AttentionEngine.Evaluate(HumanEmail(), contact, null, Policy(), Now);

            Assert.Equal(DecisionKind.Allow, d.Kind);
            Assert.True(d.LedgerFlagged);
            Assert.True(d.ShouldLog(LoggingLevel.NonTrivial));
        }
    }
}
