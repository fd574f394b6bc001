using System;
using System.Threading.Tasks;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Sample;
using CrmAttention.Cli.Simulation;
using Dataverse.InMemory;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;

namespace CrmAttention.Cli.Tests.LiveOrg
{
    /// <summary>An in-memory org with CrmAttention's metadata behind the Web API host on 127.0.0.1, signed in with <see cref="Token"/> as SYSTEM.</summary>
    public sealed class OrgHost : IAsyncDisposable
    {
        public const string Token = "live-org-token";

        private OrgHost(InMemoryDataverse org, DataverseWebApiHost host)
        {
            Org = org;
            Host = host;
        }

        public InMemoryDataverse Org { get; }

        public DataverseWebApiHost Host { get; }

        public string Url => Host.BaseAddress.ToString();

        public static async Task<OrgHost> StartAsync(Action<InMemoryDataverse> arrange, Action<WebApiOptions>? configure = null)
        {
            var metadata = DataverseOrg.Metadata();
            var org = new InMemoryDataverse(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
            org.LoadMetadata(metadata);
            arrange(org);
            var options = new WebApiOptions().AddToken(Token, org.SystemUserId);
            configure?.Invoke(options);
            return new OrgHost(org, await DataverseWebApiHost.StartAsync(org, ServiceModel.FromMetadataJson(metadata), options));
        }

        /// <summary>An org holding the sample export written to <paramref name="directory"/> (accounts, contacts, completed activities).</summary>
        public static Task<OrgHost> StartWithSampleAsync(string directory, SampleOptions sample, Action<WebApiOptions>? configure = null)
        {
            SampleGenerator.Write(sample, new SampleTruth(), directory);
            return StartAsync(org => Load(org, directory), configure);
        }

        public static void Load(InMemoryDataverse org, string directory)
        {
            var loader = new ExportLoader(org);
            loader.Accounts(ExportReader.ReadAccounts(System.IO.Path.Combine(directory, "accounts.csv"), new RowProblems("accounts.csv")).Values);
            loader.Contacts(ExportReader.ReadContacts(System.IO.Path.Combine(directory, "contacts.csv"), new RowProblems("contacts.csv")).Values);
            loader.Activities(ExportReader.ReadActivities(System.IO.Path.Combine(directory, "activities.csv"), new RowProblems("activities.csv"), new Counter()));
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
