using System;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;
using CrmAttention.Plugins.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;
using P = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Tests.Pipeline
{
    public sealed class OriginClassificationTests
    {
        private static Origin OriginOf(World w, Guid emailId) =>
            (Origin)PolicyMapper.Code(w.Row(M.Email.EntityLogicalName, emailId).GetAttributeValue<OptionSetValue>(M.Email.Fields.CatOrigin));

        [Fact]
        public void An_email_by_a_member_of_a_team_named_on_the_policy_is_automated()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatAutomationTeams] = "Marketing Automation\nSDR Bots");
            var bot = w.Seller("Flow Runner");
            var team = w.Dataverse.CreateTeam("SDR Bots");
            w.Dataverse.AddTeamMembers(team, bot);
            var anna = w.Contact("Anna Berg", bot);

            Assert.Equal(Origin.Automated, OriginOf(w, w.As(bot).Create(World.Email("Hi", anna))));
        }

        [Fact]
        public void An_email_whose_subject_carries_an_automation_marker_is_automated()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit, p => p[P.CatAutomationMarkers] = "[seq]");
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);

            Assert.Equal(Origin.Automated, OriginOf(w, w.As(seller).Create(World.Email("[SEQ] Step 2", anna))));
        }

        [Fact]
        public void An_email_by_an_application_user_is_automated_and_one_by_a_person_is_human()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit);
            var seller = w.Seller("Dana Seller");
            var anna = w.Contact("Anna Berg", seller);

            Assert.Equal(Origin.Automated, OriginOf(w, w.As(w.Sequencer()).Create(World.Email("Step 1", anna))));
            Assert.Equal(Origin.Human, OriginOf(w, w.As(seller).Create(World.Email("Personal note", anna))));
        }

        [Fact]
        public void An_explicit_origin_on_the_activity_wins_over_the_users_facts()
        {
            var w = new World();
            w.Policy(PolicyMode.Audit);
            var anna = w.Contact("Anna Berg", w.Seller("Dana Seller"));
            var email = World.Email("Written by a person through the integration", anna);
            email[M.Email.Fields.CatOrigin] = World.Choice((int)Origin.Human);

            Assert.Equal(Origin.Human, OriginOf(w, w.As(w.Sequencer()).Create(email)));
        }

        [Fact]
        public void An_email_regarding_a_case_is_transactional()
        {
            // The solution's email metadata does not list incident as a regarding target, so this is checked on the classifier.
            var email = World.Email("Your case 4711", Guid.NewGuid());
            email[M.Email.Fields.RegardingObjectId] = new EntityReference(PlatformTables.Case, Guid.NewGuid());
            var activity = ActivityInfo.From(M.Email.EntityLogicalName, Guid.NewGuid(), null, email);

            var origin = OriginClassifier.Classify(activity.Touch, new HumanActor(), new[] { PolicyMapper.BuiltInDefault() });

            Assert.Equal(Origin.Transactional, origin);
        }

        private sealed class HumanActor : IActorFacts
        {
            public UserFacts Initiator() => new UserFacts(Guid.NewGuid(), false, 1033, Array.Empty<string>());

            public UserFacts User(Guid userId) => new UserFacts(userId, false, 1033, Array.Empty<string>());

            public CrmAttention.Engine.MessageFormat InitiatorFormat() => CrmAttention.Engine.MessageFormat.English;
        }
    }
}
