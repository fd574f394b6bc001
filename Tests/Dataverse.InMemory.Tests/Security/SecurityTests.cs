using System;
using System.Linq;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Security
{
    /// <summary>
    /// Privilege and access checks as Dataverse applies them, with roles defined in code. Two business units: the root
    /// (Dana and Eli, sellers) and Berlin below it (Fay); Gus is in no role at all.
    /// </summary>
    public sealed class SecurityTests
    {
        private readonly InMemoryDataverse dataverse = new(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        private readonly Guid berlin;
        private readonly Guid dana;
        private readonly Guid eli;
        private readonly Guid fay;
        private readonly Guid gus;

        public SecurityTests()
        {
            berlin = dataverse.CreateBusinessUnit("Berlin");
            dana = dataverse.CreateUser("Dana Seller");
            eli = dataverse.CreateUser("Eli Seller");
            fay = dataverse.CreateUser("Fay Seller", businessUnitId: berlin);
            gus = dataverse.CreateUser("Gus Nobody");
            dataverse.Security.AddRole(Seller("Seller", PrivilegeDepth.Basic));
            dataverse.Security.AddRole(Seller("Seller (business unit)", PrivilegeDepth.Local));
            dataverse.Security.AddRole(Seller("Seller (parent: child)", PrivilegeDepth.Deep));
            dataverse.Security.AddRole(Seller("Seller (organization)", PrivilegeDepth.Global));
            dataverse.Security.AddRole(new SecurityRole("Contact assigner").Grant("contact", PrivilegeDepth.Global, TableAccess.Assign));
            foreach (var user in new[] { dana, eli, fay }) dataverse.AssignRole(user, "Seller");
        }

        [Fact]
        public void Security_is_off_by_default_so_a_user_without_roles_may_do_anything()
        {
            var service = dataverse.CreateService(gus);

            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });
            service.Update(new Entity("contact", id) { ["firstname"] = "Ada" });

            Assert.Equal("Ada", service.Retrieve("contact", id, new ColumnSet("firstname"))["firstname"]);
            Assert.False(dataverse.EnforceSecurity);
        }

        [Fact]
        public void A_user_without_any_role_gets_the_no_roles_fault()
        {
            dataverse.EnforceSecurity = true;

            var fault = Assertions.Faults(SecurityFaults.NoRolesAssigned, () => dataverse.CreateService(gus).Create(new Entity("contact") { ["lastname"] = "Kim" }));

            Assert.Equal($"SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: {gus:D}", fault.Message);
        }

        [Fact]
        public void A_missing_privilege_faults_with_the_platform_message_naming_privilege_table_and_type_code()
        {
            dataverse.EnforceSecurity = true;
            var account = new Entity("account") { ["name"] = "Contoso" };

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Create(account));

            Assert.StartsWith($"Principal user (Id={dana:D}, type=8, roleCount=1, privilegeCount=", fault.Message, StringComparison.Ordinal);
            Assert.Contains("is missing prvCreateaccount privilege (Id=", fault.Message, StringComparison.Ordinal);
            Assert.EndsWith($"on OTC=1 for entity 'account'. context.Caller={dana:D}", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_privilege_fault_is_written_in_the_callers_language()
        {
            dataverse.EnforceSecurity = true;
            dataverse.SetUserLanguage(dana, 1031);

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Create(new Entity("account") { ["name"] = "Contoso" }));

            Assert.StartsWith($"Dem Prinzipalbenutzer (Id={dana:D}", fault.Message, StringComparison.Ordinal);
            Assert.Contains("fehlt die Berechtigung prvCreateaccount", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Basic_read_shows_a_user_their_own_rows_and_faults_on_a_colleagues_row()
        {
            var mine = dataverse.Seed(new Entity("contact") { ["lastname"] = "Mine" }, dana);
            var theirs = dataverse.Seed(new Entity("contact") { ["lastname"] = "Theirs" }, eli);
            dataverse.EnforceSecurity = true;
            var service = dataverse.CreateService(dana);

            var rows = service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") }).Entities;

            Assert.Equal(new[] { mine }, rows.Select(r => r.Id).ToArray());
            Assert.Equal("Mine", service.Retrieve("contact", mine, new ColumnSet("lastname"))["lastname"]);
            var fault = Assertions.Faults(SecurityFaults.AccessDenied, () => service.Retrieve("contact", theirs, new ColumnSet("lastname")));
            Assert.Equal($"Principal with ID {dana:D} does not have ReadAccess right(s) for record with ID {theirs:D} of entity contact.", fault.Message);
        }

        [Theory]
        [InlineData("Seller", "Dana")]
        [InlineData("Seller (business unit)", "Dana Eli")]
        [InlineData("Seller (parent: child)", "Dana Eli Fay")]
        [InlineData("Seller (organization)", "Dana Eli Fay")]
        public void Read_depth_decides_which_owners_rows_a_query_returns(string role, string owners)
        {
            SeedOneContactEach();
            dataverse.AssignRole(dana, role);
            dataverse.EnforceSecurity = true;

            var rows = dataverse.CreateService(dana).RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname"), Orders = { new OrderExpression("lastname", OrderType.Ascending) } });

            Assert.Equal(owners, string.Join(" ", rows.Entities.Select(r => r.GetAttributeValue<string>("lastname"))));
        }

        [Fact]
        public void Local_read_does_not_reach_a_child_business_unit_but_deep_read_from_the_child_does_not_reach_the_parent()
        {
            SeedOneContactEach();
            dataverse.AssignRole(fay, "Seller (parent: child)");
            dataverse.EnforceSecurity = true;

            var rows = dataverse.CreateService(fay).RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") });

            Assert.Equal(new[] { "Fay" }, rows.Entities.Select(r => r.GetAttributeValue<string>("lastname")).ToArray());
        }

        [Fact]
        public void Fetch_aggregates_count_only_the_rows_the_user_may_read()
        {
            SeedOneContactEach();
            dataverse.EnforceSecurity = true;
            const string Fetch = "<fetch aggregate='true'><entity name='contact'><attribute name='contactid' alias='n' aggregate='count' /></entity></fetch>";

            var result = dataverse.CreateService(dana).RetrieveMultiple(new FetchExpression(Fetch));

            Assert.Equal(1, (int)((AliasedValue)result.Entities.Single()["n"]).Value);
        }

        [Fact]
        public void A_row_owned_by_a_team_is_readable_by_its_members_with_basic_read()
        {
            var team = dataverse.CreateTeam("Key accounts");
            dataverse.AddTeamMembers(team, dana);
            var teamRow = dataverse.Seed(new Entity("contact") { ["lastname"] = "Team", ["ownerid"] = new EntityReference("team", team) }, eli);
            dataverse.EnforceSecurity = true;

            Assert.Equal("Team", dataverse.CreateService(dana).Retrieve("contact", teamRow, new ColumnSet("lastname"))["lastname"]);
            Assertions.Faults(SecurityFaults.AccessDenied, () => dataverse.CreateService(fay).Retrieve("contact", teamRow, new ColumnSet("lastname")));
        }

        [Fact]
        public void A_role_assigned_to_a_team_gives_its_members_the_privileges()
        {
            var team = dataverse.CreateTeam("Nobodies");
            dataverse.AddTeamMembers(team, gus);
            dataverse.AssignTeamRole(team, "Seller");
            dataverse.EnforceSecurity = true;

            var id = dataverse.CreateService(gus).Create(new Entity("contact") { ["lastname"] = "Kim" });

            Assert.NotEqual(Guid.Empty, id);
            Assert.Single(dataverse.Rows("teamroles"), r => r.GetAttributeValue<Guid>("teamid") == team);
        }

        [Fact]
        public void Creating_a_row_for_another_owner_needs_the_assign_privilege_of_the_caller()
        {
            dataverse.EnforceSecurity = true;
            var forEli = new Entity("contact") { ["lastname"] = "Kim", ["ownerid"] = new EntityReference("systemuser", eli) };

            // Basic Create reaches only rows the caller owns: the access check fails before Assign is looked at.
            Assertions.Faults(SecurityFaults.AccessDenied, () => dataverse.CreateService(dana).Create(forEli));
            dataverse.AssignRole(dana, "Seller (business unit)");
            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Create(forEli));
            dataverse.AssignRole(dana, "Contact assigner");
            var id = dataverse.CreateService(dana).Create(forEli);

            Assert.Contains("is missing prvAssigncontact privilege", fault.Message, StringComparison.Ordinal);
            Assert.Equal(new EntityReference("systemuser", eli), dataverse.Get("contact", id)!["ownerid"]);
        }

        [Fact]
        public void The_new_owner_must_hold_read_even_when_system_creates_the_row()
        {
            var reader = dataverse.CreateUser("Ivy Reader");
            dataverse.Security.AddRole(new SecurityRole("Account reader").Grant("account", PrivilegeDepth.Global, TableAccess.Read));
            dataverse.AssignRole(reader, "Account reader");
            dataverse.RegisterStep(Steps.On("Create", "account", PipelineStage.PostOperation, p =>
                p.ServiceAs(null).Create(new Entity("contact") { ["lastname"] = "For Ivy", ["ownerid"] = new EntityReference("systemuser", reader) })));
            dataverse.AssignRole(dana, "Seller (organization)");
            dataverse.Security.AddRole(new SecurityRole("Account creator").Grant("account", PrivilegeDepth.Basic, TableAccess.Create, TableAccess.Read));
            dataverse.AssignRole(dana, "Account creator");
            dataverse.EnforceSecurity = true;

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Create(new Entity("account") { ["name"] = "Contoso" }));

            Assert.StartsWith($"Principal user (Id={reader:D}, type=8, roleCount=1,", fault.Message, StringComparison.Ordinal);
            Assert.Contains("is missing prvReadcontact privilege", fault.Message, StringComparison.Ordinal);
            Assert.EndsWith($"context.Caller={dataverse.SystemUserId:D}", fault.Message, StringComparison.Ordinal);
            Assert.Empty(dataverse.Rows("account"));
        }

        [Fact]
        public void A_new_owner_without_any_role_gets_the_no_roles_fault()
        {
            dataverse.AssignRole(dana, "Seller (organization)");
            dataverse.AssignRole(dana, "Contact assigner");
            dataverse.EnforceSecurity = true;

            Assertions.Faults(SecurityFaults.NoRolesAssigned, () => dataverse.CreateService(dana).Create(new Entity("contact") { ["lastname"] = "Kim", ["ownerid"] = new EntityReference("systemuser", gus) }));
        }

        [Fact]
        public void Changing_the_owner_is_an_assignment_and_needs_the_assign_privilege()
        {
            var id = dataverse.Seed(new Entity("contact") { ["lastname"] = "Kim" }, dana);
            dataverse.Security.AddRole(new SecurityRole("Writer").Grant("contact", PrivilegeDepth.Global, TableAccess.Read, TableAccess.Write));
            dataverse.AssignRole(dana, "Writer");
            dataverse.EnforceSecurity = true;
            var service = dataverse.CreateService(dana);

            service.Update(new Entity("contact", id) { ["firstname"] = "Ada" });
            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => service.Update(new Entity("contact", id) { ["ownerid"] = new EntityReference("systemuser", eli) }));

            Assert.Contains("is missing prvAssigncontact privilege", fault.Message, StringComparison.Ordinal);
            Assert.Equal(new EntityReference("systemuser", dana), dataverse.Get("contact", id)!["ownerid"]);
        }

        [Fact]
        public void Deleting_needs_the_delete_privilege()
        {
            var id = dataverse.Seed(new Entity("contact") { ["lastname"] = "Kim" }, dana);
            dataverse.EnforceSecurity = true;

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Delete("contact", id));

            Assert.Contains("is missing prvDeletecontact privilege", fault.Message, StringComparison.Ordinal);
            Assert.NotNull(dataverse.Get("contact", id));
        }

        [Fact]
        public void Setting_a_lookup_needs_append_on_the_row_and_append_to_on_the_referenced_row()
        {
            var account = dataverse.Seed(new Entity("account") { ["name"] = "Contoso" }, dana);
            dataverse.EnforceSecurity = true;

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Create(new Entity("contact") { ["lastname"] = "Kim", ["parentcustomerid"] = new EntityReference("account", account) }));

            Assert.Contains("is missing prvAppendToaccount privilege", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_query_linking_a_table_the_user_cannot_read_faults()
        {
            dataverse.Seed(new Entity("contact") { ["lastname"] = "Kim" }, dana);
            dataverse.EnforceSecurity = true;
            var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
            query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter);

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).RetrieveMultiple(query));

            Assert.Contains("is missing prvReadaccount privilege", fault.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_plugin_calling_as_system_sees_every_row_while_one_calling_as_the_user_does_not()
        {
            SeedOneContactEach();
            int asSystem = 0, asUser = 0;
            dataverse.RegisterCustomApi(new Messages.CustomApi("contoso_Count", new PluginStep("contoso_Count", new DelegatePlugin(p =>
            {
                asSystem = p.ServiceAs(null).RetrieveMultiple(new QueryExpression("contact")).Entities.Count;
                asUser = p.Service.RetrieveMultiple(new QueryExpression("contact")).Entities.Count;
            })) { Stage = PipelineStage.MainOperation }));
            dataverse.EnforceSecurity = true;

            dataverse.CreateService(dana).Execute(new OrganizationRequest("contoso_Count"));

            Assert.Equal(3, asSystem);
            Assert.Equal(1, asUser);
        }

        [Fact]
        public void The_system_administrator_role_passes_every_check()
        {
            SeedOneContactEach();
            dataverse.AssignRole(gus, SecurityRole.SystemAdministratorName);
            dataverse.EnforceSecurity = true;
            var service = dataverse.CreateService(gus);

            service.Create(new Entity("account") { ["name"] = "Contoso" });

            Assert.Equal(3, service.RetrieveMultiple(new QueryExpression("contact")).Entities.Count);
        }

        [Fact]
        public void A_custom_api_with_an_execute_privilege_runs_only_for_holders_of_it()
        {
            var runs = 0;
            dataverse.RegisterCustomApi(new Messages.CustomApi("contoso_Purge", new PluginStep("contoso_Purge", new DelegatePlugin(_ => runs++)) { Stage = PipelineStage.MainOperation }));
            dataverse.Security.RequireExecutePrivilege("contoso_Purge", "prvDeletecontact");
            dataverse.Security.AddRole(new SecurityRole("Purger").Grant("contact", PrivilegeDepth.Global, TableAccess.Delete));
            dataverse.AssignRole(eli, "Purger");
            dataverse.EnforceSecurity = true;

            var fault = Assertions.Faults(SecurityFaults.PrivilegeDenied, () => dataverse.CreateService(dana).Execute(new OrganizationRequest("contoso_Purge")));
            dataverse.CreateService(eli).Execute(new OrganizationRequest("contoso_Purge"));

            Assert.Contains("is missing prvDeletecontact privilege (Id=", fault.Message, StringComparison.Ordinal);
            Assert.Equal(1, runs);
        }

        [Fact]
        public void Assigned_roles_are_rows_plugins_can_query()
        {
            var role = dataverse.Security.Role("Seller");

            var assignments = dataverse.Rows("systemuserroles").Where(r => r.GetAttributeValue<Guid>("roleid") == role.Id).Select(r => r.GetAttributeValue<Guid>("systemuserid"));

            Assert.Equal(new[] { dana, eli, fay }.OrderBy(g => g), assignments.OrderBy(g => g));
            Assert.Equal("Seller", dataverse.Get("role", role.Id)!["name"]);
        }

        [Fact]
        public void Roles_and_execute_privileges_load_from_metadata_json()
        {
            const string Json = """
                {"tables":[],"customApis":[{"uniqueName":"contoso_Purge","executePrivilegeName":"prvDeletecontact"}],
                 "roles":[{"id":"5d1e0000-0000-0000-0000-000000000001","name":"Contact reader","privileges":[{"name":"prvReadContact","depth":"Local"}]}]}
                """;

            dataverse.LoadMetadata(Json);

            var role = dataverse.Security.Role("Contact reader");
            Assert.Equal(new Guid("5d1e0000-0000-0000-0000-000000000001"), role.Id);
            Assert.Equal(PrivilegeDepth.Local, role.DepthOf("prvReadcontact"));
            Assert.Equal("prvDeletecontact", dataverse.Metadata.ExecutePrivilegeOf("contoso_Purge"));
        }

        [Fact]
        public void A_role_with_an_unknown_depth_in_metadata_json_is_refused_naming_it()
        {
            const string Json = """{"tables":[],"roles":[{"id":"5d1e0000-0000-0000-0000-000000000001","name":"Odd","privileges":[{"name":"prvReadcontact","depth":"Team"}]}]}""";

            var error = Assert.Throws<FormatException>(() => dataverse.LoadMetadata(Json));

            Assert.Contains("privilege 'prvReadcontact' of role 'Odd' has the unknown depth 'Team'", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Assigning_an_unknown_role_names_the_known_ones()
        {
            var error = Assert.Throws<ArgumentException>(() => dataverse.AssignRole(dana, "Salesperson"));

            Assert.Contains("There is no security role 'Salesperson'", error.Message, StringComparison.Ordinal);
            Assert.Contains("'System Administrator'", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void RetrieveUserPrivilegeByPrivilegeName_lists_the_grants_of_the_users_roles_and_teams()
        {
            var team = dataverse.CreateTeam("Berlin sellers", berlin);
            dataverse.AddTeamMembers(team, dana);
            dataverse.AssignTeamRole(team, "Seller (organization)");
            var service = dataverse.CreateService(dataverse.SystemUserId);

            var response = service.Execute(new OrganizationRequest("RetrieveUserPrivilegeByPrivilegeName") { ["UserId"] = dana, ["PrivilegeName"] = "prvReadcontact" });
            var none = service.Execute(new OrganizationRequest("RetrieveUserPrivilegeByPrivilegeName") { ["UserId"] = gus, ["PrivilegeName"] = "prvReadcontact" });

            var grants = (RolePrivilege[])response.Results["RolePrivileges"];
            Assert.Equal(new[] { (PrivilegeDepth.Basic, dataverse.RootBusinessUnitId), (PrivilegeDepth.Global, berlin) }, grants.Select(g => (g.Depth, g.BusinessUnitId)).OrderBy(g => g.Item1).ToArray());
            Assert.All(grants, g => Assert.Equal("prvReadcontact", g.PrivilegeName));
            Assert.Empty((RolePrivilege[])none.Results["RolePrivileges"]);
        }

        [Fact]
        public void RetrieveTeamPrivileges_lists_every_privilege_of_the_teams_roles()
        {
            var team = dataverse.CreateTeam("Key accounts");
            dataverse.AssignTeamRole(team, "Seller");

            var response = dataverse.CreateService(dataverse.SystemUserId).Execute(new OrganizationRequest("RetrieveTeamPrivileges") { ["TeamId"] = team });

            var names = ((RolePrivilege[])response.Results["RolePrivileges"]).Select(g => g.PrivilegeName.ToLowerInvariant()).OrderBy(n => n);
            Assert.Equal(new[] { "prvappendcontact", "prvcreatecontact", "prvreadcontact", "prvwritecontact" }, names);
        }

        // Contacts, privileges on contact at the given depth: what a seller role grants on the table they work in.
        private static SecurityRole Seller(string name, PrivilegeDepth depth) =>
            new SecurityRole(name).Grant("contact", depth, TableAccess.Create, TableAccess.Read, TableAccess.Write, TableAccess.Append);

        private void SeedOneContactEach()
        {
            dataverse.Seed(new Entity("contact") { ["lastname"] = "Dana" }, dana);
            dataverse.Seed(new Entity("contact") { ["lastname"] = "Eli" }, eli);
            dataverse.Seed(new Entity("contact") { ["lastname"] = "Fay" }, fay);
        }
    }
}
