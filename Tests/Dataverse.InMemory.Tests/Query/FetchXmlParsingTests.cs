using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    public sealed class FetchXmlParsingTests
    {
        private readonly QueryWorld world = new QueryWorld("contact", "account");

        public FetchXmlParsingTests()
        {
            world.Add("contact", 1, ("numberofchildren", 3), ("donotemail", true), ("birthdate", new DateTime(1990, 5, 1)),
                ("parentcustomerid", new EntityReference("account", QueryWorld.Id(100))), ("annualincome", new Money(12.5m)),
                ("preferredcontactmethodcode", new OptionSetValue(2)));
            world.Add("contact", 2, ("numberofchildren", 1), ("donotemail", false), ("birthdate", new DateTime(2001, 1, 1)));
        }

        private string Message(string fetchXml) =>
            Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Fetch(fetchXml)).Detail.Message;

        [Theory]
        [InlineData("<condition attribute='numberofchildren' operator='gt' value='2' />")]
        [InlineData("<condition attribute='donotemail' operator='eq' value='1' />")]
        [InlineData("<condition attribute='donotemail' operator='eq' value='true' />")]
        [InlineData("<condition attribute='birthdate' operator='lt' value='1995-01-01' />")]
        [InlineData("<condition attribute='parentcustomerid' operator='eq' value='{00000000-0000-0000-0000-000000000100}' />")]
        [InlineData("<condition attribute='annualincome' operator='between'><value>12</value><value>13</value></condition>")]
        [InlineData("<condition attribute='preferredcontactmethodcode' operator='in' value=''><value>2</value><value>5</value></condition>")]
        [InlineData("<condition attribute='birthdate' operator='on' value='1990-05-01' />")]
        public void Text_values_are_converted_to_the_columns_type(string condition)
        {
            var result = world.Fetch($"<fetch><entity name='contact'><attribute name='contactid' /><filter>{condition}</filter></entity></fetch>");
            Assert.Equal(new[] { 1 }, QueryWorld.Numbers(result));
        }

        [Fact]
        public void Several_filters_on_one_entity_are_all_applied()
        {
            var result = world.Fetch(@"<fetch><entity name='contact'>
                <filter><condition attribute='numberofchildren' operator='ge' value='1' /></filter>
                <filter type='or'><condition attribute='donotemail' operator='eq' value='0' /><condition attribute='numberofchildren' operator='eq' value='9' /></filter>
              </entity></fetch>");
            Assert.Equal(new[] { 2 }, QueryWorld.Numbers(result));
        }

        [Fact]
        public void Malformed_xml_faults_with_the_parser_message()
        {
            Assert.StartsWith("Invalid FetchXML: The FetchXML is not well-formed XML:", Message("<fetch><entity name='contact'></fetch>"));
        }

        [Fact]
        public void The_root_must_be_fetch()
        {
            Assert.Equal("Invalid FetchXML: The root element of a FetchXML query must be 'fetch', not 'query'.", Message("<query />"));
        }

        [Fact]
        public void An_unknown_element_is_named_with_its_line()
        {
            Assert.Equal("Invalid FetchXML: The element 'filtre' is not valid inside 'entity' (line 2).",
                Message("<fetch><entity name='contact'>\n<filtre /></entity></fetch>"));
        }

        [Fact]
        public void An_unknown_attribute_is_named()
        {
            Assert.Equal("Invalid FetchXML: The 'colour' attribute is not valid on the FetchXML element 'attribute' (line 1).",
                Message("<fetch><entity name='contact'><attribute name='x' colour='red' /></entity></fetch>"));
        }

        [Fact]
        public void A_missing_entity_name_is_named()
        {
            Assert.Equal("Invalid FetchXML: The FetchXML element 'entity' needs the 'name' attribute (line 1).", Message("<fetch><entity /></fetch>"));
        }

        [Fact]
        public void An_unknown_operator_is_named()
        {
            Assert.Equal("Invalid FetchXML: 'approximately' is not a valid condition operator (attribute 'numberofchildren').",
                Message("<fetch><entity name='contact'><filter><condition attribute='numberofchildren' operator='approximately' value='1' /></filter></entity></fetch>"));
        }

        [Fact]
        public void A_fiscal_operator_parses_but_is_refused_as_unsupported()
        {
            var error = Assert.Throws<NotSupportedException>(() =>
                world.Fetch("<fetch><entity name='contact'><filter><condition attribute='birthdate' operator='this-fiscal-year' /></filter></entity></fetch>"));
            Assert.Contains("'ThisFiscalYear'", error.Message);
        }

        [Fact]
        public void Invalid_link_type_filter_type_and_numbers_are_named()
        {
            Assert.Equal("Invalid FetchXML: 'left' is not a valid link-type on link-entity 'account'; use inner or outer.",
                Message("<fetch><entity name='contact'><link-entity name='account' from='accountid' to='parentcustomerid' link-type='left' /></entity></fetch>"));
            Assert.Equal("Invalid FetchXML: 'xor' is not a valid filter type; use 'and' or 'or'.",
                Message("<fetch><entity name='contact'><filter type='xor' /></entity></fetch>"));
            Assert.Equal("Invalid FetchXML: The 'count' attribute of 'fetch' must be a positive whole number, not 'ten'.",
                Message("<fetch count='ten'><entity name='contact' /></fetch>"));
        }

        [Fact]
        public void A_missing_condition_value_uses_the_platform_wording()
        {
            Assert.Equal("The ConditionOperator.NotEqual requires 1 value/s, not 0. Parameter Name: numberofchildren",
                Message("<fetch><entity name='contact'><filter><condition attribute='numberofchildren' operator='ne' /></filter></entity></fetch>"));
        }

        [Fact]
        public void Errors_are_in_german_for_german_users()
        {
            world.Context.LanguageCode = 1031;
            Assert.Equal("Ungültiges FetchXML: Das Wurzelelement einer FetchXML-Abfrage muss 'fetch' sein, nicht 'query'.", Message("<query />"));
        }

        [Fact]
        public void No_lock_and_mapping_are_accepted_and_ignored()
        {
            var result = world.Fetch("<fetch mapping='logical' no-lock='true' version='1.0'><entity name='contact'><attribute name='contactid' /></entity></fetch>");
            Assert.Equal(new[] { 1, 2 }, QueryWorld.Numbers(result));
        }

        [Fact]
        public void Top_limits_the_rows()
        {
            Assert.Equal(new[] { 1 }, QueryWorld.Numbers(world.Fetch("<fetch top='1'><entity name='contact' /></fetch>")));
        }
    }
}
