using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Api;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;
using Req = CrmAttention.Model.CustomApis.PurgeDecisions.Request;
using Res = CrmAttention.Model.CustomApis.PurgeDecisions.Response;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    /// <summary>
    /// The decision log outlives the rows it points to (every lookup removes its link on delete) and loses rows only
    /// through cat_PurgeDecisions, which only the CrmAttention Administrator may run.
    /// </summary>
    public sealed class DecisionLifecycleTests
    {
        private static Guid Decision(World w, Guid contactId, TimeSpan age) =>
            w.Dataverse.Seed(new Entity(M.AttentionDecision.EntityLogicalName)
            {
                [D.CatName] = "Logged " + age.TotalDays + " days ago",
                [D.CatContactId] = new EntityReference(M.Contact.EntityLogicalName, contactId),
                [D.CatEvaluatedOn] = w.Now - age,
            });

        /// <summary>Gives the user the business unit's copy of the CrmAttention Administrator role, as an import and an assignment would.</summary>
        private static void GrantAdministrator(World w, Guid userId)
        {
            var copy = w.Dataverse.Seed(new Entity(M.Role.EntityLogicalName)
            {
                [M.Role.Fields.Name] = "CrmAttention Administrator",
                [M.Role.Fields.BusinessUnitId] = new EntityReference(M.BusinessUnit.EntityLogicalName, w.Dataverse.RootBusinessUnitId),
                [M.Role.Fields.ParentRootRoleId] = new EntityReference(M.Role.EntityLogicalName, PurgeDecisionsApi.AdministratorRoleId),
            });
            w.Dataverse.Seed(new Entity(M.SystemUserRoles.EntityLogicalName) { [M.SystemUserRoles.Fields.SystemUserId] = userId, [M.SystemUserRoles.Fields.RoleId] = copy });
        }

        private static OrganizationResponse Purge(World w, Guid userId, int days) =>
            w.As(userId).Execute(new OrganizationRequest(M.CustomApis.PurgeDecisions.MessageName) { [Req.OlderThanDays] = days });

        [Fact]
        public void A_seller_deletes_a_contact_with_decisions_and_the_decisions_stay_without_the_link()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatMaxTouches] = 1);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            w.SeedTouches(anna, null, (TimeSpan.FromDays(2), Channel.Email, Origin.Human));
            w.As(seller).Create(World.Email("One more", anna));
            var logged = Assert.Single(w.DecisionsFor(anna));
            var seeded = Decision(w, anna, TimeSpan.FromDays(3));

            w.As(seller).Delete(M.Contact.EntityLogicalName, anna);

            Assert.Null(w.Dataverse.Get(M.Contact.EntityLogicalName, anna));
            foreach (var id in new[] { logged.Id, seeded })
            {
                var kept = w.Row(M.AttentionDecision.EntityLogicalName, id);
                Assert.False(kept.Contains(D.CatContactId));
            }
            Assert.Equal(logged.GetAttributeValue<string>(D.CatMessage), w.Row(M.AttentionDecision.EntityLogicalName, logged.Id).GetAttributeValue<string>(D.CatMessage));
        }

        [Fact]
        public void A_user_clearing_a_decisions_contact_link_outside_a_delete_is_still_refused()
        {
            var w = new World();
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);
            var decision = Decision(w, anna, TimeSpan.FromDays(1));

            var fault = World.Refused(() => w.As(seller).Update(new Entity(M.AttentionDecision.EntityLogicalName, decision) { [D.CatContactId] = null }));

            Assert.Equal("Attention decisions are an append-only log and cannot be changed.", fault.Detail.Message);
            Assert.Equal(anna, w.Row(M.AttentionDecision.EntityLogicalName, decision).GetAttributeValue<EntityReference>(D.CatContactId).Id);
        }

        [Theory]
        [InlineData(1033, "Only the CrmAttention Administrator role may purge attention decisions.")]
        [InlineData(1031, "Nur die Rolle CrmAttention Administrator darf Aufmerksamkeitsentscheidungen bereinigen.")]
        public void A_caller_without_the_administrator_role_is_refused_in_their_language(int language, string message)
        {
            var w = new World();
            var seller = w.Seller("Dana Seller", language);
            var anna = w.Contact("Anna Berg", seller);
            var old = Decision(w, anna, TimeSpan.FromDays(400));

            var fault = World.Refused(() => Purge(w, seller, 90));

            Assert.Equal(message, fault.Detail.Message);
            Assert.NotNull(w.Dataverse.Get(M.AttentionDecision.EntityLogicalName, old));
        }

        [Fact]
        public void The_administrators_purge_deletes_exactly_the_older_decisions_and_reports_and_traces_the_count()
        {
            var w = new World();
            var admin = w.Seller("Ada Admin");
            GrantAdministrator(w, admin);
            var anna = w.Contact("Anna Berg", admin);
            var older = new[] { Decision(w, anna, TimeSpan.FromDays(91)), Decision(w, anna, TimeSpan.FromDays(365)), Decision(w, anna, TimeSpan.FromDays(90) + TimeSpan.FromMinutes(1)) };
            var younger = new[] { Decision(w, anna, TimeSpan.FromDays(89)), Decision(w, anna, TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1)), Decision(w, anna, TimeSpan.Zero) };

            var response = Purge(w, admin, 90);

            Assert.Equal(3, response[Res.DeletedCount]);
            Assert.Equal(false, response[Res.MoreRecords]);
            Assert.All(older, id => Assert.Null(w.Dataverse.Get(M.AttentionDecision.EntityLogicalName, id)));
            Assert.All(younger, id => Assert.NotNull(w.Dataverse.Get(M.AttentionDecision.EntityLogicalName, id)));
            Assert.Contains(w.Dataverse.Instrumentation.Traces, t => t.Text.Contains("cat_PurgeDecisions by user " + admin.ToString("D") + ": deleted 3 decision(s)"));
        }

        [Fact]
        public void The_role_through_a_team_counts_too()
        {
            var w = new World();
            var admin = w.Seller("Ada Admin");
            var team = w.Dataverse.CreateTeam("Sales ops");
            w.Dataverse.AddTeamMembers(team, admin);
            // The root business unit's role itself, whose id is the solution's role id.
            w.Dataverse.Seed(new Entity(M.Role.EntityLogicalName, PurgeDecisionsApi.AdministratorRoleId)
            {
                [M.Role.Fields.Name] = "CrmAttention Administrator",
                [M.Role.Fields.BusinessUnitId] = new EntityReference(M.BusinessUnit.EntityLogicalName, w.Dataverse.RootBusinessUnitId),
            });
            w.Dataverse.Seed(new Entity(M.TeamRoles.EntityLogicalName) { [M.TeamRoles.Fields.TeamId] = team, [M.TeamRoles.Fields.RoleId] = PurgeDecisionsApi.AdministratorRoleId });
            var anna = w.Contact("Anna Berg", admin);
            Decision(w, anna, TimeSpan.FromDays(100));

            Assert.Equal(1, Purge(w, admin, 30)[Res.DeletedCount]);
        }

        [Theory]
        [InlineData(29)]
        [InlineData(0)]
        [InlineData(-5)]
        [InlineData(36501)]
        public void A_purge_keeping_fewer_than_30_days_or_an_absurd_age_is_refused(int days)
        {
            var w = new World();
            var admin = w.Seller("Ada Admin");
            GrantAdministrator(w, admin);
            var anna = w.Contact("Anna Berg", admin);
            var recent = Decision(w, anna, TimeSpan.FromDays(40));

            var fault = World.Refused(() => Purge(w, admin, days));

            Assert.Equal("cat_OlderThanDays must be a whole number of days between 30 and 36500.", fault.Detail.Message);
            Assert.NotNull(w.Dataverse.Get(M.AttentionDecision.EntityLogicalName, recent));
        }
    }
}
