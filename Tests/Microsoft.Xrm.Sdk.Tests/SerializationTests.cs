using System;
using System.IO;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.Text;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    /// <summary>
    /// The data contracts are what the organization service puts on the wire; an Entity carrying every attribute
    /// type must survive the DataContractSerializer both ways.
    /// </summary>
    public class SerializationTests
    {
        private const string ContractNamespace = "http://schemas.microsoft.com/xrm/2011/Contracts";
        private static readonly Guid ContactId = new Guid("6f1c2b1e-0000-4000-8000-000000000001");
        private static readonly Guid AccountId = new Guid("a1c2b1e0-0000-4000-8000-000000000001");

        [Fact]
        public void Entity_with_every_attribute_type_round_trips()
        {
            DateTime touchedOn = new DateTime(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);
            Entity related = new Entity("phonecall", new Guid("9d000000-0000-4000-8000-000000000001"));
            related["subject"] = "Call back";
            Entity contact = new Entity("contact", ContactId)
            {
                RowVersion = "774411",
                EntityState = EntityState.Changed,
            };
            contact["fullname"] = "Ada Lovelace";
            contact["cat_touchesinwindow"] = 4;
            contact["cat_ledgerversion"] = 9007199254740993L;
            contact["cat_score"] = 61.25m;
            contact["cat_pressure"] = 0.125d;
            contact["donotemail"] = true;
            contact["cat_lasttouchon"] = touchedOn;
            contact["cat_correlationid"] = AccountId;
            contact["parentcustomerid"] = new EntityReference("account", AccountId) { Name = "Contoso" };
            contact["cat_value"] = new Money(125000.50m);
            contact["cat_band"] = new OptionSetValue(742800002);
            contact["cat_channels"] = new OptionSetValueCollection { new OptionSetValue(742800000), new OptionSetValue(742800001) };
            contact["cat_calls"] = new EntityCollection { EntityName = "phonecall", Entities = { related } };
            contact["acc.name"] = new AliasedValue("account", "name", "Contoso");
            contact["cat_markers"] = new[] { "seq:", "auto:" };
            contact["cat_empty"] = null;
            contact.FormattedValues["cat_band"] = "Saturated";
            contact.KeyAttributes["emailaddress1"] = "ada@example.com";

            Entity copy = RoundTrip(contact);

            Assert.Equal("contact", copy.LogicalName);
            Assert.Equal(ContactId, copy.Id);
            Assert.Equal("774411", copy.RowVersion);
            Assert.Equal(EntityState.Changed, copy.EntityState);
            Assert.Equal("Ada Lovelace", copy["fullname"]);
            Assert.Equal(4, copy["cat_touchesinwindow"]);
            Assert.Equal(9007199254740993L, copy["cat_ledgerversion"]);
            Assert.Equal(61.25m, copy["cat_score"]);
            Assert.Equal(0.125d, copy["cat_pressure"]);
            Assert.Equal(true, copy["donotemail"]);
            Assert.Equal(touchedOn, copy["cat_lasttouchon"]);
            Assert.Equal(DateTimeKind.Utc, copy.GetAttributeValue<DateTime>("cat_lasttouchon").Kind);
            Assert.Equal(AccountId, copy["cat_correlationid"]);
            EntityReference parent = copy.GetAttributeValue<EntityReference>("parentcustomerid");
            Assert.Equal(new EntityReference("account", AccountId), parent);
            Assert.Equal("Contoso", parent.Name);
            Assert.Equal(new Money(125000.50m), copy["cat_value"]);
            Assert.Equal(new OptionSetValue(742800002), copy["cat_band"]);
            Assert.Equal(new[] { new OptionSetValue(742800000), new OptionSetValue(742800001) }, copy.GetAttributeValue<OptionSetValueCollection>("cat_channels"));
            EntityCollection calls = copy.GetAttributeValue<EntityCollection>("cat_calls");
            Assert.Equal("phonecall", calls.EntityName);
            Assert.Equal("Call back", Assert.Single(calls.Entities)["subject"]);
            AliasedValue aliased = copy.GetAttributeValue<AliasedValue>("acc.name");
            Assert.Equal(("account", "name", (object)"Contoso"), (aliased.EntityLogicalName, aliased.AttributeLogicalName, aliased.Value));
            Assert.Equal(new[] { "seq:", "auto:" }, copy["cat_markers"]);
            Assert.True(copy.Contains("cat_empty"));
            Assert.Null(copy["cat_empty"]);
            Assert.Equal("Saturated", copy.FormattedValues["cat_band"]);
            Assert.Equal("ada@example.com", copy.KeyAttributes["emailaddress1"]);
        }

        [Fact]
        public void Entity_is_written_with_the_xrm_2011_contract()
        {
            string xml = Write(new Entity("contact", ContactId));

            Assert.Contains("<Entity ", xml, StringComparison.Ordinal);
            Assert.Contains(ContractNamespace, xml, StringComparison.Ordinal);
            Assert.Contains("<LogicalName>contact</LogicalName>", xml, StringComparison.Ordinal);
        }

        [Fact]
        public void QueryExpression_with_links_conditions_and_paging_round_trips()
        {
            QueryExpression query = new QueryExpression("contact") { ColumnSet = new ColumnSet("fullname"), TopCount = 50 };
            query.Criteria.AddCondition("cat_channel", ConditionOperator.In, 742800000, 742800001);
            query.Criteria.AddCondition("cat_lasttouchon", ConditionOperator.OnOrAfter, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            LinkEntity account = query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);
            account.EntityAlias = "acc";
            account.LinkCriteria.AddCondition("accountid", ConditionOperator.Equal, AccountId);
            query.AddOrder("fullname", OrderType.Descending);
            query.PageInfo = new PagingInfo { PageNumber = 2, Count = 25, PagingCookie = "<cookie page='1' />" };

            QueryExpression copy = (QueryExpression)RoundTrip<QueryBase>(query);

            Assert.Equal("contact", copy.EntityName);
            Assert.Equal(new[] { "fullname" }, copy.ColumnSet.Columns);
            Assert.Equal(50, copy.TopCount);
            Assert.Equal(new object[] { 742800000, 742800001 }, copy.Criteria.Conditions[0].Values);
            Assert.Equal(ConditionOperator.OnOrAfter, copy.Criteria.Conditions[1].Operator);
            LinkEntity link = Assert.Single(copy.LinkEntities);
            Assert.Equal(("acc", JoinOperator.LeftOuter), (link.EntityAlias, link.JoinOperator));
            Assert.Equal(AccountId, link.LinkCriteria.Conditions[0].Values[0]);
            Assert.Equal(OrderType.Descending, Assert.Single(copy.Orders).OrderType);
            Assert.Equal((2, 25, "<cookie page='1' />"), (copy.PageInfo.PageNumber, copy.PageInfo.Count, copy.PageInfo.PagingCookie));
        }

        [Fact]
        public void OrganizationRequest_parameters_round_trip()
        {
            OrganizationRequest request = new OrganizationRequest("cat_EvaluateTouch") { RequestId = AccountId };
            request["cat_Contact"] = new EntityReference("contact", ContactId);
            request["cat_Channel"] = 1;
            request["cat_IsAutomated"] = true;

            OrganizationRequest copy = RoundTrip(request);

            Assert.Equal("cat_EvaluateTouch", copy.RequestName);
            Assert.Equal(AccountId, copy.RequestId);
            Assert.Equal(new EntityReference("contact", ContactId), copy["cat_Contact"]);
            Assert.Equal(1, copy["cat_Channel"]);
            Assert.Equal(true, copy["cat_IsAutomated"]);
        }

        [Fact]
        public void OrganizationServiceFault_round_trips_with_its_inner_fault()
        {
            OrganizationServiceFault fault = new OrganizationServiceFault
            {
                ErrorCode = -2147220891,
                Message = "Blocked by the attention policy.",
                TraceText = "EvaluateTouch: Block",
                Timestamp = new DateTime(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc),
                InnerFault = new OrganizationServiceFault { ErrorCode = -2147220969, Message = "inner" },
            };
            fault.ErrorDetails["cat_Reason"] = 2;

            OrganizationServiceFault copy = RoundTrip(fault);

            Assert.Equal(-2147220891, copy.ErrorCode);
            Assert.Equal("Blocked by the attention policy.", copy.Message);
            Assert.Equal("EvaluateTouch: Block", copy.TraceText);
            Assert.Equal(2, copy.ErrorDetails["cat_Reason"]);
            Assert.Equal(-2147220969, copy.InnerFault.ErrorCode);
        }

        [Fact]
        public void Faults_reach_callers_as_FaultException_of_OrganizationServiceFault()
        {
            OrganizationServiceFault fault = new OrganizationServiceFault { ErrorCode = -2147220891, Message = "Blocked." };

            FaultException<OrganizationServiceFault> exception = Assert.Throws<FaultException<OrganizationServiceFault>>(
                () => ThrowFault(fault));

            Assert.Equal(-2147220891, exception.Detail.ErrorCode);
            Assert.Equal("Blocked.", exception.Message);
        }

        [Fact]
        public void OrganizationServiceFault_text_names_code_and_message_of_each_fault()
        {
            OrganizationServiceFault fault = new OrganizationServiceFault
            {
                ErrorCode = -2147220891,
                Message = "outer",
                InnerFault = new OrganizationServiceFault { ErrorCode = -2147220969, Message = "inner" },
            };

            string text = fault.ToString();

            Assert.Contains("80040265", text, StringComparison.Ordinal);
            Assert.Contains("outer", text, StringComparison.Ordinal);
            Assert.Contains("80040217", text, StringComparison.Ordinal);
            Assert.Contains("inner", text, StringComparison.Ordinal);
        }

        private static T RoundTrip<T>(T value)
        {
            DataContractSerializer serializer = new DataContractSerializer(typeof(T));
            using MemoryStream stream = new MemoryStream();
            serializer.WriteObject(stream, value);
            stream.Position = 0;
            object? copy = serializer.ReadObject(stream);
            Assert.NotNull(copy);
            return (T)copy;
        }

        private static void ThrowFault(OrganizationServiceFault fault)
        {
            throw new FaultException<OrganizationServiceFault>(fault, new FaultReason(fault.Message));
        }

        private static string Write<T>(T value)
        {
            DataContractSerializer serializer = new DataContractSerializer(typeof(T));
            using MemoryStream stream = new MemoryStream();
            serializer.WriteObject(stream, value);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
