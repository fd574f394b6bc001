using System;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class MessageTests
    {
        private static readonly Guid ContactId = new Guid("6f1c2b1e-0000-4000-8000-000000000001");

        [Fact]
        public void CreateRequest_is_named_Create_and_keeps_Target_in_Parameters()
        {
            Entity contact = new Entity("contact");

            CreateRequest request = new CreateRequest { Target = contact };

            Assert.Equal("Create", request.RequestName);
            Assert.Same(contact, request.Parameters["Target"]);
            Assert.Same(contact, request["Target"]);
        }

        [Fact]
        public void New_requests_carry_their_required_parameters_as_null()
        {
            CreateRequest request = new CreateRequest();

            Assert.True(request.Parameters.Contains("Target"));
            Assert.Null(request.Target);
        }

        [Fact]
        public void A_generic_request_with_the_same_parameters_is_read_by_the_typed_view()
        {
            OrganizationRequest generic = new OrganizationRequest("Retrieve");
            generic["Target"] = new EntityReference("contact", ContactId);
            generic["ColumnSet"] = new ColumnSet("fullname");

            RetrieveRequest typed = new RetrieveRequest { Parameters = generic.Parameters };

            Assert.Equal(new EntityReference("contact", ContactId), typed.Target);
            Assert.Equal(new[] { "fullname" }, typed.ColumnSet.Columns);
        }

        [Theory]
        [InlineData(typeof(CreateRequest), "Create")]
        [InlineData(typeof(RetrieveRequest), "Retrieve")]
        [InlineData(typeof(UpdateRequest), "Update")]
        [InlineData(typeof(DeleteRequest), "Delete")]
        [InlineData(typeof(RetrieveMultipleRequest), "RetrieveMultiple")]
        [InlineData(typeof(UpsertRequest), "Upsert")]
        [InlineData(typeof(AssociateRequest), "Associate")]
        [InlineData(typeof(DisassociateRequest), "Disassociate")]
        [InlineData(typeof(ExecuteMultipleRequest), "ExecuteMultiple")]
        [InlineData(typeof(ExecuteTransactionRequest), "ExecuteTransaction")]
        public void Typed_requests_carry_the_platform_message_name(Type requestType, string messageName)
        {
            OrganizationRequest request = (OrganizationRequest)Activator.CreateInstance(requestType)!;

            Assert.Equal(messageName, request.RequestName);
        }

        [Fact]
        public void Request_properties_are_stored_under_their_names()
        {
            Relationship relationship = new Relationship("contact_customer_accounts");
            EntityReferenceCollection related = new EntityReferenceCollection { new EntityReference("contact", ContactId) };
            AssociateRequest associate = new AssociateRequest
            {
                Target = new EntityReference("account", ContactId),
                Relationship = relationship,
                RelatedEntities = related,
            };
            UpdateRequest update = new UpdateRequest { ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
            QueryExpression query = new QueryExpression("contact");
            RetrieveMultipleRequest retrieveMultiple = new RetrieveMultipleRequest { Query = query };
            ExecuteMultipleRequest executeMultiple = new ExecuteMultipleRequest
            {
                Requests = new OrganizationRequestCollection { new CreateRequest() },
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            };
            ExecuteTransactionRequest transaction = new ExecuteTransactionRequest { ReturnResponses = true };

            Assert.Same(relationship, associate.Parameters["Relationship"]);
            Assert.Same(related, associate.Parameters["RelatedEntities"]);
            Assert.Equal(ConcurrencyBehavior.IfRowVersionMatches, update.Parameters["ConcurrencyBehavior"]);
            Assert.Same(query, retrieveMultiple.Parameters["Query"]);
            Assert.True(((ExecuteMultipleSettings)executeMultiple.Parameters["Settings"]).ContinueOnError);
            Assert.Single((OrganizationRequestCollection)executeMultiple.Parameters["Requests"]);
            Assert.Equal(true, transaction.Parameters["ReturnResponses"]);
        }

        [Fact]
        public void Unset_optional_request_parameters_read_as_their_defaults()
        {
            Assert.Equal(ConcurrencyBehavior.Default, new UpdateRequest().ConcurrencyBehavior);
            Assert.Null(new ExecuteTransactionRequest().ReturnResponses);
        }

        [Fact]
        public void CreateResponse_reads_the_id_from_Results()
        {
            CreateResponse response = new CreateResponse();
            Assert.Equal(Guid.Empty, response.id);

            response.Results["id"] = ContactId;

            Assert.Equal(ContactId, response.id);
        }

        [Fact]
        public void Retrieve_responses_read_Entity_and_EntityCollection_from_Results()
        {
            Entity contact = new Entity("contact", ContactId);
            EntityCollection page = new EntityCollection { EntityName = "contact" };
            RetrieveResponse retrieve = new RetrieveResponse();
            RetrieveMultipleResponse retrieveMultiple = new RetrieveMultipleResponse();

            retrieve.Results["Entity"] = contact;
            retrieveMultiple.Results["EntityCollection"] = page;

            Assert.Same(contact, retrieve.Entity);
            Assert.Same(page, retrieveMultiple.EntityCollection);
        }

        [Fact]
        public void UpsertResponse_reads_RecordCreated_and_Target_from_Results()
        {
            UpsertResponse response = new UpsertResponse();
            Assert.False(response.RecordCreated);
            Assert.Null(response.Target);

            response.Results["RecordCreated"] = true;
            response.Results["Target"] = new EntityReference("contact", ContactId);

            Assert.True(response.RecordCreated);
            Assert.Equal(new EntityReference("contact", ContactId), response.Target);
        }

        [Fact]
        public void ExecuteMultipleResponse_reads_IsFaulted_and_Responses_from_Results()
        {
            ExecuteMultipleResponseItemCollection items = new ExecuteMultipleResponseItemCollection
            {
                new ExecuteMultipleResponseItem { RequestIndex = 0, Response = new CreateResponse() },
                new ExecuteMultipleResponseItem { RequestIndex = 1, Fault = new OrganizationServiceFault { ErrorCode = -2147220969, Message = "Not found" } },
            };
            ExecuteMultipleResponse response = new ExecuteMultipleResponse();

            response.Results["IsFaulted"] = true;
            response.Results["Responses"] = items;

            Assert.True(response.IsFaulted);
            Assert.Same(items, response.Responses);
            Assert.Equal(-2147220969, response.Responses[1].Fault.ErrorCode);
        }

        [Fact]
        public void ExecuteTransactionResponse_reads_Responses_from_Results()
        {
            OrganizationResponseCollection responses = new OrganizationResponseCollection { new CreateResponse(), new UpdateResponse() };
            ExecuteTransactionResponse response = new ExecuteTransactionResponse();

            response.Results["Responses"] = responses;

            Assert.Same(responses, response.Responses);
        }

        [Fact]
        public void Response_indexer_on_a_missing_result_throws_KeyNotFoundException()
        {
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => new OrganizationResponse()["id"]);
        }
    }
}
