using System;
using System.Collections.Generic;
using Spectre.Console;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>A Spectre progress bar per table: rows read of the total when Dataverse counted it, rows read otherwise.</summary>
    public sealed class ProgressBars : IReadProgress
    {
        private readonly ProgressContext _context;
        private readonly Dictionary<string, (ProgressTask Task, long? Total)> _tasks = new(StringComparer.Ordinal);

        public ProgressBars(ProgressContext context) => _context = context;

        public void Started(string table, long? total)
        {
            var task = _context.AddTask(Describe(table, 0, total), maxValue: Math.Max(1, total ?? 1));
            task.IsIndeterminate = total is null;
            _tasks[table] = (task, total);
        }

        public void Advanced(string table, long rows)
        {
            if (!_tasks.TryGetValue(table, out var t)) return;
            t.Task.Description = Describe(table, rows, t.Total);
            if (t.Total is not null) t.Task.Value = Math.Min(rows, t.Total.Value);
        }

        /// <summary>Marks every bar done (a table whose total was unknown ends when its read ends).</summary>
        public void Finish()
        {
            foreach (var (task, total) in _tasks.Values)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }

        private static string Describe(string table, long rows, long? total) =>
            Markup.Escape(table + ": " + Text.N(rows) + (total is long t ? " / " + Text.N(t) : "") + Text.T(" rows", " Zeilen"));
    }

    /// <summary>The read's progress in one status line (backtest and calibrate show a status while they replay).</summary>
    public sealed class StatusLine : IReadProgress
    {
        private readonly Action<string> _show;
        private readonly Dictionary<string, long?> _totals = new(StringComparer.Ordinal);

        public StatusLine(Action<string> show) => _show = show;

        public void Started(string table, long? total)
        {
            _totals[table] = total;
            Advanced(table, 0);
        }

        public void Advanced(string table, long rows)
        {
            var total = _totals.TryGetValue(table, out var t) ? t : null;
            _show(Text.T("Reading ", "Lese ") + table + ": " + Text.N(rows) + (total is long n ? " / " + Text.N(n) : ""));
        }
    }
}
