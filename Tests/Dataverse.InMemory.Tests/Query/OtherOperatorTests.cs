using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class OtherOperatorTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        public OtherOperatorTests()
        {
            world.Add("contact", 1, ("cat_channels", new OptionSetValueCollection { new OptionSetValue(1), new OptionSetValue(2) }), ("languagecode", 1031));
            world.Add("contact", 2, ("cat_channels", new OptionSetValueCollection { new OptionSetValue(3) }), ("languagecode", 1033));
            world.Add("contact", 3);
        }

        [Fact]
        public void ContainValues_matches_rows_holding_any_of_the_options()
        {
            Assert.Equal(new[] { 1, 2 }, world.Where("cat_channels", ConditionOperator.ContainValues, 2, 3));
            Assert.Equal(new[] { 1 }, world.Where("cat_channels", ConditionOperator.ContainValues, new OptionSetValue(1)));
        }

        [Fact]
        public void DoesNotContainValues_matches_non_null_rows_holding_none_of_the_options()
        {
            Assert.Equal(new[] { 2 }, world.Where("cat_channels", ConditionOperator.DoesNotContainValues, 1));
        }

        [Fact]
        public void Equal_on_a_multi_select_column_is_refused_by_name()
        {
            var error = Assert.Throws<NotSupportedException>(() => world.Where("cat_channels", ConditionOperator.Equal, 1));
            Assert.Contains("cat_channels", error.Message);
        }

        [Fact]
        public void EqualUserLanguage_compares_with_the_callers_language()
        {
            world.Context.LanguageCode = 1031;
            Assert.Equal(new[] { 1 }, world.Where("languagecode", ConditionOperator.EqualUserLanguage));
        }

        [Theory]
        [InlineData(ConditionOperator.ThisFiscalYear)]
        [InlineData(ConditionOperator.LastFiscalPeriod)]
        [InlineData(ConditionOperator.InFiscalYear)]
        [InlineData(ConditionOperator.Under)]
        [InlineData(ConditionOperator.AboveOrEqual)]
        [InlineData(ConditionOperator.EqualUserOrUserHierarchy)]
        [InlineData(ConditionOperator.Mask)]
        [InlineData(ConditionOperator.ChildOf)]
        public void Operators_the_engine_does_not_model_throw_naming_the_operator(ConditionOperator op)
        {
            var error = Assert.Throws<NotSupportedException>(() => world.Where("languagecode", op, 1));
            Assert.Contains($"'{op}'", error.Message);
            Assert.Contains("contact.languagecode", error.Message);
        }

        [Fact]
        public void An_unsupported_operator_inside_an_or_filter_still_throws()
        {
            var query = new QueryExpression("contact");
            var or = query.Criteria.AddFilter(LogicalOperator.Or);
            or.AddCondition("languagecode", ConditionOperator.Equal, 1033);
            or.AddCondition("createdon", ConditionOperator.ThisFiscalPeriod);
            Assert.Throws<NotSupportedException>(() => world.Run(query));
        }

        [Fact]
        public void Nested_and_or_filters_combine()
        {
            var query = new QueryExpression("contact");
            query.Criteria.AddCondition("languagecode", ConditionOperator.NotNull);
            var or = query.Criteria.AddFilter(LogicalOperator.Or);
            or.AddCondition("languagecode", ConditionOperator.Equal, 1033);
            or.AddCondition("cat_channels", ConditionOperator.ContainValues, 1);
            var empty = query.Criteria.AddFilter(LogicalOperator.Or);
            Assert.Empty(empty.Conditions);
            Assert.Equal(new[] { 1, 2 }, world.Ids(query));
        }
    }
}
