using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class StringOperatorTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        public StringOperatorTests()
        {
            world.Add("contact", 1, ("fullname", "Anna Berg"), ("description", "Prefers email. Call only in emergencies."), ("numberofchildren", 1));
            world.Add("contact", 2, ("fullname", "anton bauer"), ("description", "Emailed twice"));
            world.Add("contact", 3, ("fullname", "Bert 100% Sure"));
            world.Add("contact", 4);
        }

        [Theory]
        [InlineData("an%", new[] { 1, 2 })]
        [InlineData("%BAUER", new[] { 2 })]
        [InlineData("%er%", new[] { 1, 2, 3 })]
        [InlineData("an_a%", new[] { 1 })]
        [InlineData("[ab]%", new[] { 1, 2, 3 })]
        [InlineData("[^a]%", new[] { 3 })]
        [InlineData("%[0-9]%", new[] { 3 })]
        [InlineData("%100[%]%", new[] { 3 })]
        [InlineData("anna berg", new[] { 1 })]
        [InlineData("anna", new int[0])]
        public void Like_follows_sql_wildcards_case_insensitively(string pattern, int[] expected)
        {
            Assert.Equal(expected, world.Where("fullname", ConditionOperator.Like, pattern));
        }

        [Fact]
        public void NotLike_excludes_matches_and_null_rows()
        {
            Assert.Equal(new[] { 3 }, world.Where("fullname", ConditionOperator.NotLike, "an%"));
        }

        [Fact]
        public void BeginsWith_and_DoesNotBeginWith_split_non_null_rows()
        {
            Assert.Equal(new[] { 1, 2 }, world.Where("fullname", ConditionOperator.BeginsWith, "AN"));
            Assert.Equal(new[] { 3 }, world.Where("fullname", ConditionOperator.DoesNotBeginWith, "AN"));
        }

        [Fact]
        public void EndsWith_and_DoesNotEndWith_split_non_null_rows()
        {
            Assert.Equal(new[] { 1 }, world.Where("fullname", ConditionOperator.EndsWith, "berg"));
            Assert.Equal(new[] { 2, 3 }, world.Where("fullname", ConditionOperator.DoesNotEndWith, "berg"));
        }

        [Fact]
        public void Like_on_a_number_column_faults()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("numberofchildren", ConditionOperator.Like, "1%"));
            Assert.Equal("The ConditionOperator.Like needs a String column, but 'numberofchildren' holds Integer.", fault.Detail.Message);
        }

        [Fact]
        public void Contains_on_a_column_without_full_text_index_faults_as_dataverse_does()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("description", ConditionOperator.Contains, "email"));
            Assert.Equal(-2147217120, fault.Detail.ErrorCode);
            Assert.StartsWith("Unknown Condition Operator: Contains. FetchXml does not support it", fault.Detail.Message);
        }

        [Fact]
        public void Contains_on_a_full_text_indexed_column_matches_whole_words()
        {
            world.Context.FullTextIndexedColumns.Add("contact.description");
            Assert.Equal(new[] { 1 }, world.Where("description", ConditionOperator.Contains, "EMAIL"));
            Assert.Equal(new[] { 2 }, world.Where("description", ConditionOperator.DoesNotContain, "email"));
        }
    }
}
