using System;
using System.Linq;
using System.Threading.Tasks;
using CrmAttention.Cli.Simulation;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using Dataverse.InMemory;
using Dataverse.InMemory.Pipeline;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Xunit;

namespace CrmAttention.Cli.Tests.Deploy
{
    /// <summary>`crm-attention deploy` on the command line, against the Web API host on 127.0.0.1.</summary>
    public sealed class DeployCommandTests : IClassFixture<ProductZips>, IAsyncLifetime
    {
        private const string Token = "deploy-cli-token";
        private readonly ProductZips _zips;
        private readonly InMemoryDataverse _org = new(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        private DataverseWebApiHost? _host;

        public DeployCommandTests(ProductZips zips) => _zips = zips;

        public async Task InitializeAsync()
        {
            var metadata = DataverseOrg.Metadata();
            _org.LoadMetadata(metadata);
            _org.EnablePluginRegistration();
            _host = await DataverseWebApiHost.StartAsync(_org, ServiceModel.FromMetadataJson(metadata), new WebApiOptions().AddToken(Token, _org.SystemUserId));
        }

        public async Task DisposeAsync()
        {
            if (_host != null) await _host.DisposeAsync();
        }

        [Fact]
        public void Deploy_on_the_command_line_imports_the_zip_and_registers_the_three_Send_steps()
        {
            using var cli = new CliRunner();

            var (code, output) = cli.Run("deploy", "--org", _host!.BaseAddress.ToString(), "--token", Token, "--zip", _zips.Unmanaged, "--language", "en");

            Assert.True(code == 0, output);
            Assert.Contains("Steps: 3 registered, 0 updated, 0 unchanged", output);
            var send = StepDeclarationReader.Read(typeof(PluginBase).Assembly).Where(s => s.Message == "Send" && s.Stage != PipelineStage.MainOperation).Select(s => s.Id).OrderBy(i => i).ToList();
            Assert.Equal(3, send.Count);
            Assert.Equal(send, _org.Steps.Where(s => s.Message == "Send" && s.PluginType.Assembly == typeof(PluginBase).Assembly).Select(s => s.Id).OrderBy(i => i));
        }

        [Fact]
        public void Deploy_run_twice_reports_the_steps_unchanged_in_German()
        {
            using var cli = new CliRunner();
            var args = new[] { "deploy", "--org", _host!.BaseAddress.ToString(), "--token", Token, "--zip", _zips.Unmanaged, "--language", "de" };
            Assert.Equal(0, cli.Run(args).ExitCode);

            var (code, output) = cli.Run(args);

            Assert.True(code == 0, output);
            Assert.Contains("Schritte: 0 registriert, 0 geändert, 3 unverändert", output);
        }

        [Fact]
        public void Deploy_with_a_token_the_org_does_not_accept_says_how_to_sign_in_and_exits_with_2()
        {
            using var cli = new CliRunner();

            var (code, output) = cli.Run("deploy", "--org", _host!.BaseAddress.ToString(), "--token", "wrong", "--zip", _zips.Unmanaged, "--language", "en");

            Assert.Equal(2, code);
            Assert.Contains("401", output);
            Assert.DoesNotContain(_org.Steps, s => s.Message == "Send");
        }
    }
}
