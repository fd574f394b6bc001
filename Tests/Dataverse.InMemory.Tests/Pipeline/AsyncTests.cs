using System;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class AsyncTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public AsyncTests()
        {
            service = dataverse.CreateService();
        }

        private static PluginStep Async(string message, string table, Action<PluginServices> body) =>
            new(message, new DelegatePlugin(body)) { PrimaryEntity = table, Stage = PipelineStage.PostOperation, Mode = StepMode.Asynchronous };

        [Fact]
        public void Async_steps_run_only_when_the_host_drains_the_queue_and_outside_any_transaction()
        {
            IPluginExecutionContext? seen = null;
            dataverse.RegisterStep(Async("Create", "contact", p =>
            {
                seen = p.Context;
                p.Service.Update(new Entity("contact", p.Context.PrimaryEntityId) { ["description"] = "scored" });
            }));
            var id = service.Create(new Entity("contact"));
            var beforeDrain = dataverse.PendingAsyncJobs;

            var jobs = dataverse.DrainAsyncQueue();

            Assert.Equal(1, beforeDrain);
            Assert.Equal(AsyncJobStatus.Succeeded, Assert.Single(jobs).Status);
            Assert.Equal(1, seen!.Mode);
            Assert.Equal(40, seen.Stage);
            Assert.False(seen.IsInTransaction);
            Assert.Equal(id, ((Guid)seen.OutputParameters["id"]));
            Assert.Equal("scored", service.Retrieve("contact", id, new ColumnSet("description"))["description"]);
            Assert.Equal(0, dataverse.PendingAsyncJobs);
        }

        [Fact]
        public void A_rolled_back_operation_queues_no_async_step()
        {
            dataverse.RegisterStep(Async("Create", "contact", _ => { }));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, _ => throw new InvalidPluginExecutionException("no")));

            Assert.ThrowsAny<Exception>(() => service.Create(new Entity("contact")));

            Assert.Equal(0, dataverse.PendingAsyncJobs);
        }

        [Fact]
        public void A_failing_async_step_is_recorded_as_a_failed_system_job_and_rolls_back_nothing()
        {
            dataverse.RegisterStep(Async("Create", "contact", _ => throw new InvalidPluginExecutionException("Scoring service unavailable.")));
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            var job = Assert.Single(dataverse.DrainAsyncQueue());

            Assert.Equal(AsyncJobStatus.Failed, job.Status);
            Assert.Equal("Scoring service unavailable.", job.Message);
            Assert.NotNull(dataverse.Get("contact", id));
            var systemJob = Assert.Single(dataverse.Rows("asyncoperation"));
            Assert.Equal(31, systemJob.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal("Scoring service unavailable.", systemJob["message"]);
            Assert.Equal(new EntityReference("contact", id), systemJob["regardingobjectid"]);
        }

        [Fact]
        public void A_retry_status_runs_the_job_again_up_to_four_times()
        {
            var attempts = 0;
            dataverse.RegisterStep(Async("Create", "contact", _ =>
            {
                attempts++;
                throw new InvalidPluginExecutionException(OperationStatus.Retry, "try later");
            }));
            service.Create(new Entity("contact"));

            var job = Assert.Single(dataverse.DrainAsyncQueue());

            Assert.Equal(4, attempts);
            Assert.Equal(4, job.Attempts);
            Assert.Equal(AsyncJobStatus.Failed, job.Status);
        }

        [Fact]
        public void Successful_jobs_are_kept_as_system_jobs_only_when_the_step_says_so()
        {
            dataverse.RegisterStep(new PluginStep("Create", new DelegatePlugin(_ => { }))
            {
                PrimaryEntity = "contact",
                Mode = StepMode.Asynchronous,
                DeleteAsyncOperationOnSuccess = false,
            });
            dataverse.RegisterStep(Async("Create", "contact", _ => { }));
            service.Create(new Entity("contact"));

            dataverse.DrainAsyncQueue();

            Assert.Equal(30, Assert.Single(dataverse.Rows("asyncoperation")).GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Jobs_queued_by_async_steps_run_in_the_same_drain()
        {
            dataverse.RegisterStep(Async("Create", "contact", p => p.Service.Create(new Entity("task"))));
            var taskJobRan = false;
            dataverse.RegisterStep(Async("Create", "task", _ => taskJobRan = true));
            service.Create(new Entity("contact"));

            var jobs = dataverse.DrainAsyncQueue();

            Assert.Equal(2, jobs.Count);
            Assert.True(taskJobRan);
        }
    }
}
