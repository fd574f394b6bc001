using System.Collections.Generic;

namespace CrmAttention.Cli.Export
{
    /// <summary>
    /// Where backtest and calibrate read activities from: an activities.csv export, or an org read directly. Either way
    /// the rows arrive as <see cref="ActivityRecord"/>s in the order the source yields them, with bad rows counted in
    /// <c>problems</c> and activities that are not completed counted in <c>notCompleted</c>.
    /// </summary>
    public interface IActivitySource
    {
        /// <summary>Names the source in messages: the file's path or the org's URL.</summary>
        string Name { get; }

        IEnumerable<ActivityRecord> ReadActivities(RowProblems problems, Counter notCompleted);
    }

    /// <summary>An activities.csv export on disk.</summary>
    public sealed class CsvActivitySource : IActivitySource, System.IDisposable
    {
        private ExportReader.ActivityFile? _opened;

        public CsvActivitySource(string path) => Name = path;

        public string Name { get; }

        /// <summary>
        /// Opens the file now: its header is checked (a bad one throws here) and a big file's second half starts being
        /// parsed on another thread, while the caller reads the contacts. The next <see cref="ReadActivities"/> reads it.
        /// </summary>
        public void Open()
        {
            _opened?.Dispose();
            _opened = ExportReader.ActivityFile.Open(Name, ExportReader.ParallelReadFrom);
        }

        public IEnumerable<ActivityRecord> ReadActivities(RowProblems problems, Counter notCompleted)
        {
            var opened = _opened;
            _opened = null;
            return ExportReader.ReadActivities(opened, Name, problems, notCompleted, ExportReader.ParallelReadFrom);
        }

        public void Dispose()
        {
            _opened?.Dispose();
            _opened = null;
        }
    }
}
