using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrmAttention.Cli.Export
{
    /// <summary>
    /// The bad rows of one input file: counted, the first few kept for the console and all of them written to a
    /// CSV next to the report. A file whose rows are mostly bad stops the run: its columns or format are almost
    /// certainly not what the tool expects, and a report built from the few good rows would mislead.
    /// </summary>
    public sealed class RowProblems
    {
        public const int ShownOnConsole = 20;

        /// <summary>Rows read before the "mostly bad" check first applies, so that one bad row at the top does not stop a run.</summary>
        public const int EarlyCheckRows = 1000;

        private readonly List<(long Line, string Message)> _shown = new List<(long, string)>();
        private readonly StringBuilder _all = new StringBuilder();

        public RowProblems(string fileName)
        {
            FileName = fileName;
        }

        public string FileName { get; }

        public long Rows { get; private set; }

        public long BadRows { get; private set; }

        public IReadOnlyList<(long Line, string Message)> Shown => _shown;

        public void CountRow() => Rows++;

        public void Add(long line, string message)
        {
            BadRows++;
            if (_shown.Count < ShownOnConsole) _shown.Add((line, message));
            if (BadRows <= 100000) _all.Append(line.ToString(CultureInfo.InvariantCulture)).Append(",\"").Append(message.Replace("\"", "\"\"")).Append("\"\r\n");
        }

        /// <summary>Stops the run when more than half of the rows read so far are bad (checked from <see cref="EarlyCheckRows"/> rows on, and at the end).</summary>
        public void ThrowIfMostlyBad(bool atEnd)
        {
            if (!atEnd && Rows < EarlyCheckRows) return;
            if (Rows == 0 || BadRows * 2 <= Rows) return;
            var sb = new StringBuilder();
            sb.Append(Text.T(
                FileName + ": " + Text.N(BadRows) + " of " + Text.N(Rows) + " rows are bad, so the file does not look like the export this command expects (see docs/cli.md). First problems:",
                FileName + ": " + Text.N(BadRows) + " von " + Text.N(Rows) + " Zeilen sind fehlerhaft; die Datei sieht nicht wie der erwartete Export aus (siehe docs/cli.md). Erste Probleme:"));
            foreach (var (line, message) in _shown) sb.Append('\n').Append(Text.T("  line ", "  Zeile ")).Append(line.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(message);
            throw new CliException(sb.ToString());
        }

        public void WriteCsv(string path)
        {
            File.WriteAllText(path, "line,problem\r\n" + _all, new UTF8Encoding(true));
        }
    }
}
