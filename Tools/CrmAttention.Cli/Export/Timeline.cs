using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Export
{
    /// <summary>One activity row in the compact form the replay sorts: 48 bytes instead of a CSV line.</summary>
    public readonly struct TimelineEvent
    {
        public TimelineEvent(long ticks, long line, Guid activityId, int contact, int owner, Channel channel, Origin origin, bool incoming)
        {
            Ticks = ticks;
            Line = line;
            ActivityId = activityId;
            Contact = contact;
            Owner = owner;
            Channel = channel;
            Origin = origin;
            Incoming = incoming;
        }

        public long Ticks { get; }

        /// <summary>The row's line in the file: ties in time keep file order, so a replay is deterministic.</summary>
        public long Line { get; }

        public Guid ActivityId { get; }

        /// <summary>Index of the contact in the caller's contact table.</summary>
        public int Contact { get; }

        /// <summary>Index of the owner in the caller's owner table.</summary>
        public int Owner { get; }

        public Channel Channel { get; }

        public Origin Origin { get; }

        public bool Incoming { get; }

        public DateTime Time => new DateTime(Ticks, DateTimeKind.Utc);

        public static int Compare(TimelineEvent a, TimelineEvent b)
        {
            var c = a.Ticks.CompareTo(b.Ticks);
            return c != 0 ? c : a.Line.CompareTo(b.Line);
        }
    }

    /// <summary>
    /// The events that timelines filled side by side (the partitions of one replay) hold in memory together. When they
    /// hold <see cref="Events"/>, the next timeline that is added to and holds at least its fair share (<see cref="Events"/>
    /// divided among them) writes its run to disk. So a partition that happens to be big does not spill while the others
    /// are small, and the events held stay below twice <see cref="Events"/>: every timeline not above its share, plus at most
    /// one share of the budget in the one that was added to last. The timelines of one budget are filled from one thread.
    /// </summary>
    public sealed class TimelineBudget
    {
        public TimelineBudget(int events, int timelines)
        {
            if (events < 2) throw new ArgumentOutOfRangeException(nameof(events), events, "A budget holds at least two events.");
            if (timelines < 1) throw new ArgumentOutOfRangeException(nameof(timelines), timelines, "A budget is shared by at least one timeline.");
            Events = events;
            FairShare = Math.Max(2, events / timelines);
        }

        /// <summary>Events held in memory by all the timelines of the budget before one of them spills.</summary>
        public int Events { get; }

        /// <summary>The run a timeline holds at least before it spills.</summary>
        public int FairShare { get; }

        internal long Held { get; set; }
    }

    /// <summary>
    /// Puts a stream of events into time order with bounded memory: an external merge sort. Events are collected in
    /// memory (48 bytes each: 2^20 events ≈ 48 MB) in blocks that are never copied to grow; when the budget is full
    /// (<see cref="TimelineBudget"/>; a timeline of its own: <see cref="RunLength"/> events), the run is sorted and written to a
    /// temporary file; at the end the runs are merged with a priority queue reading 64 KB from each. Memory is the budget
    /// plus one buffer per run, whatever the size of the export. An input that fits never touches the disk; an input
    /// already in time order costs only the (linear) sort check.
    /// </summary>
    public sealed class Timeline : IDisposable
    {
        public const int DefaultRunLength = 1 << 20;
        private const int RecordBytes = 8 + 8 + 16 + 4 + 4 + 3;

        // 4,096 events (192 KB) a block: on the large-object heap, where a collection does not copy them.
        private const int BlockShift = 12;
        private const int BlockLength = 1 << BlockShift;

        private readonly List<string> _runFiles = new List<string>();
        private readonly List<TimelineEvent[]> _blocks = new List<TimelineEvent[]>();
        private readonly string _tempDirectory;
        private readonly TimelineBudget _budget;
        private int _count;
        private bool _sealed;

        /// <summary>A timeline with a budget of its own: a run is <paramref name="runLength"/> events.</summary>
        public Timeline(int runLength = DefaultRunLength, string? tempDirectory = null)
            : this(new TimelineBudget(runLength, 1), tempDirectory)
        {
        }

        /// <summary>A timeline sharing <paramref name="budget"/> with the others filled alongside it.</summary>
        public Timeline(TimelineBudget budget, string? tempDirectory = null)
        {
            _budget = budget ?? throw new ArgumentNullException(nameof(budget));
            _tempDirectory = tempDirectory ?? Path.GetTempPath();
        }

        /// <summary>The events the budget holds before a run is written.</summary>
        public int RunLength => _budget.Events;

        /// <summary>Runs written to disk so far.</summary>
        public int SpilledRuns => _runFiles.Count;

        public long Count { get; private set; }

        public void Add(in TimelineEvent e)
        {
            if (_sealed) throw new InvalidOperationException("The timeline is already being read.");
            if (_budget.Held >= _budget.Events && _count >= _budget.FairShare) Spill();
            var block = _count >> BlockShift;
            if (block == _blocks.Count) _blocks.Add(new TimelineEvent[BlockLength]);
            _blocks[block][_count & (BlockLength - 1)] = e;
            _count++;
            _budget.Held++;
            Count++;
        }

        /// <summary>All events in time order (ties by line); can be read once. The memory is let go as the read ends.</summary>
        public IEnumerable<TimelineEvent> ReadInOrder()
        {
            if (_sealed) throw new InvalidOperationException("The timeline can be read once.");
            _sealed = true;
            if (_runFiles.Count == 0)
            {
                var events = TakeSorted();
                for (var i = 0; i < events.Length; i++) yield return events[i];
                yield break;
            }
            if (_count > 0) Spill();
            var readers = new List<FileStream>();
            try
            {
                var queue = new PriorityQueue<int, TimelineEvent>(Comparer<TimelineEvent>.Create(TimelineEvent.Compare));
                var heads = new TimelineEvent[_runFiles.Count];
                for (var r = 0; r < _runFiles.Count; r++)
                {
                    readers.Add(new FileStream(_runFiles[r], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
                    if (TryReadEvent(readers[r], out heads[r])) queue.Enqueue(r, heads[r]);
                }
                while (queue.TryDequeue(out var run, out var e))
                {
                    yield return e;
                    if (TryReadEvent(readers[run], out var next)) queue.Enqueue(run, next);
                }
            }
            finally
            {
                foreach (var reader in readers) reader.Dispose();
            }
        }

        // The events held, in one array of their number, sorted; the blocks are let go and the budget credited.
        private TimelineEvent[] TakeSorted()
        {
            var events = new TimelineEvent[_count];
            for (var b = 0; b < _blocks.Count; b++)
            {
                var length = Math.Min(BlockLength, _count - (b << BlockShift));
                _blocks[b].AsSpan(0, length).CopyTo(events.AsSpan(b << BlockShift));
            }
            _blocks.Clear();
            _budget.Held -= _count;
            _count = 0;
            for (var i = 1; i < events.Length; i++)
            {
                if (TimelineEvent.Compare(events[i - 1], events[i]) > 0)
                {
                    // A struct comparer lets the sort inline the comparison; Comparer.Create calls a delegate per comparison.
                    events.AsSpan().Sort(default(TimeThenLine));
                    break;
                }
            }
            return events;
        }

        private readonly struct TimeThenLine : IComparer<TimelineEvent>
        {
            public int Compare(TimelineEvent a, TimelineEvent b) => TimelineEvent.Compare(a, b);
        }

        private void Spill()
        {
            var events = TakeSorted();
            var path = Path.Combine(_tempDirectory, "crm-attention-run-" + Guid.NewGuid().ToString("N") + ".bin");
            using (var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                Span<byte> id = stackalloc byte[16];
                foreach (var e in events)
                {
                    writer.Write(e.Ticks);
                    writer.Write(e.Line);
                    e.ActivityId.TryWriteBytes(id);
                    writer.Write(id);
                    writer.Write(e.Contact);
                    writer.Write(e.Owner);
                    writer.Write((byte)e.Channel);
                    writer.Write((byte)e.Origin);
                    writer.Write(e.Incoming);
                }
            }
            _runFiles.Add(path);
        }

        private static bool TryReadEvent(FileStream run, out TimelineEvent e)
        {
            Span<byte> record = stackalloc byte[RecordBytes];
            var read = run.ReadAtLeast(record, RecordBytes, throwOnEndOfStream: false);
            if (read < RecordBytes)
            {
                e = default;
                return false;
            }
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(record);
            var line = BinaryPrimitives.ReadInt64LittleEndian(record.Slice(8));
            var id = new Guid(record.Slice(16, 16));
            var contact = BinaryPrimitives.ReadInt32LittleEndian(record.Slice(32));
            var owner = BinaryPrimitives.ReadInt32LittleEndian(record.Slice(36));
            e = new TimelineEvent(ticks, line, id, contact, owner, (Channel)record[40], (Origin)record[41], record[42] != 0);
            return true;
        }

        public void Dispose()
        {
            foreach (var file in _runFiles)
            {
                if (File.Exists(file)) File.Delete(file);
            }
            _runFiles.Clear();
        }
    }
}
