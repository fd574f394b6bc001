using System;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class ImpersonationTests
    {
        private readonly InMemoryDataverse dataverse = new();

        [Fact]
        public void CreateOrganizationService_with_null_runs_as_SYSTEM_and_keeps_the_initiating_user()
        {
            var seller = dataverse.CreateUser("Dana Seller");
            IPluginExecutionContext? nested = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => p.ServiceAs(null).Create(new Entity("task"))));
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PostOperation, p => nested = p.Context));

            dataverse.CreateService(seller).Create(new Entity("contact"));

            Assert.Equal(dataverse.SystemUserId, nested!.UserId);
            Assert.Equal(seller, nested.InitiatingUserId);
            var task = Assert.Single(dataverse.Rows("task"));
            Assert.Equal(dataverse.SystemUserId, task.GetAttributeValue<EntityReference>("createdby").Id);
        }

        [Fact]
        public void CreateOrganizationService_with_an_empty_guid_runs_as_the_context_user_and_with_an_id_as_that_user()
        {
            var seller = dataverse.CreateUser("Dana Seller");
            var manager = dataverse.CreateUser("Max Manager");
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                p.ServiceAs(Guid.Empty).Create(new Entity("task") { ["subject"] = "as caller" });
                p.ServiceAs(manager).Create(new Entity("task") { ["subject"] = "as manager" });
            }));

            dataverse.CreateService(seller).Create(new Entity("contact"));

            foreach (var task in dataverse.Rows("task"))
            {
                var expected = task.GetAttributeValue<string>("subject") == "as caller" ? seller : manager;
                Assert.Equal(expected, task.GetAttributeValue<EntityReference>("ownerid").Id);
            }
        }

        [Fact]
        public void A_step_registered_to_run_as_another_user_gets_that_UserId()
        {
            var seller = dataverse.CreateUser("Dana Seller");
            var integration = dataverse.CreateApplicationUser("Integration", new Guid("0b7e0000-0000-0000-0000-00000000a991"));
            IPluginExecutionContext? seen = null;
            dataverse.RegisterStep(new PluginStep("Create", new DelegatePlugin(p => seen = p.Context))
            {
                PrimaryEntity = "contact",
                ImpersonatingUserId = integration,
            });

            dataverse.CreateService(seller).Create(new Entity("contact"));

            Assert.Equal(integration, seen!.UserId);
            Assert.Equal(seller, seen.InitiatingUserId);
        }

        [Fact]
        public void Application_users_team_membership_and_language_are_readable_through_normal_requests()
        {
            var applicationId = new Guid("0b7e0000-0000-0000-0000-00000000a992");
            var integration = dataverse.CreateApplicationUser("Sequencer", applicationId);
            var team = dataverse.CreateTeam("Automation");
            dataverse.AddTeamMembers(team, integration);
            dataverse.SetUserLanguage(integration, 1031);
            var service = dataverse.CreateService();

            var user = service.Retrieve("systemuser", integration, new ColumnSet("applicationid", "fullname", "businessunitid"));
            var settings = service.Retrieve("usersettings", integration, new ColumnSet("uilanguageid"));
            var memberships = dataverse.Rows("teammembership");

            Assert.Equal(applicationId, user["applicationid"]);
            Assert.Equal("Sequencer", user["fullname"]);
            Assert.Equal(1031, settings["uilanguageid"]);
            Assert.Equal(team, Assert.Single(memberships)["teamid"]);
        }

        [Fact]
        public void A_service_for_an_unknown_user_cannot_be_created()
        {
            Assert.Throws<ArgumentException>(() => dataverse.CreateService(Guid.NewGuid()));
        }
    }
}
