using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>
    /// Paging in primary-key order through the organization service, where the store reads tables in key order: each
    /// page equals the page of the same fetch with distinct='true', which the engine answers the general way (join and
    /// sort every row) and which returns the same rows here (every row is distinct by its key). Committed rows with
    /// creates and deletes between pages, a transaction's own uncommitted writes, and a user who may read only some rows.
    /// </summary>
    public sealed class KeyOrderPagingStoreTests
    {
        private readonly InMemoryDataverse dataverse = new(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        private readonly Random random = new(5);

        [Fact]
        public void Pages_of_parties_with_their_emails_and_contacts_equal_the_general_path_while_rows_come_and_go()
        {
            var service = dataverse.CreateService();
            var contacts = Enumerable.Range(0, 12).Select(i => service.Create(new Entity("contact") { ["lastname"] = i % 5 == 0 ? null : "Contact " + i })).ToList();
            var emails = Enumerable.Range(0, 30).Select(_ => CreateEmail(service, contacts)).ToList();

            var pages = PageBoth(service, PartyFetch, () =>
            {
                Delete(service, "email", emails);
                emails.Add(CreateEmail(service, contacts));
                Delete(service, "contact", contacts);
            });

            Assert.True(pages > 5, "Too few pages to compare: " + pages);
            // Unchanged tables: from the second page on, the root filter reads the column array the store keeps in key order.
            Assert.True(PageBoth(service, PartyFetch, () => { }) > 5);
        }

        [Fact]
        public void Pages_inside_a_transaction_include_its_own_uncommitted_rows_in_key_order()
        {
            var service = dataverse.CreateService();
            var contacts = Enumerable.Range(0, 7).Select(i => service.Create(new Entity("contact") { ["lastname"] = "Contact " + i })).ToList();
            var emails = Enumerable.Range(0, 15).Select(_ => CreateEmail(service, contacts)).ToList();
            var committed = Parties(service);
            var pages = 0;
            var seenInside = 0;
            dataverse.RegisterCustomApi(new Messages.CustomApi("contoso_Page", new PluginStep("contoso_Page", new DelegatePlugin(p =>
            {
                var inside = p.ServiceAs(null);
                for (var i = 0; i < 40; i++) CreateEmail(inside, contacts.Skip(1).ToList());
                inside.Delete("email", emails[0]);
                inside.Delete("email", emails[1]);
                // A party whose contact the transaction deleted finds no contact through the outer link.
                inside.Delete("contact", contacts[0]);
                pages = PageBoth(inside, PartyFetch, () => CreateEmail(inside, contacts.Skip(1).ToList()));
                seenInside = Parties(inside);
            })) { Stage = PipelineStage.MainOperation }));

            service.Execute(new OrganizationRequest("contoso_Page"));

            Assert.True(pages > 5, "Too few pages to compare: " + pages);
            Assert.True(seenInside > committed, $"The transaction's own parties are missing: {seenInside} inside, {committed} committed.");
        }

        [Fact]
        public void Pages_show_a_user_only_the_rows_they_may_read_as_the_general_path_does()
        {
            var dana = dataverse.CreateUser("Dana Seller");
            var eli = dataverse.CreateUser("Eli Seller");
            dataverse.Security.AddRole(new SecurityRole("Seller").Grant("contact", PrivilegeDepth.Basic, TableAccess.Read).Grant("account", PrivilegeDepth.Global, TableAccess.Read));
            dataverse.AssignRole(dana, "Seller");
            var accounts = Enumerable.Range(0, 3).Select(i => dataverse.Seed(new Entity("account") { ["name"] = "Account " + i }, eli)).ToList();
            var mine = new HashSet<Guid>();
            for (var i = 0; i < 40; i++)
            {
                var contact = new Entity("contact") { ["lastname"] = "Contact " + i };
                if (i % 3 > 0) contact["parentcustomerid"] = new EntityReference("account", accounts[i % accounts.Count]);
                var id = dataverse.Seed(contact, i % 2 == 0 ? dana : eli);
                if (i % 2 == 0) mine.Add(id);
            }

            dataverse.EnforceSecurity = true;
            var service = dataverse.CreateService(dana);
            var read = new List<Guid>();

            var pages = PageBoth(service, ContactFetch, () => { }, rows => read.AddRange(rows.Select(r => r.Id)));

            Assert.True(pages > 3, "Too few pages to compare: " + pages);
            Assert.Equal(mine.OrderBy(id => id), read.OrderBy(id => id));
        }

        private Guid CreateEmail(IOrganizationService service, List<Guid> contacts)
        {
            var to = new EntityCollection();
            foreach (var contact in contacts.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
            {
                to.Entities.Add(new Entity("activityparty") { ["partyid"] = new EntityReference("contact", contact) });
            }

            var email = new Entity("email") { ["subject"] = random.Next(4) == 0 ? null : "Email " + random.Next(100), ["to"] = to };
            if (random.Next(2) == 0)
            {
                // A Cc party (participation type 3) fails the fetch's root filter.
                email["cc"] = new EntityCollection { Entities = { new Entity("activityparty") { ["partyid"] = new EntityReference("contact", contacts[random.Next(contacts.Count)]) } } };
            }

            return service.Create(email);
        }

        private void Delete(IOrganizationService service, string table, List<Guid> ids)
        {
            var index = random.Next(ids.Count);
            service.Delete(table, ids[index]);
            ids.RemoveAt(index);
        }

        private static int Parties(IOrganizationService service) =>
            service.RetrieveMultiple(new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activitypartyid") }).Entities.Count;

        /// <summary>The export's shape: an activity's parties with the activity (inner, filtered) and the contact (outer).</summary>
        private static string PartyFetch(bool distinct, int page, string? cookie) =>
            Fetch(distinct, page, cookie, "activityparty", "<attribute name='activitypartyid' /><attribute name='partyid' /><attribute name='participationtypemask' />"
                + "<filter><condition attribute='participationtypemask' operator='in'><value>1</value><value>2</value></condition></filter>"
                + "<order attribute='activitypartyid' />"
                + "<link-entity name='email' from='activityid' to='activityid' link-type='inner' alias='a'><attribute name='subject' />"
                + "<filter><condition attribute='subject' operator='not-null' /></filter></link-entity>"
                + "<link-entity name='contact' from='contactid' to='partyid' link-type='outer' alias='c'><attribute name='lastname' /></link-entity>");

        private static string ContactFetch(bool distinct, int page, string? cookie) =>
            Fetch(distinct, page, cookie, "contact", "<attribute name='contactid' /><attribute name='lastname' />"
                + "<link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='acc'><attribute name='name' /></link-entity>");

        private static string Fetch(bool distinct, int page, string? cookie, string table, string body)
        {
            var paging = cookie == null ? "" : " paging-cookie='" + SecurityElement.Escape(cookie) + "'";
            return "<fetch count='4' page='" + page.ToString(CultureInfo.InvariantCulture) + "'" + paging + (distinct ? " distinct='true'" : "")
                + "><entity name='" + table + "'>" + body + "</entity></fetch>";
        }

        /// <summary>
        /// Pages through the fetch and its distinct twin side by side, each with its own cookie, asserting that each page is
        /// the same; runs <paramref name="between"/> after every page. Returns the number of pages.
        /// </summary>
        private static int PageBoth(IOrganizationService service, Func<bool, int, string?, string> fetch, Action between, Action<IReadOnlyList<Entity>>? read = null)
        {
            string? cookie = null, distinctCookie = null;
            for (var page = 1; ; page++)
            {
                var actual = service.RetrieveMultiple(new FetchExpression(fetch(false, page, cookie)));
                var expected = service.RetrieveMultiple(new FetchExpression(fetch(true, page, distinctCookie)));
                Assert.Equal(Describe(expected), Describe(actual));
                read?.Invoke(actual.Entities);
                if (!actual.MoreRecords || page > 100)
                {
                    return page;
                }

                cookie = actual.PagingCookie;
                distinctCookie = expected.PagingCookie;
                between();
            }
        }

        /// <summary>A page's rows (their columns; distinct rows carry no Id), MoreRecords and cookie.</summary>
        private static string Describe(EntityCollection page)
        {
            var text = new StringBuilder().Append("more=").Append(page.MoreRecords).Append(" cookie=").Append(page.PagingCookie).AppendLine();
            foreach (var row in page.Entities)
            {
                foreach (var attribute in row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    var value = attribute.Value is AliasedValue aliased ? aliased.Value : attribute.Value;
                    text.Append(attribute.Key).Append('=').Append(value is EntityReference reference ? reference.Id.ToString() : value is OptionSetValue option ? option.Value.ToString(CultureInfo.InvariantCulture) : value).Append(' ');
                }

                text.AppendLine();
            }

            return text.ToString();
        }
    }
}
