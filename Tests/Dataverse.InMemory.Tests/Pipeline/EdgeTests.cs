using System;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class EdgeTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public EdgeTests()
        {
            service = dataverse.CreateService();
        }

        [Fact]
        public void An_abort_carries_the_trace_and_the_operation_status_in_the_fault()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, p =>
            {
                p.Tracing.Trace("checking budget");
                throw new InvalidPluginExecutionException(OperationStatus.Canceled, "Over budget.");
            }));

            var fault = Assertions.Faults(ErrorCodes.IsvAborted, () => service.Create(new Entity("contact")));

            Assert.StartsWith("checking budget", fault.TraceText, StringComparison.Ordinal);
            Assert.Equal((int)OperationStatus.Canceled, fault.ErrorDetails["OperationStatus"]);
        }

        [Fact]
        public void A_service_kept_after_its_plugin_execution_cannot_be_used()
        {
            IOrganizationService? kept = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => kept = p.Service));
            service.Create(new Entity("contact"));

            Assert.Throws<InvalidOperationException>(() => kept!.Create(new Entity("task")));
        }

        [Fact]
        public void A_German_user_gets_German_faults_from_nested_calls_too()
        {
            var user = dataverse.CreateUser("Greta Vertrieb");
            dataverse.SetUserLanguage(user, 1031);
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => p.Service.Delete("account", new Guid("7a1e0000-0000-0000-0000-0000000000b1"))));

            var fault = Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => dataverse.CreateService(user).Create(new Entity("contact")));

            Assert.Equal("account mit ID = 7a1e0000-0000-0000-0000-0000000000b1 ist nicht vorhanden", fault.Message);
        }

        [Fact]
        public void Unknown_tables_can_be_made_to_fault_in_queries()
        {
            dataverse.RejectUnknownTables = true;

            Assertions.Faults(ErrorCodes.EntityDoesNotExist, () => service.RetrieveMultiple(new QueryExpression("cat_nosuchtable") { ColumnSet = new ColumnSet(true) }));
            Assert.Empty(service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet(true) }).Entities);
        }

        [Fact]
        public void Instrumentation_keeps_a_bounded_window_of_requests_and_counts_all()
        {
            dataverse.Instrumentation.Capacity = 3;

            for (var i = 0; i < 5; i++) service.Create(new Entity("contact"));

            Assert.Equal(3, dataverse.Instrumentation.Requests.Count);
            Assert.Equal(5, dataverse.Instrumentation.RequestCount);
        }

        [Fact]
        public void An_activity_can_be_read_and_deleted_through_activitypointer()
        {
            var task = service.Create(new Entity("task") { ["subject"] = "Prepare call" });

            var pointer = service.Retrieve("activitypointer", task, new ColumnSet("subject", "activitytypecode"));
            service.Delete("activitypointer", task);

            Assert.Equal("Prepare call", pointer["subject"]);
            Assert.Equal("task", pointer["activitytypecode"]);
            Assert.Null(dataverse.Get("task", task));
        }
    }
}
