using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dataverse.InMemory;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dataverse.WebApi.Hosting
{
    /// <summary>
    /// A Kestrel server on 127.0.0.1 serving <see cref="DataverseWebApi"/> at /api/data/v9.2/ (and /signin for
    /// browsers). Port 0 takes a free port; <see cref="BaseAddress"/> tells which. Tests start one in-process:
    /// <code>
    /// await using var host = await DataverseWebApiHost.StartAsync(dataverse, ServiceModel.FromMetadataJson(json),
    ///     new WebApiOptions().AddToken("test-token"));
    /// var client = new HttpClient { BaseAddress = host.ApiRoot };
    /// </code>
    /// </summary>
    public sealed class DataverseWebApiHost : IAsyncDisposable
    {
        private readonly WebApplication app;

        private DataverseWebApiHost(WebApplication app, DataverseWebApi api, Uri baseAddress)
        {
            this.app = app;
            Api = api;
            BaseAddress = baseAddress;
        }

        public DataverseWebApi Api { get; }

        /// <summary>http://127.0.0.1:port/</summary>
        public Uri BaseAddress { get; }

        /// <summary>http://127.0.0.1:port/api/data/v9.2/</summary>
        public Uri ApiRoot => new(BaseAddress, DataverseWebApi.RootPath.TrimStart('/') + "/");

        /// <summary>
        /// Starts the server. <paramref name="configure"/> may map more endpoints (static web resources) before it
        /// starts; the Web API itself is mapped first.
        /// </summary>
        public static async Task<DataverseWebApiHost> StartAsync(InMemoryDataverse dataverse, ServiceModel model, WebApiOptions options, int port = 0,
            Action<WebApplication>? configure = null, CancellationToken cancellationToken = default)
        {
            var api = new DataverseWebApi(dataverse, model, options);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DataverseWebApiHost).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            app.Map(DataverseWebApi.RootPath, branch => branch.Run(api.HandleAsync));
            app.MapGet("/signin", api.SignInAsync);
            app.Map("/WebResources", branch => branch.Run(api.WebResourceAsync));
            configure?.Invoke(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            return new DataverseWebApiHost(app, api, uri);
        }

        /// <summary>Completes when the server stops (Ctrl+C in a console app, or <see cref="StopAsync"/>).</summary>
        public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => HostingAbstractionsHostExtensions.WaitForShutdownAsync(app, cancellationToken);

        public Task StopAsync() => app.StopAsync();

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
