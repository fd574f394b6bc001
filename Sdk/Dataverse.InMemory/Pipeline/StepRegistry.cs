using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The registered steps of stages 10, 20 and 40 (sdkmessageprocessingstep rows), and which of them run for a
    /// message, table and stage: lowest rank first, ties in registration order.
    /// </summary>
    internal sealed class StepRegistry
    {
        private readonly object gate = new();
        private readonly List<PluginStep> steps = new();
        private readonly ConcurrentDictionary<(string Message, string Entity, PipelineStage Stage), PluginStep[]> cache = new();

        /// <summary>Registered steps, in registration order.</summary>
        public IReadOnlyList<PluginStep> Steps
        {
            get
            {
                lock (gate) return steps.ToArray();
            }
        }

        public void Add(PluginStep step)
        {
            lock (gate)
            {
                steps.Add(step);
                cache.Clear();
            }
        }

        /// <summary>Removes the step with this id (a deleted or disabled sdkmessageprocessingstep row); false when none is registered.</summary>
        public bool Remove(System.Guid stepId)
        {
            lock (gate)
            {
                var removed = steps.RemoveAll(s => s.Id == stepId) > 0;
                if (removed) cache.Clear();
                return removed;
            }
        }

        /// <summary>The steps registered for <paramref name="message"/> on <paramref name="primaryEntity"/> at <paramref name="stage"/>, in execution order.</summary>
        public PluginStep[] For(string message, string primaryEntity, PipelineStage stage)
        {
            var key = (message, primaryEntity, stage);
            if (cache.TryGetValue(key, out var cached)) return cached;
            lock (gate)
            {
                var matching = steps
                    .Select((step, order) => (step, order))
                    .Where(s => s.step.Matches(message, primaryEntity, stage))
                    .OrderBy(s => s.step.Rank)
                    .ThenBy(s => s.order)
                    .Select(s => s.step)
                    .ToArray();
                cache[key] = matching;
                return matching;
            }
        }
    }
}
