using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Attributes;
using CrmAttention.Cli.Backtest;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.Policies;
using CrmAttention.Cli.Sample;
using CrmAttention.Engine;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// The backtest's performance target (issue 8): 1,000,000 activities over 100,000 contacts within 10 seconds and
    /// 1 GB. Setup writes the export with `sample` (seed 1: 100,000 contacts, 120 days, about 929,000 touches and 71,000
    /// responses, plus open and cancelled rows: 1,002,975 activity rows, 185 MB); each operation reads contacts.csv,
    /// streams activities.csv through the time-ordering timeline and replays it through the engine under the default
    /// policy in Enforce mode. The process's peak working set is printed at cleanup for the memory half of the target.
    /// </summary>
    [MemoryDiagnoser]
    public class BacktestBenchmarks
    {
        private string _directory = "";
        private AttentionPolicy _policy = null!;

        [GlobalSetup]
        public void Setup()
        {
            _directory = Path.Combine(Path.GetTempPath(), "crm-attention-backtest-benchmark");
            if (!File.Exists(Path.Combine(_directory, "activities.csv")))
            {
                SampleGenerator.Write(new SampleOptions { Contacts = 100000, Accounts = 10000, Sellers = 50, Days = 120, TouchesPerWeek = 0.56, Seed = 1 },
                    new SampleTruth(), _directory);
            }
            _policy = PolicyFile.Load(Path.Combine(_directory, "policy.json"));
        }

        [Benchmark(Description = "backtest 1M activities / 100k contacts")]
        public long Backtest_one_million_activities()
        {
            var contacts = ExportReader.ReadContacts(Path.Combine(_directory, "contacts.csv"), new RowProblems("contacts.csv"));
            var result = Backtester.Run(Path.Combine(_directory, "activities.csv"), contacts, null, _policy, new BacktestOptions(), new RowProblems("activities.csv"));
            return result.Touches;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            using var process = Process.GetCurrentProcess();
            Console.WriteLine("// Peak working set: " + (process.PeakWorkingSet64 / (1024 * 1024)) + " MB");
        }
    }
}
