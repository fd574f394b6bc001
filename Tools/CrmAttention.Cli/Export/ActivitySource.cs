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
    public sealed class CsvActivitySource : IActivitySource
    {
        public CsvActivitySource(string path) => Name = path;

        public string Name { get; }

        public IEnumerable<ActivityRecord> ReadActivities(RowProblems problems, Counter notCompleted) =>
            ExportReader.ReadActivities(Name, problems, notCompleted);
    }
}
