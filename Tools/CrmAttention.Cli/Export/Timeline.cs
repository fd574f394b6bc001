using System;
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
    /// Puts a stream of events into time order with bounded memory: an external merge sort. Events are collected in
    /// runs of at most <see cref="RunLength"/> (48 bytes each: 2^20 events ≈ 48 MB); a full run is sorted and written to
    /// a temporary file; at the end the runs are merged with a priority queue reading 64 KB from each. Memory is one
    /// run plus one buffer per run, whatever the size of the export. An input that fits in one run never touches the
    /// disk; an input already in time order costs only the (linear) sort check.
    /// </summary>
    public sealed class Timeline : IDisposable
    {
        public const int DefaultRunLength = 1 << 20;
        private const int RecordBytes = 8 + 8 + 16 + 4 + 4 + 3;

        private readonly List<string> _runFiles = new List<string>();
        private readonly string _tempDirectory;
        private TimelineEvent[] _buffer;
        private int _count;
        private bool _sealed;

        public Timeline(int runLength = DefaultRunLength, string? tempDirectory = null)
        {
            if (runLength < 2) throw new ArgumentOutOfRangeException(nameof(runLength), runLength, "A run holds at least two events.");
            RunLength = runLength;
            _tempDirectory = tempDirectory ?? Path.GetTempPath();
            _buffer = new TimelineEvent[Math.Min(runLength, 4096)];
        }

        public int RunLength { get; }

        /// <summary>Runs written to disk so far.</summary>
        public int SpilledRuns => _runFiles.Count;

        public long Count { get; private set; }

        public void Add(in TimelineEvent e)
        {
            if (_sealed) throw new InvalidOperationException("The timeline is already being read.");
            if (_count == _buffer.Length)
            {
                if (_count == RunLength) Spill();
                else Array.Resize(ref _buffer, Math.Min(RunLength, _buffer.Length * 2));
            }
            _buffer[_count++] = e;
            Count++;
        }

        /// <summary>All events in time order (ties by line); can be read once.</summary>
        public IEnumerable<TimelineEvent> ReadInOrder()
        {
            if (_sealed) throw new InvalidOperationException("The timeline can be read once.");
            _sealed = true;
            SortBuffer();
            if (_runFiles.Count == 0)
            {
                for (var i = 0; i < _count; i++) yield return _buffer[i];
                yield break;
            }
            if (_count > 0) Spill();
            _buffer = Array.Empty<TimelineEvent>();
            var readers = new List<BinaryReader>();
            try
            {
                var queue = new PriorityQueue<int, TimelineEvent>(Comparer<TimelineEvent>.Create(TimelineEvent.Compare));
                var heads = new TimelineEvent[_runFiles.Count];
                for (var r = 0; r < _runFiles.Count; r++)
                {
                    readers.Add(new BinaryReader(new FileStream(_runFiles[r], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)));
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

        private void SortBuffer()
        {
            for (var i = 1; i < _count; i++)
            {
                if (TimelineEvent.Compare(_buffer[i - 1], _buffer[i]) > 0)
                {
                    // A struct comparer lets the sort inline the comparison; Comparer.Create calls a delegate per comparison.
                    _buffer.AsSpan(0, _count).Sort(default(TimeThenLine));
                    return;
                }
            }
        }

        private readonly struct TimeThenLine : IComparer<TimelineEvent>
        {
            public int Compare(TimelineEvent a, TimelineEvent b) => TimelineEvent.Compare(a, b);
        }

        private void Spill()
        {
            SortBuffer();
            var path = Path.Combine(_tempDirectory, "crm-attention-run-" + Guid.NewGuid().ToString("N") + ".bin");
            using (var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                for (var i = 0; i < _count; i++)
                {
                    var e = _buffer[i];
                    writer.Write(e.Ticks);
                    writer.Write(e.Line);
                    writer.Write(e.ActivityId.ToByteArray());
                    writer.Write(e.Contact);
                    writer.Write(e.Owner);
                    writer.Write((byte)e.Channel);
                    writer.Write((byte)e.Origin);
                    writer.Write(e.Incoming);
                }
            }
            _runFiles.Add(path);
            _count = 0;
        }

        private static bool TryReadEvent(BinaryReader reader, out TimelineEvent e)
        {
            if (reader.BaseStream.Position + RecordBytes > reader.BaseStream.Length)
            {
                e = default;
                return false;
            }
            var ticks = reader.ReadInt64();
            var line = reader.ReadInt64();
            var id = new Guid(reader.ReadBytes(16));
            var contact = reader.ReadInt32();
            var owner = reader.ReadInt32();
            var channel = (Channel)reader.ReadByte();
            var origin = (Origin)reader.ReadByte();
            var incoming = reader.ReadBoolean();
            e = new TimelineEvent(ticks, line, id, contact, owner, channel, origin, incoming);
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
