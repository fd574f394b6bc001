using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Dataverse.InMemory;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.WebApi.Tests
{
    /// <summary>Refuses to create a contact whose last name is "Refuse", as a validation plugin would.</summary>
    public sealed class RefusingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            if (target.GetAttributeValue<string>("lastname") == "Refuse") throw new InvalidPluginExecutionException("Contacts named Refuse are not allowed.");
        }
    }

    public sealed class WriteHost : HostFixture, IAsyncLifetime
    {
        protected override void Arrange(InMemoryDataverse dataverse) =>
            dataverse.RegisterStep(new PluginStep("Create", typeof(RefusingPlugin)) { PrimaryEntity = "contact", Stage = PipelineStage.PreValidation });

        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    /// <summary>POST, PATCH (update, upsert, If-Match, If-None-Match), DELETE, through the plugin pipeline.</summary>
    public sealed class WriteTests : IClassFixture<WriteHost>
    {
        private readonly WriteHost org;

        public WriteTests(WriteHost org)
        {
            this.org = org;
        }

        private static Guid IdOf(HttpResponseMessage response) =>
            Guid.Parse(response.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1]);

        [Fact]
        public async Task Post_creates_the_record_and_answers_204_with_its_url()
        {
            var (response, _) = await org.Client().SendAsync(HttpMethod.Post, "contacts", new Dictionary
            {
                ["firstname"] = "Katherine",
                ["lastname"] = "Johnson",
                ["parentcustomerid_account@odata.bind"] = $"/accounts({org.Contoso})",
            });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            var id = IdOf(response);
            Assert.StartsWith(org.Host.ApiRoot + "contacts(", response.Headers.GetValues("OData-EntityId").Single());
            var row = org.Dataverse.Get("contact", id)!;
            Assert.Equal("Johnson", row.GetAttributeValue<string>("lastname"));
            Assert.Equal(org.Contoso, row.GetAttributeValue<EntityReference>("parentcustomerid").Id);
        }

        [Fact]
        public async Task Post_with_return_representation_answers_201_with_the_selected_columns()
        {
            var (response, body) = await org.Client().SendAsync(HttpMethod.Post, "contacts?$select=lastname,_parentcustomerid_value", new Dictionary
            {
                ["lastname"] = "Hamilton",
                ["parentcustomerid_account@odata.bind"] = $"accounts({org.Fabrikam})",
            }, ("Prefer", "return=representation"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("Hamilton", body.GetProperty("lastname").GetString());
            Assert.Equal(org.Fabrikam, body.GetProperty("_parentcustomerid_value").GetGuid());
            Assert.Equal(IdOf(response), body.GetProperty("contactid").GetGuid());
        }

        [Fact]
        public async Task A_plugin_refusal_answers_400_with_IsvAborted_and_the_plugin_message()
        {
            var (response, body) = await org.Client().SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "Refuse" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("0x80040265", body.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("Contacts named Refuse are not allowed.", body.GetProperty("error").GetProperty("message").GetString());
            Assert.DoesNotContain(org.Dataverse.Rows("contact"), c => c.GetAttributeValue<string>("lastname") == "Refuse");
        }

        [Fact]
        public async Task Patch_updates_and_an_etag_that_no_longer_matches_answers_412()
        {
            var id = org.Dataverse.Seed(new Entity("contact") { ["lastname"] = "Before" });
            var client = org.Client();
            var (_, first) = await client.GetJsonAsync($"contacts({id})?$select=lastname");
            var etag = first.GetProperty("@odata.etag").GetString()!;
            var (updated, _) = await client.SendAsync(HttpMethod.Patch, $"contacts({id})", new Dictionary { ["lastname"] = "After" }, ("If-Match", etag));
            Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
            Assert.Equal("After", org.Dataverse.Get("contact", id)!.GetAttributeValue<string>("lastname"));
            var (stale, error) = await client.SendAsync(HttpMethod.Patch, $"contacts({id})", new Dictionary { ["lastname"] = "Stale" }, ("If-Match", etag));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal("0x80060882", error.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("After", org.Dataverse.Get("contact", id)!.GetAttributeValue<string>("lastname"));
        }

        [Fact]
        public async Task Patch_without_conditions_is_an_upsert_that_creates_a_missing_record()
        {
            var id = Guid.NewGuid();
            var (response, _) = await org.Client().SendAsync(HttpMethod.Patch, $"contacts({id})", new Dictionary { ["lastname"] = "Upserted" });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("Upserted", org.Dataverse.Get("contact", id)!.GetAttributeValue<string>("lastname"));
        }

        [Fact]
        public async Task If_match_star_prevents_create_and_if_none_match_star_prevents_update()
        {
            var client = org.Client();
            var missing = Guid.NewGuid();
            var (noCreate, error) = await client.SendAsync(HttpMethod.Patch, $"contacts({missing})", new Dictionary { ["lastname"] = "Nope" }, ("If-Match", "*"));
            Assert.Equal(HttpStatusCode.NotFound, noCreate.StatusCode);
            Assert.Equal("0x80040217", error.GetProperty("error").GetProperty("code").GetString());
            Assert.Null(org.Dataverse.Get("contact", missing));

            var existing = org.Dataverse.Seed(new Entity("contact") { ["lastname"] = "Kept" });
            var (noUpdate, duplicate) = await client.SendAsync(HttpMethod.Patch, $"contacts({existing})", new Dictionary { ["lastname"] = "Changed" }, ("If-None-Match", "*"));
            Assert.Equal(HttpStatusCode.PreconditionFailed, noUpdate.StatusCode);
            Assert.Equal("0x80040237", duplicate.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("Kept", org.Dataverse.Get("contact", existing)!.GetAttributeValue<string>("lastname"));
        }

        [Fact]
        public async Task Delete_removes_the_record_and_a_second_delete_answers_404()
        {
            var id = org.Dataverse.Seed(new Entity("contact") { ["lastname"] = "Gone" });
            var client = org.Client();
            var (deleted, _) = await client.SendAsync(HttpMethod.Delete, $"contacts({id})");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Null(org.Dataverse.Get("contact", id));
            var (again, error) = await client.SendAsync(HttpMethod.Delete, $"contacts({id})");
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Equal("0x80040217", error.GetProperty("error").GetProperty("code").GetString());
        }

        [Fact]
        public async Task Delete_with_a_stale_etag_answers_412_and_keeps_the_record()
        {
            var id = org.Dataverse.Seed(new Entity("contact") { ["lastname"] = "Versioned" });
            var client = org.Client();
            var etag = (await client.GetJsonAsync($"contacts({id})?$select=lastname")).Body.GetProperty("@odata.etag").GetString()!;
            await client.SendAsync(HttpMethod.Patch, $"contacts({id})", new Dictionary { ["lastname"] = "Changed" });
            var (stale, error) = await client.SendAsync(HttpMethod.Delete, $"contacts({id})", null, ("If-Match", etag));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal("0x80060882", error.GetProperty("error").GetProperty("code").GetString());
            Assert.NotNull(org.Dataverse.Get("contact", id));
        }

        [Fact]
        public async Task A_property_the_table_does_not_have_is_refused_by_name()
        {
            var (response, body) = await org.Client().SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "X", ["nosuchcolumn"] = 1 });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("'nosuchcolumn'", body.GetProperty("error").GetProperty("message").GetString());
        }

        [Fact]
        public async Task MSCRMCallerID_and_CallerObjectId_run_the_request_as_the_impersonated_user()
        {
            var client = org.Client();
            var (byId, _) = await client.SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "Impersonated" }, ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(org.OtherUser, org.Dataverse.Get("contact", IdOf(byId))!.GetAttributeValue<EntityReference>("createdby").Id);
            var (byObject, _) = await client.SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "ByObjectId" }, ("CallerObjectId", org.OtherUserObjectId.ToString()));
            Assert.Equal(org.OtherUser, org.Dataverse.Get("contact", IdOf(byObject))!.GetAttributeValue<EntityReference>("ownerid").Id);
            var (plain, _) = await client.SendAsync(HttpMethod.Post, "contacts", new Dictionary { ["lastname"] = "AsTokenUser" });
            Assert.Equal(org.Dataverse.DefaultUserId, org.Dataverse.Get("contact", IdOf(plain))!.GetAttributeValue<EntityReference>("createdby").Id);
            var (whoAmI, me) = await client.GetJsonAsync("WhoAmI", ("MSCRMCallerID", org.OtherUser.ToString()));
            Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
            Assert.Equal(org.OtherUser, me.GetProperty("UserId").GetGuid());
        }
    }

    /// <summary>A JSON object body.</summary>
    public sealed class Dictionary : System.Collections.Generic.Dictionary<string, object?>
    {
    }
}
