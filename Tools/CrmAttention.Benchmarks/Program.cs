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

namespace CrmAttention.Benchmarks;

/// <summary>
/// Runs every benchmark class in this assembly (filtered by --filter) and, with --docs PATH, rewrites that
/// Markdown file: the machine, then one table per suite with mean time, throughput and allocation.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var docs = TakeOption(ref args, "--docs");
        var artifacts = TakeOption(ref args, "--artifacts");
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        if (artifacts is not null) config = config.WithArtifactsPath(artifacts);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        if (summaries.Count == 0) return 1;
        if (docs is not null) File.WriteAllText(docs, BenchmarkReport.ToMarkdown(summaries), new UTF8Encoding(false));
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
    public static string ToMarkdown(IReadOnlyList<Summary> summaries)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine("Written by `dotnet pwsh ./build.ps1 bench` (BenchmarkDotNet, Release, memory diagnoser). Do not edit by hand.");
        sb.AppendLine();
        var env = summaries[0].HostEnvironmentInfo;
        sb.AppendLine("## Machine");
        sb.AppendLine();
        sb.AppendLine($"- OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        sb.AppendLine($"- CPU: {CpuName()}, {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB memory");
        sb.AppendLine($"- Runtime: {env.RuntimeVersion}, {env.Architecture}");
        sb.AppendLine($"- BenchmarkDotNet {env.BenchmarkDotNetVersion}");
        foreach (var summary in summaries.OrderBy(s => s.Title, StringComparer.Ordinal))
        {
            var type = summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type;
            sb.AppendLine();
            sb.AppendLine($"## {type?.Name ?? summary.Title}");
            sb.AppendLine();
            sb.AppendLine("| benchmark | parameters | mean | ops/s | allocated/op |");
            sb.AppendLine("| --- | --- | ---: | ---: | ---: |");
            foreach (var report in summary.Reports)
            {
                var c = report.BenchmarkCase;
                var mean = report.ResultStatistics?.Mean;
                var alloc = report.GcStats.GetBytesAllocatedPerOperation(c);
                sb.AppendLine(string.Join(" | ",
                    "| " + c.Descriptor.WorkloadMethodDisplayInfo,
                    c.HasParameters ? c.Parameters.DisplayInfo : "",
                    mean is null ? "failed" : FormatTime(mean.Value),
                    mean is null ? "" : (1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture),
                    alloc is null ? "" : FormatBytes(alloc.Value) + " |"));
            }
        }
        return sb.ToString();
    }

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
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
