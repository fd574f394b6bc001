using System;
using System.IO;
using System.Text;
using nietras.SeparatedValues;

namespace CrmAttention.Cli.Csv
{
    /// <summary>
    /// A streaming RFC 4180 reader over Sep (vectorised row and column splitting), one record at a time with fields as
    /// spans, so a million-row export is read without holding more than one record. Quoted fields may hold separators,
    /// doubled quotes and line breaks; a quote opens a quoted field only at the start of the field, elsewhere it is an
    /// ordinary character. <see cref="LineNumber"/> is the physical line where the current record starts, which is what
    /// a person looking at the file in an editor needs. Blank lines are skipped.
    /// </summary>
    /// <remarks>
    /// Sep splits the rows and columns with quotes taken into account but is asked not to unescape: a field that starts
    /// with a quote is unescaped here, which is also where a quote left open at the end of the file is noticed
    /// (<see cref="IsMalformed"/>). Unquoted fields, nearly all of an export, are returned as they are, without a copy.
    /// </remarks>
    public sealed class CsvReader : IDisposable
    {
        private readonly SepReader _reader;
        private char[] _unescaped = new char[256];
        private int[] _starts = new int[32];
        private int[] _lengths = new int[32];
        private bool[] _quoted = new bool[32];
        private readonly long _linesBefore;
        private long _nextLine;

        /// <param name="reader">The text.</param>
        /// <param name="separator">The field separator.</param>
        /// <param name="linesBefore">Lines of the file before the text (a part of a file that starts at a row, <see cref="CsvSplit"/>).</param>
        public CsvReader(TextReader reader, char separator = ',', long linesBefore = 0)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            // Sep's buffer is made larger than the StreamReader's (64 KB of bytes, at most 65,537 chars): a read that asks for at
            // least a whole buffer is decoded straight into Sep's, where a smaller one is decoded and then copied. On the 1M-row
            // backtest the copy was 8 % of all CPU time in a profile (dotnet-trace), as much as parsing the activities.
            _reader = Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false, InitialBufferLength = 1 << 17 }).From(reader);
            _linesBefore = linesBefore;
            _nextLine = linesBefore + 1;
        }

        /// <summary>Opens a file; the encoding is detected from its byte order mark (Dataverse writes UTF-8 with a BOM).</summary>
        public static CsvReader Open(string path) =>
            new CsvReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));

        /// <summary>
        /// Opens the bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of a UTF-8 file, a
        /// part that begins at a row after <paramref name="linesBefore"/> lines (<see cref="CsvSplit"/>), as if it were a file.
        /// </summary>
        internal static CsvReader Open(string path, long start, long length, long linesBefore) =>
            new CsvReader(new StreamReader(new FileSlice(path, start, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), ',', linesBefore);

        public int FieldCount { get; private set; }

        /// <summary>1-based line of the file where the current record starts.</summary>
        public long LineNumber { get; private set; }

        /// <summary>True when the current record ended inside an open quote (the file ended first).</summary>
        public bool IsMalformed { get; private set; }

        public ReadOnlySpan<char> Field(int index)
        {
            if ((uint)index >= (uint)FieldCount) throw new ArgumentOutOfRangeException(nameof(index), index, "No such field in this record.");
            if (_quoted[index]) return new ReadOnlySpan<char>(_unescaped, _starts[index], _lengths[index]);
            return _reader.Current[index].Span;
        }

        public string GetString(int index) => Field(index).ToString();

        /// <summary>Reads the next non-blank record; false at the end of the file.</summary>
        public bool Read()
        {
            while (_reader.MoveNext())
            {
                var row = _reader.Current;
                // Sep's LineNumberFrom of the very first row is off by one, its LineNumberToExcl is right for every row.
                var line = _nextLine;
                _nextLine = _linesBefore + row.LineNumberToExcl;
                if (row.Span.Length == 0) continue;
                LineNumber = line;
                IsMalformed = false;
                FieldCount = row.ColCount;
                if (FieldCount > _quoted.Length)
                {
                    var size = Math.Max(FieldCount, _quoted.Length * 2);
                    Array.Resize(ref _quoted, size);
                    Array.Resize(ref _starts, size);
                    Array.Resize(ref _lengths, size);
                }
                // A record of quoted fields only is never blank, so the row's text decides; quoted fields are rare, so
                // only they take the slower path.
                var used = 0;
                var anyQuote = row.Span.IndexOf('"') >= 0;
                for (var i = 0; i < FieldCount; i++)
                {
                    _quoted[i] = false;
                    if (!anyQuote) continue;
                    var raw = row[i].Span;
                    if (raw.Length == 0 || raw[0] != '"') continue;
                    _quoted[i] = true;
                    _starts[i] = used;
                    used = Unescape(raw, used);
                    _lengths[i] = used - _starts[i];
                }
                return true;
            }
            return false;
        }

        // "a ""b"" c"d → a "b" cd: doubled quotes inside the quotes are one quote; text after the closing quote is kept.
        private int Unescape(ReadOnlySpan<char> raw, int pos)
        {
            if (_unescaped.Length - pos < raw.Length) Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, pos + raw.Length));
            var quoted = true;
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (quoted && c == '"')
                {
                    if (i + 1 < raw.Length && raw[i + 1] == '"')
                    {
                        _unescaped[pos++] = '"';
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                    continue;
                }
                _unescaped[pos++] = c;
            }
            if (quoted) IsMalformed = true;
            return pos;
        }

        public void Dispose() => _reader.Dispose();
    }
}
