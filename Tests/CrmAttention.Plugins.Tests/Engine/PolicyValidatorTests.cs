using System.Linq;
using CrmAttention.Engine;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    public class PolicyValidatorTests
    {
        [Fact]
        public void Default_policy_is_valid()
        {
            Assert.Empty(PolicyValidator.Validate(AttentionPolicy.CreateDefault()));
            Assert.Empty(PolicyValidator.Validate(AttentionPolicy.CreateDefault(), new ModelParameters().Format()));
        }

        [Fact]
        public void Out_of_range_window_is_reported_by_field_in_english_and_german()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.WindowDays = 0;

            var error = Assert.Single(PolicyValidator.Validate(policy));

            Assert.Equal("cat_windowdays", error.Field);
            Assert.Equal("Window (days) must be between 1 and 365 (is 0).", error.MessageEnglish);
            Assert.Equal("Zeitfenster (Tage) muss zwischen 1 und 365 liegen (ist 0).", error.MessageGerman);
            Assert.Equal(error.MessageGerman, error.GetMessage(MessageFormat.German));
        }

        [Fact]
        public void Decimal_ranges_use_the_languages_number_format()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.ResponseDamping = 1.5;

            var error = Assert.Single(PolicyValidator.Validate(policy));

            Assert.Equal("cat_responsedamping", error.Field);
            Assert.Equal("Response damping must be between 0 and 0.99 (is 1.5).", error.MessageEnglish);
            Assert.Equal("Dämpfung durch Reaktion muss zwischen 0 und 0,99 liegen (ist 1,5).", error.MessageGerman);
        }

        [Theory]
        [InlineData("cat_priority")]
        [InlineData("cat_maxtouches")]
        [InlineData("cat_maxautomatedtouches")]
        [InlineData("cat_maxemailtouches")]
        [InlineData("cat_maxphonetouches")]
        [InlineData("cat_maxmeetingtouches")]
        [InlineData("cat_maxlettertouches")]
        [InlineData("cat_maxsocialtouches")]
        [InlineData("cat_maxsmstouches")]
        [InlineData("cat_mingaphours")]
        [InlineData("cat_cooldowndays")]
        [InlineData("cat_cooldownafterunanswered")]
        [InlineData("cat_accountmaxtouches")]
        [InlineData("cat_accountwindowdays")]
        [InlineData("cat_halflifedays")]
        [InlineData("cat_alpha")]
        [InlineData("cat_beta")]
        [InlineData("cat_pressuretolerance")]
        [InlineData("cat_loadedbelow")]
        [InlineData("cat_saturatedbelow")]
        [InlineData("cat_oversaturatedbelow")]
        [InlineData("cat_valuethreshold")]
        [InlineData("cat_callslahours")]
        [InlineData("cat_replyexemptiondays")]
        [InlineData("cat_conversationdays")]
        [InlineData("cat_mode")]
        [InlineData("cat_valuesource")]
        [InlineData("cat_logginglevel")]
        [InlineData("cat_name")]
        public void Every_parameter_has_a_range(string field)
        {
            var policy = AttentionPolicy.CreateDefault();
            switch (field)
            {
                case "cat_priority": policy.Priority = -1; break;
                case "cat_maxtouches": policy.MaxTouches = 0; break;
                case "cat_maxautomatedtouches": policy.MaxAutomatedTouches = -1; break;
                case "cat_maxemailtouches": policy.MaxEmailTouches = -1; break;
                case "cat_maxphonetouches": policy.MaxPhoneTouches = -1; break;
                case "cat_maxmeetingtouches": policy.MaxMeetingTouches = -1; break;
                case "cat_maxlettertouches": policy.MaxLetterTouches = -1; break;
                case "cat_maxsocialtouches": policy.MaxSocialTouches = -1; break;
                case "cat_maxsmstouches": policy.MaxSmsTouches = -1; break;
                case "cat_mingaphours": policy.MinGapHours = -1; break;
                case "cat_cooldowndays": policy.CoolDownDays = 400; break;
                case "cat_cooldownafterunanswered": policy.CoolDownAfterUnanswered = -1; break;
                case "cat_accountmaxtouches": policy.AccountMaxTouches = 200000; break;
                case "cat_accountwindowdays": policy.AccountWindowDays = 0; break;
                case "cat_halflifedays": policy.HalfLifeDays = 0; break;
                case "cat_alpha": policy.Alpha = double.NaN; break;
                case "cat_beta": policy.Beta = 0; break;
                case "cat_pressuretolerance": policy.PressureTolerance = -0.5; break;
                case "cat_loadedbelow": policy.LoadedBelow = 120; break;
                case "cat_saturatedbelow": policy.SaturatedBelow = 0; policy.OversaturatedBelow = 0; break;
                case "cat_oversaturatedbelow": policy.OversaturatedBelow = 0.5; break;
                case "cat_valuethreshold": policy.ValueThreshold = -1; break;
                case "cat_callslahours": policy.CallSlaHours = 0; break;
                case "cat_replyexemptiondays": policy.ReplyExemptionDays = 91; break;
                case "cat_conversationdays": policy.ConversationDays = -1; break;
                case "cat_mode": policy.Mode = (PolicyMode)9; break;
                case "cat_valuesource": policy.ValueSource = (ValueSource)9; break;
                case "cat_logginglevel": policy.LoggingLevel = (LoggingLevel)9; break;
                case "cat_name": policy.Name = " "; break;
            }

            var errors = PolicyValidator.Validate(policy);

            Assert.Contains(errors, e => e.Field == field);
            Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.MessageGerman)));
        }

        [Fact]
        public void Automated_and_channel_caps_cannot_exceed_the_total_cap()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.MaxAutomatedTouches = 8;
            policy.MaxEmailTouches = 7;

            var errors = PolicyValidator.Validate(policy);

            Assert.Equal(new[] { "cat_maxautomatedtouches", "cat_maxemailtouches" }, errors.Select(e => e.Field).ToArray());
            Assert.Equal("Maximum automated touches cannot be more than Maximum touches (6).", errors[0].MessageEnglish);
            Assert.Equal("Maximale automatisierte Kontakte darf nicht größer als Maximale Kontakte (6) sein.", errors[0].MessageGerman);
        }

        [Fact]
        public void Band_thresholds_must_be_in_order()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.SaturatedBelow = 80;

            var error = Assert.Single(PolicyValidator.Validate(policy));

            Assert.Equal("cat_saturatedbelow", error.Field);
            Assert.Equal("Saturated below score must be lower than Loaded below score.", error.MessageEnglish);
        }

        [Fact]
        public void Senseless_combinations_are_reported()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.MinGapHours = 400;
            policy.CoolDownDays = 0;
            policy.AccountMaxTouches = 4;
            policy.HumanFirst = true;
            policy.ValueThreshold = 0;

            var fields = PolicyValidator.Validate(policy).Select(e => e.Field).ToArray();

            Assert.Equal(new[] { "cat_accountmaxtouches", "cat_mingaphours", "cat_cooldowndays", "cat_valuethreshold" }, fields);
        }

        [Fact]
        public void Model_parameter_text_errors_name_the_line()
        {
            var errors = PolicyValidator.Validate(AttentionPolicy.CreateDefault(), "crmattention-model 1\nEmail Robot 1 0.1 1\nPhone Human 0.6 1.5 15\n");

            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal("cat_modelparameters", e.Field));
            Assert.Equal("Model parameters: Line 2: unknown origin \"Robot\" (Human, Automated, Transactional).", errors[0].MessageEnglish);
            Assert.Equal("Modellparameter: Zeile 2: unbekannte Herkunft \"Robot\" (Human, Automated, Transactional).", errors[0].MessageGerman);
            Assert.Equal("Model parameters Phone Human: p0 must be between 0 and 1.", errors[1].MessageEnglish);
        }

        [Fact]
        public void Model_parameter_values_are_range_checked()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.Model.Set(Channel.Phone, Origin.Human, 0.6, 1.5, 15);
            policy.Model.Set(Channel.Email, Origin.Automated, 0, 0.03, 0.5);

            var errors = PolicyValidator.Validate(policy);

            Assert.Equal(new[] { "Email Automated: the weight must be between 0.01 and 10.", "Phone Human: p0 must be between 0 and 1." },
                errors.Select(e => e.MessageEnglish.Substring("Model parameters ".Length)).ToArray());
        }

        [Fact]
        public void Automation_lists_must_not_repeat_entries()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.AutomationTeams = AttentionPolicy.SplitLines("Sequences\r\n\r\n sequences \nMarketing");

            var error = Assert.Single(PolicyValidator.Validate(policy));

            Assert.Equal("cat_automationteams", error.Field);
            Assert.Equal("Automation teams lists \"sequences\" twice.", error.MessageEnglish);
        }
    }
}
