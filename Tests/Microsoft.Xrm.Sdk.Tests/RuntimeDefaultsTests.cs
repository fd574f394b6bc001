using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    /// <summary>
    /// What a freshly constructed SDK object holds, and the edge cases of its accessors, as the real
    /// Microsoft.Xrm.Sdk 9.0 does it. docs/sdk-standin.md ("Run-time defaults, audited") gives the source of each.
    /// </summary>
    public class RuntimeDefaultsTests
    {
        private static readonly Guid ContactId = new Guid("5b1c6e0a-4a4f-4c1e-9a55-0e1d2c3b4a51");

        [Fact]
        public void QueryByAttribute_with_a_table_leaves_ColumnSet_and_PageInfo_unset()
        {
            QueryByAttribute query = new QueryByAttribute("contact");

            Assert.Equal("contact", query.EntityName);
            Assert.Null(query.ColumnSet);
            Assert.Null(query.PageInfo);
            Assert.Null(query.TopCount);
            Assert.Empty(query.Attributes);
            Assert.Empty(query.Values);
            Assert.Empty(query.Orders);
        }

        [Fact]
        public void Parameterless_QueryByAttribute_starts_with_an_empty_ColumnSet_and_a_PagingInfo()
        {
            QueryByAttribute query = new QueryByAttribute();

            Assert.Null(query.EntityName);
            Assert.NotNull(query.ColumnSet);
            Assert.False(query.ColumnSet.AllColumns);
            Assert.Empty(query.ColumnSet.Columns);
            Assert.NotNull(query.PageInfo);
            Assert.Equal(0, query.PageInfo.PageNumber);
        }

        [Fact]
        public void New_PagingInfo_asks_for_nothing()
        {
            PagingInfo paging = new PagingInfo();

            Assert.Equal(0, paging.PageNumber);
            Assert.Equal(0, paging.Count);
            Assert.False(paging.ReturnTotalRecordCount);
            Assert.Null(paging.PagingCookie);
        }

        [Fact]
        public void ColumnSet_from_a_null_array_is_empty_but_AddColumns_of_null_throws()
        {
            ColumnSet columns = new ColumnSet((string[])null!);

            Assert.False(columns.AllColumns);
            Assert.Empty(columns.Columns);
            Assert.Throws<NullReferenceException>(() => columns.AddColumns(null!));
        }

        [Fact]
        public void New_FilterExpression_is_an_empty_And_filter()
        {
            FilterExpression filter = new FilterExpression();

            Assert.Equal(LogicalOperator.And, filter.FilterOperator);
            Assert.Empty(filter.Conditions);
            Assert.Empty(filter.Filters);
            Assert.Null(filter.FilterHint);
            Assert.False(filter.IsQuickFindFilter);
        }

        [Fact]
        public void FilterExpression_AddFilter_ignores_a_null_child()
        {
            FilterExpression filter = new FilterExpression();

            filter.AddFilter((FilterExpression)null!);

            Assert.Empty(filter.Filters);
        }

        [Fact]
        public void New_ConditionExpression_tests_Equal_with_no_values()
        {
            ConditionExpression condition = new ConditionExpression();

            Assert.Null(condition.EntityName);
            Assert.Null(condition.AttributeName);
            Assert.Equal(ConditionOperator.Equal, condition.Operator);
            Assert.Empty(condition.Values);
        }

        [Fact]
        public void ConditionExpression_with_a_null_value_array_has_no_values()
        {
            ConditionExpression condition = new ConditionExpression("lastname", ConditionOperator.In, (object[])null!);

            Assert.Empty(condition.Values);
        }

        [Fact]
        public void New_OrderExpression_sorts_ascending_without_alias()
        {
            OrderExpression order = new OrderExpression();

            Assert.Null(order.AttributeName);
            Assert.Equal(OrderType.Ascending, order.OrderType);
            Assert.Null(order.Alias);
        }

        [Fact]
        public void New_FetchExpression_has_no_query()
        {
            Assert.Null(new FetchExpression().Query);
        }

        [Fact]
        public void New_Entity_has_no_name_id_or_state_and_empty_collections()
        {
            Entity entity = new Entity();

            Assert.Null(entity.LogicalName);
            Assert.Equal(Guid.Empty, entity.Id);
            Assert.Null(entity.EntityState);
            Assert.Null(entity.RowVersion);
            Assert.Empty(entity.Attributes);
            Assert.Empty(entity.FormattedValues);
            Assert.Empty(entity.RelatedEntities);
            Assert.Empty(entity.KeyAttributes);
        }

        [Fact]
        public void Entity_with_a_null_key_collection_gets_an_empty_one()
        {
            Entity entity = new Entity("contact", (KeyAttributeCollection)null!);

            Assert.Empty(entity.KeyAttributes);
        }

        [Fact]
        public void ToEntity_of_a_record_without_attributes_still_shares_them_with_the_copy()
        {
            Entity contact = new Entity("contact", ContactId);

            Entity copy = contact.ToEntity<Entity>();
            copy["lastname"] = "Lovelace";
            copy.FormattedValues["statecode"] = "Active";
            copy.KeyAttributes["emailaddress1"] = "ada@example.com";

            Assert.Equal("Lovelace", contact["lastname"]);
            Assert.Equal("Active", contact.FormattedValues["statecode"]);
            Assert.Equal("ada@example.com", contact.KeyAttributes["emailaddress1"]);
            Assert.Same(contact.RelatedEntities, copy.RelatedEntities);
            Assert.Equal(ContactId, copy.Id);
        }

        [Fact]
        public void New_EntityReference_has_no_table_id_name_or_keys()
        {
            EntityReference reference = new EntityReference();

            Assert.Null(reference.LogicalName);
            Assert.Equal(Guid.Empty, reference.Id);
            Assert.Null(reference.Name);
            Assert.Null(reference.RowVersion);
            Assert.Empty(reference.KeyAttributes);
        }

        [Fact]
        public void EntityReference_hash_of_a_null_alternate_key_value_throws()
        {
            EntityReference reference = new EntityReference("contact", "emailaddress1", null!);

            Assert.Throws<NullReferenceException>(() => reference.GetHashCode());
        }

        [Fact]
        public void New_EntityCollection_is_an_empty_last_page()
        {
            EntityCollection collection = new EntityCollection();

            Assert.Empty(collection.Entities);
            Assert.False(collection.MoreRecords);
            Assert.Null(collection.PagingCookie);
            Assert.Null(collection.MinActiveRowVersion);
            Assert.Equal(0, collection.TotalRecordCount);
            Assert.False(collection.TotalRecordCountLimitExceeded);
            Assert.Null(collection.EntityName);
            Assert.Empty(new EntityCollection(null!).Entities);
        }

        [Fact]
        public void New_values_hold_zero_and_a_new_Relationship_nothing()
        {
            Assert.Equal(0m, new Money().Value);
            Assert.Equal(0, new OptionSetValue().Value);
            Relationship relationship = new Relationship();
            Assert.Null(relationship.SchemaName);
            Assert.Null(relationship.PrimaryEntityRole);
            Assert.Equal(".", relationship.ToString());
            AliasedValue aliased = new AliasedValue();
            Assert.Null(aliased.EntityLogicalName);
            Assert.Null(aliased.AttributeLogicalName);
            Assert.Null(aliased.Value);
        }

        [Fact]
        public void New_generic_request_and_response_have_no_name_and_empty_parameters()
        {
            OrganizationRequest request = new OrganizationRequest();
            OrganizationResponse response = new OrganizationResponse();

            Assert.Null(request.RequestName);
            Assert.Null(request.RequestId);
            Assert.Empty(request.Parameters);
            Assert.Null(response.ResponseName);
            Assert.Empty(response.Results);
        }

        [Fact]
        public void Typed_requests_put_only_their_required_parameters_into_Parameters()
        {
            Assert.Equal(new[] { "Target" }, Keys(new UpdateRequest().Parameters));
            Assert.Equal(new[] { "Target", "ColumnSet" }, Keys(new RetrieveRequest().Parameters));
            Assert.Equal(new[] { "Requests" }, Keys(new ExecuteTransactionRequest().Parameters));
            Assert.Equal(new[] { "Requests", "Settings" }, Keys(new ExecuteMultipleRequest().Parameters));
            Assert.Equal(new[] { "Target", "Relationship", "RelatedEntities" }, Keys(new AssociateRequest().Parameters));
        }

        [Fact]
        public void Typed_responses_without_results_read_as_defaults()
        {
            Assert.Equal(Guid.Empty, new CreateResponse().id);
            Assert.Null(new RetrieveResponse().Entity);
            Assert.Null(new RetrieveMultipleResponse().EntityCollection);
            Assert.False(new UpsertResponse().RecordCreated);
            Assert.Null(new UpsertResponse().Target);
            Assert.False(new ExecuteMultipleResponse().IsFaulted);
            Assert.Null(new ExecuteMultipleResponse().Responses);
            Assert.Null(new ExecuteTransactionResponse().Responses);
        }

        [Fact]
        public void A_null_stored_under_a_value_type_property_throws_on_read()
        {
            CreateResponse response = new CreateResponse();
            response.Results["id"] = null;
            UpdateRequest update = new UpdateRequest();
            update.Parameters["ConcurrencyBehavior"] = null;

            Assert.Throws<NullReferenceException>(() => response.id);
            Assert.Throws<NullReferenceException>(() => update.ConcurrencyBehavior);
        }

        [Fact]
        public void A_value_of_another_type_under_a_typed_property_throws_InvalidCastException()
        {
            CreateRequest request = new CreateRequest();
            request.Parameters["Target"] = new EntityReference("contact", ContactId);

            Assert.Throws<InvalidCastException>(() => request.Target);
        }

        [Fact]
        public void New_ExecuteMultipleSettings_stop_on_error_and_return_no_responses()
        {
            ExecuteMultipleSettings settings = new ExecuteMultipleSettings();

            Assert.False(settings.ContinueOnError);
            Assert.False(settings.ReturnResponses);
            ExecuteMultipleResponseItem item = new ExecuteMultipleResponseItem();
            Assert.Equal(0, item.RequestIndex);
            Assert.Null(item.Response);
            Assert.Null(item.Fault);
        }

        [Fact]
        public void New_OrganizationServiceFault_has_no_code_message_or_inner_fault()
        {
            OrganizationServiceFault fault = new OrganizationServiceFault();

            Assert.Equal(0, fault.ErrorCode);
            Assert.Null(fault.Message);
            Assert.Null(fault.HelpLink);
            Assert.Null(fault.TraceText);
            Assert.Null(fault.InnerFault);
            Assert.Equal(DateTime.MinValue, fault.Timestamp);
            Assert.Equal(Guid.Empty, fault.ActivityId);
            Assert.Empty(fault.ErrorDetails);
        }

        [Fact]
        public void Fault_text_prints_a_CallStack_detail_that_is_not_a_string_as_an_empty_line()
        {
            OrganizationServiceFault fault = new OrganizationServiceFault { ErrorCode = -2147220891, Message = "Blocked." };
            fault.ErrorDetails["CallStack"] = 42;

            string[] lines = fault.ToString().Split(Environment.NewLine);

            int stackTrace = Array.IndexOf(lines, "StackTrace: ");
            Assert.True(stackTrace > 0);
            Assert.Equal(string.Empty, lines[stackTrace + 1]);
        }

        [Fact]
        public void New_ParameterCollection_is_empty_and_misses_throw()
        {
            ParameterCollection parameters = new ParameterCollection();

            Assert.Empty(parameters);
            Assert.Throws<KeyNotFoundException>(() => parameters["Target"]);
        }

        private static string[] Keys(ParameterCollection parameters)
        {
            List<string> keys = new List<string>();
            foreach (KeyValuePair<string, object> parameter in parameters)
            {
                keys.Add(parameter.Key);
            }

            return keys.ToArray();
        }
    }
}
