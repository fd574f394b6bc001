using System;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Metadata
{
    public sealed class MetadataTests
    {
        private const string Json = """
            {"tables":[{"logicalName":"cat_attentionpolicy","primaryIdAttribute":"cat_attentionpolicyid","primaryNameAttribute":"cat_name",
              "ownership":"UserOwned","isActivity":false,"objectTypeCode":10001,
              "columns":[
                {"logicalName":"cat_attentionpolicyid","type":"Uniqueidentifier","required":"SystemRequired"},
                {"logicalName":"cat_name","type":"String","maxLength":10,"required":"ApplicationRequired"},
                {"logicalName":"cat_maxtouches","type":"Integer","minValue":0,"maxValue":100},
                {"logicalName":"cat_mode","type":"Picklist","options":[{"value":742800000,"label":"Audit"},{"value":742800002,"label":"Enforce"}]},
                {"logicalName":"cat_contactid","type":"Lookup","targets":["contact"]},
                {"logicalName":"cat_alpha","type":"Decimal","precision":4},
                {"logicalName":"ownerid","type":"Owner","required":"SystemRequired","targets":["systemuser","team"]},
                {"logicalName":"statecode","type":"State","required":"SystemRequired"},
                {"logicalName":"statuscode","type":"Status"}
              ]}]}
            """;

        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public MetadataTests()
        {
            dataverse.LoadMetadata(Json);
            service = dataverse.CreateService();
        }

        [Fact]
        public void The_loader_reads_tables_columns_and_their_constraints()
        {
            var table = dataverse.Metadata.Table("cat_attentionpolicy")!;

            Assert.Equal("cat_attentionpolicyid", table.PrimaryIdAttribute);
            Assert.Equal("cat_name", table.PrimaryNameAttribute);
            Assert.Equal(10001, table.ObjectTypeCode);
            Assert.Equal(10, table.Column("cat_name")!.MaxLength);
            Assert.Equal(RequiredLevel.ApplicationRequired, table.Column("cat_name")!.Required);
            Assert.Equal(new[] { "contact" }, table.Column("cat_contactid")!.Targets);
            Assert.Equal(2, table.Column("cat_mode")!.Options.Count);
            Assert.Equal(100m, table.Column("cat_maxtouches")!.MaxValue);
            Assert.Equal(4, table.Column("cat_alpha")!.Precision);
        }

        [Fact]
        public void A_valid_row_of_a_strict_table_is_stored_with_platform_columns()
        {
            var id = service.Create(new Entity("cat_attentionpolicy") { ["cat_name"] = "Default", ["cat_mode"] = new OptionSetValue(742800002), ["cat_maxtouches"] = 5 });

            var row = service.Retrieve("cat_attentionpolicy", id, new ColumnSet("cat_name", "statecode"));
            Assert.Equal("Default", row["cat_name"]);
            Assert.Equal(id, row["cat_attentionpolicyid"]);
            Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [Fact]
        public void Retrieve_formats_choices_with_their_metadata_labels()
        {
            var id = service.Create(new Entity("cat_attentionpolicy") { ["cat_mode"] = new OptionSetValue(742800002) });

            var row = service.Retrieve("cat_attentionpolicy", id, new ColumnSet("cat_mode", "ownerid"));

            Assert.Equal("Enforce", row.FormattedValues["cat_mode"]);
            Assert.Equal("Test User", row.FormattedValues["ownerid"]);
        }

        [Fact]
        public void An_unknown_column_faults()
        {
            var fault = Assertions.Faults(ErrorCodes.AttributeDoesNotExist, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_nosuch"] = 1 }));

            Assert.Contains("cat_nosuch", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Retrieving_an_unknown_column_of_a_strict_table_faults()
        {
            var id = service.Create(new Entity("cat_attentionpolicy"));

            Assertions.Faults(ErrorCodes.AttributeDoesNotExist, () => service.Retrieve("cat_attentionpolicy", id, new ColumnSet("cat_nosuch")));
        }

        [Fact]
        public void A_value_of_the_wrong_type_faults()
        {
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_mode"] = 742800002 }));
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_maxtouches"] = 5m }));
        }

        [Fact]
        public void Lengths_ranges_options_and_lookup_targets_are_enforced()
        {
            Assertions.Faults(ErrorCodes.ValueOutOfRange, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_name"] = "Much too long" }));
            Assertions.Faults(ErrorCodes.ValueOutOfRange, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_maxtouches"] = 101 }));
            Assertions.Faults(ErrorCodes.ValueOutOfRange, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_mode"] = new OptionSetValue(742800001) }));
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("cat_attentionpolicy") { ["cat_contactid"] = new EntityReference("account", Guid.NewGuid()) }));
        }

        [Fact]
        public void A_system_required_column_cannot_be_set_to_null()
        {
            var id = service.Create(new Entity("cat_attentionpolicy"));

            var fault = Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Update(new Entity("cat_attentionpolicy", id) { ["ownerid"] = null }));

            Assert.Equal("Attribute: ownerid cannot be set to NULL", fault.Message);
        }

        [Fact]
        public void Tables_without_metadata_stay_lenient()
        {
            var id = service.Create(new Entity("contact") { ["anything_goes"] = 42 });

            Assert.Equal(42, service.Retrieve("contact", id, new ColumnSet("anything_goes"))["anything_goes"]);
        }

        [Fact]
        public void A_malformed_metadata_file_is_rejected_naming_the_problem()
        {
            var error = Assert.Throws<FormatException>(() => MetadataJsonReader.Read("""{"tables":[{"logicalName":"x","primaryIdAttribute":"xid","columns":[{"logicalName":"a","type":"Text"}]}]}"""));

            Assert.Contains("x.a", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Platform_writes_keep_to_the_columns_of_a_partial_system_table()
        {
            dataverse.LoadMetadata("""
                {"tables":[
                  {"logicalName":"systemuser","primaryIdAttribute":"systemuserid","ownership":"OrganizationOwned","columns":[
                    {"logicalName":"systemuserid","type":"Uniqueidentifier"},{"logicalName":"fullname","type":"String","maxLength":200},
                    {"logicalName":"firstname","type":"String","maxLength":64},{"logicalName":"lastname","type":"String","maxLength":64},
                    {"logicalName":"businessunitid","type":"Lookup","targets":["businessunit"]}]},
                  {"logicalName":"email","primaryIdAttribute":"activityid","isActivity":true,"columns":[
                    {"logicalName":"activityid","type":"Uniqueidentifier"},{"logicalName":"subject","type":"String","maxLength":200},
                    {"logicalName":"to","type":"PartyList"},{"logicalName":"from","type":"PartyList"},
                    {"logicalName":"ownerid","type":"Owner"},{"logicalName":"statecode","type":"State"},{"logicalName":"statuscode","type":"Status"}]}]}
                """);

            var user = dataverse.CreateUser("Dana Seller", "dana@example.com");
            var email = dataverse.CreateService(user).Create(new Entity("email") { ["subject"] = "Hi" });
            dataverse.CreateService(user).Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = email, ["IssueSend"] = false, ["TrackingToken"] = "" });

            Assert.Equal("Dana Seller", dataverse.Get("systemuser", user)!["fullname"]);
            Assert.False(dataverse.Get("systemuser", user)!.Contains("internalemailaddress"));
            Assert.Equal(3, dataverse.Get("email", email)!.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Tables_can_be_described_in_code()
        {
            dataverse.Metadata.AddTable(new TableMetadata("cat_note", "cat_noteid") { Ownership = TableOwnership.OrganizationOwned }
                .AddColumn(new ColumnMetadata("cat_noteid", ColumnType.Uniqueidentifier))
                .AddColumn(new ColumnMetadata("cat_text", ColumnType.Memo) { MaxLength = 5 }));

            var id = service.Create(new Entity("cat_note") { ["cat_text"] = "short" });

            Assert.False(dataverse.Get("cat_note", id)!.Contains("ownerid"));
            Assertions.Faults(ErrorCodes.ValueOutOfRange, () => service.Create(new Entity("cat_note") { ["cat_text"] = "longer" }));
        }
    }
}
