using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using System.Text;
using Dataverse.InMemory.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>
    /// Paging in primary-key order through a data source that reads tables in key order (the engine's seek path) gives
    /// exactly the pages of the general path, which joins and sorts every row, over the same rows: seeded random
    /// activity parties joined to emails, contacts and their accounts, inner and outer, with filters on the links,
    /// missing parents, nulls, and rows created and deleted between pages.
    /// </summary>
    public sealed class KeyOrderPagingTests
    {
        private static readonly DateTime Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 60).Select(seed => new object[] { seed });

        [Theory]
        [MemberData(nameof(Seeds))]
        public void Seek_pages_equal_the_general_paths_pages(int seed)
        {
            var random = new Random(seed);
            var tables = new Tables();
            Populate(tables, random);
            var seeking = new KeyOrderedTables(tables);
            var general = new QueryEngine(tables);
            var fast = new QueryEngine(seeking);
            var context = new QueryContext { UtcNow = Start.AddDays(200) };

            for (var q = 0; q < 4; q++)
            {
                var query = RandomQuery(random);
                var pageSize = random.Next(1, 8);
                string? cookie = null;
                var page = 1;
                var before = seeking.OrderedScans;
                while (true)
                {
                    query.PageInfo = new PagingInfo { Count = pageSize, PageNumber = page, PagingCookie = cookie, ReturnTotalRecordCount = random.Next(3) == 0 };
                    var expected = general.Execute(query, context);
                    var actual = fast.Execute(query, context);
                    Assert.Equal(Describe(expected), Describe(actual));
                    if (!expected.MoreRecords || page > 200)
                    {
                        break;
                    }

                    Change(tables, random);
                    // Mostly the cookie, as a client pages; sometimes simple paging by number, or a cookie that does not fit.
                    var choice = random.Next(10);
                    cookie = choice < 8 ? expected.PagingCookie : choice == 8 ? null : "<cookie page=\"" + page + "\"><activitypartyid last=\"not an id\" /></cookie>";
                    page++;
                }

                Assert.True(seeking.OrderedScans > before, "The query did not take the key-ordered path.");
            }
        }

        [Fact]
        public void A_cookie_paging_backwards_gives_the_general_paths_page()
        {
            var tables = new Tables();
            Populate(tables, new Random(7));
            var context = new QueryContext { UtcNow = Start.AddDays(200) };
            var query = new QueryExpression("activityparty") { ColumnSet = new ColumnSet("partyid") };
            query.PageInfo = new PagingInfo { Count = 3, PageNumber = 3 };
            var third = new QueryEngine(tables).Execute(query, context);
            query.PageInfo = new PagingInfo { Count = 3, PageNumber = 2, PagingCookie = third.PagingCookie };

            var expected = new QueryEngine(tables).Execute(query, context);
            var actual = new QueryEngine(new KeyOrderedTables(tables)).Execute(query, context);

            Assert.Equal(3, actual.Entities.Count);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        [Fact]
        public void The_exports_fetch_of_parties_with_their_completed_emails_and_contacts_pages_as_the_general_path_does()
        {
            var tables = new Tables();
            Populate(tables, new Random(11), 5);
            var seeking = new KeyOrderedTables(tables);
            var context = new QueryContext { UtcNow = Start.AddDays(200) };
            string? cookie = null;
            var rows = 0;
            for (var page = 1; ; page++)
            {
                var paging = cookie == null ? "" : " paging-cookie='" + System.Security.SecurityElement.Escape(cookie) + "'";
                var fetch = "<fetch count='4' page='" + page + "'" + paging + " returntotalrecordcount='true'><entity name='activityparty'>"
                    + "<attribute name='activitypartyid' /><attribute name='partyid' /><attribute name='participationtypemask' />"
                    + "<filter><condition attribute='participationtypemask' operator='in'><value>1</value><value>2</value></condition></filter>"
                    + "<order attribute='activitypartyid' />"
                    + "<link-entity name='email' from='activityid' to='activityid' link-type='inner' alias='a'><attribute name='actualend' />"
                    + "<filter><condition attribute='statecode' operator='eq' value='1' /><filter type='or'>"
                    + "<condition attribute='actualend' operator='on-or-after' value='2024-02-01' /><condition attribute='createdon' operator='on-or-after' value='2024-02-01' /></filter></filter></link-entity>"
                    + "<link-entity name='contact' from='contactid' to='partyid' link-type='inner' alias='c' /></entity></fetch>";
                var expected = new QueryEngine(tables).Execute(new FetchExpression(fetch), context);
                var actual = new QueryEngine(seeking).Execute(new FetchExpression(fetch), context);
                Assert.Equal(Describe(expected), Describe(actual));
                rows += actual.Entities.Count;
                if (!actual.MoreRecords)
                {
                    break;
                }

                cookie = actual.PagingCookie;
            }

            Assert.True(rows > 8, "The data gives too few rows to page.");
            Assert.True(seeking.OrderedScans > 0);
        }

        private static void Populate(Tables tables, Random random, int scale = 1)
        {
            for (var i = 0; i < 6 * scale; i++)
            {
                tables.Add(new Entity("account", NewId(random)) { ["name"] = random.Next(4) == 0 ? null : "Account " + i });
            }

            for (var i = 0; i < 15 * scale; i++)
            {
                tables.Add(Contact(tables, random, i));
            }

            for (var i = 0; i < 25 * scale; i++)
            {
                tables.Add(Email(random));
            }

            for (var i = 0; i < 60 * scale; i++)
            {
                tables.Add(Party(tables, random));
            }
        }

        private static Entity Contact(Tables tables, Random random, int n)
        {
            var contact = new Entity("contact", NewId(random)) { ["lastname"] = random.Next(5) == 0 ? null : "Contact " + n };
            // An account that is missing (deleted, or never there) leaves an outer link empty and drops an inner one.
            contact["parentcustomerid"] = random.Next(4) switch
            {
                0 => null,
                1 => new EntityReference("account", NewId(random)),
                _ => Pick(tables, "account", random) is { } account ? new EntityReference("account", account.Id) : null,
            };
            return contact;
        }

        private static Entity Email(Random random) => new Entity("email", NewId(random))
        {
            ["statecode"] = random.Next(5) == 0 ? null : new OptionSetValue(random.Next(2)),
            ["actualend"] = random.Next(4) == 0 ? null : Start.AddDays(random.Next(120)),
            ["createdon"] = Start.AddDays(random.Next(120)),
            ["subject"] = random.Next(3) == 0 ? null : "Email " + random.Next(100),
        };

        private static Entity Party(Tables tables, Random random)
        {
            var party = new Entity("activityparty", NewId(random))
            {
                ["participationtypemask"] = random.Next(6) == 0 ? null : new OptionSetValue(random.Next(1, 4)),
            };
            party["activityid"] = random.Next(8) == 0 ? null : Pick(tables, "email", random) is { } email && random.Next(6) > 0
                ? new EntityReference("email", email.Id) : new EntityReference("email", NewId(random));
            party["partyid"] = random.Next(8) == 0 ? null : Pick(tables, "contact", random) is { } contact && random.Next(6) > 0
                ? new EntityReference("contact", contact.Id) : new EntityReference("contact", NewId(random));
            return party;
        }

        /// <summary>Between pages: rows created and deleted in every table, before and after the cookie's key.</summary>
        private static void Change(Tables tables, Random random)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                switch (random.Next(6))
                {
                    case 0:
                        tables.Add(Party(tables, random));
                        break;
                    case 1:
                        tables.Add(Email(random));
                        break;
                    case 2:
                        tables.Add(Contact(tables, random, random.Next(100)));
                        break;
                    default:
                        var table = new[] { "activityparty", "email", "contact", "account" }[random.Next(4)];
                        if (Pick(tables, table, random) is { } row)
                        {
                            tables.Remove(row);
                        }

                        break;
                }
            }
        }

        private static QueryExpression RandomQuery(Random random)
        {
            var query = new QueryExpression("activityparty") { ColumnSet = random.Next(4) == 0 ? new ColumnSet(true) : new ColumnSet("partyid", "participationtypemask") };
            if (random.Next(2) == 0)
            {
                query.AddOrder("activitypartyid", OrderType.Ascending);
            }

            if (random.Next(2) == 0)
            {
                query.Criteria.AddCondition("participationtypemask", ConditionOperator.In, 1, 2);
            }
            else if (random.Next(3) == 0)
            {
                query.Criteria.AddCondition("participationtypemask", ConditionOperator.NotNull);
            }

            var email = query.AddLink("email", "activityid", "activityid", random.Next(2) == 0 ? JoinOperator.Inner : JoinOperator.LeftOuter);
            email.EntityAlias = "a";
            email.Columns = random.Next(3) == 0 ? new ColumnSet(true) : new ColumnSet("actualend", "subject");
            if (random.Next(2) == 0)
            {
                email.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 1);
            }

            if (random.Next(2) == 0)
            {
                var window = email.LinkCriteria.AddFilter(LogicalOperator.Or);
                window.AddCondition("actualend", ConditionOperator.OnOrAfter, Start.AddDays(40));
                window.AddCondition("createdon", ConditionOperator.OnOrAfter, Start.AddDays(60));
            }

            if (random.Next(3) > 0)
            {
                var contact = query.AddLink("contact", "partyid", "contactid", random.Next(2) == 0 ? JoinOperator.Inner : JoinOperator.LeftOuter);
                contact.EntityAlias = "c";
                contact.Columns = new ColumnSet("lastname");
                if (random.Next(3) == 0)
                {
                    contact.LinkCriteria.AddCondition("lastname", ConditionOperator.NotNull);
                }

                if (random.Next(2) == 0)
                {
                    var account = contact.AddLink("account", "parentcustomerid", "accountid", random.Next(2) == 0 ? JoinOperator.Inner : JoinOperator.LeftOuter);
                    account.EntityAlias = "acc";
                    account.Columns = new ColumnSet("name");
                }

                if (random.Next(4) == 0)
                {
                    // A root condition naming a link alias applies after the joins (here: the outer join found a named contact).
                    query.Criteria.AddCondition("c", "lastname", ConditionOperator.NotNull);
                }
            }

            return query;
        }

        private static Entity? Pick(Tables tables, string table, Random random)
        {
            var rows = tables.Rows(table);
            return rows.Count == 0 ? null : rows[random.Next(rows.Count)];
        }

        private static Guid NewId(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }

        /// <summary>Everything a page says: each row's id and values (aliased values with their source), paging and counts.</summary>
        private static string Describe(EntityCollection page)
        {
            var text = new StringBuilder();
            text.Append(page.EntityName).Append(" more=").Append(page.MoreRecords).Append(" total=").Append(page.TotalRecordCount)
                .Append(" exceeded=").Append(page.TotalRecordCountLimitExceeded).Append(" cookie=").Append(page.PagingCookie).AppendLine();
            foreach (var row in page.Entities)
            {
                text.Append(row.Id).Append(':');
                foreach (var attribute in row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    text.Append(' ').Append(attribute.Key).Append('=').Append(Value(attribute.Value));
                }

                foreach (var formatted in row.FormattedValues.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    text.Append(" [").Append(formatted.Key).Append('=').Append(formatted.Value).Append(']');
                }

                text.AppendLine();
            }

            return text.ToString();
        }

        private static string Value(object? value) => value switch
        {
            null => "null",
            AliasedValue aliased => aliased.EntityLogicalName + "." + aliased.AttributeLogicalName + "(" + Value(aliased.Value) + ")",
            EntityReference reference => reference.LogicalName + "/" + reference.Id,
            OptionSetValue option => "option " + option.Value.ToString(CultureInfo.InvariantCulture),
            DateTime date => date.ToString("o", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };

        /// <summary>Plain tables, read by the general path (a scan of each).</summary>
        private sealed class Tables : IQueryDataSource
        {
            private readonly Dictionary<string, List<Entity>> tables = new(StringComparer.Ordinal)
            {
                ["activityparty"] = new List<Entity>(),
                ["email"] = new List<Entity>(),
                ["contact"] = new List<Entity>(),
                ["account"] = new List<Entity>(),
            };

            public List<Entity> Rows(string logicalName) => tables[logicalName];

            public void Add(Entity row)
            {
                row[PrimaryIdAttribute(row.LogicalName)] = row.Id;
                tables[row.LogicalName].Add(row);
            }

            public void Remove(Entity row) => tables[row.LogicalName].Remove(row);

            public IEnumerable<Entity> Scan(string logicalName) =>
                tables.TryGetValue(logicalName, out var rows)
                    ? rows
                    : throw new FaultException<OrganizationServiceFault>(new OrganizationServiceFault { ErrorCode = -2147217150 }, $"'{logicalName}' entity doesn't exist.");

            public string PrimaryIdAttribute(string logicalName) => logicalName == "email" ? "activityid" : logicalName + "id";
        }

        /// <summary>
        /// The same tables, also read in SQL Server's uniqueidentifier order of the primary key (SqlGuid's order, an
        /// oracle independent of the engine's), counting how often the engine asked for that.
        /// </summary>
        private sealed class KeyOrderedTables : IKeyOrderedQueryDataSource
        {
            private readonly Tables tables;

            public KeyOrderedTables(Tables tables)
            {
                this.tables = tables;
            }

            public int OrderedScans { get; private set; }

            public IEnumerable<Entity> Scan(string logicalName) => tables.Scan(logicalName);

            public string PrimaryIdAttribute(string logicalName) => tables.PrimaryIdAttribute(logicalName);

            public IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, IReadOnlyCollection<Guid> keys) => null;

            public bool TryScanColumn(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
            {
                rows = Array.Empty<Entity>();
                values = Array.Empty<object?>();
                return false;
            }

            public IEnumerable<Entity>? ScanInKeyOrder(string logicalName, Guid? from)
            {
                OrderedScans++;
                var rows = tables.Scan(logicalName).OrderBy(row => new SqlGuid(row.Id)).ToList();
                return from is Guid bound ? rows.Where(row => new SqlGuid(row.Id).CompareTo(new SqlGuid(bound)) >= 0) : rows;
            }

            public bool TryScanColumnInKeyOrder(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
            {
                OrderedScans++;
                var ordered = tables.Scan(logicalName).OrderBy(row => new SqlGuid(row.Id)).ToList();
                rows = ordered;
                values = ordered.Select(row => row.Attributes.TryGetValue(attribute, out var value) ? value : attribute == PrimaryIdAttribute(logicalName) ? row.Id : null).ToList();
                // Every other call reads the rows instead, so both ways are compared.
                return OrderedScans % 2 == 0;
            }

            public Func<Guid, Entity?>? KeySeek(string logicalName)
            {
                var rows = tables.Scan(logicalName).ToDictionary(row => row.Id);
                return id => rows.TryGetValue(id, out var row) ? row : null;
            }
        }
    }
}
