using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Dataverse.WebApi.Tests
{
    public sealed class SharedHost : HostFixture, IAsyncLifetime
    {
        public Task InitializeAsync() => StartAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    /// <summary>Entity-set queries: $select, $filter, $orderby, $top, $count, $expand, annotations and paging.</summary>
    public sealed class QueryTests : IClassFixture<SharedHost>
    {
        private readonly SharedHost org;

        public QueryTests(SharedHost org)
        {
            this.org = org;
        }

        private static List<string> Names(JsonElement body, string property = "fullname") =>
            body.GetProperty("value").EnumerateArray().Select(r => r.GetProperty(property).GetString()!).ToList();

        [Fact]
        public async Task Top_and_select_return_the_selected_columns_the_key_and_the_etag()
        {
            var (response, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$top=3");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
            Assert.EndsWith("/api/data/v9.2/$metadata#contacts(fullname,contactid)", body.GetProperty("@odata.context").GetString());
            var (_, lookup) = await org.Client().GetJsonAsync("contacts?$select=_parentcustomerid_value&$top=1");
            Assert.EndsWith("$metadata#contacts(_parentcustomerid_value,contactid)", lookup.GetProperty("@odata.context").GetString());
            var rows = body.GetProperty("value").EnumerateArray().ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r =>
            {
                Assert.Equal(new[] { "@odata.etag", "fullname", "contactid" }, r.EnumerateObject().Select(p => p.Name).ToArray());
                Assert.StartsWith("W/\"", r.GetProperty("@odata.etag").GetString());
                Assert.Contains(Guid.Parse(r.GetProperty("contactid").GetString()!), org.Contacts);
            });
        }

        [Fact]
        public async Task Filter_compares_combines_negates_and_matches_text()
        {
            var client = org.Client();
            Assert.Equal(new[] { "Grace Hopper" }, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=lastname eq 'Hopper'")).Body));
            Assert.Equal(new[] { "Ada Lovelace", "Alan Turing" }, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=startswith(firstname,'A')&$orderby=fullname")).Body));
            Assert.Equal(new[] { "Grace Hopper", "Frances Allen" }, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=endswith(lastname,'er') or contains(fullname,'ces')&$orderby=lastname desc")).Body));
            var notA = Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=not startswith(firstname,'A') and donotphone eq false")).Body);
            Assert.Equal(4, notA.Count);
            Assert.DoesNotContain("Edsger Dijkstra", notA);
            Assert.Equal(new[] { "Edsger Dijkstra" }, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=donotphone")).Body));
            Assert.Empty(Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=emailaddress1 eq null")).Body));
            Assert.Equal(7, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=emailaddress1 ne null")).Body).Count);
        }

        [Fact]
        public async Task Filter_on_a_lookup_uses_its_value_property()
        {
            var (_, body) = await org.Client().GetJsonAsync($"contacts?$select=fullname,_parentcustomerid_value&$filter=_parentcustomerid_value eq {org.Fabrikam}&$orderby=fullname");
            Assert.Equal(new[] { "Donald Knuth", "Edsger Dijkstra", "Grace Hopper" }, Names(body));
            Assert.All(body.GetProperty("value").EnumerateArray(), r => Assert.Equal(org.Fabrikam, r.GetProperty("_parentcustomerid_value").GetGuid()));
        }

        [Fact]
        public async Task Query_functions_of_the_Dataverse_namespace_filter()
        {
            var client = org.Client();
            var (response, body) = await client.GetJsonAsync("contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=['Knuth','Allen'])&$orderby=fullname");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new[] { "Donald Knuth", "Frances Allen" }, Names(body));
            // Seeded at the org's start; the clock has not moved, so all were created today and within the last 7 days.
            Assert.Equal(7, Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)")).Body).Count);
            Assert.Empty(Names((await client.GetJsonAsync("contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=1)")).Body));
        }

        [Fact]
        public async Task Orderby_sorts_descending_and_by_several_columns()
        {
            var (_, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$orderby=_parentcustomerid_value asc,lastname desc&$filter=startswith(firstname,'A') or startswith(firstname,'G')");
            var names = Names(body);
            Assert.Equal(3, names.Count);
            Assert.Equal(new[] { "Alan Turing", "Ada Lovelace" }, names.Where(n => n != "Grace Hopper").ToArray());
        }

        [Fact]
        public async Task Count_returns_the_number_of_matching_rows()
        {
            var (_, body) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$filter=_parentcustomerid_value eq " + org.Contoso);
            Assert.Equal(4, body.GetProperty("@odata.count").GetInt32());
            var (_, topped) = await org.Client().GetJsonAsync("contacts?$select=fullname&$count=true&$top=2");
            Assert.Equal(2, topped.GetProperty("value").GetArrayLength());
            Assert.Equal(7, topped.GetProperty("@odata.count").GetInt32());
            var plain = await org.Client().GetStringAsync("contacts/$count");
            Assert.Equal("7", plain);
        }

        [Fact]
        public async Task Maxpagesize_pages_with_next_links_until_every_row_was_read()
        {
            var client = org.Client();
            var seen = new List<string>();
            string? url = "contacts?$select=fullname&$orderby=fullname";
            var pages = 0;
            while (url != null)
            {
                var (response, body) = await client.GetJsonAsync(url, ("Prefer", "odata.maxpagesize=3"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("odata.maxpagesize=3", response.Headers.GetValues("Preference-Applied").Single());
                seen.AddRange(Names(body));
                url = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
                if (url != null) Assert.Contains("$skiptoken=", url);
                pages++;
            }
            Assert.Equal(3, pages);
            Assert.Equal(seen.OrderBy(n => n, StringComparer.Ordinal), seen);
            Assert.Equal(7, seen.Distinct().Count());
        }

        [Fact]
        public async Task Annotations_give_formatted_values_and_lookup_types_when_asked_for()
        {
            var client = org.Client();
            var (plain, _) = await client.GetJsonAsync("contacts?$select=fullname,_parentcustomerid_value,donotphone&$top=1");
            var (response, body) = await client.GetJsonAsync($"contacts?$select=fullname,_parentcustomerid_value,donotphone&$filter=contactid eq {org.Contacts[3]}",
                ("Prefer", "odata.include-annotations=\"*\""));
            Assert.Equal("odata.include-annotations=\"*\"", response.Headers.GetValues("Preference-Applied").Single());
            var row = body.GetProperty("value")[0];
            Assert.Equal("Fabrikam", row.GetProperty("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").GetString());
            Assert.Equal("account", row.GetProperty("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
            Assert.Equal("parentcustomerid_account", row.GetProperty("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").GetString());
            Assert.True(row.GetProperty("donotphone").GetBoolean());
            Assert.False(string.IsNullOrEmpty(row.GetProperty("donotphone@OData.Community.Display.V1.FormattedValue").GetString()));

            var (_, onlyFormatted) = await client.GetJsonAsync($"contacts?$select=_parentcustomerid_value&$filter=contactid eq {org.Contacts[3]}",
                ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
            var names = onlyFormatted.GetProperty("value")[0].EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue", names);
            Assert.DoesNotContain("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", names);
            Assert.False(plain.Headers.Contains("Preference-Applied"));
        }

        [Fact]
        public async Task Expand_follows_a_single_valued_navigation_property()
        {
            var (response, body) = await org.Client().GetJsonAsync($"contacts({org.Contacts[0]})?$select=fullname&$expand=parentcustomerid_account($select=name),parentcustomerid_contact($select=fullname)");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("/$entity", body.GetProperty("@odata.context").GetString());
            Assert.Equal("Ada Lovelace", body.GetProperty("fullname").GetString());
            Assert.Equal("Contoso", body.GetProperty("parentcustomerid_account").GetProperty("name").GetString());
            Assert.Equal(org.Contoso, body.GetProperty("parentcustomerid_account").GetProperty("accountid").GetGuid());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("parentcustomerid_contact").ValueKind);
        }

        [Fact]
        public async Task A_single_record_is_addressed_by_its_key()
        {
            var (response, body) = await org.Client().GetJsonAsync($"accounts({org.Fabrikam})?$select=name");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Fabrikam", body.GetProperty("name").GetString());
            var (missing, error) = await org.Client().GetJsonAsync($"accounts({Guid.Empty})?$select=name");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("0x80040217", error.GetProperty("error").GetProperty("code").GetString());
        }

        [Fact]
        public async Task FetchXml_aggregates_come_back_under_their_aliases_with_annotations()
        {
            var fetch = "<fetch aggregate='true'><entity name='contact'><attribute name='contactid' alias='count' aggregate='count'/><attribute name='parentcustomerid' alias='account' groupby='true'/></entity></fetch>";
            var (response, body) = await org.Client().GetJsonAsync("contacts?fetchXml=" + Uri.EscapeDataString(fetch), ("Prefer", "odata.include-annotations=\"*\""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = body.GetProperty("value").EnumerateArray().ToDictionary(r => r.GetProperty("account@OData.Community.Display.V1.FormattedValue").GetString()!, r => r.GetProperty("count").GetInt32());
            Assert.Equal(4, rows["Contoso"]);
            Assert.Equal(3, rows["Fabrikam"]);
            Assert.Equal("account", body.GetProperty("value")[0].GetProperty("account@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
        }

        [Fact]
        public async Task The_service_document_and_metadata_list_the_entity_sets_and_operations()
        {
            var client = org.Client();
            var (_, service) = await client.GetJsonAsync("");
            Assert.Contains(service.GetProperty("value").EnumerateArray(), s => s.GetProperty("name").GetString() == "contacts");
            var csdl = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("$metadata"));
            System.Xml.Linq.XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
            var container = csdl.Descendants(edm + "EntityContainer").Single();
            Assert.Equal("contact", container.Elements(edm + "EntitySet").Single(e => (string?)e.Attribute("Name") == "contacts").Attribute("EntityType")!.Value.Split('.').Last());
            Assert.Contains(container.Elements(edm + "ActionImport"), a => (string?)a.Attribute("Name") == "cat_EvaluateTouch");
            Assert.Contains(container.Elements(edm + "FunctionImport"), a => (string?)a.Attribute("Name") == "WhoAmI");
            var contact = csdl.Descendants(edm + "EntityType").Single(e => (string?)e.Attribute("Name") == "contact");
            Assert.Equal("contactid", contact.Element(edm + "Key")!.Element(edm + "PropertyRef")!.Attribute("Name")!.Value);
            Assert.Contains(contact.Elements(edm + "Property"), p => (string?)p.Attribute("Name") == "_parentcustomerid_value" && (string?)p.Attribute("Type") == "Edm.Guid");
            Assert.Contains(contact.Elements(edm + "NavigationProperty"), p => (string?)p.Attribute("Name") == "parentcustomerid_account");
            var evaluate = csdl.Descendants(edm + "Action").Single(a => (string?)a.Attribute("Name") == "cat_EvaluateTouch");
            Assert.Equal("Edm.Int32", evaluate.Elements(edm + "Parameter").Single(p => (string?)p.Attribute("Name") == "cat_Channel").Attribute("Type")!.Value);
        }
    }
}
