using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Tests.Support;
using Dataverse.InMemory.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Security
{
    /// <summary>
    /// Who sees the decision log, through the in-memory Dataverse's security checks with the solution's roles from
    /// metadata.json: a seller holding CrmAttention User reads the decisions about their own activities and not a
    /// colleague's, sales ops (CrmAttention Analyst) read all, the per-owner chart groups by the sellers, and a log
    /// row whose owner may not read decisions is kept as SYSTEM's instead of failing the seller's touch.
    /// </summary>
    public sealed class DecisionVisibilityTests
    {
        private const string UserRole = "CrmAttention User";
        private const string AnalystRole = "CrmAttention Analyst";

        // What Microsoft's Salesperson role gives a seller on the tables the touch involves (the solution's roles only add
        // CrmAttention's own privileges): their own activities, the business unit's contacts and accounts, every user.
        private const string SalesRole = "Salesperson (stand-in)";

        // An outreach tool's application user: creates activities for the sellers it works for.
        private const string AutomationRole = "Sequence automation (stand-in)";

        private readonly World _w = new World();
        private readonly Guid _dana;
        private readonly Guid _eli;

        public DecisionVisibilityTests()
        {
            _w.Dataverse.Security.AddRole(new SecurityRole(SalesRole)
                .Grant(M.Email.EntityLogicalName, PrivilegeDepth.Basic, TableAccess.Create, TableAccess.Read, TableAccess.Write, TableAccess.Append, TableAccess.AppendTo)
                .Grant(M.Contact.EntityLogicalName, PrivilegeDepth.Local, TableAccess.Read, TableAccess.AppendTo)
                .Grant(M.Account.EntityLogicalName, PrivilegeDepth.Local, TableAccess.Read, TableAccess.AppendTo)
                .Grant(M.SystemUser.EntityLogicalName, PrivilegeDepth.Global, TableAccess.Read));
            _w.Dataverse.Security.AddRole(new SecurityRole(AutomationRole)
                .Grant(M.Email.EntityLogicalName, PrivilegeDepth.Global, TableAccess.Create, TableAccess.Read, TableAccess.Write, TableAccess.Append, TableAccess.AppendTo, TableAccess.Assign)
                .Grant(M.Contact.EntityLogicalName, PrivilegeDepth.Global, TableAccess.Read, TableAccess.AppendTo)
                .Grant(M.SystemUser.EntityLogicalName, PrivilegeDepth.Global, TableAccess.Read));
            _dana = Seller("Dana Seller", UserRole);
            _eli = Seller("Eli Seller", UserRole);
        }

        [Fact]
        public void A_seller_reads_the_decisions_about_their_own_emails_and_not_a_colleagues()
        {
            OverBudgetWarnPolicy();
            var anna = BusyContact("Anna Berg", _dana);
            var ben = BusyContact("Ben Kurz", _eli);
            _w.Dataverse.EnforceSecurity = true;

            _w.As(_dana).Create(World.Email("Hello Anna", anna));
            _w.As(_eli).Create(World.Email("Hello Ben", ben));

            var danas = _w.As(_dana).RetrieveMultiple(new QueryExpression(M.AttentionDecision.EntityLogicalName) { ColumnSet = new ColumnSet(D.CatContactId, D.OwnerId) }).Entities;
            var own = Assert.Single(danas);
            Assert.Equal(anna, own.GetAttributeValue<EntityReference>(D.CatContactId).Id);
            Assert.Equal(_dana, own.GetAttributeValue<EntityReference>(D.OwnerId).Id);
            var elis = Assert.Single(_w.DecisionsFor(ben));
            Assert.Equal(_eli, elis.GetAttributeValue<EntityReference>(D.OwnerId).Id);
            var refused = World.Refused(() => _w.As(_dana).Retrieve(M.AttentionDecision.EntityLogicalName, elis.Id, new ColumnSet(D.CatMessage)));
            Assert.Equal(SecurityFaults.AccessDenied, refused.Detail.ErrorCode);
        }

        [Fact]
        public void Sales_ops_with_the_analyst_role_read_every_sellers_decisions()
        {
            OverBudgetWarnPolicy();
            var anna = BusyContact("Anna Berg", _dana);
            var ben = BusyContact("Ben Kurz", _eli);
            var ops = Seller("Olga Ops", AnalystRole);
            _w.Dataverse.EnforceSecurity = true;
            _w.As(_dana).Create(World.Email("Hello Anna", anna));
            _w.As(_eli).Create(World.Email("Hello Ben", ben));

            var all = _w.As(ops).RetrieveMultiple(new QueryExpression(M.AttentionDecision.EntityLogicalName) { ColumnSet = new ColumnSet(D.OwnerId) }).Entities;

            Assert.Equal(new[] { _dana, _eli }.OrderBy(id => id), all.Select(d => d.GetAttributeValue<EntityReference>(D.OwnerId).Id).OrderBy(id => id));
        }

        [Fact]
        public void The_per_owner_chart_groups_routed_decisions_by_the_sellers_not_by_system()
        {
            _w.Policy(PolicyMode.Enforce, Generous);
            var sequencer = _w.Sequencer();
            _w.Dataverse.AssignRole(sequencer, AutomationRole);
            var anna = SaturatedHighValueContact("Anna Berg", _dana);
            var ben = SaturatedHighValueContact("Ben Kurz", _eli);
            var carl = SaturatedHighValueContact("Carl Lind", _eli);
            var ops = Seller("Olga Ops", AnalystRole);
            _w.Dataverse.EnforceSecurity = true;

            foreach (var contact in new[] { anna, ben, carl }) _w.As(sequencer).Create(World.Email("Step 5: case study", contact));
            var chart = _w.As(ops).RetrieveMultiple(new FetchExpression(SuppressedAndRoutedByOwnerChart)).Entities;

            var bars = chart.ToDictionary(r => ((EntityReference)((AliasedValue)r["groupby_column"]).Value).Id, r => (int)((AliasedValue)r["aggregate_column"]).Value);
            Assert.Equal(2, bars.Count);
            Assert.Equal(1, bars[_dana]);
            Assert.Equal(2, bars[_eli]);
            Assert.DoesNotContain(_w.Dataverse.SystemUserId, bars.Keys);
            Assert.All(chart, r => Assert.Equal(new OptionSetValue(M.Choices.DecisionKind.RouteToHuman), ((AliasedValue)r["series_column"]).Value));
        }

        [Fact]
        public void A_sellers_decision_is_kept_as_systems_when_the_seller_may_not_read_decisions()
        {
            OverBudgetWarnPolicy();
            var newcomer = Seller("Nina Neu", null);
            var anna = BusyContact("Anna Berg", newcomer);
            _w.Dataverse.EnforceSecurity = true;

            var emailId = _w.As(newcomer).Create(World.Email("Hello Anna", anna));

            Assert.NotNull(_w.Dataverse.Get(M.Email.EntityLogicalName, emailId));
            var decision = Assert.Single(_w.DecisionsFor(anna));
            Assert.Equal(_w.Dataverse.SystemUserId, decision.GetAttributeValue<EntityReference>(D.OwnerId).Id);
            var message = decision.GetAttributeValue<string>(D.CatMessage);
            Assert.StartsWith($"Owned by SYSTEM: the activity's owner (systemuser {newcomer:D}) may not read attention decisions.", message);
            Assert.Contains($"Im Besitz von SYSTEM: Der Besitzer der Aktivität (systemuser {newcomer:D}) darf keine Aufmerksamkeitsentscheidungen lesen.", message);
            var refused = World.Refused(() => _w.As(newcomer).RetrieveMultiple(new QueryExpression(M.AttentionDecision.EntityLogicalName) { ColumnSet = new ColumnSet(D.OwnerId) }));
            Assert.Equal(SecurityFaults.PrivilegeDenied, refused.Detail.ErrorCode);
        }

        [Fact]
        public void A_routing_decision_logged_inside_the_transaction_falls_back_to_system_without_failing_the_touch()
        {
            _w.Policy(PolicyMode.Enforce, Generous);
            var sequencer = _w.Sequencer();
            _w.Dataverse.AssignRole(sequencer, AutomationRole);
            var newcomer = Seller("Nina Neu", null);
            var anna = SaturatedHighValueContact("Anna Berg", newcomer);
            _w.Dataverse.EnforceSecurity = true;

            var emailId = _w.As(sequencer).Create(World.Email("Step 5: case study", anna));

            Assert.Equal(2, _w.Row(M.Email.EntityLogicalName, emailId).GetAttributeValue<OptionSetValue>(M.Email.Fields.StateCode).Value);
            var call = Assert.Single(_w.RoutedCalls());
            Assert.Equal(newcomer, call.GetAttributeValue<EntityReference>(M.PhoneCall.Fields.OwnerId).Id);
            var decision = Assert.Single(_w.DecisionsFor(anna));
            Assert.Equal(_w.Dataverse.SystemUserId, decision.GetAttributeValue<EntityReference>(D.OwnerId).Id);
            Assert.StartsWith($"Owned by SYSTEM: the activity's owner (systemuser {newcomer:D})", decision.GetAttributeValue<string>(D.CatMessage));
        }

        [Fact]
        public void Purging_decisions_needs_the_apis_execute_privilege_which_only_the_administrator_role_grants()
        {
            var ops = Seller("Olga Ops", AnalystRole);
            var admin = Seller("Ada Admin", "CrmAttention Administrator");
            _w.Dataverse.EnforceSecurity = true;
            OrganizationRequest Purge() => new OrganizationRequest(M.CustomApis.PurgeDecisions.MessageName) { [M.CustomApis.PurgeDecisions.Request.OlderThanDays] = 90 };

            var refused = World.Refused(() => _w.As(ops).Execute(Purge()));
            var response = _w.As(admin).Execute(Purge());

            Assert.Equal(SecurityFaults.PrivilegeDenied, refused.Detail.ErrorCode);
            Assert.Contains("is missing prvDeletecat_AttentionDecision privilege", refused.Detail.Message);
            Assert.Equal(0, response.Results[M.CustomApis.PurgeDecisions.Response.DeletedCount]);
        }

        // The FetchXML of the "Suppressed and routed by owner" chart (cat_attentiondecision, suppressedroutedbyowner in
        // Solution/Model/AttentionDecisionTable.cs) as the solution builder writes it.
        private static string SuppressedAndRoutedByOwnerChart =>
            "<fetch mapping='logical' aggregate='true'><entity name='cat_attentiondecision'>" +
            "<attribute name='ownerid' groupby='true' alias='groupby_column' />" +
            "<attribute name='cat_decision' groupby='true' alias='series_column' />" +
            "<attribute name='cat_attentiondecisionid' aggregate='count' alias='aggregate_column' />" +
            $"<filter type='and'><condition attribute='cat_decision' operator='in'><value>{M.Choices.DecisionKind.Suppress}</value><value>{M.Choices.DecisionKind.RouteToHuman}</value></condition></filter>" +
            "</entity></fetch>";

        private static void Generous(Entity p)
        {
            p[M.AttentionPolicy.Fields.CatMaxTouches] = 50;
            p[M.AttentionPolicy.Fields.CatMaxAutomatedTouches] = 50;
            p[M.AttentionPolicy.Fields.CatMinGapHours] = 0;
            p[M.AttentionPolicy.Fields.CatCoolDownAfterUnanswered] = 0;
        }

        private void OverBudgetWarnPolicy() => _w.Policy(PolicyMode.Warn, p => p[M.AttentionPolicy.Fields.CatMaxTouches] = 1);

        private Guid Seller(string name, string? crmAttentionRole)
        {
            var id = _w.Seller(name);
            _w.Dataverse.AssignRole(id, SalesRole);
            if (crmAttentionRole != null) _w.Dataverse.AssignRole(id, crmAttentionRole);
            return id;
        }

        // A contact touched yesterday: with one touch allowed, the next email is over budget and its decision logged.
        private Guid BusyContact(string name, Guid owner)
        {
            var contact = _w.Contact(name, owner);
            _w.SeedTouches(contact, null, (TimeSpan.FromDays(1), Channel.Phone, Origin.Human));
            return contact;
        }

        // Four automated emails in nine days and a high value: the next automated email becomes a call for the owner.
        private Guid SaturatedHighValueContact(string name, Guid owner)
        {
            var contact = _w.Contact(name, owner, value: 50000m);
            _w.SeedTouches(contact, null,
                (TimeSpan.FromDays(9), Channel.Email, Origin.Automated), (TimeSpan.FromDays(6), Channel.Email, Origin.Automated),
                (TimeSpan.FromDays(4), Channel.Email, Origin.Automated), (TimeSpan.FromDays(2), Channel.Email, Origin.Automated));
            return contact;
        }
    }
}
