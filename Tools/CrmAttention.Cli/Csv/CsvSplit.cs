using System;
using System.Buffers;
using System.IO;

namespace CrmAttention.Cli.Csv
{
    /// <summary>
    /// Where a CSV file can be cut in two so that both parts are read at once: at the start of a line near the middle that
    /// is not inside a quoted field. Sep splits rows by quote parity (a line break after an odd number of quotes is inside a
    /// field, wherever in the field the quotes are), so counting the quotes before a line break tells, as Sep would, whether
    /// a row starts after it. The line breaks before the cut are counted as well, so that the second part's line numbers
    /// continue the first's.
    /// </summary>
    internal static class CsvSplit
    {
        private const byte Quote = (byte)'"';
        private const byte LineFeed = (byte)'\n';
        private const byte CarriageReturn = (byte)'\r';

        /// <summary>
        /// The byte offset of a row start near the middle of the file and the lines before it; false when the file is best
        /// read in one part: not UTF-8 (a UTF-16 or UTF-32 byte order mark), lone carriage returns as line breaks (Sep
        /// counts them as lines), or no row starts in the second half.
        /// </summary>
        public static bool TryFindMiddle(string path, out long offset, out long linesBefore)
        {
            offset = 0;
            linesBefore = 0;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                var head = file.Read(buffer, 0, 4);
                if (head >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))) return false;
                if (head == 4 && buffer[0] == 0 && buffer[1] == 0 && buffer[2] == 0xFE && buffer[3] == 0xFF) return false;
                file.Position = 0;
                var middle = file.Length / 2;
                long quotes = 0, lineFeeds = 0, carriageReturns = 0, position = 0;
                while (position < middle)
                {
                    var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, middle - position));
                    if (n == 0) return false;
                    var chunk = buffer.AsSpan(0, n);
                    quotes += chunk.Count(Quote);
                    lineFeeds += chunk.Count(LineFeed);
                    carriageReturns += chunk.Count(CarriageReturn);
                    position += n;
                }
                while (true)
                {
                    var n = file.Read(buffer, 0, buffer.Length);
                    if (n == 0) return false;
                    for (var i = 0; i < n; i++)
                    {
                        var b = buffer[i];
                        if (b == Quote) quotes++;
                        else if (b == CarriageReturn) carriageReturns++;
                        else if (b == LineFeed)
                        {
                            lineFeeds++;
                            if ((quotes & 1) != 0) continue;
                            offset = position + i + 1;
                            linesBefore = lineFeeds;
                            return offset < file.Length && (carriageReturns == 0 || carriageReturns == lineFeeds);
                        }
                    }
                    position += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A read-only window [start, start + length) of a file, read as if it were the whole file.</summary>
    internal sealed class FileSlice : Stream
    {
        private readonly FileStream _file;
        private long _remaining;

        public FileSlice(string path, long start, long length)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            _file.Position = start;
            _remaining = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException("A file slice is read front to back.");

        public override long Position
        {
            get => throw new NotSupportedException("A file slice is read front to back.");
            set => throw new NotSupportedException("A file slice is read front to back.");
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_remaining <= 0) return 0;
            var n = _file.Read(buffer.Slice(0, (int)Math.Min(buffer.Length, _remaining)));
            _remaining -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A file slice is read front to back.");

        public override void SetLength(long value) => throw new NotSupportedException("A file slice is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A file slice is read-only.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) _file.Dispose();
            base.Dispose(disposing);
        }
    }
}
