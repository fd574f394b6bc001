using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Service
{
    public sealed class CrudTests
    {
        private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        private readonly InMemoryDataverse dataverse = new(Start);
        private readonly IOrganizationService service;

        public CrudTests()
        {
            service = dataverse.CreateService();
        }

        [Fact]
        public void Create_assigns_an_id_and_the_platform_columns()
        {
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            var row = service.Retrieve("contact", id, new ColumnSet(true));
            Assert.NotEqual(Guid.Empty, id);
            Assert.Equal(id, row.Id);
            Assert.Equal(id, row["contactid"]);
            Assert.Equal(Start, row["createdon"]);
            Assert.Equal(Start, row["modifiedon"]);
            Assert.Equal(new EntityReference("systemuser", dataverse.DefaultUserId), row["createdby"]);
            Assert.Equal(new EntityReference("systemuser", dataverse.DefaultUserId), row["ownerid"]);
            Assert.Equal(new EntityReference("businessunit", dataverse.RootBusinessUnitId), row["owningbusinessunit"]);
            Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.True(row.GetAttributeValue<long>("versionnumber") > 0);
            Assert.Equal(row.GetAttributeValue<long>("versionnumber").ToString(System.Globalization.CultureInfo.InvariantCulture), row.RowVersion);
        }

        [Fact]
        public void Create_with_a_caller_supplied_id_keeps_it_and_a_second_create_is_a_duplicate_key()
        {
            var id = new Guid("7a1e0000-0000-0000-0000-000000000001");
            Assert.Equal(id, service.Create(new Entity("contact", id) { ["lastname"] = "Kim" }));

            Assertions.Faults(ErrorCodes.DuplicateRecord, () => service.Create(new Entity("contact", id) { ["lastname"] = "Lee" }));
        }

        [Fact]
        public void Retrieve_returns_only_requested_non_null_columns_plus_the_primary_id()
        {
            var id = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Kim", ["telephone1"] = null });

            var row = service.Retrieve("contact", id, new ColumnSet("firstname", "telephone1"));

            Assert.Equal(new[] { "contactid", "firstname" }, row.Attributes.Keys.OrderBy(k => k).ToArray());
        }

        [Fact]
        public void Contact_fullname_is_composed_from_the_name_parts()
        {
            var id = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Kim", ["fullname"] = "ignored" });
            service.Update(new Entity("contact", id) { ["lastname"] = "Lee" });

            Assert.Equal("Ada Lee", service.Retrieve("contact", id, new ColumnSet("fullname"))["fullname"]);
        }

        [Fact]
        public void Retrieve_names_the_rows_its_lookups_point_to()
        {
            var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
            var id = service.Create(new Entity("contact") { ["parentcustomerid"] = new EntityReference("account", account) });

            var row = service.Retrieve("contact", id, new ColumnSet("parentcustomerid", "ownerid"));

            Assert.Equal("Contoso", row.GetAttributeValue<EntityReference>("parentcustomerid").Name);
            Assert.Equal("Test User", row.GetAttributeValue<EntityReference>("ownerid").Name);
        }

        [Fact]
        public void Retrieve_of_a_missing_row_faults_with_object_does_not_exist()
        {
            var id = new Guid("7a1e0000-0000-0000-0000-000000000002");

            var fault = Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => service.Retrieve("contact", id, new ColumnSet(true)));

            Assert.Equal($"contact With Id = {id:D} Does Not Exist", fault.Message);
        }

        [Fact]
        public void Faults_are_written_in_the_callers_UI_language()
        {
            var id = new Guid("7a1e0000-0000-0000-0000-000000000003");
            var german = dataverse.CreateUser("Greta Vertrieb");
            dataverse.SetUserLanguage(german, 1031);

            var fault = Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => dataverse.CreateService(german).Retrieve("contact", id, new ColumnSet(true)));

            Assert.Equal($"contact mit ID = {id:D} ist nicht vorhanden", fault.Message);
        }

        [Fact]
        public void Retrieve_without_a_column_set_faults()
        {
            var id = service.Create(new Entity("contact"));

            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Retrieve("contact", id, null!));
        }

        [Fact]
        public void Values_are_copied_on_write_and_on_read()
        {
            var account = new EntityReference("account", Guid.NewGuid());
            var entity = new Entity("contact") { ["parentcustomerid"] = account, ["lastname"] = "Kim" };
            var id = service.Create(entity);
            account.Id = Guid.Empty;
            entity["lastname"] = "Changed";

            var first = service.Retrieve("contact", id, new ColumnSet(true));
            first.GetAttributeValue<EntityReference>("parentcustomerid").LogicalName = "mutated";
            var second = service.Retrieve("contact", id, new ColumnSet(true));

            Assert.Equal("Kim", second["lastname"]);
            Assert.Equal("account", second.GetAttributeValue<EntityReference>("parentcustomerid").LogicalName);
            Assert.NotEqual(Guid.Empty, second.GetAttributeValue<EntityReference>("parentcustomerid").Id);
        }

        [Fact]
        public void Update_changes_only_the_sent_columns_removes_nulls_and_stamps_modified()
        {
            var id = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Kim", ["jobtitle"] = "CTO" });
            var before = service.Retrieve("contact", id, new ColumnSet("versionnumber"));
            dataverse.Clock.Advance(TimeSpan.FromHours(2));

            service.Update(new Entity("contact", id) { ["lastname"] = "Lee", ["jobtitle"] = null });

            var row = service.Retrieve("contact", id, new ColumnSet(true));
            Assert.Equal("Ada", row["firstname"]);
            Assert.Equal("Lee", row["lastname"]);
            Assert.False(row.Contains("jobtitle"));
            Assert.Equal(Start, row["createdon"]);
            Assert.Equal(Start.AddHours(2), row["modifiedon"]);
            Assert.True(row.GetAttributeValue<long>("versionnumber") > before.GetAttributeValue<long>("versionnumber"));
        }

        [Fact]
        public void Update_without_an_id_faults_and_of_a_missing_row_is_object_does_not_exist()
        {
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Update(new Entity("contact") { ["lastname"] = "Kim" }));
            Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => service.Update(new Entity("contact", Guid.NewGuid()) { ["lastname"] = "Kim" }));
        }

        [Fact]
        public void Setting_statecode_without_statuscode_applies_the_default_status_of_that_state()
        {
            var id = service.Create(new Entity("task") { ["subject"] = "Call back" });

            service.Update(new Entity("task", id) { ["statecode"] = new OptionSetValue(1) });

            var row = service.Retrieve("task", id, new ColumnSet("statecode", "statuscode"));
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(5, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void A_row_cannot_be_created_in_a_closed_state()
        {
            var id = service.Create(new Entity("task") { ["subject"] = "Done already", ["statecode"] = new OptionSetValue(1) });

            Assert.Equal(0, service.Retrieve("task", id, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
            Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Create(new Entity("task") { ["statuscode"] = new OptionSetValue(5) }));
        }

        [Fact]
        public void SetState_changes_state_and_status_like_an_update()
        {
            var id = service.Create(new Entity("phonecall") { ["subject"] = "Intro" });

            service.Execute(new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("phonecall", id),
                ["State"] = new OptionSetValue(1),
                ["Status"] = new OptionSetValue(-1),
            });

            var row = service.Retrieve("phonecall", id, new ColumnSet("statecode", "statuscode"));
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Delete_removes_the_row_and_a_second_delete_faults()
        {
            var id = service.Create(new Entity("contact"));

            service.Delete("contact", id);

            Assert.Null(dataverse.Get("contact", id));
            Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => service.Delete("contact", id));
        }

        [Fact]
        public void Overriddencreatedon_sets_a_historical_createdon()
        {
            var migrated = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

            var id = service.Create(new Entity("contact") { ["overriddencreatedon"] = migrated });

            var row = service.Retrieve("contact", id, new ColumnSet("createdon", "overriddencreatedon"));
            Assert.Equal(migrated, row["createdon"]);
            Assert.Equal(Start, row["overriddencreatedon"]);
        }

        [Fact]
        public void Upsert_creates_a_missing_row_and_updates_an_existing_one_by_key()
        {
            var first = (UpsertResponse)service.Execute(new UpsertRequest
            {
                Target = new Entity("account", "accountnumber", "A-1") { ["name"] = "Contoso" },
            });
            var second = (UpsertResponse)service.Execute(new UpsertRequest
            {
                Target = new Entity("account", "accountnumber", "A-1") { ["name"] = "Contoso Ltd" },
            });

            Assert.True(first.RecordCreated);
            Assert.False(second.RecordCreated);
            Assert.Equal(first.Target.Id, second.Target.Id);
            var row = service.Retrieve("account", first.Target.Id, new ColumnSet("name", "accountnumber"));
            Assert.Equal("Contoso Ltd", row["name"]);
            Assert.Equal("A-1", row["accountnumber"]);
        }

        [Fact]
        public void WhoAmI_returns_the_callers_user_business_unit_and_organization()
        {
            var user = dataverse.CreateUser("Dana Seller");

            var response = dataverse.CreateService(user).Execute(new OrganizationRequest("WhoAmI"));

            Assert.Equal(user, response["UserId"]);
            Assert.Equal(dataverse.RootBusinessUnitId, response["BusinessUnitId"]);
            Assert.Equal(dataverse.OrganizationId, response["OrganizationId"]);
        }

        [Fact]
        public void An_unknown_request_faults_naming_it()
        {
            var fault = Assertions.Faults(ErrorCodes.UnexpectedError, () => service.Execute(new OrganizationRequest("WinOpportunity")));

            Assert.Contains("WinOpportunity", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Associate_adds_a_user_to_a_team_and_disassociate_removes_it()
        {
            var user = dataverse.CreateUser("Dana Seller");
            var team = dataverse.CreateTeam("Automation");
            var relationship = new Relationship("teammembership_association");

            service.Associate("team", team, relationship, new EntityReferenceCollection { new EntityReference("systemuser", user) });
            var afterAssociate = dataverse.Rows("teammembership");
            Assertions.Faults(ErrorCodes.DuplicateRecord, () =>
                service.Associate("team", team, relationship, new EntityReferenceCollection { new EntityReference("systemuser", user) }));
            service.Disassociate("team", team, relationship, new EntityReferenceCollection { new EntityReference("systemuser", user) });

            var membership = Assert.Single(afterAssociate);
            Assert.Equal(user, membership["systemuserid"]);
            Assert.Equal(team, membership["teamid"]);
            Assert.Empty(dataverse.Rows("teammembership"));
        }

        [Fact]
        public void ExecuteMultiple_continues_after_a_fault_when_asked_and_reports_it()
        {
            var missing = Guid.NewGuid();
            var request = new ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("contact") { ["lastname"] = "One" } },
                    new UpdateRequest { Target = new Entity("contact", missing) { ["lastname"] = "Ghost" } },
                    new CreateRequest { Target = new Entity("contact") { ["lastname"] = "Three" } },
                },
            };

            var response = (ExecuteMultipleResponse)service.Execute(request);

            Assert.True(response.IsFaulted);
            Assert.Equal(3, response.Responses.Count);
            Assert.Equal(ErrorCodes.ObjectDoesNotExist, response.Responses[1].Fault.ErrorCode);
            Assert.Equal(2, dataverse.Rows("contact").Count);
        }

        [Fact]
        public void ExecuteTransaction_rolls_back_every_request_when_one_fails()
        {
            var request = new ExecuteTransactionRequest
            {
                ReturnResponses = true,
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("contact") { ["lastname"] = "One" } },
                    new DeleteRequest { Target = new EntityReference("contact", Guid.NewGuid()) },
                },
            };

            var fault = Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => service.Execute(request));

            Assert.Equal(1, fault.ErrorDetails["FaultedRequestIndex"]);
            Assert.Empty(dataverse.Rows("contact"));
        }

        [Fact]
        public void ExecuteTransaction_commits_all_requests_together()
        {
            var response = (ExecuteTransactionResponse)service.Execute(new ExecuteTransactionRequest
            {
                ReturnResponses = true,
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("contact") { ["lastname"] = "One" } },
                    new CreateRequest { Target = new Entity("contact") { ["lastname"] = "Two" } },
                },
            });

            Assert.Equal(2, response.Responses.Count);
            Assert.Equal(2, dataverse.Rows("contact").Count);
        }

        [Fact]
        public void Seeded_rows_can_be_arranged_in_a_closed_state()
        {
            var id = dataverse.Seed(new Entity("phonecall") { ["subject"] = "Last week's call", ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(4) });

            var row = dataverse.Get("phonecall", id)!;
            Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(4, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(1, dataverse.Get("activitypointer", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [Fact]
        public void Seeded_rows_get_platform_columns_without_running_steps()
        {
            var fired = false;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, _ => fired = true));

            var id = dataverse.Seed(new Entity("contact") { ["lastname"] = "Kim" });

            Assert.False(fired);
            Assert.Equal(Start, dataverse.Get("contact", id)!["createdon"]);
        }
    }
}
