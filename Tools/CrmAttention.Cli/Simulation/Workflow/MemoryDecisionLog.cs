using System.Collections.Generic;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;

namespace CrmAttention.Cli.Simulation.Workflow
{
    /// <summary>
    /// The workflow's <see cref="IDecisionLog"/> in memory: what the plugins would write as cat_attentiondecision rows,
    /// counted by decision kind (a long simulation logs too many decisions to keep them all), with the most recent
    /// records kept for inspection.
    /// </summary>
    public sealed class MemoryDecisionLog : IDecisionLog
    {
        private readonly long[] _byKind = new long[8];
        private readonly Queue<DecisionRecord> _recent = new Queue<DecisionRecord>();
        private readonly int _keep;

        /// <param name="keep">How many of the latest records to keep.</param>
        public MemoryDecisionLog(int keep = 100)
        {
            _keep = keep;
        }

        public long Count { get; private set; }

        /// <summary>Records written with an engine failure (fail-open).</summary>
        public long EngineErrors { get; private set; }

        /// <summary>Records that name a routed call.</summary>
        public long Routed { get; private set; }

        /// <summary>The latest records, oldest first.</summary>
        public IReadOnlyCollection<DecisionRecord> Recent => _recent;

        public long CountOf(DecisionKind kind) => (int)kind < _byKind.Length ? _byKind[(int)kind] : 0;

        public void Write(DecisionRecord record)
        {
            Count++;
            if ((int)record.Decision.Kind < _byKind.Length) _byKind[(int)record.Decision.Kind]++;
            if (record.ErrorDetail != null) EngineErrors++;
            if (record.RoutedCallId != null) Routed++;
            if (_keep <= 0) return;
            if (_recent.Count == _keep) _recent.Dequeue();
            _recent.Enqueue(record);
        }
    }
}
