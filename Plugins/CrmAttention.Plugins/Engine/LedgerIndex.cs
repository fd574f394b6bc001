using System;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>
    /// A read-only view of a ledger that answers the budget questions in O(log n): the completed budgeted touches'
    /// times in order with prefix counts per origin and channel, so "how many (automated / email) touches after
    /// instant x" is a binary search and two subtractions. Pending touches — few, and subject to expiry and to the
    /// evaluated activity's own key — are kept apart and scanned. Built lazily on first use after parsing or after
    /// any change, so evaluating many touches against one parsed ledger pays the O(n) once.
    /// </summary>
    internal sealed class LedgerIndex
    {
        private LedgerIndex(long[] ticks, int[] automatedPrefix, int[] channelPrefix, uint[] sortedKeys, LedgerEntry[] pending)
        {
            Ticks = ticks;
            AutomatedPrefix = automatedPrefix;
            ChannelPrefix = channelPrefix;
            SortedKeys = sortedKeys;
            Pending = pending;
        }

        /// <summary>Times (ticks) of completed touches that count toward budgets, ascending.</summary>
        public long[] Ticks { get; }

        /// <summary>AutomatedPrefix[i] = automated touches among the first i.</summary>
        public int[] AutomatedPrefix { get; }

        /// <summary>ChannelPrefix[c * (Count + 1) + i] = touches on channel c among the first i.</summary>
        public int[] ChannelPrefix { get; }

        /// <summary>Activity keys of the completed budgeted touches, sorted (0 left out).</summary>
        public uint[] SortedKeys { get; }

        /// <summary>Pending entries in ledger order (expiry is judged by the caller against its "now").</summary>
        public LedgerEntry[] Pending { get; }

        public int Count => Ticks.Length;

        public static LedgerIndex Build(List<LedgerEntry> entries)
        {
            int touches = 0, pending = 0, keyed = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Kind == LedgerEntryKind.Pending) pending++;
                else if (e.Kind == LedgerEntryKind.Touch && e.Origin != Origin.Transactional)
                {
                    touches++;
                    if (e.Key != 0) keyed++;
                }
            }
            var ticks = new long[touches];
            var automated = new int[touches + 1];
            var channel = new int[ModelParameters.ChannelCount * (touches + 1)];
            var keys = new uint[keyed];
            var pend = new LedgerEntry[pending];
            int t = 0, p = 0, k = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Kind == LedgerEntryKind.Pending)
                {
                    pend[p++] = e;
                    continue;
                }
                if (e.Kind != LedgerEntryKind.Touch || e.Origin == Origin.Transactional) continue;
                ticks[t] = e.Time.Ticks;
                automated[t + 1] = automated[t] + (e.Origin == Origin.Automated ? 1 : 0);
                for (var c = 0; c < ModelParameters.ChannelCount; c++)
                {
                    var row = c * (touches + 1);
                    channel[row + t + 1] = channel[row + t] + ((int)e.Channel == c ? 1 : 0);
                }
                if (e.Key != 0) keys[k++] = e.Key;
                t++;
            }
            Array.Sort(keys);
            return new LedgerIndex(ticks, automated, channel, keys, pend);
        }

        /// <summary>Index of the first completed touch later than <paramref name="ticks"/> (Count when none).</summary>
        public int FirstAfter(long ticks)
        {
            int lo = 0, hi = Ticks.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (Ticks[mid] > ticks) hi = mid;
                else lo = mid + 1;
            }
            return lo;
        }

        public int AutomatedFrom(int index) => AutomatedPrefix[Ticks.Length] - AutomatedPrefix[index];

        public int ChannelFrom(Channel channel, int index)
        {
            var row = (int)channel * (Ticks.Length + 1);
            return ChannelPrefix[row + Ticks.Length] - ChannelPrefix[row + index];
        }

        public bool HasTouchKey(uint key) => key != 0 && Array.BinarySearch(SortedKeys, key) >= 0;
    }
}
