using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class ComparisonOperatorTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        public ComparisonOperatorTests()
        {
            world.Add("contact", 1, ("numberofchildren", 1), ("lastname", "adams"), ("annualincome", new Money(10m)), ("birthdate", new DateTime(1990, 1, 1)));
            world.Add("contact", 2, ("numberofchildren", 2), ("lastname", "Baker"), ("annualincome", new Money(20m)), ("birthdate", new DateTime(2000, 1, 1)));
            world.Add("contact", 3, ("numberofchildren", 3), ("lastname", "carter"), ("annualincome", new Money(30m)));
            world.Add("contact", 4);
        }

        [Theory]
        [InlineData(ConditionOperator.GreaterThan, new[] { 3 })]
        [InlineData(ConditionOperator.GreaterEqual, new[] { 2, 3 })]
        [InlineData(ConditionOperator.LessThan, new[] { 1 })]
        [InlineData(ConditionOperator.LessEqual, new[] { 1, 2 })]
        public void Comparisons_against_two_never_match_the_null_row(ConditionOperator op, int[] expected)
        {
            Assert.Equal(expected, world.Where("numberofchildren", op, 2));
        }

        [Fact]
        public void Text_compares_case_insensitively()
        {
            Assert.Equal(new[] { 2, 3 }, world.Where("lastname", ConditionOperator.GreaterThan, "ADAMS"));
        }

        [Fact]
        public void Currency_compares_by_amount()
        {
            Assert.Equal(new[] { 2, 3 }, world.Where("annualincome", ConditionOperator.GreaterEqual, new Money(20m)));
        }

        [Fact]
        public void Between_includes_both_bounds_and_NotBetween_excludes_null()
        {
            Assert.Equal(new[] { 1, 2 }, world.Where("numberofchildren", ConditionOperator.Between, 1, 2));
            Assert.Equal(new[] { 3 }, world.Where("numberofchildren", ConditionOperator.NotBetween, 1, 2));
        }

        [Fact]
        public void Between_on_dates_compares_instants()
        {
            Assert.Equal(new[] { 2 }, world.Where("birthdate", ConditionOperator.Between, new DateTime(1995, 1, 1), new DateTime(2000, 1, 1)));
        }

        [Fact]
        public void Between_with_one_value_faults_naming_the_required_count()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("numberofchildren", ConditionOperator.Between, 1));
            Assert.Equal("The ConditionOperator.Between requires 2 value/s, not 1. Parameter Name: numberofchildren", fault.Detail.Message);
        }
    }
}
