using System;
using System.Linq;
using CrmAttention.Solution.Model;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// Each global choice carries exactly the engine enum's members with the same codes, so a value the engine
    /// returns always has an option in Dataverse (742800000 + code) and no option is left without meaning.
    /// </summary>
    public class EngineChoiceTests
    {
        [Theory]
        [InlineData("cat_channel", typeof(CrmAttention.Engine.Channel))]
        [InlineData("cat_origin", typeof(CrmAttention.Engine.Origin))]
        [InlineData("cat_decisionkind", typeof(CrmAttention.Engine.DecisionKind))]
        [InlineData("cat_band", typeof(CrmAttention.Engine.Band))]
        [InlineData("cat_policymode", typeof(CrmAttention.Engine.PolicyMode))]
        [InlineData("cat_valuesource", typeof(CrmAttention.Engine.ValueSource))]
        [InlineData("cat_logginglevel", typeof(CrmAttention.Engine.LoggingLevel))]
        [InlineData("cat_reasoncode", typeof(CrmAttention.Engine.ReasonCode))]
        public void Choice_options_are_the_engine_enum_members_with_their_codes(string choice, Type engineEnum)
        {
            var options = CrmAttentionSolution.Build().Choice(choice).Options.Select(o => (o.Name, o.Code)).OrderBy(o => o.Code);
            var members = Enum.GetValues(engineEnum).Cast<object>().Select(v => (Enum.GetName(engineEnum, v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))).OrderBy(m => m.Item2);
            Assert.Equal(members, options);
        }
    }
}
