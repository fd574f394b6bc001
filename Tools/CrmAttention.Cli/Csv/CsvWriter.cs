using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CrmAttention.Cli.Csv
{
    /// <summary>Writes RFC 4180 CSV: UTF-8 with a byte order mark (as Dataverse exports), CRLF line ends, quotes only where needed.</summary>
    public sealed class CsvWriter : IDisposable
    {
        private readonly TextWriter _writer;

        public CsvWriter(TextWriter writer)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        }

        public static CsvWriter Create(string path) =>
            new CsvWriter(new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16) { NewLine = "\r\n" });

        public void WriteRow(IReadOnlyList<string> fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0) _writer.Write(',');
                WriteField(fields[i]);
            }
            _writer.Write("\r\n");
        }

        public void WriteRow(params string[] fields) => WriteRow((IReadOnlyList<string>)fields);

        private void WriteField(string value)
        {
            if (value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0)
            {
                _writer.Write(value);
                return;
            }
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\""));
            _writer.Write('"');
        }

        public void Dispose() => _writer.Dispose();
    }
}
