using System;
using System.IO;
using System.Text;

namespace CrmAttention.Cli.Csv
{
    /// <summary>
    /// A streaming RFC 4180 reader: one record at a time from a 64 KB buffer, fields as spans into a reused buffer,
    /// so a million-row export is read without holding more than one record. Quoted fields may hold separators,
    /// doubled quotes and line breaks. <see cref="LineNumber"/> is the physical line where the current record starts,
    /// which is what a person looking at the file in an editor needs. Blank lines are skipped.
    /// </summary>
    public sealed class CsvReader : IDisposable
    {
        private readonly TextReader _reader;
        private readonly char _separator;
        private readonly char[] _buffer = new char[1 << 16];
        private int _pos;
        private int _len;
        private char[] _field = new char[256];
        private int _fieldLength;
        private int[] _starts = new int[32];
        private int[] _lengths = new int[32];
        private long _nextLine = 1;

        public CsvReader(TextReader reader, char separator = ',')
        {
            _reader = reader ?? throw new ArgumentNullException(nameof(reader));
            _separator = separator;
        }

        /// <summary>Opens a file; the encoding is detected from its byte order mark (Dataverse writes UTF-8 with a BOM).</summary>
        public static CsvReader Open(string path) =>
            new CsvReader(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));

        public int FieldCount { get; private set; }

        /// <summary>1-based line of the file where the current record starts.</summary>
        public long LineNumber { get; private set; }

        /// <summary>True when the current record ended inside an open quote (the file ended first).</summary>
        public bool IsMalformed { get; private set; }

        public ReadOnlySpan<char> Field(int index)
        {
            if ((uint)index >= (uint)FieldCount) throw new ArgumentOutOfRangeException(nameof(index), index, "No such field in this record.");
            return new ReadOnlySpan<char>(_field, _starts[index], _lengths[index]);
        }

        public string GetString(int index) => Field(index).ToString();

        /// <summary>Reads the next non-blank record; false at the end of the file.</summary>
        public bool Read()
        {
            while (true)
            {
                if (!ReadRecord(out var blank)) return false;
                if (!blank) return true;
            }
        }

        private bool ReadRecord(out bool blank)
        {
            FieldCount = 0;
            _fieldLength = 0;
            IsMalformed = false;
            LineNumber = _nextLine;
            blank = false;
            if (!Fill()) return false;
            var fieldStart = 0;
            var quoted = false;
            var afterQuote = false;
            var anyChar = false;
            while (true)
            {
                if (_pos >= _len && !Fill())
                {
                    if (quoted) IsMalformed = true;
                    EndField(fieldStart);
                    blank = !anyChar && FieldCount == 1 && _lengths[0] == 0;
                    return true;
                }
                var c = _buffer[_pos++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (_pos >= _len) Fill();
                        if (_pos < _len && _buffer[_pos] == '"')
                        {
                            _pos++;
                            Append('"');
                        }
                        else
                        {
                            quoted = false;
                            afterQuote = true;
                        }
                    }
                    else
                    {
                        if (c == '\n') _nextLine++;
                        else if (c == '\r')
                        {
                            if (_pos >= _len) Fill();
                            if (_pos < _len && _buffer[_pos] == '\n') Append(_buffer[_pos++]);
                            _nextLine++;
                        }
                        Append(c);
                    }
                    continue;
                }
                if (c == _separator)
                {
                    anyChar = true;
                    EndField(fieldStart);
                    fieldStart = _fieldLength;
                    afterQuote = false;
                    continue;
                }
                if (c == '\n' || c == '\r')
                {
                    if (c == '\r')
                    {
                        if (_pos >= _len) Fill();
                        if (_pos < _len && _buffer[_pos] == '\n') _pos++;
                    }
                    _nextLine++;
                    EndField(fieldStart);
                    blank = !anyChar && FieldCount == 1 && _lengths[0] == 0;
                    return true;
                }
                anyChar = true;
                // A quote opens a quoted field only at the start of the field; elsewhere it is an ordinary character.
                if (c == '"' && _fieldLength == fieldStart && !afterQuote)
                {
                    quoted = true;
                    continue;
                }
                Append(c);
            }
        }

        private bool Fill()
        {
            if (_pos < _len) return true;
            _len = _reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len > 0;
        }

        private void Append(char c)
        {
            if (_fieldLength == _field.Length) Array.Resize(ref _field, _field.Length * 2);
            _field[_fieldLength++] = c;
        }

        private void EndField(int start)
        {
            if (FieldCount == _starts.Length)
            {
                Array.Resize(ref _starts, _starts.Length * 2);
                Array.Resize(ref _lengths, _lengths.Length * 2);
            }
            _starts[FieldCount] = start;
            _lengths[FieldCount] = _fieldLength - start;
            FieldCount++;
        }

        public void Dispose() => _reader.Dispose();
    }
}
