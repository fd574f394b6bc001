using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dataverse.InMemory;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;

namespace Dataverse.WebApi.Tests
{
    /// <summary>A clock the tests move by hand.</summary>
    public sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// An organization with the solution's metadata, a few accounts and contacts, and the Web API on 127.0.0.1 with a
    /// free port and the static token "test-token". Each test class gets its own (xunit class fixture).
    /// </summary>
    public class HostFixture : IAsyncDisposable
    {
        public const string Token = "test-token";

        private DataverseWebApiHost? host;

        public InMemoryDataverse Dataverse { get; } = new(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));

        public ManualTime Time { get; } = new();

        public Guid Contoso { get; private set; }

        public Guid Fabrikam { get; private set; }

        public List<Guid> Contacts { get; } = new();

        public Guid OtherUser { get; private set; }

        public Guid OtherUserObjectId { get; } = new("0b1ec7a0-0000-4000-8000-000000000007");

        public DataverseWebApiHost Host => host ?? throw new InvalidOperationException("Call StartAsync first.");

        public static string MetadataJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "metadata.json"));

        protected virtual void Configure(WebApiOptions options)
        {
        }

        protected virtual void Arrange(InMemoryDataverse dataverse)
        {
        }

        protected virtual void ConfigureModel(ServiceModel model)
        {
        }

        public async Task<HostFixture> StartAsync()
        {
            if (host != null) return this;
            Dataverse.LoadMetadata(MetadataJson);
            Contoso = Dataverse.Seed(new Entity("account") { ["name"] = "Contoso" });
            Fabrikam = Dataverse.Seed(new Entity("account") { ["name"] = "Fabrikam" });
            var names = new[] { ("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edsger", "Dijkstra"), ("Barbara", "Liskov"), ("Donald", "Knuth"), ("Frances", "Allen") };
            for (var i = 0; i < names.Length; i++)
            {
                var (first, last) = names[i];
                Contacts.Add(Dataverse.Seed(new Entity("contact")
                {
                    ["firstname"] = first,
                    ["lastname"] = last,
                    ["fullname"] = first + " " + last,
                    ["emailaddress1"] = first.ToLowerInvariant() + "@example.com",
                    ["parentcustomerid"] = new EntityReference("account", i % 2 == 0 ? Contoso : Fabrikam),
                    ["donotphone"] = i == 3,
                }));
            }
            OtherUser = Dataverse.CreateUser("Other User", "other.user@example.com");
            var update = Dataverse.CreateService(Dataverse.SystemUserId);
            update.Update(new Entity("systemuser", OtherUser) { ["azureactivedirectoryobjectid"] = OtherUserObjectId });
            Arrange(Dataverse);
            var options = new WebApiOptions { Time = Time }.AddToken(Token);
            Configure(options);
            var model = ServiceModel.FromMetadataJson(MetadataJson);
            ConfigureModel(model);
            host = await DataverseWebApiHost.StartAsync(Dataverse, model, options);
            return this;
        }

        public HttpClient Client(string? token = Token)
        {
            var client = new HttpClient { BaseAddress = Host.ApiRoot };
            if (token != null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            client.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
            client.DefaultRequestHeaders.Add("OData-Version", "4.0");
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            if (host != null) await host.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    internal static class Http
    {
        public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body != null) request.Content = new StringContent(body is string s ? s : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
            return (response, json);
        }

        public static Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(this HttpClient client, string url, params (string Name, string Value)[] headers) =>
            client.SendAsync(HttpMethod.Get, url, null, headers);
    }
}
