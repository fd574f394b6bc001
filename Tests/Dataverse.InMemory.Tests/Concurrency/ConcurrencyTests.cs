using System;
using System.Linq;
using System.ServiceModel;
using System.Threading;
using System.Threading.Tasks;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Concurrency
{
    public sealed class ConcurrencyTests
    {
        private readonly InMemoryDataverse dataverse = new();

        [Fact]
        public void Many_threads_can_create_rows_at_once()
        {
            const int Threads = 8;
            const int PerThread = 200;

            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
            {
                var service = dataverse.CreateService();
                for (var i = 0; i < PerThread; i++) service.Create(new Entity("contact"));
            });

            var rows = dataverse.Rows("contact");
            Assert.Equal(Threads * PerThread, rows.Count);
            Assert.Equal(rows.Count, rows.Select(r => r.GetAttributeValue<long>("versionnumber")).Distinct().Count());
        }

        [Fact]
        public void A_read_then_write_plugin_loses_a_concurrent_update_as_it_does_in_Dataverse()
        {
            var contact = dataverse.Seed(new Entity("contact") { ["numberofchildren"] = 0 });
            using var bothHaveRead = new Barrier(2);
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PostOperation, p =>
            {
                var current = p.Service.Retrieve("contact", contact, new ColumnSet("numberofchildren")).GetAttributeValue<int>("numberofchildren");
                bothHaveRead.SignalAndWait();
                p.Service.Update(new Entity("contact", contact) { ["numberofchildren"] = current + 1 });
            }));

            RunTogether(() => dataverse.CreateService().Create(new Entity("task")), () => dataverse.CreateService().Create(new Entity("task")));

            Assert.Equal(2, dataverse.Rows("task").Count);
            Assert.Equal(1, dataverse.Get("contact", contact)!["numberofchildren"]);
        }

        [Fact]
        public void An_update_first_plugin_serializes_on_the_row_lock_and_loses_nothing()
        {
            const int Threads = 6;
            const int PerThread = 25;
            var contact = dataverse.Seed(new Entity("contact") { ["numberofchildren"] = 0 });
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PostOperation, p =>
            {
                // Writing the row first takes its lock for the rest of the transaction; the read that follows sees
                // the latest committed value.
                p.Service.Update(new Entity("contact", contact) { ["description"] = "counting" });
                var current = p.Service.Retrieve("contact", contact, new ColumnSet("numberofchildren")).GetAttributeValue<int>("numberofchildren");
                p.Service.Update(new Entity("contact", contact) { ["numberofchildren"] = current + 1 });
            }));

            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
            {
                var service = dataverse.CreateService();
                for (var i = 0; i < PerThread; i++) service.Create(new Entity("task"));
            });

            Assert.Equal(Threads * PerThread, dataverse.Get("contact", contact)!["numberofchildren"]);
        }

        [Fact]
        public void A_stale_row_version_faults_and_a_current_one_succeeds()
        {
            var service = dataverse.CreateService();
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });
            var read = service.Retrieve("contact", id, new ColumnSet("lastname"));
            service.Update(new Entity("contact", id) { ["lastname"] = "Lee" });

            var stale = new Entity("contact", id) { ["lastname"] = "Park", RowVersion = read.RowVersion };
            Assertions.Faults(ErrorCodes.ConcurrencyVersionMismatch, () =>
                service.Execute(new UpdateRequest { Target = stale, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));
            Assertions.Faults(ErrorCodes.ConcurrencyVersionNotProvided, () =>
                service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "Park" }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));
            Assertions.Faults(ErrorCodes.ConcurrencyVersionMismatch, () =>
                service.Execute(new DeleteRequest { Target = new EntityReference("contact", id) { RowVersion = read.RowVersion }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));

            var current = service.Retrieve("contact", id, new ColumnSet("lastname"));
            service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "Park", RowVersion = current.RowVersion }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            Assert.Equal("Park", dataverse.Get("contact", id)!["lastname"]);
        }

        [Fact]
        public async Task A_writer_waiting_past_the_lock_timeout_faults_with_the_SQL_timeout()
        {
            dataverse.LockTimeout = TimeSpan.FromMilliseconds(200);
            var contact = dataverse.Seed(new Entity("contact"));
            using var locked = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PostOperation, p =>
            {
                p.Service.Update(new Entity("contact", contact) { ["description"] = "held" });
                locked.Set();
                release.Wait();
            }));
            var holder = Task.Run(() => dataverse.CreateService().Create(new Entity("task")));
            locked.Wait();

            try
            {
                Assertions.Faults(ErrorCodes.SqlTimeout, () => dataverse.CreateService().Update(new Entity("contact", contact) { ["description"] = "blocked" }));
            }
            finally
            {
                release.Set();
                await holder;
            }
            Assert.Equal("held", dataverse.Get("contact", contact)!["description"]);
        }

        [Fact]
        public void Two_transactions_locking_rows_in_opposite_order_end_in_one_deadlock_victim()
        {
            var first = dataverse.Seed(new Entity("contact"));
            var second = dataverse.Seed(new Entity("contact"));
            using var bothHoldOne = new Barrier(2);
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PostOperation, p =>
            {
                var (a, b) = (string)p.Target["subject"] == "forward" ? (first, second) : (second, first);
                p.Service.Update(new Entity("contact", a) { ["description"] = (string)p.Target["subject"] });
                bothHoldOne.SignalAndWait();
                p.Service.Update(new Entity("contact", b) { ["description"] = (string)p.Target["subject"] });
            }));

            var outcomes = RunTogether(
                () => dataverse.CreateService().Create(new Entity("task") { ["subject"] = "forward" }),
                () => dataverse.CreateService().Create(new Entity("task") { ["subject"] = "backward" }));

            Assert.Single(outcomes, o => o == ErrorCodes.SqlDeadlock);
            Assert.Single(outcomes, o => o == null);
            Assert.Single(dataverse.Rows("task"));
        }

        // Runs both actions on their own threads and returns, per action, the fault code it ended with (null = success).
        private static int?[] RunTogether(params Action[] actions)
        {
            var tasks = actions.Select(action => Task.Factory.StartNew(() =>
            {
                try
                {
                    action();
                    return (int?)null;
                }
                catch (FaultException<OrganizationServiceFault> fault)
                {
                    return fault.Detail.ErrorCode;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            Task.WaitAll(tasks);
            return tasks.Select(t => t.Result).ToArray();
        }
    }
}
