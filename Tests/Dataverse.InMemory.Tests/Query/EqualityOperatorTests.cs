using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class EqualityOperatorTests
    {
        private readonly QueryWorld world = new QueryWorld("contact");

        public EqualityOperatorTests()
        {
            world.Add("contact", 1, ("lastname", "Müller"), ("parentcustomerid", new EntityReference("account", QueryWorld.Id(100))),
                ("preferredcontactmethodcode", new OptionSetValue(2)), ("annualincome", new Money(1000m)), ("numberofchildren", 2),
                ("donotemail", true), ("ownerid", new EntityReference("systemuser", QueryWorld.UserId)),
                ("owningbusinessunit", new EntityReference("businessunit", QueryWorld.BusinessUnitId)));
            world.Add("contact", 2, ("lastname", "Smith"), ("preferredcontactmethodcode", new OptionSetValue(3)), ("annualincome", new Money(50m)),
                ("numberofchildren", 0), ("donotemail", false), ("ownerid", new EntityReference("team", QueryWorld.TeamId)));
            world.Add("contact", 3);
        }

        [Fact]
        public void Equal_on_text_ignores_case_and_trailing_spaces_as_the_sql_collation_does()
        {
            Assert.Equal(new[] { 2 }, world.Where("lastname", ConditionOperator.Equal, "SMITH  "));
        }

        [Fact]
        public void Equal_on_text_ignores_accents_as_the_default_collation_does()
        {
            Assert.Equal(new[] { 1 }, world.Where("lastname", ConditionOperator.Equal, "muller"));
        }

        [Fact]
        public void Equal_on_a_lookup_accepts_a_guid_an_entity_reference_or_guid_text()
        {
            Assert.Equal(new[] { 1 }, world.Where("parentcustomerid", ConditionOperator.Equal, QueryWorld.Id(100)));
            Assert.Equal(new[] { 1 }, world.Where("parentcustomerid", ConditionOperator.Equal, new EntityReference("account", QueryWorld.Id(100))));
            Assert.Equal(new[] { 1 }, world.Where("parentcustomerid", ConditionOperator.Equal, QueryWorld.Id(100).ToString("B")));
        }

        [Fact]
        public void Equal_on_a_choice_accepts_an_int_or_an_option_set_value()
        {
            Assert.Equal(new[] { 2 }, world.Where("preferredcontactmethodcode", ConditionOperator.Equal, 3));
            Assert.Equal(new[] { 2 }, world.Where("preferredcontactmethodcode", ConditionOperator.Equal, new OptionSetValue(3)));
        }

        [Fact]
        public void Equal_on_currency_accepts_a_decimal_or_money()
        {
            Assert.Equal(new[] { 1 }, world.Where("annualincome", ConditionOperator.Equal, 1000m));
            Assert.Equal(new[] { 1 }, world.Where("annualincome", ConditionOperator.Equal, new Money(1000m)));
        }

        [Fact]
        public void Equal_on_a_boolean_accepts_true_or_one()
        {
            Assert.Equal(new[] { 1 }, world.Where("donotemail", ConditionOperator.Equal, true));
            Assert.Equal(new[] { 1 }, world.Where("donotemail", ConditionOperator.Equal, 1));
        }

        [Fact]
        public void Equal_never_matches_a_null_column()
        {
            Assert.Equal(new[] { 2 }, world.Where("numberofchildren", ConditionOperator.Equal, 0));
        }

        [Fact]
        public void NotEqual_matches_rows_where_the_column_is_null_as_dataverse_does()
        {
            Assert.Equal(new[] { 2, 3 }, world.Where("lastname", ConditionOperator.NotEqual, "müller"));
        }

        [Fact]
        public void In_matches_any_listed_value_and_NotIn_excludes_null_rows()
        {
            Assert.Equal(new[] { 1, 2 }, world.Where("numberofchildren", ConditionOperator.In, 0, 2, 7));
            Assert.Equal(new[] { 1 }, world.Where("numberofchildren", ConditionOperator.NotIn, 0, 7));
        }

        [Fact]
        public void A_long_In_list_matches_lookups_by_id_and_text_case_insensitively()
        {
            var ids = new object[] { QueryWorld.Id(7), QueryWorld.Id(8), QueryWorld.Id(100), QueryWorld.Id(9), QueryWorld.Id(10), QueryWorld.Id(11) };
            Assert.Equal(new[] { 1 }, world.Where("parentcustomerid", ConditionOperator.In, ids));
            Assert.Equal(new[] { 2 }, world.Where("lastname", ConditionOperator.In, "a", "b", "c", "d", "SMITH", "e"));
            Assert.Equal(new[] { 1 }, world.Where("lastname", ConditionOperator.NotIn, "a", "b", "c", "d", "smith", "e"));
            Assert.Equal(new[] { 1, 2 }, world.Where("preferredcontactmethodcode", ConditionOperator.In, 9, 8, 7, 6, 2, 3));
        }

        [Fact]
        public void A_long_In_list_with_a_value_of_the_wrong_type_faults()
        {
            Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
                world.Where("numberofchildren", ConditionOperator.In, 1, 2, 3, 4, 5, "many"));
        }

        [Fact]
        public void In_accepts_an_array_passed_as_the_single_value()
        {
            Assert.Equal(new[] { 1, 2 }, world.Where("numberofchildren", ConditionOperator.In, new object[] { new[] { 0, 2 } }));
        }

        [Fact]
        public void In_without_values_faults_with_the_operator_and_column_named()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("numberofchildren", ConditionOperator.In));
            Assert.Equal(-2147220989, fault.Detail.ErrorCode);
            Assert.Contains("In requires at least 1 value", fault.Detail.Message);
            Assert.Contains("numberofchildren", fault.Detail.Message);
        }

        [Fact]
        public void A_null_condition_value_faults_and_points_to_Null_and_NotNull()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("lastname", ConditionOperator.Equal, new object?[] { null }!));
            Assert.Equal("Condition for attribute 'contact.lastname': null is not a valid value for an attribute. Use 'Null' or 'NotNull' conditions instead.", fault.Detail.Message);
        }

        [Fact]
        public void A_value_that_cannot_be_converted_to_the_column_type_faults_instead_of_not_matching()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("numberofchildren", ConditionOperator.Equal, "many"));
            Assert.Equal("The value 'many' cannot be compared with column 'numberofchildren' of type Integer.", fault.Detail.Message);
        }

        [Fact]
        public void Equal_with_two_values_faults_with_the_platform_wording()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("lastname", ConditionOperator.Equal, "a", "b"));
            Assert.Equal("The ConditionOperator.Equal requires 1 value/s, not 2. Parameter Name: lastname", fault.Detail.Message);
        }

        [Fact]
        public void Null_and_NotNull_split_rows_by_presence_of_a_value()
        {
            Assert.Equal(new[] { 3 }, world.Where("lastname", ConditionOperator.Null));
            Assert.Equal(new[] { 1, 2 }, world.Where("lastname", ConditionOperator.NotNull));
        }

        [Fact]
        public void Null_with_a_value_faults()
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("lastname", ConditionOperator.Null, "x"));
            Assert.Contains("Null requires 0 value/s, not 1", fault.Detail.Message);
        }

        [Fact]
        public void EqualUserId_compares_with_the_calling_user_and_NotEqualUserId_includes_null()
        {
            Assert.Equal(new[] { 1 }, world.Where("ownerid", ConditionOperator.EqualUserId));
            Assert.Equal(new[] { 2, 3 }, world.Where("ownerid", ConditionOperator.NotEqualUserId));
        }

        [Fact]
        public void EqualBusinessId_compares_with_the_calling_users_business_unit()
        {
            Assert.Equal(new[] { 1 }, world.Where("owningbusinessunit", ConditionOperator.EqualBusinessId));
            Assert.Equal(new[] { 2, 3 }, world.Where("owningbusinessunit", ConditionOperator.NotEqualBusinessId));
        }

        [Fact]
        public void EqualUserTeams_matches_rows_owned_by_a_team_of_the_user()
        {
            Assert.Equal(new[] { 2 }, world.Where("ownerid", ConditionOperator.EqualUserTeams));
            Assert.Equal(new[] { 1, 2 }, world.Where("ownerid", ConditionOperator.EqualUserOrUserTeams));
        }

        [Fact]
        public void German_callers_get_german_fault_text()
        {
            world.Context.LanguageCode = 1031;
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Where("numberofchildren", ConditionOperator.Equal, "viele"));
            Assert.Equal("Der Wert 'viele' kann nicht mit der Spalte 'numberofchildren' vom Typ Integer verglichen werden.", fault.Detail.Message);
        }
    }
}
