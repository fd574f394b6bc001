using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.ServiceModel;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The asynchronous service: system jobs of async steps, queued when their operation commits and run by
    /// <see cref="Drain"/> outside any transaction. A job's outcome is kept on the job and as an asyncoperation row.
    /// </summary>
    internal sealed class AsyncQueue
    {
        /// <summary>The async service runs a job again when the plugin asks for a retry, four attempts in all.</summary>
        private const int MaxAttempts = 4;

        private readonly ConcurrentQueue<AsyncJob> queue = new();
        private readonly ConcurrentQueue<AsyncJob> history = new();
        private readonly RowStore store;
        private readonly Organization organization;
        private readonly DataverseClock clock;
        private readonly Func<Guid> newId;
        private readonly PluginRunner runner;
        private readonly Instrumentation instrumentation;

        public AsyncQueue(RowStore store, Organization organization, DataverseClock clock, Func<Guid> newId, PluginRunner runner, Instrumentation instrumentation)
        {
            this.store = store;
            this.organization = organization;
            this.clock = clock;
            this.newId = newId;
            this.runner = runner;
            this.instrumentation = instrumentation;
        }

        /// <summary>Asynchronous steps queued and not yet run.</summary>
        public int Pending => queue.Count;

        /// <summary>Every job that ran, with its outcome.</summary>
        public IReadOnlyList<AsyncJob> Jobs => history.ToArray();

        /// <summary>Creates the job of an async step with a snapshot of the operation; it is queued only if <paramref name="tx"/> commits.</summary>
        public void QueueAfterCommit(StoreTransaction tx, PluginExecutionContext context, PluginStep step, EntityImageCollection preImages, EntityImageCollection postImages)
        {
            var job = new AsyncJob(newId(), step, context.SnapshotForAsync(step, preImages, postImages, Guid.Empty), clock.UtcNow);
            job.Context.OperationId = job.Id;
            tx.AfterCommit.Add(() => queue.Enqueue(job));
        }

        /// <summary>Runs the queued jobs (and any they queue) in order; returns the jobs that ran.</summary>
        public IReadOnlyList<AsyncJob> Drain()
        {
            var ran = new List<AsyncJob>();
            while (queue.TryDequeue(out var job))
            {
                Run(job);
                ran.Add(job);
            }
            return ran;
        }

        private void Run(AsyncJob job)
        {
            var context = job.Context;
            var metrics = new RequestMetrics(context.MessageName, context.PrimaryEntityName, context.CorrelationId, isAsyncJob: true);
            using var language = DataverseFault.UseLanguage(organization.LanguageOf(store, context.InitiatingUserId));
            try
            {
                while (true)
                {
                    job.Attempts++;
                    var failure = runner.Invoke(job.Step, context, metrics, out var trace);
                    job.TraceText = trace;
                    if (failure == null)
                    {
                        job.Status = AsyncJobStatus.Succeeded;
                        break;
                    }
                    if (failure is InvalidPluginExecutionException { Status: OperationStatus.Retry } && job.Attempts < MaxAttempts) continue;
                    job.Status = AsyncJobStatus.Failed;
                    job.Message = failure is FaultException<OrganizationServiceFault> f ? f.Detail.Message : failure.Message;
                    break;
                }
            }
            finally
            {
                job.CompletedOn = clock.UtcNow;
                history.Enqueue(job);
                instrumentation.Add(metrics);
            }
            if (job.Status == AsyncJobStatus.Failed || !job.Step.DeleteAsyncOperationOnSuccess) RecordSystemJob(job);
        }

        /// <summary>Writes the asyncoperation row of a finished job: failures always, successes when the step keeps them.</summary>
        private void RecordSystemJob(AsyncJob job)
        {
            var context = job.Context;
            var row = new Entity("asyncoperation", job.Id)
            {
                ["asyncoperationid"] = job.Id,
                ["name"] = job.Step.DisplayName,
                ["operationtype"] = new OptionSetValue(1),
                ["statecode"] = new OptionSetValue(3),
                ["statuscode"] = new OptionSetValue((int)job.Status),
                ["message"] = job.Message,
                ["friendlymessage"] = job.Message,
                ["correlationid"] = context.CorrelationId,
                ["depth"] = context.Depth,
                ["retrycount"] = job.Attempts - 1,
                ["primaryentitytype"] = context.PrimaryEntityName,
                ["messagename"] = context.MessageName,
                ["owningextensionid"] = new EntityReference("sdkmessageprocessingstep", job.Step.Id),
                ["createdon"] = job.CreatedOn,
                ["startedon"] = job.CreatedOn,
                ["completedon"] = job.CompletedOn,
                ["ownerid"] = new EntityReference("systemuser", context.UserId),
                ["versionnumber"] = store.NextVersion(),
            };
            if (context.PrimaryEntityId != Guid.Empty && context.PrimaryEntityName != "none")
            {
                row["regardingobjectid"] = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId);
            }
            foreach (var key in row.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) row.Attributes.Remove(key);
            store.PutCommitted(row);
        }
    }
}
