using System;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>State of a system job (asyncoperation.statuscode values for the outcomes that matter here).</summary>
    public enum AsyncJobStatus
    {
        /// <summary>Queued, not yet run (statuscode 0, Waiting For Resources).</summary>
        Waiting = 0,

        /// <summary>Ran without error (statuscode 30).</summary>
        Succeeded = 30,

        /// <summary>Threw; the exception is in <see cref="AsyncJob.Message"/> (statuscode 31).</summary>
        Failed = 31,
    }

    /// <summary>
    /// An asynchronous step queued after its operation committed — a system job. Failures are recorded here and as
    /// an asyncoperation row; they roll back nothing of the operation that queued them.
    /// </summary>
    public sealed class AsyncJob
    {
        internal AsyncJob(Guid id, PluginStep step, PluginExecutionContext context, DateTime createdOn)
        {
            Id = id;
            Step = step;
            Context = context;
            CreatedOn = createdOn;
        }

        /// <summary>asyncoperationid; also the context's OperationId.</summary>
        public Guid Id { get; }

        public PluginStep Step { get; }

        /// <summary>The context the step runs with (a snapshot of the operation).</summary>
        public PluginExecutionContext Context { get; }

        public DateTime CreatedOn { get; }

        public AsyncJobStatus Status { get; internal set; } = AsyncJobStatus.Waiting;

        /// <summary>How many times the plugin ran (a Retry status from the plugin runs it again, up to four times).</summary>
        public int Attempts { get; internal set; }

        /// <summary>The error message of a failed job.</summary>
        public string? Message { get; internal set; }

        /// <summary>The trace the plugin wrote in its last attempt.</summary>
        public string? TraceText { get; internal set; }

        public DateTime? CompletedOn { get; internal set; }
    }
}
