using System;
using CrmAttention.Engine;
using CsCheck;
using Xunit;

namespace CrmAttention.Plugins.Tests.Engine
{
    public class ModelParametersTests
    {
        [Fact]
        public void Defaults_carry_the_documented_weights()
        {
            var m = new ModelParameters();

            Assert.Equal(1.0, m.Weight(Channel.Email, Origin.Automated));
            Assert.Equal(0.8, m.Weight(Channel.Email, Origin.Human));
            Assert.Equal(0.6, m.Weight(Channel.Phone, Origin.Human));
            Assert.Equal(0.3, m.Weight(Channel.Meeting, Origin.Human));
            Assert.Equal(0.7, m.Weight(Channel.Letter, Origin.Human));
            Assert.Equal(1.0, m.Weight(Channel.Social, Origin.Automated));
            Assert.Equal(1.0, m.Weight(Channel.Sms, Origin.Automated));
            Assert.Equal(0.0, m.Weight(Channel.Email, Origin.Transactional));
        }

        [Fact]
        public void Format_then_parse_round_trips_every_value()
        {
            Gen.Double[0, 10].Array[63].ForAll(values =>
            {
                var m = new ModelParameters();
                for (var c = 0; c < 7; c++)
                    for (var o = 0; o < 3; o++)
                        m.Set((Channel)c, (Origin)o, values[(c * 3 + o) * 3], values[(c * 3 + o) * 3 + 1] / 10, values[(c * 3 + o) * 3 + 2] * 100);

                var parsed = ModelParameters.Parse(m.Format());

                Assert.Equal(m.Format(), parsed.Format());
                Assert.Equal(m.Cost(Channel.Sms, Origin.Human), parsed.Cost(Channel.Sms, Origin.Human));
            });
        }

        [Fact]
        public void Rows_not_listed_keep_their_defaults_and_names_are_case_insensitive()
        {
            var m = ModelParameters.Parse("# fitted by calibrate\ncrmattention-model 1\nemail automated 0.9 0.025 0.4\n");

            Assert.Equal(0.9, m.Weight(Channel.Email, Origin.Automated));
            Assert.Equal(0.025, m.BaseResponseRate(Channel.Email, Origin.Automated));
            Assert.Equal(0.4, m.Cost(Channel.Email, Origin.Automated));
            Assert.Equal(0.6, m.Weight(Channel.Phone, Origin.Human));
        }

        [Fact]
        public void Empty_text_means_defaults()
        {
            Assert.Equal(new ModelParameters().Format(), ModelParameters.TryParse("  ", out var errors)!.Format());
            Assert.Empty(errors);
        }

        [Fact]
        public void Unknown_version_is_refused_with_a_clear_error()
        {
            var ex = Assert.Throws<AttentionEngineException>(() => ModelParameters.Parse("crmattention-model 2\nEmail Human 1 0.1 1"));

            Assert.Equal("Model parameters: Version 2 of the model parameters is not supported; this engine reads version 1.", ex.Message);
            Assert.Equal("Modellparameter: Version 2 der Modellparameter wird nicht unterstützt; diese Engine liest Version 1.", ex.MessageGerman);
        }

        [Theory]
        [InlineData("Email Human 1 0.1 1", "Line 1 must be the header \"crmattention-model 1\".")]
        [InlineData("# only a comment", "The header \"crmattention-model 1\" is missing.")]
        [InlineData("crmattention-model 1\nEmail Human 1 0.1", "Line 2 must have five parts: channel, origin, weight, p0, cost.")]
        [InlineData("crmattention-model 1\nFax Human 1 0.1 1", "Line 2: unknown channel \"Fax\" (Email, Phone, Meeting, Letter, Social, Sms, Other).")]
        [InlineData("crmattention-model 1\nEmail Human 1,5 0.1 1", "Line 2: weight, p0 and cost must be numbers with a decimal point (e.g. 0.8).")]
        [InlineData("crmattention-model 1\nEmail Human 1 0.1 1\nEmail Human 1 0.1 1", "Line 3: Email Human is listed twice.")]
        public void Malformed_text_names_the_problem(string text, string english)
        {
            ModelParameters.TryParse(text, out var errors);

            Assert.Equal("Model parameters: " + english, Assert.Single(errors).MessageEnglish);
        }
    }
}
