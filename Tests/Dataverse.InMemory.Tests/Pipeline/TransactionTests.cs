using System;
using System.ServiceModel;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class TransactionTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public TransactionTests()
        {
            service = dataverse.CreateService();
        }

        [Fact]
        public void A_plugin_that_throws_in_PostOperation_leaves_neither_its_row_nor_rows_other_plugins_created()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => p.Service.Create(new Entity("task") { ["subject"] = "Created by another plugin" }), rank: 1));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, _ => throw new InvalidPluginExecutionException("Contact budget exhausted."), rank: 2));

            var fault = Assertions.Faults(ErrorCodes.IsvAborted, () => service.Create(new Entity("contact") { ["lastname"] = "Kim" }));

            Assert.Equal("Contact budget exhausted.", fault.Message);
            Assert.Empty(dataverse.Rows("contact"));
            Assert.Empty(dataverse.Rows("task"));
        }

        [Fact]
        public void Any_other_exception_is_reported_as_an_unexpected_ISV_error_and_rolls_back()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, _ => throw new InvalidOperationException("boom")));

            var fault = Assertions.Faults(ErrorCodes.IsvUnexpected, () => service.Create(new Entity("contact")));

            Assert.Contains("System.InvalidOperationException: boom", fault.Message, StringComparison.Ordinal);
            Assert.Empty(dataverse.Rows("contact"));
        }

        [Fact]
        public void A_fault_of_a_nested_call_reaches_the_caller_with_its_own_code()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => p.Service.Retrieve("account", Guid.NewGuid(), new ColumnSet(true))));

            Assertions.Faults(ErrorCodes.ObjectDoesNotExist, () => service.Create(new Entity("contact")));

            Assert.Empty(dataverse.Rows("contact"));
        }

        [Fact]
        public void What_a_top_level_PreValidation_plugin_writes_commits_on_its_own()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreValidation, p => p.Service.Create(new Entity("task") { ["subject"] = "audit" })));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, _ => throw new InvalidPluginExecutionException("no")));

            Assertions.Faults(ErrorCodes.IsvAborted, () => service.Create(new Entity("contact")));

            Assert.Empty(dataverse.Rows("contact"));
            Assert.Single(dataverse.Rows("task"));
        }

        [Fact]
        public void A_plugin_that_swallows_a_failed_call_dooms_the_transaction()
        {
            int? secondCallCode = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                try
                {
                    p.Service.Delete("account", Guid.NewGuid());
                }
                catch (FaultException<OrganizationServiceFault>)
                {
                    try
                    {
                        p.Service.Create(new Entity("task"));
                    }
                    catch (FaultException<OrganizationServiceFault> second)
                    {
                        secondCallCode = second.Detail.ErrorCode;
                    }
                }
            }));

            Assertions.Faults(ErrorCodes.IsvReducedTransactionCount, () => service.Create(new Entity("contact")));

            Assert.Equal(ErrorCodes.NoActiveTransaction, secondCallCode);
            Assert.Empty(dataverse.Rows("contact"));
            Assert.Empty(dataverse.Rows("task"));
        }

        [Fact]
        public void Rows_written_inside_the_transaction_are_visible_to_its_plugins_but_not_to_others_until_commit()
        {
            Entity? seenInside = null;
            Entity? seenOutside = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                seenInside = p.Service.Retrieve("contact", p.Context.PrimaryEntityId, new ColumnSet("lastname"));
                seenOutside = dataverse.Get("contact", p.Context.PrimaryEntityId);
            }));

            service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            Assert.Equal("Kim", seenInside!["lastname"]);
            Assert.Null(seenOutside);
        }

        [Fact]
        public void Trace_logs_survive_a_rollback()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, p =>
            {
                p.Tracing.Trace("about to fail");
                throw new InvalidPluginExecutionException("failed");
            }));

            Assertions.Faults(ErrorCodes.IsvAborted, () => service.Create(new Entity("contact")));

            var trace = Assert.Single(dataverse.Instrumentation.Traces);
            Assert.StartsWith("about to fail", trace.Text, StringComparison.Ordinal);
            Assert.Contains("InvalidPluginExecutionException", trace.ExceptionDetails, StringComparison.Ordinal);
        }
    }
}
