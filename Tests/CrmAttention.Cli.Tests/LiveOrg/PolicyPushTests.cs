using System;
using System.Linq;
using System.Threading.Tasks;
using CrmAttention.Cli.Policies;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Tests.LiveOrg
{
    /// <summary>`policy push` against the Web API host: validated first, the policy of the same name updated, never duplicated.</summary>
    public sealed class PolicyPushTests
    {
        private const string Calibrated = "{\"name\":\"Calibrated\",\"mode\":\"Warn\",\"maxTouches\":4,\"halfLifeDays\":9.5,\"alpha\":0.42,\"description\":\"from calibrate\"}";

        [Fact]
        public async Task Push_creates_the_policy_and_a_second_push_of_a_changed_file_updates_the_same_row()
        {
            await using var host = await OrgHost.StartAsync(_ => { });
            using var cli = new CliRunner();
            cli.Write("policy.json", Calibrated);
            var (firstCode, first) = Push(cli, host);
            cli.Write("policy.json", Calibrated.Replace("\"maxTouches\":4", "\"maxTouches\":6", StringComparison.Ordinal));

            var (secondCode, second) = Push(cli, host);

            Assert.True(firstCode == 0 && secondCode == 0, first + second);
            Assert.Contains("Created policy \"Calibrated\"", first);
            Assert.Contains("Updated policy \"Calibrated\"", second);
            Assert.Contains(": cat_maxtouches.", second);
            var row = Assert.Single(Policies(host));
            var stored = PolicyMapper.FromEntity(row);
            var file = PolicyFile.Load(cli.PathOf("policy.json"));
            Assert.Equal(PolicyFile.Serialize(file), PolicyFile.Serialize(stored));
            Assert.False(row.GetAttributeValue<bool>(M.AttentionPolicy.Fields.CatIsDefault));
        }

        [Fact]
        public async Task Pushing_the_same_file_again_changes_nothing()
        {
            await using var host = await OrgHost.StartAsync(_ => { });
            using var cli = new CliRunner();
            cli.Write("policy.json", Calibrated);
            Assert.Equal(0, Push(cli, host).ExitCode);
            var version = Policies(host).Single().GetAttributeValue<long>("versionnumber");

            var (code, output) = Push(cli, host, "de");

            Assert.True(code == 0, output);
            Assert.Contains("enthält dies bereits; nichts geändert", output);
            Assert.Equal(version, Policies(host).Single().GetAttributeValue<long>("versionnumber"));
        }

        [Fact]
        public async Task An_existing_policy_keeps_its_default_flag_and_priority_unless_default_is_asked()
        {
            await using var host = await OrgHost.StartAsync(org => org.Seed(new Entity(M.AttentionPolicy.EntityLogicalName)
            {
                [M.AttentionPolicy.Fields.CatName] = "Calibrated",
                [M.AttentionPolicy.Fields.CatIsDefault] = true,
                [M.AttentionPolicy.Fields.CatPriority] = 3,
                [M.AttentionPolicy.Fields.CatMaxTouches] = 9,
            }));
            using var cli = new CliRunner();
            cli.Write("policy.json", Calibrated);

            var (code, output) = Push(cli, host);

            Assert.True(code == 0, output);
            var row = Assert.Single(Policies(host));
            Assert.Equal((true, 3, 4), (row.GetAttributeValue<bool>(M.AttentionPolicy.Fields.CatIsDefault), row.GetAttributeValue<int>(M.AttentionPolicy.Fields.CatPriority),
                row.GetAttributeValue<int>(M.AttentionPolicy.Fields.CatMaxTouches)));
        }

        [Fact]
        public async Task An_invalid_file_is_refused_before_the_org_is_written()
        {
            await using var host = await OrgHost.StartAsync(_ => { });
            using var cli = new CliRunner();
            cli.Write("policy.json", "{\"name\":\"Calibrated\",\"halfLifeDays\":-2}");

            var (code, output) = Push(cli, host);

            Assert.Equal(2, code);
            Assert.Contains("Half-life (days)", output);
            Assert.Empty(Policies(host));
        }

        [Fact]
        public async Task Two_policies_of_the_name_already_are_refused_rather_than_guessed_between()
        {
            await using var host = await OrgHost.StartAsync(org =>
            {
                org.Seed(new Entity(M.AttentionPolicy.EntityLogicalName) { [M.AttentionPolicy.Fields.CatName] = "Calibrated" });
                org.Seed(new Entity(M.AttentionPolicy.EntityLogicalName) { [M.AttentionPolicy.Fields.CatName] = "Calibrated" });
            });
            using var cli = new CliRunner();
            cli.Write("policy.json", Calibrated);

            var (code, output) = Push(cli, host);

            Assert.Equal(2, code);
            Assert.Contains("The org has 2 policies named \"Calibrated\"", output);
            Assert.All(Policies(host), p => Assert.Null(p.GetAttributeValue<int?>(M.AttentionPolicy.Fields.CatMaxTouches)));
        }

        private static (int ExitCode, string Output) Push(CliRunner cli, OrgHost host, string language = "en") =>
            cli.Run("policy", "push", "--org", host.Url, "--token", OrgHost.Token, "--policy", cli.PathOf("policy.json"), "--language", language);

        private static System.Collections.Generic.List<Entity> Policies(OrgHost host) =>
            host.Org.CreateService(host.Org.SystemUserId).RetrieveMultiple(new QueryExpression(M.AttentionPolicy.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
    }
}
