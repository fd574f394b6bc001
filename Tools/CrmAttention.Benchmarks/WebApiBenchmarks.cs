using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CrmAttention.Cli.Simulation;
using Dataverse.InMemory;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// The Web API host (Sdk/Dataverse.WebApi) over HTTP on 127.0.0.1: one 5,000-row page of contacts with every
    /// annotation (formatted values, lookup types) — target ≤ 200 ms — with eight selected columns and with all columns,
    /// and a single-record GET. The time is the whole round trip: parse, query, serialize, transfer, read the body.
    /// </summary>
    [MemoryDiagnoser]
    public class WebApiBenchmarks
    {
        private const string Token = "bench-token";
        private DataverseWebApiHost _host = null!;
        private HttpClient _client = null!;
        private Guid _someContact;

        [GlobalSetup]
        public void Setup()
        {
            var world = new InMemoryDataverse();
            world.LoadMetadata(DataverseOrg.Metadata());
            var random = new Random(42);
            var accounts = new Guid[50];
            for (var a = 0; a < accounts.Length; a++) accounts[a] = world.Seed(new Entity("account") { ["name"] = "Account " + a });
            var owners = new Guid[10];
            for (var o = 0; o < owners.Length; o++) owners[o] = world.CreateUser("Seller " + o, "seller" + o + "@example.com");
            for (var i = 0; i < 6000; i++)
            {
                var id = world.Seed(new Entity("contact")
                {
                    ["firstname"] = "First" + i,
                    ["lastname"] = "Contact " + i,
                    ["fullname"] = "First" + i + " Contact " + i,
                    ["emailaddress1"] = "contact" + i + "@example.com",
                    ["parentcustomerid"] = new EntityReference("account", accounts[random.Next(accounts.Length)]),
                    ["ownerid"] = new EntityReference("systemuser", owners[random.Next(owners.Length)]),
                    ["cat_band"] = new OptionSetValue(742800000 + random.Next(4)),
                    ["cat_score"] = (decimal)random.Next(0, 100),
                    ["cat_value"] = new Money(random.Next(1000, 100000)),
                    ["donotphone"] = random.Next(10) == 0,
                });
                if (i == 3000) _someContact = id;
            }
            _host = DataverseWebApiHost.StartAsync(world, ServiceModel.FromMetadataJson(DataverseOrg.Metadata()), new WebApiOptions().AddToken(Token)).GetAwaiter().GetResult();
            _client = new HttpClient { BaseAddress = _host.ApiRoot };
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _client.DefaultRequestHeaders.Add("Prefer", new[] { "odata.include-annotations=\"*\"", "odata.maxpagesize=5000" });
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _client.Dispose();
            _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        [Benchmark(Description = "GET 5,000 contacts, 8 columns, all annotations")]
        public Task<string> PageOfContactsSelected() =>
            _client.GetStringAsync("contacts?$select=fullname,emailaddress1,_parentcustomerid_value,_ownerid_value,cat_band,cat_score,cat_value,donotphone");

        [Benchmark(Description = "GET 5,000 contacts, all columns, all annotations")]
        public Task<string> PageOfContactsAllColumns() => _client.GetStringAsync("contacts");

        [Benchmark(Description = "GET one contact by key")]
        public Task<string> OneContact() => _client.GetStringAsync($"contacts({_someContact})?$select=fullname,_parentcustomerid_value");
    }
}
