using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// A view of a ledger that answers the budget questions in O(log n): the completed budgeted touches' times in order
    /// with running counts per origin and channel, so "how many (automated / email) touches after instant x" is a
    /// binary search and two subtractions. Pending touches — few, and subject to expiry and to the evaluated
    /// activity's own key — are kept apart and scanned.
    /// </summary>
    /// <remarks>
    /// The ledger keeps its index up to date as it changes in the two ways a replay or a busy contact changes it, so a
    /// touch costs O(1) amortised instead of a rebuild: a touch recorded at or after the latest indexed one is appended
    /// (<see cref="Append"/>), and pruning drops the oldest touches (<see cref="DropOldest"/>), which only moves the
    /// start of the window over the arrays. The counts are running totals since the index was built, so a difference of
    /// two of them is the count between two slots whatever was dropped before. Any other change (a touch recorded out of
    /// order, a pending touch added or removed) makes the ledger build the index again on next use.
    /// </remarks>
    internal sealed class LedgerIndex
    {
        private const int Channels = ModelParameters.ChannelCount;

        // Slots [_start, _end) hold the indexed touches, oldest first; the running counts have one more slot:
        // _automated[i] = automated touches in the slots before i (since the build), likewise _channel per channel.
        private long[] _ticks;
        private uint[] _slotKeys;
        private int[] _automated;
        private int[] _channel;
        private int _start;
        private int _end;

        private LedgerIndex(int capacity, LedgerEntry[] pending)
        {
            _ticks = new long[capacity];
            _slotKeys = new uint[capacity];
            _automated = new int[capacity + 1];
            _channel = new int[Channels * (capacity + 1)];
            Pending = pending;
        }

        /// <summary>Pending entries in ledger order (expiry is judged by the caller against its "now").</summary>
        public LedgerEntry[] Pending { get; }

        /// <summary>Completed touches that count toward budgets.</summary>
        public int Count => _end - _start;

        public static LedgerIndex Build(LedgerEntryList entries)
        {
            int touches = 0, pending = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Kind == LedgerEntryKind.Pending) pending++;
                else if (IsIndexed(e)) touches++;
            }
            var pend = new LedgerEntry[pending];
            var p = 0;
            var index = new LedgerIndex(Math.Max(8, touches + touches / 2), pend);
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Kind == LedgerEntryKind.Pending) pend[p++] = e;
                else if (IsIndexed(e)) index.AppendSlot(e);
            }
            return index;
        }

        /// <summary>True for the entries the index holds: completed touches that count toward budgets.</summary>
        public static bool IsIndexed(LedgerEntry e) => e.Kind == LedgerEntryKind.Touch && e.Origin != Origin.Transactional;

        /// <summary>The time (ticks) of the <paramref name="index"/>-th indexed touch, oldest first.</summary>
        public long TicksAt(int index) => _ticks[_start + index];

        /// <summary>The latest indexed touch's time; <see cref="long.MinValue"/> when there is none.</summary>
        public long LastTicks => _end > _start ? _ticks[_end - 1] : long.MinValue;

        /// <summary>Index of the first completed touch later than <paramref name="ticks"/> (Count when none).</summary>
        public int FirstAfter(long ticks)
        {
            int lo = _start, hi = _end;
            var t = _ticks;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (t[mid] > ticks) hi = mid;
                else lo = mid + 1;
            }
            return lo - _start;
        }

        /// <summary>Automated touches among the first <paramref name="index"/> indexed ones.</summary>
        public int AutomatedBefore(int index) => _automated[_start + index] - _automated[_start];

        /// <summary>Touches on <paramref name="channel"/> among the first <paramref name="index"/> indexed ones.</summary>
        public int ChannelBefore(Channel channel, int index)
        {
            var row = (int)channel * (_ticks.Length + 1);
            return _channel[row + _start + index] - _channel[row + _start];
        }

        public int AutomatedFrom(int index) => _automated[_end] - _automated[_start + index];

        public int ChannelFrom(Channel channel, int index)
        {
            var row = (int)channel * (_ticks.Length + 1);
            return _channel[row + _end] - _channel[row + _start + index];
        }

        /// <summary>
        /// True when an indexed touch has this activity key (key 0 never matches). A scan of the slots' keys, which the
        /// runtime vectorises: cheaper than keeping a sorted copy up to date as touches come and go.
        /// </summary>
        public bool HasTouchKey(uint key) => key != 0 && Array.IndexOf(_slotKeys, key, _start, _end - _start) >= 0;

        /// <summary>Adds a completed budgeted touch that the ledger placed after every indexed one (its time is not earlier than <see cref="LastTicks"/>).</summary>
        public void Append(LedgerEntry e)
        {
            if (e.Time.Ticks < LastTicks) throw new InvalidOperationException("Only a touch at or after the latest indexed one can be appended.");
            AppendSlot(e);
        }

        /// <summary>Removes the <paramref name="count"/> oldest indexed touches (pruned from the ledger).</summary>
        public void DropOldest(int count)
        {
            if (count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, "More touches than the index holds.");
            _start += count;
        }

        // Writes e into the next slot (growing or compacting the arrays first when full).
        private void AppendSlot(LedgerEntry e)
        {
            if (_end == _ticks.Length) MakeRoom();
            var i = _end;
            _ticks[i] = e.Time.Ticks;
            _slotKeys[i] = e.Key;
            _automated[i + 1] = _automated[i] + (e.Origin == Origin.Automated ? 1 : 0);
            var stride = _ticks.Length + 1;
            var channel = (int)e.Channel;
            for (var c = 0; c < Channels; c++)
            {
                var row = c * stride;
                _channel[row + i + 1] = _channel[row + i] + (c == channel ? 1 : 0);
            }
            _end++;
        }

        // Moves the live slots to the front when at least half the arrays are dropped slots; otherwise doubles them.
        private void MakeRoom()
        {
            var count = Count;
            var capacity = count * 2 <= _ticks.Length ? _ticks.Length : _ticks.Length * 2;
            var oldStride = _ticks.Length + 1;
            var stride = capacity + 1;
            var ticks = capacity == _ticks.Length ? _ticks : new long[capacity];
            var slotKeys = capacity == _ticks.Length ? _slotKeys : new uint[capacity];
            var automated = capacity == _ticks.Length ? _automated : new int[stride];
            var channel = capacity == _ticks.Length ? _channel : new int[Channels * stride];
            Array.Copy(_ticks, _start, ticks, 0, count);
            Array.Copy(_slotKeys, _start, slotKeys, 0, count);
            Array.Copy(_automated, _start, automated, 0, count + 1);
            if (channel == _channel)
            {
                // In place the rows keep their stride: one move of the whole block by _start brings every row's live slots
                // to the row's front (what lands behind them is overwritten before it is read).
                Array.Copy(_channel, _start, _channel, 0, Channels * stride - _start);
            }
            else
            {
                for (var c = 0; c < Channels; c++) Array.Copy(_channel, c * oldStride + _start, channel, c * stride, count + 1);
            }
            _ticks = ticks;
            _slotKeys = slotKeys;
            _automated = automated;
            _channel = channel;
            _start = 0;
            _end = count;
        }
    }
}
