using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// Runs every benchmark class in this assembly (filtered by --filter) and, with --docs PATH, rewrites that
    /// Markdown file: the machine, then one table per suite with mean time, throughput and allocation. Suites that were
    /// not run this time keep their section from the file, so running one suite does not wipe the others' figures.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var docs = TakeOption(ref args, "--docs");
            var artifacts = TakeOption(ref args, "--artifacts");
            // Building each job's boilerplate takes minutes when the 2-core machine is shared; the default limit is 2.
            var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithBuildTimeout(TimeSpan.FromMinutes(15));
            if (artifacts is not null) config = config.WithArtifactsPath(artifacts);
            PeakMemory.Clear();
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
            if (summaries.Count == 0) return 1;
            if (docs is not null)
            {
                var previous = File.Exists(docs) ? File.ReadAllText(docs) : "";
                File.WriteAllText(docs, BenchmarkReport.ToMarkdown(summaries, previous), new UTF8Encoding(false));
            }
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }

        private static string? TakeOption(ref string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            if (i < 0 || i + 1 >= args.Length) return null;
            var value = args[i + 1];
            args = args.Take(i).Concat(args.Skip(i + 2)).ToArray();
            return value;
        }
    }

    internal static class BenchmarkReport
    {
        private const string SectionPrefix = "## ";

        public static string ToMarkdown(IReadOnlyList<Summary> summaries, string previous)
        {
            var sections = PreviousSections(previous);
            var sb = new StringBuilder();
            sb.AppendLine("# Benchmarks");
            sb.AppendLine();
            sb.AppendLine("Written by `dotnet pwsh ./build.ps1 bench` (BenchmarkDotNet, Release, memory diagnoser). Do not edit by hand.");
            sb.AppendLine();
            sb.AppendLine("Targets (issues 3, 4 and 8): one single-recipient evaluation with a full ledger at 1,000,000 or more per second on one");
            sb.AppendLine("core and at most 1 KB allocated (EngineBenchmarks); 20,000 or more Creates per second through a pipeline of 3 sync");
            sb.AppendLine("no-op steps and a 3-condition filter over 100,000 rows in at most 30 ms (DataverseBenchmarks); a backtest of 1,000,000");
            sb.AppendLine("activities over 100,000 contacts within 10 s and 1 GB (BacktestBenchmarks). PluginBenchmarks sets the plugins'");
            sb.AppendLine("ledger read against a naive query of the contact's history; the plugins' service-call counts are asserted in tests.");
            sb.AppendLine("Issue 16 (BacktestBenchmarks): `crm-attention backtest` on the 1,002,975-row sample with accounts and the report no");
            sb.AppendLine("slower than Python's csv module merely reading the same file in the same run (× baseline ≤ 1), `calibrate` ≤ 2×,");
            sb.AppendLine("each within 500 MB peak working set. Run only these: `dotnet pwsh ./build.ps1 bench -BenchFilter '*Backtest*'`.");
            sb.AppendLine("Issue 14: a 5,000-row page of contacts with annotations from the Web API host in at most 200 ms, HTTP round trip");
            sb.AppendLine("on 127.0.0.1 included (WebApiBenchmarks).");
            sb.AppendLine("Issue 15: `crm-attention export --org` of 1,000,000 activity rows from the Web API host in at most 60 s (ExportBenchmarks).");
            sb.AppendLine();
            var env = summaries[0].HostEnvironmentInfo;
            sb.AppendLine("## Machine");
            sb.AppendLine();
            sb.AppendLine($"- OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
            sb.AppendLine($"- CPU: {CpuName()}, {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB memory");
            sb.AppendLine($"- Runtime: {env.RuntimeVersion}, {env.Architecture}");
            sb.AppendLine($"- BenchmarkDotNet {env.BenchmarkDotNetVersion}");
            foreach (var summary in summaries)
            {
                var type = summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type;
                sections[type?.Name ?? summary.Title] = SuiteTable(summary);
            }
            foreach (var section in sections.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.AppendLine();
                sb.AppendLine(SectionPrefix + section.Key);
                sb.AppendLine();
                sb.Append(section.Value);
            }
            return sb.ToString();
        }

        private static string SuiteTable(Summary summary)
        {
            var sb = new StringBuilder();
            // A suite with a baseline (BacktestBenchmarks: Python's csv module reading the same file) shows each case's
            // mean as a multiple of the baseline's, measured in the same run; cases that record their process's peak
            // working set (PeakMemory) show it.
            var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Mean;
            var peaks = summary.Reports.Select(r => PeakMemory.Read(r.BenchmarkCase.Descriptor.WorkloadMethod.Name)).ToList();
            var withPeaks = peaks.Any(p => p is not null);
            sb.AppendLine("| benchmark | parameters | mean | ops/s | allocated/op |" + (baseline is null ? "" : " × baseline |") + (withPeaks ? " peak working set |" : ""));
            sb.AppendLine("| --- | --- | ---: | ---: | ---: |" + (baseline is null ? "" : " ---: |") + (withPeaks ? " ---: |" : ""));
            for (var i = 0; i < summary.Reports.Length; i++)
            {
                var report = summary.Reports[i];
                var c = report.BenchmarkCase;
                var mean = report.ResultStatistics?.Mean;
                var alloc = report.GcStats.GetBytesAllocatedPerOperation(c);
                var cells = new List<string>
                {
                    "| " + c.Descriptor.WorkloadMethodDisplayInfo,
                    c.HasParameters ? c.Parameters.DisplayInfo : "",
                    mean is null ? "failed" : FormatTime(mean.Value),
                    mean is null ? "" : (1e9 / mean.Value).ToString(mean.Value > 1e8 ? "N2" : "N0", CultureInfo.InvariantCulture),
                    alloc is null ? "" : FormatBytes(alloc.Value),
                };
                if (baseline is not null) cells.Add(mean is null ? "" : (mean.Value / baseline.Value).ToString("N2", CultureInfo.InvariantCulture));
                if (withPeaks) cells.Add(peaks[i] is long peak ? FormatBytes(peak) : "");
                sb.AppendLine(string.Join(" | ", cells) + " |");
            }
            return sb.ToString();
        }

        // The suites' sections of an earlier run (everything under "## Name" up to the next such heading), except Machine.
        private static Dictionary<string, string> PreviousSections(string previous)
        {
            var sections = new Dictionary<string, string>(StringComparer.Ordinal);
            string? name = null;
            var text = new StringBuilder();
            foreach (var line in previous.Replace("\r\n", "\n").Split('\n').Append(SectionPrefix))
            {
                if (!line.StartsWith(SectionPrefix, StringComparison.Ordinal))
                {
                    if (name is not null && (text.Length > 0 || line.Length > 0)) text.Append(line).Append('\n');
                    continue;
                }
                if (name is not null && name != "Machine") sections[name] = text.ToString().Trim('\n') + "\n";
                name = line.Substring(SectionPrefix.Length).Trim();
                text.Clear();
            }
            return sections;
        }

        private static string CpuName()
        {
            const string CpuInfo = "/proc/cpuinfo";
            if (!File.Exists(CpuInfo)) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
            var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line.Substring(line.IndexOf(':') + 1).Trim();
        }

        private static string FormatTime(double ns) =>
            ns >= 1e6 ? (ns / 1e6).ToString("N2", CultureInfo.InvariantCulture) + " ms"
            : ns >= 1e3 ? (ns / 1e3).ToString("N2", CultureInfo.InvariantCulture) + " µs"
            : ns.ToString("N1", CultureInfo.InvariantCulture) + " ns";

        private static string FormatBytes(long b) =>
            b >= 1 << 20 ? (b / (double)(1 << 20)).ToString("N1", CultureInfo.InvariantCulture) + " MB"
            : b >= 1024 ? (b / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB"
            : b + " B";
    }
}
