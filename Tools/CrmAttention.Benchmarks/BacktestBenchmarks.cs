using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CrmAttention.Cli.Commands;
using CrmAttention.Cli.Sample;
using Spectre.Console;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// `crm-attention backtest` and `calibrate` exactly as a user runs them, against Python's csv module merely reading
    /// the same file in the same run (the baseline: issue 16's targets are backtest ≤ 1× and calibrate ≤ 2× of it, each
    /// within 500 MB). Setup writes the export with `sample` (seed 1: 100,000 contacts, 10,000 accounts, 50 sellers,
    /// 120 days: 1,002,975 activity rows, 187 MB). The backtest operation is the command line `backtest --activities
    /// --contacts --accounts --policy --out`: it reads all three files, replays, and writes backtest.json, backtest.md,
    /// owner-weeks.csv and both charts; the calibrate operation is `calibrate --activities --policy --out --report` with
    /// its report and chart. Console output goes nowhere. Each operation's process peak working set is kept next to the
    /// sample and printed in the report's memory column. The fresh-process cases run the same two command lines in a
    /// process of the published tool each (out/cli), start-up and compilation included; their peak is the child's, which
    /// the report does not see.
    /// </summary>
    // The tool runs without background GC (crm-attention.runtimeconfig.json: System.GC.Concurrent false); the in-process
    // cases run the same code under the same collector.
    [GcConcurrent(false)]
    public class BacktestBenchmarks
    {
        private static readonly string Directory = Path.Combine(Path.GetTempPath(), "crm-attention-backtest-benchmark");
        private IAnsiConsole _console = null!;

        [GlobalSetup]
        public void Setup()
        {
            if (!File.Exists(Path.Combine(Directory, "activities.csv")))
            {
                SampleGenerator.Write(new SampleOptions { Contacts = 100000, Accounts = 10000, Sellers = 50, Days = 120, TouchesPerWeek = 0.56, Seed = 1 },
                    new SampleTruth(), Directory);
            }
            _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        }

        [Benchmark(Baseline = true, Description = "Python csv module reads activities.csv (baseline)")]
        public long Python_csv_reads_the_activities()
        {
            const string Script = "import csv,sys\nn=0\nwith open(sys.argv[1],newline='',encoding='utf-8-sig') as f:\n    for row in csv.reader(f): n+=1\nprint(n)";
            var output = RunProcess("python3", "The baseline needs python3 on the PATH", "-c", Script, Path.Combine(Directory, "activities.csv"));
            return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }

        [Benchmark(Description = "crm-attention backtest, 1M rows, accounts + report + charts")]
        public int Backtest_command()
        {
            var code = CliApp.Run(new[]
            {
                "backtest", "--activities", In("activities.csv"), "--contacts", In("contacts.csv"), "--accounts", In("accounts.csv"),
                "--policy", In("policy.json"), "--out", In("backtest-out"),
            }, _console);
            PeakMemory.Record(nameof(Backtest_command));
            return Checked(code);
        }

        [Benchmark(Description = "crm-attention calibrate, 1M rows, policy + report + chart")]
        public int Calibrate_command()
        {
            var code = CliApp.Run(new[]
            {
                "calibrate", "--activities", In("activities.csv"), "--policy", In("policy.json"), "--out", In("calibrated-policy.json"), "--report", In("calibration-out"),
            }, _console);
            PeakMemory.Record(nameof(Calibrate_command));
            return Checked(code);
        }

        [Benchmark(Description = "crm-attention backtest as a fresh process (out/cli), same arguments")]
        public int Backtest_fresh_process() => RunPublished(
            "backtest", "--activities", In("activities.csv"), "--contacts", In("contacts.csv"), "--accounts", In("accounts.csv"),
            "--policy", In("policy.json"), "--out", In("backtest-fresh-out"));

        [Benchmark(Description = "crm-attention calibrate as a fresh process (out/cli), same arguments")]
        public int Calibrate_fresh_process() => RunPublished(
            "calibrate", "--activities", In("activities.csv"), "--policy", In("policy.json"), "--out", In("calibrated-fresh-policy.json"),
            "--report", In("calibration-fresh-out"));

        private static string In(string name) => Path.Combine(Directory, name);

        /// <summary>
        /// Runs the published tool (build.ps1 bench publishes it to out/cli, self-contained and precompiled, and names its
        /// executable in CRM_ATTENTION_CLI) in a process of its own: start-up, loading and compiling included, as a user runs it.
        /// </summary>
        private static int RunPublished(params string[] arguments)
        {
            var cli = Environment.GetEnvironmentVariable("CRM_ATTENTION_CLI");
            if (string.IsNullOrEmpty(cli) || !File.Exists(cli))
            {
                throw new InvalidOperationException("The fresh-process cases run the published tool: run them through `dotnet pwsh ./build.ps1 bench` " +
                    "(it publishes to out/cli), or set CRM_ATTENTION_CLI to a published crm-attention executable (now '" + cli + "').");
            }
            RunProcess(cli, "The fresh-process cases could not start the published tool", arguments);
            return 0;
        }

        /// <summary>Runs a program to its end and returns what it wrote; throws with its exit code and error output when it fails.</summary>
        private static string RunProcess(string program, string whenMissing, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(whenMissing + ": " + e.Message, e);
            }
            using (process)
            {
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException(program + " exited with code " + process.ExitCode + ": " + error.Result);
                return output;
            }
        }

        private static int Checked(int code) => code == 0 ? code : throw new InvalidOperationException("The command exited with code " + code + ".");
    }

    /// <summary>
    /// Peak working set of the process that ran a benchmark (BenchmarkDotNet runs each case in its own process), kept
    /// in a file so the report written by the host process can show it.
    /// </summary>
    internal static class PeakMemory
    {
        public static readonly string Folder = Path.Combine(Path.GetTempPath(), "crm-attention-benchmark-peaks");

        public static void Record(string method)
        {
            System.IO.Directory.CreateDirectory(Folder);
            using var process = Process.GetCurrentProcess();
            File.WriteAllText(Path.Combine(Folder, method + ".txt"), process.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>The recorded peak of <paramref name="method"/>, or null when it recorded none.</summary>
        public static long? Read(string method)
        {
            var path = Path.Combine(Folder, method + ".txt");
            return File.Exists(path) ? long.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture) : null;
        }

        public static void Clear()
        {
            if (System.IO.Directory.Exists(Folder)) System.IO.Directory.Delete(Folder, true);
        }
    }
}
