using System;
using System.Collections.Generic;
using System.ServiceModel;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;
using CrmAttention.Plugins.Tests.Engine;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Unit
{
    /// <summary>
    /// The decision log's owner fallback against a scripted organization service: the owner's Read privilege is asked
    /// first, and a Create refused for the owner anyway is retried without it — for the three authorization faults only.
    /// </summary>
    public sealed class DecisionLogTests
    {
        private static readonly Guid Seller = Given.Id(77);

        [Fact]
        public void An_owner_who_may_read_decisions_owns_the_row()
        {
            var service = new ScriptedService { SellerCanRead = true };

            new DecisionLog(service, Given.Id(5)).Write(Record());

            var row = Assert.Single(service.Created);
            Assert.Equal(new EntityReference(M.SystemUser.EntityLogicalName, Seller), row[D.OwnerId]);
            Assert.Equal(new[] { "RetrieveUserPrivilegeByPrivilegeName prvReadcat_AttentionDecision", "Create owned" }, service.Calls);
        }

        [Fact]
        public void An_owner_without_read_is_left_out_before_any_create_and_asked_once_per_execution()
        {
            var service = new ScriptedService { SellerCanRead = false };
            var log = new DecisionLog(service, Given.Id(5));

            log.Write(Record());
            log.Write(Record());

            Assert.Equal(new[] { "RetrieveUserPrivilegeByPrivilegeName prvReadcat_AttentionDecision", "Create unowned", "Create unowned" }, service.Calls);
            Assert.All(service.Created, row => Assert.StartsWith($"Owned by SYSTEM: the activity's owner (systemuser {Seller:D}) may not read attention decisions.", row.GetAttributeValue<string>(D.CatMessage)));
        }

        [Theory]
        [InlineData(-2147220960)] // PrivilegeDenied
        [InlineData(-2147187962)] // AccessDenied
        [InlineData(-2147209463)] // no roles assigned
        public void A_create_refused_for_the_owner_is_written_again_without_it(int code)
        {
            var service = new ScriptedService { SellerCanRead = true, OwnedCreateFault = code };

            new DecisionLog(service, Given.Id(5)).Write(Record());

            Assert.Equal(new[] { "RetrieveUserPrivilegeByPrivilegeName prvReadcat_AttentionDecision", "Create owned", "Create unowned" }, service.Calls);
            Assert.False(Assert.Single(service.Created).Contains(D.OwnerId));
        }

        [Theory]
        [InlineData(-2147220989)] // invalid argument
        [InlineData(-2147220891)] // a plugin refused
        public void Any_other_fault_of_the_create_is_not_caught(int code)
        {
            var service = new ScriptedService { SellerCanRead = true, OwnedCreateFault = code };

            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => new DecisionLog(service, Given.Id(5)).Write(Record()));

            Assert.Equal(code, fault.Detail.ErrorCode);
            Assert.Empty(service.Created);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_team_owner_keeps_the_row_only_when_one_of_its_roles_grants_reading_decisions(bool teamHoldsUserRole)
        {
            var w = new Support.World();
            var team = w.Dataverse.CreateTeam("Key accounts");
            if (teamHoldsUserRole) w.Dataverse.AssignTeamRole(team, "CrmAttention User");
            w.Dataverse.EnforceSecurity = true;
            var record = Record(new RecordRef(M.Team.EntityLogicalName, team));

            new DecisionLog(w.As(w.Dataverse.SystemUserId), Given.Id(5)).Write(record);

            var owner = Assert.Single(w.Decisions()).GetAttributeValue<EntityReference>(D.OwnerId);
            Assert.Equal(teamHoldsUserRole ? team : w.Dataverse.SystemUserId, owner.Id);
        }

        private static DecisionRecord Record(RecordRef? owner = null)
        {
            var policy = Given.Policy(PolicyMode.Warn);
            var decision = AttentionEngine.Evaluate(new Touch(Channel.Email, Origin.Human, Given.Now, Given.Id(300)), Given.Contact(), null, policy, Given.Now);
            var activity = new TouchActivity(M.Email.EntityLogicalName, Given.Id(300), ActivityKind.Email, Channel.Email);
            return new DecisionRecord(decision, activity, Given.Now, null, null, owner ?? new RecordRef(M.SystemUser.EntityLogicalName, Seller));
        }

        /// <summary>Answers the privilege look-up, records Creates, and faults an owned Create with a given code.</summary>
        private sealed class ScriptedService : IOrganizationService
        {
            public bool SellerCanRead { get; set; }

            public int? OwnedCreateFault { get; set; }

            public List<string> Calls { get; } = new List<string>();

            public List<Entity> Created { get; } = new List<Entity>();

            public Guid Create(Entity entity)
            {
                var owned = entity.Contains(D.OwnerId);
                Calls.Add(owned ? "Create owned" : "Create unowned");
                if (owned && OwnedCreateFault is int code) throw new FaultException<OrganizationServiceFault>(new OrganizationServiceFault { ErrorCode = code, Message = "refused" }, new FaultReason("refused"));
                Created.Add(entity);
                return Guid.NewGuid();
            }

            public OrganizationResponse Execute(OrganizationRequest request)
            {
                Calls.Add(request.RequestName + " " + request["PrivilegeName"]);
                var response = new OrganizationResponse { ResponseName = request.RequestName };
                response.Results["RolePrivileges"] = SellerCanRead ? new object[] { "a grant" } : Array.Empty<object>();
                return response;
            }

            public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => throw new NotSupportedException("Retrieve");

            public void Update(Entity entity) => throw new NotSupportedException("Update");

            public void Delete(string entityName, Guid id) => throw new NotSupportedException("Delete");

            public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException("Associate");

            public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException("Disassociate");

            public EntityCollection RetrieveMultiple(QueryBase query) => throw new NotSupportedException("RetrieveMultiple");
        }
    }
}
