using System;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>
    /// What a replay of history reuses for every touch it evaluates (<see cref="TouchWorkflow.Replay"/>): one touch and one
    /// decision, written over each time, so that a backtest of a million touches allocates no touch, decision or counters
    /// per touch (the garbage collector, not the rules, was most of its cost). The decision a replay returns is this
    /// buffer's and holds until the next call; one buffer serves one thread.
    /// </summary>
    public sealed class ReplayBuffer
    {
        internal Touch Touch { get; } = new Touch(Channel.Other, Origin.Human, LedgerEntry.Epoch);

        internal Decision Decision { get; } = new Decision();
    }
}
