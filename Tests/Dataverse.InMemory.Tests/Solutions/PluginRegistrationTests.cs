using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Solutions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static Dataverse.InMemory.Tests.Solutions.SolutionFixtures;

namespace Dataverse.InMemory.Tests.Solutions
{
    public sealed class PluginRegistrationTests
    {
        private readonly InMemoryDataverse world = World();
        private readonly IOrganizationService service;

        public PluginRegistrationTests() => service = world.CreateService();

        [Fact]
        public void Enabling_registration_seeds_the_messages_with_their_documented_ids_and_Send_of_email()
        {
            var update = Single("sdkmessage", "name", "Update");
            var send = Single("sdkmessage", "name", "Send");

            Assert.Equal(new Guid(UpdateMessageId), update.Id);
            var filters = service.RetrieveMultiple(new QueryExpression("sdkmessagefilter")
            {
                ColumnSet = new ColumnSet("primaryobjecttypecode"),
                Criteria = { Conditions = { new ConditionExpression("sdkmessageid", ConditionOperator.Equal, send.Id) } },
            }).Entities;
            Assert.Equal("email", Assert.Single(filters).GetAttributeValue<string>("primaryobjecttypecode"));
        }

        [Fact]
        public void A_step_row_registers_its_step_and_an_image_row_adds_its_image()
        {
            var typeId = service.Create(new Entity("plugintype")
            {
                ["typename"] = typeof(StampPlugin).FullName,
                ["assemblyname"] = typeof(StampPlugin).Assembly.GetName().Name,
            });
            var stepId = service.Create(new Entity("sdkmessageprocessingstep")
            {
                ["name"] = "Stamp",
                ["sdkmessageid"] = new EntityReference("sdkmessage", new Guid(UpdateMessageId)),
                ["sdkmessagefilterid"] = new EntityReference("sdkmessagefilter", FilterOf("Update", "new_widget")),
                ["eventhandler"] = new EntityReference("plugintype", typeId),
                ["stage"] = new OptionSetValue(20),
                ["mode"] = new OptionSetValue(0),
                ["rank"] = 1,
                ["configuration"] = "c1",
            });
            var widget = service.Create(new Entity("new_widget") { ["new_name"] = "A" });

            Assert.Equal("[c1|20|]", Touch(widget));

            service.Create(new Entity("sdkmessageprocessingstepimage")
            {
                ["entityalias"] = "pre",
                ["imagetype"] = new OptionSetValue(0),
                ["messagepropertyname"] = "Target",
                ["attributes"] = "new_name",
                ["sdkmessageprocessingstepid"] = new EntityReference("sdkmessageprocessingstep", stepId),
            });
            Assert.Equal("[c1|20|pre]", Touch(widget));
            Assert.Single(world.Steps, s => s.Id == stepId);
        }

        [Fact]
        public void Disabling_and_deleting_a_step_row_stop_its_plugin()
        {
            Import(Zip());
            var widget = service.Create(new Entity("new_widget") { ["new_name"] = "A" });
            Assert.Equal("[v1|20|pre]", Touch(widget));

            service.Update(new Entity("sdkmessageprocessingstep", StepId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
            Assert.Equal("", Touch(widget));

            service.Update(new Entity("sdkmessageprocessingstep", StepId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) });
            Assert.Equal("[v1|20|pre]", Touch(widget));

            service.Delete("sdkmessageprocessingstepimage", ImageId);
            Assert.Equal("[v1|20|]", Touch(widget));

            service.Delete("sdkmessageprocessingstep", StepId);
            Assert.Equal("", Touch(widget));
            Assert.DoesNotContain(world.Steps, s => s.Id == StepId);
        }

        [Fact]
        public void A_step_whose_plugin_type_is_not_loaded_is_refused_naming_the_type()
        {
            var typeId = service.Create(new Entity("plugintype") { ["typename"] = "Contoso.Missing", ["assemblyname"] = "Contoso.Plugins" });

            var fault = Assertions.Faults(ErrorCodes.IsvAborted, () => service.Create(new Entity("sdkmessageprocessingstep")
            {
                ["name"] = "Missing",
                ["sdkmessageid"] = new EntityReference("sdkmessage", new Guid(UpdateMessageId)),
                ["eventhandler"] = new EntityReference("plugintype", typeId),
                ["stage"] = new OptionSetValue(40),
                ["rank"] = 1,
            }));

            Assert.Contains("Contoso.Missing", fault.Message);
            Assert.DoesNotContain(service.RetrieveMultiple(new QueryExpression("sdkmessageprocessingstep") { ColumnSet = new ColumnSet("name") }).Entities,
                e => e.GetAttributeValue<string>("name") == "Missing");
        }

        [Fact]
        public void Importing_a_solution_registers_its_types_steps_images_and_custom_api_plugins()
        {
            var jobId = Guid.NewGuid();

            Import(Zip(), jobId);

            var widget = service.Create(new Entity("new_widget") { ["new_name"] = "A" });
            Assert.Equal("[v1|20|pre]", Touch(widget));
            var solution = Single("solution", "uniquename", "Widgets");
            Assert.Equal("1.0.0.0", solution.GetAttributeValue<string>("version"));
            Assert.False(solution.GetAttributeValue<bool>("ismanaged"));
            Assert.Equal(2, Count("plugintype"));
            var response = service.Execute(new OrganizationRequest("new_Double") { ["Value"] = 21 });
            Assert.Equal(42, response.Results["Result"]);
            var job = service.Retrieve("importjob", jobId, new ColumnSet(true));
            Assert.Equal("Widgets", job.GetAttributeValue<string>("solutionname"));
            Assert.Contains("result=\"success\"", job.GetAttributeValue<string>("data"));
            Assert.Contains("Roles: 1 (not applied by the in-memory Dataverse)", job.GetAttributeValue<string>("data"));
        }

        [Fact]
        public void Importing_a_newer_version_updates_the_rows_in_place()
        {
            Import(Zip());
            Import(Zip(version: "1.0.0.1", configuration: "v2"));

            var widget = service.Create(new Entity("new_widget") { ["new_name"] = "A" });
            Assert.Equal("[v2|20|pre]", Touch(widget));
            Assert.Equal("1.0.0.1", Single("solution", "uniquename", "Widgets").GetAttributeValue<string>("version"));
            Assert.Equal(1, Count("solution"));
            Assert.Equal(1, Count("sdkmessageprocessingstep"));
            Assert.Equal(1, Count("sdkmessageprocessingstepimage"));
            Assert.Equal(2, Count("solutioncomponent"));
        }

        [Fact]
        public void An_import_naming_a_table_the_organization_lacks_fails_naming_it_and_changes_nothing()
        {
            var zip = Zip(tables: "<Entity><Name LocalizedName=\"Gadget\" OriginalName=\"\">new_Gadget</Name></Entity>");

            var fault = Assertions.Faults(ErrorCodes.InvalidArgument, () => Import(zip));

            Assert.Contains("The table 'new_gadget' is not in this organization's metadata", fault.Message);
            Assert.Equal(0, Count("plugintype"));
            Assert.Equal(0, Count("solution"));
            Assert.Equal(0, Count("importjob"));
        }

        [Fact]
        public void An_asynchronous_import_reports_success_and_failure_on_its_system_job()
        {
            var ok = service.Execute(new OrganizationRequest("ImportSolutionAsync") { ["CustomizationFile"] = Zip() });
            var failed = service.Execute(new OrganizationRequest("ImportSolutionAsync") { ["CustomizationFile"] = Zip(stepMessageId: "00000000-0000-4000-8000-00000000abcd") });

            var succeeded = service.Retrieve("asyncoperation", (Guid)ok.Results["AsyncOperationId"], new ColumnSet("statecode", "statuscode"));
            Assert.Equal(3, succeeded.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(30, succeeded.GetAttributeValue<OptionSetValue>("statuscode").Value);
            var failure = service.Retrieve("asyncoperation", (Guid)failed.Results["AsyncOperationId"], new ColumnSet("statuscode", "friendlymessage"));
            Assert.Equal(31, failure.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Contains("names the message 00000000-0000-4000-8000-00000000abcd, which this organization does not have", failure.GetAttributeValue<string>("friendlymessage"));
            var job = service.Retrieve("importjob", Guid.Parse((string)failed.Results["ImportJobKey"]), new ColumnSet("data"));
            Assert.Contains("result=\"failure\"", job.GetAttributeValue<string>("data"));
        }

        [Fact]
        public void A_file_that_is_not_a_solution_zip_fails_with_a_clear_message()
        {
            var fault = Assertions.Faults(ErrorCodes.InvalidArgument, () => Import(new byte[] { 1, 2, 3 }));

            Assert.Contains("The customization file is not a zip archive", fault.Message);
        }

        [Fact]
        public void AddSolutionComponent_adds_a_component_once_and_refuses_a_managed_solution()
        {
            Import(Zip());
            var componentId = Guid.NewGuid();
            var add = new OrganizationRequest("AddSolutionComponent") { ["ComponentId"] = componentId, ["ComponentType"] = 92, ["SolutionUniqueName"] = "Widgets", ["AddRequiredComponents"] = false };

            var first = (Guid)service.Execute(add).Results["id"];
            var second = (Guid)service.Execute(add).Results["id"];

            Assert.Equal(first, second);
            Assert.Equal(3, Count("solutioncomponent"));
            Import(Zip(version: "2.0.0.0", managed: true));
            var fault = Assertions.Faults(ErrorCodes.InvalidArgument, () => service.Execute(add));
            Assert.Contains("'Widgets' is managed", fault.Message);
        }

        private void Import(byte[] zip, Guid? jobId = null)
        {
            var request = new OrganizationRequest("ImportSolution") { ["CustomizationFile"] = zip, ["OverwriteUnmanagedCustomizations"] = true, ["PublishWorkflows"] = false };
            if (jobId != null) request["ImportJobId"] = jobId.Value;
            service.Execute(request);
        }

        /// <summary>Updates the widget and returns what the registered plug-ins stamped on it.</summary>
        private string Touch(Guid widget)
        {
            service.Update(new Entity("new_widget", widget) { ["new_stamp"] = "", ["new_name"] = "B" });
            return service.Retrieve("new_widget", widget, new ColumnSet("new_stamp")).GetAttributeValue<string>("new_stamp") ?? "";
        }

        private Guid FilterOf(string message, string table) =>
            service.RetrieveMultiple(new QueryExpression("sdkmessagefilter")
            {
                ColumnSet = new ColumnSet("sdkmessagefilterid"),
                Criteria =
                {
                    Conditions =
                    {
                        new ConditionExpression("sdkmessageid", ConditionOperator.Equal, PluginRegistration.MessageId(message)),
                        new ConditionExpression("primaryobjecttypecode", ConditionOperator.Equal, table),
                    },
                },
            }).Entities.Single().Id;

        private Entity Single(string table, string column, string value) =>
            service.RetrieveMultiple(new QueryExpression(table)
            {
                ColumnSet = new ColumnSet(true),
                Criteria = { Conditions = { new ConditionExpression(column, ConditionOperator.Equal, value) } },
            }).Entities.Single();

        private int Count(string table) =>
            service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(table + "id") }).Entities.Count;
    }
}
