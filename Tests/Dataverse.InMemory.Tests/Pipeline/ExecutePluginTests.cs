using System;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class ExecutePluginTests
    {
        private readonly InMemoryDataverse dataverse = new();

        [Fact]
        public void A_plugin_runs_directly_with_the_given_context_and_its_writes_commit()
        {
            var contact = dataverse.Seed(new Entity("contact") { ["lastname"] = "Kim" });
            var invocation = PluginInvocation.For("Update", new Entity("contact", contact) { ["emailaddress1"] = "kim@example.com" });
            invocation.PreEntityImages["pre"] = new Entity("contact", contact) { ["lastname"] = "Kim" };
            var plugin = new DelegatePlugin(p =>
            {
                p.Target["description"] = "seen " + p.Context.PreEntityImages["pre"]["lastname"];
                p.Service.Create(new Entity("task") { ["subject"] = "Follow up " + p.Context.Stage });
                p.Context.OutputParameters["done"] = true;
            });

            var context = dataverse.ExecutePlugin(plugin, invocation);

            Assert.Equal("seen Kim", ((Entity)context.InputParameters["Target"])["description"]);
            Assert.Equal(true, context.OutputParameters["done"]);
            Assert.Equal("Follow up 40", Assert.Single(dataverse.Rows("task"))["subject"]);
        }

        [Fact]
        public void A_plugin_that_throws_rolls_back_its_writes_and_reports_the_platform_fault()
        {
            var plugin = new DelegatePlugin(p =>
            {
                p.Service.Create(new Entity("task"));
                throw new InvalidPluginExecutionException("Blocked by policy.");
            });

            var fault = Assertions.Faults(ErrorCodes.IsvAborted, () =>
                dataverse.ExecutePlugin(plugin, new PluginInvocation("Create", "contact") { Stage = PipelineStage.PreOperation }));

            Assert.Equal("Blocked by policy.", fault.Message);
            Assert.Empty(dataverse.Rows("task"));
        }

        [Fact]
        public void The_invocation_sets_users_depth_and_stage()
        {
            var seller = dataverse.CreateUser("Dana Seller");
            IPluginExecutionContext? seen = null;

            dataverse.ExecutePlugin(new DelegatePlugin(p => seen = p.Context), new PluginInvocation("cat_EvaluateTouch")
            {
                Stage = PipelineStage.MainOperation,
                UserId = dataverse.SystemUserId,
                InitiatingUserId = seller,
                Depth = 2,
            });

            Assert.Equal(30, seen!.Stage);
            Assert.Equal(dataverse.SystemUserId, seen.UserId);
            Assert.Equal(seller, seen.InitiatingUserId);
            Assert.Equal(2, seen.Depth);
            Assert.Equal("none", seen.PrimaryEntityName);
            Assert.True(seen.IsInTransaction);
        }
    }
}
