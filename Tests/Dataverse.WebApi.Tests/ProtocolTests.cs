using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Dataverse.InMemory;
using Dataverse.InMemory.Pipeline;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.WebApi.Tests
{
    /// <summary>An unbound custom API that echoes its typed parameters back, to prove the host types and delivers them.</summary>
    public sealed class EchoPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var contact = (EntityReference)context.InputParameters["cat_Contact"];
            var channel = (int)context.InputParameters["cat_Channel"];
            var automated = (bool)context.InputParameters["cat_IsAutomated"];
            context.OutputParameters["cat_Decision"] = automated ? 3 : 0;
            context.OutputParameters["cat_Reason"] = channel;
            context.OutputParameters["cat_Message"] = contact.LogicalName + ":" + contact.Id.ToString("D");
            context.OutputParameters["cat_Score"] = 42.5m;
            context.OutputParameters["cat_NextAllowedOn"] = new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc);
            context.OutputParameters["cat_RoutedCall"] = new EntityReference("phonecall", new Guid("11111111-2222-4333-8444-555555555555"));
        }
    }

    /// <summary>A function answering rows that are no table's (expando entities), as a worklist does.</summary>
    public sealed class RowsPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var count = (int)context.InputParameters["test_Count"];
            var rows = new EntityCollection();
            for (var i = 0; i < count; i++)
            {
                rows.Entities.Add(new Entity
                {
                    ["test_contact"] = new EntityReference("contact", new Guid($"00000000-0000-4000-8000-{i:D12}")),
                    ["test_rank"] = i + 1,
                    ["test_due"] = new DateTime(2026, 3, 2 + i, 9, 0, 0, DateTimeKind.Utc),
                });
            }
            context.OutputParameters["test_Rows"] = rows;
        }
    }

    public sealed class ProtocolHost : HostFixture, IAsyncLifetime
    {
        protected override void ConfigureModel(ServiceModel model) =>
            model.AddOperation(new OperationModel("test_GetRows", isFunction: true, boundEntity: null,
                new[] { new OperationField("test_Count", "Integer", null, false) },
                new[] { new OperationField("test_Rows", "EntityCollection", null, false) }));

        protected override void Configure(WebApiOptions options)
        {
            options.AddToken("limited-token", LimitedUser);
        }

        public Guid LimitedUser { get; } = new("a0000000-0000-4000-8000-00000000000b");

        protected override void Arrange(InMemoryDataverse dataverse)
        {
            dataverse.CreateUser("Limited User", id: LimitedUser);
            dataverse.RegisterCustomApi("cat_EvaluateTouch", typeof(EchoPlugin), "cat_Contact", "cat_Channel", "cat_IsAutomated");
            dataverse.RegisterCustomApi("test_GetRows", typeof(RowsPlugin), "test_Count");
        }

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    /// <summary>Authentication, errors, unsupported options, operations and service protection.</summary>
    public sealed class ProtocolTests : IClassFixture<ProtocolHost>
    {
        private readonly ProtocolHost org;

        public ProtocolTests(ProtocolHost org)
        {
            this.org = org;
        }

        private static string Code(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;

        private static string Message(JsonElement body) => body.GetProperty("error").GetProperty("message").GetString()!;

        [Fact]
        public async Task A_request_without_a_valid_bearer_token_answers_401()
        {
            var (none, _) = await org.Client(token: null).GetJsonAsync("contacts?$top=1");
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
            var (wrong, _) = await org.Client(token: "not-the-token").GetJsonAsync("contacts?$top=1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            var (right, _) = await org.Client().GetJsonAsync("contacts?$top=1");
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        [Fact]
        public async Task A_token_runs_as_the_user_it_was_issued_for()
        {
            var (_, me) = await org.Client("limited-token").GetJsonAsync("WhoAmI()");
            Assert.Equal(org.LimitedUser, me.GetProperty("UserId").GetGuid());
            Assert.Equal(org.Dataverse.OrganizationId, me.GetProperty("OrganizationId").GetGuid());
            Assert.Equal(org.Dataverse.RootBusinessUnitId, me.GetProperty("BusinessUnitId").GetGuid());
            Assert.EndsWith("$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse", me.GetProperty("@odata.context").GetString());
        }

        [Theory]
        [InlineData("contacts?$skip=2", "$skip")]
        [InlineData("contacts?$apply=groupby((lastname))", "$apply")]
        [InlineData("contacts?$search=ada", "$search")]
        [InlineData("contacts?savedQuery=00000000-0000-0000-0000-000000000001", "savedQuery")]
        public async Task An_unsupported_query_option_is_refused_by_name(string url, string option)
        {
            var (response, body) = await org.Client().GetJsonAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("0x80060888", Code(body));
            Assert.Equal($"The query parameter {option} is not supported.", Message(body));
        }

        [Fact]
        public async Task An_unknown_entity_set_answers_404_resource_not_found()
        {
            var (response, body) = await org.Client().GetJsonAsync("Contacts?$top=1");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("0x8006088a", Code(body));
            Assert.Contains("'Contacts'", Message(body));
        }

        [Fact]
        public async Task An_unknown_property_answers_400_naming_it()
        {
            var (response, body) = await org.Client().GetJsonAsync("accounts?$select=Name");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("0x0", Code(body));
            Assert.Equal("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.", Message(body));
        }

        [Fact]
        public async Task A_filter_inside_a_single_valued_expand_is_refused_by_name()
        {
            var (response, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$expand=parentcustomerid_account($select=name;$filter=name ne null)");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("$filter", Message(body));
        }

        [Fact]
        public async Task A_custom_api_action_gets_typed_parameters_and_answers_its_response_properties()
        {
            var contact = org.Contacts[1];
            var (response, body) = await org.Client().SendAsync(HttpMethod.Post, "cat_EvaluateTouch", new Dictionary
            {
                ["cat_Contact"] = new Dictionary { ["@odata.type"] = "Microsoft.Dynamics.CRM.contact", ["contactid"] = contact },
                ["cat_Channel"] = 1,
                ["cat_IsAutomated"] = true,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("$metadata#Microsoft.Dynamics.CRM.cat_EvaluateTouchResponse", body.GetProperty("@odata.context").GetString());
            Assert.Equal(3, body.GetProperty("cat_Decision").GetInt32());
            Assert.Equal(1, body.GetProperty("cat_Reason").GetInt32());
            Assert.Equal("contact:" + contact.ToString("D"), body.GetProperty("cat_Message").GetString());
            Assert.Equal(42.5m, body.GetProperty("cat_Score").GetDecimal());
            Assert.Equal("2026-03-09T08:00:00Z", body.GetProperty("cat_NextAllowedOn").GetString());
            Assert.Equal("#Microsoft.Dynamics.CRM.phonecall", body.GetProperty("cat_RoutedCall").GetProperty("@odata.type").GetString());
            Assert.Equal("11111111-2222-4333-8444-555555555555", body.GetProperty("cat_RoutedCall").GetProperty("activityid").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("cat_Band").ValueKind);
        }

        [Fact]
        public async Task A_custom_api_call_missing_a_required_parameter_is_refused()
        {
            var (response, body) = await org.Client().SendAsync(HttpMethod.Post, "cat_EvaluateTouch", new Dictionary { ["cat_Channel"] = 1 });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("cat_Contact", Message(body));
        }

        [Theory]
        [InlineData("test_GetRows(test_Count=@count)?@count=2")]
        [InlineData("test_GetRows(test_Count=2)")]
        public async Task A_function_takes_literal_or_aliased_parameters_and_answers_expando_rows(string url)
        {
            var (response, body) = await org.Client().GetJsonAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = body.GetProperty("test_Rows").EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal("#Microsoft.Dynamics.CRM.expando", rows[1].GetProperty("@odata.type").GetString());
            Assert.Equal(2, rows[1].GetProperty("test_rank").GetInt32());
            Assert.Equal("2026-03-03T09:00:00Z", rows[1].GetProperty("test_due").GetString());
            var contact = rows[1].GetProperty("test_contact");
            Assert.Equal("#Microsoft.Dynamics.CRM.contact", contact.GetProperty("@odata.type").GetString());
            Assert.Equal("00000000-0000-4000-8000-000000000001", contact.GetProperty("contactid").GetString());
        }

        [Fact]
        public async Task An_action_called_with_get_answers_405()
        {
            var (response, body) = await org.Client().GetJsonAsync("cat_EvaluateTouch");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("GET", Message(body));
        }
    }

    public sealed class ThrottledHost : HostFixture, IAsyncLifetime
    {
        protected override void Configure(WebApiOptions options) => options.ServiceProtection = new ServiceProtectionLimits(3, TimeSpan.FromSeconds(300));

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    public sealed class ServiceProtectionTests : IClassFixture<ThrottledHost>
    {
        private readonly ThrottledHost org;

        public ServiceProtectionTests(ThrottledHost org)
        {
            this.org = org;
        }

        [Fact]
        public async Task Past_the_limit_the_host_answers_429_with_retry_after_until_the_window_moves_on()
        {
            var client = org.Client();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("accounts?$select=name")).Response.StatusCode);
                org.Time.Now = org.Time.Now.AddSeconds(10);
            }
            var (limited, body) = await client.GetJsonAsync("accounts?$select=name");
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal("0x80072322", body.GetProperty("error").GetProperty("code").GetString());
            // The first request leaves the 300-second window 270 seconds after it was made... 300 - 30 = 270 from now.
            Assert.Equal(TimeSpan.FromSeconds(270), limited.Headers.RetryAfter!.Delta);
            org.Time.Now = org.Time.Now.AddSeconds(270);
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("accounts?$select=name")).Response.StatusCode);
        }
    }
}
