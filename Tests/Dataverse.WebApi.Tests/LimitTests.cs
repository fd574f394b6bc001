using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dataverse.InMemory;
using Dataverse.InMemory.Security;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.WebApi.Tests
{
    /// <summary>The fixture's 7 contacts and 5,000 more: past the 5,000 rows $count counts.</summary>
    public sealed class ManyContactsHost : HostFixture, IAsyncLifetime
    {
        protected override void Arrange(InMemoryDataverse dataverse)
        {
            for (var i = 0; i < 5000; i++) dataverse.Seed(new Entity("contact") { ["lastname"] = "Bulk " + i, ["fullname"] = "Bulk " + i });
        }

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    /// <summary>$count and the total-record-count annotations (Microsoft Learn, "Count rows using OData").</summary>
    public sealed class CountLimitTests : IClassFixture<ManyContactsHost>
    {
        private const string CountAnnotations = "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"";

        private readonly ManyContactsHost org;

        public CountLimitTests(ManyContactsHost org)
        {
            this.org = org;
        }

        [Fact]
        public async Task Count_of_more_than_5000_rows_is_5000_and_the_annotations_say_the_limit_was_exceeded()
        {
            var (_, paged) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true", ("Prefer", CountAnnotations + ",odata.maxpagesize=10"));
            Assert.Equal(5000, paged.GetProperty("@odata.count").GetInt32());
            Assert.Equal(5000, paged.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcount").GetInt32());
            Assert.True(paged.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").GetBoolean());
            Assert.Equal(10, paged.GetProperty("value").GetArrayLength());

            var (_, topped) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$top=2", ("Prefer", CountAnnotations));
            Assert.Equal(5000, topped.GetProperty("@odata.count").GetInt32());
            Assert.True(topped.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").GetBoolean());
            Assert.Equal(2, topped.GetProperty("value").GetArrayLength());
        }

        [Fact]
        public async Task Count_of_at_most_5000_rows_is_exact_and_not_exceeded()
        {
            var (_, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$filter=_parentcustomerid_value eq " + org.Contoso, ("Prefer", CountAnnotations));
            Assert.Equal(4, body.GetProperty("@odata.count").GetInt32());
            Assert.Equal(4, body.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcount").GetInt32());
            Assert.False(body.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").GetBoolean());
        }

        [Fact]
        public async Task Without_count_true_the_annotations_are_minus_one_and_false()
        {
            var (_, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$top=1", ("Prefer", "odata.include-annotations=\"*\""));
            Assert.False(body.TryGetProperty("@odata.count", out _));
            Assert.Equal(-1, body.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcount").GetInt32());
            Assert.False(body.GetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").GetBoolean());
        }

        [Fact]
        public async Task The_total_annotations_appear_only_when_asked_for()
        {
            var (_, plain) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$top=1");
            Assert.Equal(5000, plain.GetProperty("@odata.count").GetInt32());
            Assert.False(plain.TryGetProperty("@Microsoft.Dynamics.CRM.totalrecordcount", out _));
            Assert.False(plain.TryGetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", out _));
            var (_, formattedOnly) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$top=1", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
            Assert.False(formattedOnly.TryGetProperty("@Microsoft.Dynamics.CRM.totalrecordcount", out _));
        }

        [Fact]
        public async Task The_count_segment_counts_up_to_5000()
        {
            Assert.Equal("5000", await org.Client().GetStringAsync("contacts/$count"));
        }
    }

    /// <summary>
    /// Impersonation checked against security roles: the default user has the Delegate role; the other user signs in
    /// with its own token and has the role only through a team, which does not count.
    /// </summary>
    public sealed class DelegateRoleHost : HostFixture, IAsyncLifetime
    {
        public const string OtherToken = "other-token";

        protected override void Arrange(InMemoryDataverse dataverse)
        {
            var delegateRole = dataverse.Seed(new Entity("role") { ["name"] = "Delegate" });
            dataverse.Seed(new Entity("systemuserroles") { ["systemuserid"] = dataverse.DefaultUserId, ["roleid"] = delegateRole });
            var team = dataverse.CreateTeam("Delegates by team");
            dataverse.AddTeamMembers(team, OtherUser);
            dataverse.Seed(new Entity("teamroles") { ["teamid"] = team, ["roleid"] = delegateRole });
        }

        protected override void Configure(WebApiOptions options)
        {
            options.AddToken(OtherToken, OtherUser).AllowImpersonationByRoles("Delegate");
        }

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    /// <summary>MSCRMCallerID and CallerObjectId need prvActOnBehalfOfAnotherUser (Microsoft Learn, "Impersonate another user using the Web API").</summary>
    public sealed class ImpersonationPrivilegeTests : IClassFixture<DelegateRoleHost>
    {
        private readonly DelegateRoleHost org;

        public ImpersonationPrivilegeTests(DelegateRoleHost org)
        {
            this.org = org;
        }

        [Fact]
        public async Task A_caller_with_the_Delegate_role_impersonates()
        {
            var (created, _) = await org.Client().SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "By delegate" }, ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
            var (_, me) = await org.Client().GetJsonAsync("WhoAmI", ("CallerObjectId", org.OtherUserObjectId.ToString()));
            Assert.Equal(org.OtherUser, me.GetProperty("UserId").GetGuid());
        }

        [Fact]
        public async Task A_caller_without_the_privilege_is_refused_with_0x80040220_and_nothing_runs()
        {
            var client = org.Client(DelegateRoleHost.OtherToken);
            var before = org.Dataverse.Rows("contact").Count;
            var (response, error) = await client.SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "Not allowed" }, ("MSCRMCallerID", org.Dataverse.DefaultUserId.ToString()));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("0x80040220", error.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("prvActOnBehalfOfAnotherUser", error.GetProperty("error").GetProperty("message").GetString());
            Assert.Contains(org.OtherUser.ToString("D"), error.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal(before, org.Dataverse.Rows("contact").Count);

            var (byObject, _) = await client.GetJsonAsync("WhoAmI", ("CallerObjectId", Guid.NewGuid().ToString()));
            Assert.Equal(HttpStatusCode.Forbidden, byObject.StatusCode);
        }

        [Fact]
        public async Task A_caller_without_the_privilege_still_runs_requests_as_itself()
        {
            var (response, me) = await org.Client(DelegateRoleHost.OtherToken).GetJsonAsync("WhoAmI", ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(org.OtherUser, me.GetProperty("UserId").GetGuid());
        }
    }

    /// <summary>The privilege given to named users (<see cref="WebApiOptions.AllowImpersonationBy"/>), in the caller's language.</summary>
    public sealed class NamedImpersonatorHost : HostFixture, IAsyncLifetime
    {
        protected override void Arrange(InMemoryDataverse dataverse) => dataverse.SetUserLanguage(dataverse.DefaultUserId, 1031);

        protected override void Configure(WebApiOptions options) => options.AllowImpersonationBy(OtherUser);

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    public sealed class NamedImpersonatorTests : IClassFixture<NamedImpersonatorHost>
    {
        private readonly NamedImpersonatorHost org;

        public NamedImpersonatorTests(NamedImpersonatorHost org)
        {
            this.org = org;
        }

        [Fact]
        public async Task A_user_not_named_is_refused_in_its_language()
        {
            var (response, error) = await org.Client().GetJsonAsync("WhoAmI", ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.StartsWith("Dem Prinzipalbenutzer", error.GetProperty("error").GetProperty("message").GetString());
        }
    }
    /// <summary>
    /// An org that enforces security and sets no impersonation option: the privilege is read from the security model.
    /// The default user holds it through a role assigned directly; the other user only through a team.
    /// </summary>
    public sealed class EnforcedSecurityHost : HostFixture, IAsyncLifetime
    {
        public const string OtherToken = "other-token";

        protected override void Arrange(InMemoryDataverse dataverse)
        {
            dataverse.Security.AddRole(new SecurityRole("Delegate").Grant("prvActOnBehalfOfAnotherUser", PrivilegeDepth.Global).Grant("contact", PrivilegeDepth.Global, TableAccess.Read));
            dataverse.Security.AddRole(new SecurityRole("Contact reader").Grant("contact", PrivilegeDepth.Global, TableAccess.Read));
            dataverse.AssignRole(dataverse.DefaultUserId, "Delegate");
            dataverse.AssignRole(OtherUser, "Contact reader");
            var team = dataverse.CreateTeam("Delegates by team");
            dataverse.AddTeamMembers(team, OtherUser);
            dataverse.Security.AssignTeamRole(team, "Delegate");
            dataverse.EnforceSecurity = true;
        }

        protected override void Configure(WebApiOptions options) => options.AddToken(OtherToken, OtherUser);

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    public sealed class EnforcedImpersonationTests : IClassFixture<EnforcedSecurityHost>
    {
        private readonly EnforcedSecurityHost org;

        public EnforcedImpersonationTests(EnforcedSecurityHost org)
        {
            this.org = org;
        }

        [Fact]
        public async Task A_role_assigned_directly_lets_the_caller_act_as_another_user()
        {
            var (response, me) = await org.Client().GetJsonAsync("WhoAmI", ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(org.OtherUser, me.GetProperty("UserId").GetGuid());
            Assert.True(org.Dataverse.Security.HoldsDirectly(org.Dataverse.DefaultUserId, "prvActOnBehalfOfAnotherUser"));
        }

        [Fact]
        public async Task The_privilege_through_a_team_is_not_enough()
        {
            Assert.True(org.Dataverse.Security.HasPrivilege(org.OtherUser, "prvActOnBehalfOfAnotherUser"));
            Assert.False(org.Dataverse.Security.HoldsDirectly(org.OtherUser, "prvActOnBehalfOfAnotherUser"));
            var (response, error) = await org.Client(EnforcedSecurityHost.OtherToken).GetJsonAsync("contacts?$select=fullname", ("MSCRMCallerID", org.Dataverse.DefaultUserId.ToString()));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("0x80040220", error.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("prvActOnBehalfOfAnotherUser", error.GetProperty("error").GetProperty("message").GetString());
        }

        [Fact]
        public async Task Without_impersonation_the_caller_reads_with_its_own_roles()
        {
            var (response, body) = await org.Client(EnforcedSecurityHost.OtherToken).GetJsonAsync("contacts?$select=fullname");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(7, body.GetProperty("value").GetArrayLength());
        }
    }
}
