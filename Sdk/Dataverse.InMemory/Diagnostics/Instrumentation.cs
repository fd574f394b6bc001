using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Dataverse.InMemory.Diagnostics
{
    /// <summary>The time one step took in one execution.</summary>
    public sealed record StepTiming(string StepName, string PluginTypeName, string MessageName, string PrimaryEntityName, int Stage, int Mode, int Depth, TimeSpan Elapsed);

    /// <summary>
    /// What happened under one top-level request (or one asynchronous job): the organization-service calls its
    /// plugins made, by message, and the time each step took. Tests assert on call counts ("the plugin reads the
    /// contact once"); benchmarks read the step times.
    /// </summary>
    public sealed class RequestMetrics
    {
        private readonly object gate = new();
        private readonly Dictionary<string, int> callsByMessage = new(StringComparer.Ordinal);
        private readonly List<StepTiming> steps = new();

        internal RequestMetrics(string messageName, string primaryEntityName, Guid correlationId, bool isAsyncJob)
        {
            MessageName = messageName;
            PrimaryEntityName = primaryEntityName;
            CorrelationId = correlationId;
            IsAsyncJob = isAsyncJob;
        }

        public string MessageName { get; }

        public string PrimaryEntityName { get; }

        public Guid CorrelationId { get; }

        /// <summary>True when these are the metrics of an asynchronous step run by DrainAsyncQueue.</summary>
        public bool IsAsyncJob { get; }

        /// <summary>Organization-service calls made by plugins during the request, by message name.</summary>
        public IReadOnlyDictionary<string, int> PluginCallsByMessage
        {
            get
            {
                lock (gate) return new Dictionary<string, int>(callsByMessage, StringComparer.Ordinal);
            }
        }

        public int PluginCallCount
        {
            get
            {
                lock (gate) return callsByMessage.Values.Sum();
            }
        }

        public IReadOnlyList<StepTiming> Steps
        {
            get
            {
                lock (gate) return steps.ToArray();
            }
        }

        internal void CountCall(string messageName)
        {
            lock (gate) callsByMessage[messageName] = callsByMessage.TryGetValue(messageName, out var n) ? n + 1 : 1;
        }

        internal void AddStep(StepTiming timing)
        {
            lock (gate) steps.Add(timing);
        }
    }

    /// <summary>
    /// Metrics of the most recent top-level requests (a bounded window, so long simulations do not grow without
    /// limit) and the captured plugin traces.
    /// </summary>
    public sealed class Instrumentation
    {
        private readonly ConcurrentQueue<RequestMetrics> requests = new();
        private readonly ConcurrentQueue<PluginTrace> traces = new();
        private long requestCount;
        private int capacity = 10_000;

        /// <summary>How many recent requests (and traces) are kept; older ones are dropped.</summary>
        public int Capacity
        {
            get => capacity;
            set => capacity = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Capacity must be positive.");
        }

        /// <summary>Top-level requests (and async jobs) since the start or the last <see cref="Clear"/>, including dropped ones.</summary>
        public long RequestCount => Interlocked.Read(ref requestCount);

        /// <summary>The kept requests, oldest first.</summary>
        public IReadOnlyList<RequestMetrics> Requests => requests.ToArray();

        /// <summary>The most recent request's metrics.</summary>
        public RequestMetrics? LastRequest => requests.LastOrDefault();

        /// <summary>Plugin traces (one per plugin execution that traced or failed), oldest first.</summary>
        public IReadOnlyList<PluginTrace> Traces => traces.ToArray();

        public void Clear()
        {
            requests.Clear();
            traces.Clear();
            Interlocked.Exchange(ref requestCount, 0);
        }

        internal void Add(RequestMetrics metrics)
        {
            Interlocked.Increment(ref requestCount);
            requests.Enqueue(metrics);
            while (requests.Count > capacity) requests.TryDequeue(out _);
        }

        internal void Add(PluginTrace trace)
        {
            traces.Enqueue(trace);
            while (traces.Count > capacity) traces.TryDequeue(out _);
        }
    }
}
