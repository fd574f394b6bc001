using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CrmAttention.Cli.Commands;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Sample;
using CrmAttention.Cli.Simulation;
using Dataverse.InMemory;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Spectre.Console;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// `crm-attention export --org` exactly as a user runs it, against the Web API host on 127.0.0.1 over an in-memory
    /// org holding about a million activity rows (issue 15's target: ≤ 60 s). Setup writes a sample (seed 1: 100,000
    /// contacts, 10,000 accounts, 50 sellers, 120 days) and loads its completed activities into the org with
    /// ExportLoader: one email, call, letter or appointment per row with the contact as its party, so each exported
    /// row is one activityparty row joined to its activity and contact. The operation reads the owners, pages through
    /// contacts and accounts (OData, 5,000 a page) and the four party tables and tasks (FetchXML with paging cookies),
    /// and writes the three CSVs; console output goes nowhere. Host and client share the process, so the time is both
    /// sides of every request.
    /// </summary>
    public class ExportBenchmarks
    {
        private const string Token = "bench-token";
        private static readonly string Directory = Path.Combine(Path.GetTempPath(), "crm-attention-export-benchmark");
        private DataverseWebApiHost _host = null!;
        private IAnsiConsole _console = null!;

        /// <summary>Activity rows the org holds in the window (what the export writes).</summary>
        public static long Rows { get; private set; }

        [GlobalSetup]
        public void Setup()
        {
            var sample = Path.Combine(Directory, "sample");
            if (!File.Exists(Path.Combine(sample, "activities.csv")))
            {
                SampleGenerator.Write(new SampleOptions { Contacts = 100000, Accounts = 10000, Sellers = 50, Days = 120, TouchesPerWeek = 0.6, Seed = 1 },
                    new SampleTruth(), sample);
            }
            var metadata = DataverseOrg.Metadata();
            var org = new InMemoryDataverse();
            org.LoadMetadata(metadata);
            var loader = new ExportLoader(org);
            loader.Accounts(ExportReader.ReadAccounts(Path.Combine(sample, "accounts.csv"), new RowProblems("accounts.csv")).Values);
            loader.Contacts(ExportReader.ReadContacts(Path.Combine(sample, "contacts.csv"), new RowProblems("contacts.csv")).Values);
            Rows = loader.Activities(ExportReader.ReadActivities(Path.Combine(sample, "activities.csv"), new RowProblems("activities.csv"), new Counter()));
            _host = DataverseWebApiHost.StartAsync(org, ServiceModel.FromMetadataJson(metadata), new WebApiOptions().AddToken(Token, org.SystemUserId)).GetAwaiter().GetResult();
            _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
            Console.WriteLine($"// Export benchmark org: {Rows:N0} activities loaded.");
        }

        [GlobalCleanup]
        public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

        [Benchmark(Description = "crm-attention export --org, ~1M activity rows from the Web API host")]
        public long Export_command()
        {
            var output = Path.Combine(Directory, "export");
            var code = CliApp.Run(new[] { "export", "--org", _host.BaseAddress.ToString(), "--token", Token, "--since", "2000-01-01", "--out", output }, _console);
            if (code != 0) throw new InvalidOperationException("export exited with code " + code + ".");
            var rows = File.ReadLines(Path.Combine(output, "activities.csv")).LongCount() - 1;
            // The peak includes the in-memory org itself (host and client share the process).
            PeakMemory.Record(nameof(Export_command));
            Console.WriteLine($"// Exported {rows:N0} activity rows.");
            return rows;
        }
    }
}
