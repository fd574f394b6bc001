using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CrmAttention.Cli;
using CrmAttention.Cli.Deploy;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Simulation;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Packaging;
using Dataverse.InMemory;
using Dataverse.InMemory.Pipeline;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmAttention.Cli.Tests.Deploy
{
    /// <summary>The real solution zips, packed once per test run from this build's plug-in assembly (the Send steps left out, as without a message id).</summary>
    public sealed class ProductZips : IDisposable
    {
        public ProductZips()
        {
            var root = Repository.Root;
            var dll = typeof(PluginBase).Assembly.Location;
            var inputs = new PackInputs(CrmAttentionSolution.Build(), PluginAssemblyReader.Read(dll), File.ReadAllBytes(dll), WebResourceManifest.Load(Path.Combine(root, "WebResources")))
            {
                OmitStepsOnUnknownMessages = true,
            };
            Directory = Path.Combine(Path.GetTempPath(), "crmattention-deploy-" + Guid.NewGuid().ToString("N"));
            (Unmanaged, Managed) = SolutionPackager.Pack(inputs, Directory);
        }

        public string Directory { get; }

        public string Unmanaged { get; }

        public string Managed { get; }

        public void Dispose()
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>deploy against the Web API host over an in-memory org that has the solution's tables and no CrmAttention steps.</summary>
    public sealed class DeployTests : IClassFixture<ProductZips>, IAsyncLifetime
    {
        private const string Token = "deploy-token";
        private readonly ProductZips _zips;
        private readonly InMemoryDataverse _org = new(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        private DataverseWebApiHost? _host;

        public DeployTests(ProductZips zips) => _zips = zips;

        public async Task InitializeAsync() => await Start(DataverseOrg.Metadata());

        public async Task DisposeAsync()
        {
            if (_host != null) await _host.DisposeAsync();
        }

        [Fact]
        public async Task Deploy_imports_the_zip_and_registers_the_Send_steps_as_declared()
        {
            var result = await Deploy(_zips.Unmanaged);

            Assert.True(result.Imported);
            Assert.Equal(3, result.StepsCreated);
            var declared = Declared();
            Assert.Equal(declared.Select(s => s.Id).OrderBy(i => i), _org.Steps.Where(s => s.PluginType.Assembly == typeof(PluginBase).Assembly).Select(s => s.Id).OrderBy(i => i));
            foreach (var send in declared.Where(s => s.Message == "Send"))
            {
                var registered = _org.Steps.Single(s => s.Id == send.Id);
                Assert.Equal(send.PrimaryEntity, registered.PrimaryEntity);
                Assert.Equal(send.Stage, registered.Stage);
                Assert.Equal(send.Rank, registered.Rank);
                Assert.Equal(send.Images.Select(i => (i.Type, i.Alias, string.Join(",", i.Attributes), i.MessagePropertyName ?? "EmailId")),
                    registered.Images.Select(i => (i.Type, i.Alias, string.Join(",", i.Attributes), i.MessagePropertyName ?? "")));
            }
            // The target is unmanaged: the steps deploy registered are components of the solution.
            var solution = Rows("solution").Single();
            var components = Rows("solutioncomponent").Where(c => c.GetAttributeValue<EntityReference>("solutionid").Id == solution.Id).Select(c => c.GetAttributeValue<Guid>("objectid")).ToHashSet();
            Assert.All(declared.Where(s => s.Message == "Send"), s => Assert.Contains(s.Id, components));
        }

        [Fact]
        public async Task A_second_deploy_changes_no_step()
        {
            await Deploy(_zips.Unmanaged);
            var before = Rows("sdkmessageprocessingstep").Where(IsSend).ToDictionary(r => r.Id, r => r.GetAttributeValue<long>("versionnumber"));
            var images = Rows("sdkmessageprocessingstepimage").Count;

            var second = await Deploy(_zips.Unmanaged);

            Assert.Equal(0, second.StepsCreated);
            Assert.Equal(0, second.StepsUpdated);
            Assert.Equal(3, second.StepsUnchanged);
            Assert.Equal(0, second.ImagesWritten);
            Assert.Equal(before, Rows("sdkmessageprocessingstep").Where(IsSend).ToDictionary(r => r.Id, r => r.GetAttributeValue<long>("versionnumber")));
            Assert.Equal(images, Rows("sdkmessageprocessingstepimage").Count);
            Assert.Single(Rows("solution"));
        }

        [Fact]
        public async Task A_step_changed_on_the_org_is_put_back_as_declared()
        {
            await Deploy(_zips.Unmanaged);
            var send = Declared().First(s => s.Message == "Send");
            _org.CreateService(_org.SystemUserId).Update(new Entity("sdkmessageprocessingstep", send.Id) { ["rank"] = 7 });

            var again = await Deploy(_zips.Unmanaged);

            Assert.Equal(1, again.StepsUpdated);
            Assert.Contains(again.Lines, l => l.Contains("rank", StringComparison.Ordinal));
            Assert.Equal(send.Rank, _org.Steps.Single(s => s.Id == send.Id).Rank);
        }

        [Fact]
        public async Task What_if_lists_the_import_and_the_steps_and_changes_nothing()
        {
            var result = await Deploy(_zips.Managed, whatIf: true);

            Assert.False(result.Imported);
            Assert.Contains(result.Lines, l => l.StartsWith("would import CrmAttention", StringComparison.Ordinal) && l.Contains("not yet in the org", StringComparison.Ordinal));
            Assert.Equal(3, result.Lines.Count(l => l.StartsWith("would register step", StringComparison.Ordinal)));
            Assert.Empty(Rows("solution"));
            Assert.Empty(Rows("sdkmessageprocessingstep"));
        }

        [Fact]
        public async Task A_failed_import_reports_the_import_jobs_own_error_lines()
        {
            await _host!.DisposeAsync();
            var metadata = JsonNode.Parse(DataverseOrg.Metadata())!;
            var tables = metadata["tables"]!.AsArray();
            tables.Remove(tables.Single(t => (string?)t!["logicalName"] == "cat_attentionpolicy"));
            await Start(metadata.ToJsonString(), fresh: true);

            var failure = await Assert.ThrowsAsync<CliException>(() => Deploy(_zips.Managed));

            Assert.Contains("The import of CrmAttention failed:", failure.Message);
            Assert.Contains("The table 'cat_attentionpolicy' is not in this organization's metadata", failure.Message);
        }

        private InMemoryDataverse _target = null!;

        private async Task Start(string metadata, bool fresh = false)
        {
            _target = fresh ? new InMemoryDataverse(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)) : _org;
            _target.LoadMetadata(metadata);
            _target.EnablePluginRegistration();
            var options = new WebApiOptions().AddToken(Token, _target.SystemUserId);
            _host = await DataverseWebApiHost.StartAsync(_target, ServiceModel.FromMetadataJson(metadata), options);
        }

        private async Task<DeployResult> Deploy(string zip, bool whatIf = false)
        {
            using var client = new WebApiClient(_host!.BaseAddress, new StaticTokenProvider(Token));
            var deployer = new Deployer(client, new DeployOptions { WhatIf = whatIf, Delay = (_, _) => Task.CompletedTask });
            return await deployer.DeployAsync(zip);
        }

        private static List<PluginStep> Declared() =>
            StepDeclarationReader.Read(typeof(PluginBase).Assembly).Where(s => s.Stage != PipelineStage.MainOperation).ToList();

        private static bool IsSend(Entity step) => step.GetAttributeValue<string>("name")?.Contains(": Send of email", StringComparison.Ordinal) == true;

        private List<Entity> Rows(string table) =>
            _target.CreateService(_target.SystemUserId).RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
    }
}
