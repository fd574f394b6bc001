using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.Sample;
using CrmAttention.Engine;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Tests.LiveOrg
{
    /// <summary>`export --org` against the Web API host: the files hold what the org holds, as backtest and calibrate read them.</summary>
    public sealed class ExportTests
    {
        private static readonly Guid Ada = new("aaaaaaaa-0000-4000-8000-000000000001");
        private static readonly Guid Bob = new("bbbbbbbb-0000-4000-8000-000000000002");
        private static readonly Guid Analytical = new("cccccccc-0000-4000-8000-000000000003");
        private static readonly DateTime Feb10 = new(2026, 2, 10, 9, 30, 15, DateTimeKind.Utc);

        private static Guid Activity(int n) => new($"00000000-0000-4000-8000-{n:000000000000}");

        /// <summary>
        /// Two contacts, a user and a team, and one activity of each kind: what export must write and what it must leave
        /// out (open, before the window, a party that is not a contact, a task about an account).
        /// </summary>
        private static void Arrange(InMemoryDataverse org)
        {
            var sam = org.CreateUser("Sam Seller");
            var team = org.CreateTeam("Inside Sales");
            org.Seed(new Entity(M.Account.EntityLogicalName, Analytical) { [M.Account.Fields.Name] = "Analytical Engines Ltd", [M.Account.Fields.Revenue] = new Money(1250000m) }, sam);
            org.Seed(new Entity(M.Contact.EntityLogicalName, Ada)
            {
                [M.Contact.Fields.FirstName] = "Ada",
                [M.Contact.Fields.LastName] = "Lovelace",
                [M.Contact.Fields.ParentCustomerId] = new EntityReference(M.Account.EntityLogicalName, Analytical),
                [M.Contact.Fields.CatValue] = new Money(2000m),
                [M.Contact.Fields.DoNotEMail] = true,
            }, sam);
            org.Seed(new Entity(M.Contact.EntityLogicalName, Bob)
            {
                [M.Contact.Fields.FirstName] = "Bob",
                [M.Contact.Fields.LastName] = "Babbage",
                [M.Contact.Fields.DoNotPhone] = true,
                [M.Contact.Fields.OwnerId] = new EntityReference(M.Team.EntityLogicalName, team),
            }, sam);
            // Outgoing email To Ada and Bob, Cc Ada again and a user: one row for Ada, one for Bob.
            Completed(org, sam, Feb10, new Entity(M.Email.EntityLogicalName, Activity(1))
            {
                [M.Email.Fields.DirectionCode] = true,
                [M.Email.Fields.To] = Parties(Contact(Ada), Contact(Bob)),
                [M.Email.Fields.Cc] = Parties(Contact(Ada), new EntityReference(M.SystemUser.EntityLogicalName, sam)),
                [M.Email.Fields.From] = Parties(new EntityReference(M.SystemUser.EntityLogicalName, sam)),
                [M.Email.Fields.CatOrigin] = new OptionSetValue(M.Choices.Origin.Automated),
            });
            // Bob's answer: incoming, the contact is the sender.
            Completed(org, sam, Feb10.AddHours(3), new Entity(M.Email.EntityLogicalName, Activity(2))
            {
                [M.Email.Fields.DirectionCode] = false,
                [M.Email.Fields.From] = Parties(Contact(Bob)),
                [M.Email.Fields.To] = Parties(new EntityReference(M.SystemUser.EntityLogicalName, sam)),
            });
            Completed(org, sam, Feb10.AddDays(1), new Entity(M.PhoneCall.EntityLogicalName, Activity(3))
            {
                [M.PhoneCall.Fields.DirectionCode] = true,
                [M.PhoneCall.Fields.To] = Parties(Contact(Ada)),
            });
            Completed(org, sam, Feb10.AddDays(2), new Entity(M.Appointment.EntityLogicalName, Activity(4))
            {
                [M.Appointment.Fields.RequiredAttendees] = Parties(Contact(Ada)),
                [M.Appointment.Fields.OptionalAttendees] = Parties(Contact(Bob)),
            });
            Completed(org, sam, Feb10.AddDays(3), new Entity(M.Letter.EntityLogicalName, Activity(5))
            {
                [M.Letter.Fields.DirectionCode] = true,
                [M.Letter.Fields.To] = Parties(Contact(Bob)),
                [M.Letter.Fields.CatOrigin] = new OptionSetValue(M.Choices.Origin.Transactional),
            });
            // A task about Ada whose category names the channel, owned by the team.
            org.Clock.Set(Feb10.AddDays(4));
            org.Seed(new Entity(M.TaskActivity.EntityLogicalName, Activity(6))
            {
                [M.TaskActivity.Fields.RegardingObjectId] = Contact(Ada),
                [M.TaskActivity.Fields.Category] = "Sms",
                [M.TaskActivity.Fields.ActualEnd] = Feb10.AddDays(4),
                [M.TaskActivity.Fields.OwnerId] = new EntityReference(M.Team.EntityLogicalName, team),
                [M.TaskActivity.Fields.StateCode] = new OptionSetValue(1),
            }, sam);
            // An incoming email counts from its creation, open or not, as the plugins record it on Create.
            org.Clock.Set(Feb10.AddDays(5).AddHours(2));
            org.Seed(new Entity(M.Email.EntityLogicalName, Activity(10)) { [M.Email.Fields.DirectionCode] = false, [M.Email.Fields.From] = Parties(Contact(Ada)) }, sam);
            // Left out: a task about the account, an open outgoing email, an email before the window.
            Completed(org, sam, Feb10.AddDays(5), new Entity(M.TaskActivity.EntityLogicalName, Activity(7)) { [M.TaskActivity.Fields.RegardingObjectId] = new EntityReference(M.Account.EntityLogicalName, Analytical) });
            org.Clock.Set(Feb10.AddDays(6));
            org.Seed(new Entity(M.Email.EntityLogicalName, Activity(8)) { [M.Email.Fields.DirectionCode] = true, [M.Email.Fields.To] = Parties(Contact(Ada)) }, sam);
            Completed(org, sam, new DateTime(2025, 11, 3, 10, 0, 0, DateTimeKind.Utc), new Entity(M.Email.EntityLogicalName, Activity(9))
            {
                [M.Email.Fields.DirectionCode] = true,
                [M.Email.Fields.To] = Parties(Contact(Ada)),
            });
        }

        private static void Completed(InMemoryDataverse org, Guid owner, DateTime at, Entity activity)
        {
            org.Clock.Set(at);
            activity[M.Email.Fields.ActualEnd] = at;
            activity[M.Email.Fields.StateCode] = new OptionSetValue(1);
            org.Seed(activity, owner);
        }

        private static EntityReference Contact(Guid id) => new(M.Contact.EntityLogicalName, id);

        private static EntityCollection Parties(params EntityReference[] parties) =>
            new(parties.Select(p => new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = p }).ToList()) { EntityName = M.ActivityParty.EntityLogicalName };

        [Fact]
        public async Task Export_writes_one_row_per_completed_activity_and_contact_party_and_the_contacts_and_accounts()
        {
            await using var host = await OrgHost.StartAsync(Arrange);
            using var cli = new CliRunner();

            var (code, output) = cli.Run("export", "--org", host.Url, "--token", OrgHost.Token, "--since", "2026-01-01", "--out", cli.PathOf("x"), "--language", "en");

            Assert.True(code == 0, output);
            var activities = Activities(cli.PathOf("x"));
            var expected = new[]
            {
                (Activity(1), Ada, Channel.Email, Origin.Automated, false, Feb10, "Sam Seller"),
                (Activity(1), Bob, Channel.Email, Origin.Automated, false, Feb10, "Sam Seller"),
                (Activity(2), Bob, Channel.Email, Origin.Human, true, Feb10.AddHours(3), "Sam Seller"),
                (Activity(3), Ada, Channel.Phone, Origin.Human, false, Feb10.AddDays(1), "Sam Seller"),
                (Activity(4), Ada, Channel.Meeting, Origin.Human, false, Feb10.AddDays(2), "Sam Seller"),
                (Activity(4), Bob, Channel.Meeting, Origin.Human, false, Feb10.AddDays(2), "Sam Seller"),
                (Activity(5), Bob, Channel.Letter, Origin.Transactional, false, Feb10.AddDays(3), "Sam Seller"),
                (Activity(6), Ada, Channel.Sms, Origin.Human, false, Feb10.AddDays(4), "Inside Sales"),
                (Activity(10), Ada, Channel.Email, Origin.Human, true, Feb10.AddDays(5).AddHours(2), "Sam Seller"),
            };
            Assert.Equal(expected.OrderBy(e => e.Item1).ThenBy(e => e.Item2), activities.Select(a => (a.ActivityId, a.ContactId, a.Channel, a.Origin, a.Incoming, a.Time, a.Owner)).OrderBy(e => e.ActivityId).ThenBy(e => e.ContactId));

            var contacts = ExportReader.ReadContacts(cli.PathOf("x/contacts.csv"), new RowProblems("contacts.csv"));
            Assert.Equal(2, contacts.Count);
            Assert.Equal(("Ada Lovelace", Analytical.ToString("D"), "Sam Seller", ConsentFlags.DoNotEmail, (decimal?)2000m),
                (contacts[Ada].Name, contacts[Ada].AccountKey, contacts[Ada].Owner, contacts[Ada].Consent, contacts[Ada].Value));
            Assert.Equal(("Bob Babbage", (string?)null, "Inside Sales", ConsentFlags.DoNotPhone, (decimal?)null),
                (contacts[Bob].Name, contacts[Bob].AccountKey, contacts[Bob].Owner, contacts[Bob].Consent, contacts[Bob].Value));
            var account = ExportReader.ReadAccounts(cli.PathOf("x/accounts.csv"), new RowProblems("accounts.csv"))[Analytical.ToString("D")];
            Assert.Equal(("Analytical Engines Ltd", (decimal?)1250000m, "Sam Seller"), (account.Name, account.Revenue, account.Owner));
            Assert.Contains("activities.csv │ 9", output);
        }

        [Fact]
        public async Task Days_count_back_from_the_orgs_clock_not_the_machines()
        {
            // The org's clock stands at 2 March 2026, whatever the machine's says: the last 30 days hold February's activities, not November's.
            await using var host = await OrgHost.StartAsync(org =>
            {
                Arrange(org);
                org.Clock.Set(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
            });
            using var cli = new CliRunner();

            var (code, output) = cli.Run("export", "--org", host.Url, "--token", OrgHost.Token, "--days", "30", "--out", cli.PathOf("x"), "--language", "en");

            Assert.True(code == 0, output);
            Assert.Contains("the activities of the last 30 days (by the org's clock)", output);
            Assert.Equal(new[] { 1, 1, 2, 3, 4, 4, 5, 6, 10 }.Select(Activity), Activities(cli.PathOf("x")).Select(a => a.ActivityId).OrderBy(i => i));
        }

        [Fact]
        public async Task Export_of_an_org_holding_a_sample_reads_back_as_the_sample()
        {
            using var cli = new CliRunner();
            var sample = new SampleOptions { Contacts = 120, Accounts = 15, Sellers = 4, Days = 60, Seed = 5, Start = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc) };
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), sample);

            var (code, output) = cli.Run("export", "--org", host.Url, "--token", OrgHost.Token, "--since", "2025-09-01", "--out", cli.PathOf("x"), "--language", "en");

            Assert.True(code == 0, output);
            var original = Activities(cli.PathOf("sample"));
            Assert.True(original.Count > 1000, "the sample has " + original.Count + " completed activity rows");
            Assert.Equal(Comparable(original), Comparable(Activities(cli.PathOf("x"))));
            Assert.Equal(Comparable(ExportReader.ReadContacts(cli.PathOf("sample/contacts.csv"), new RowProblems("c")).Values),
                Comparable(ExportReader.ReadContacts(cli.PathOf("x/contacts.csv"), new RowProblems("c")).Values));
            Assert.Equal(Comparable(ExportReader.ReadAccounts(cli.PathOf("sample/accounts.csv"), new RowProblems("a")).Values),
                Comparable(ExportReader.ReadAccounts(cli.PathOf("x/accounts.csv"), new RowProblems("a")).Values));
        }

        [Fact]
        public async Task A_small_page_size_pages_through_every_table_and_writes_the_same_files()
        {
            using var cli = new CliRunner();
            var sample = new SampleOptions { Contacts = 40, Accounts = 6, Sellers = 3, Days = 30, Seed = 2, Start = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc) };
            await using var host = await OrgHost.StartWithSampleAsync(cli.PathOf("sample"), sample);
            var common = new[] { "export", "--org", host.Url, "--token", OrgHost.Token, "--since", "2025-09-01", "--language", "en" };

            var (wholeCode, whole) = cli.Run(common.Concat(new[] { "--out", cli.PathOf("whole") }).ToArray());
            var (pagedCode, paged) = cli.Run(common.Concat(new[] { "--out", cli.PathOf("paged"), "--page-size", "7" }).ToArray());

            Assert.True(wholeCode == 0 && pagedCode == 0, whole + paged);
            foreach (var file in new[] { "contacts.csv", "accounts.csv", "activities.csv" })
                Assert.Equal(File.ReadAllText(cli.PathOf("whole/" + file)), File.ReadAllText(cli.PathOf("paged/" + file)));
            // 2 owner tables + contacts + accounts + 5 activity tables, one page each at 5,000 rows a page; at 7, every 7 rows one more.
            var rows = File.ReadLines(cli.PathOf("whole/activities.csv")).Count() - 1 + sample.Contacts;
            Assert.Contains("with 9 Web API requests", whole);
            Assert.True(Requests(paged) >= rows / 7, paged);
        }

        [Fact]
        public async Task A_token_the_org_refuses_is_reported_with_how_to_sign_in_in_English_and_German()
        {
            await using var host = await OrgHost.StartAsync(Arrange);
            using var cli = new CliRunner();

            var (enCode, en) = cli.Run("export", "--org", host.Url, "--token", "expired", "--out", cli.PathOf("x"), "--language", "en");
            var (deCode, de) = cli.Run("export", "--org", host.Url, "--token", "expired", "--out", cli.PathOf("x"), "--language", "de");

            Assert.Equal((2, 2), (enCode, deCode));
            Assert.Contains("refused the sign-in (401 Unauthorized, --token). Sign in again", en);
            Assert.Contains("az account get-access-token --resource " + host.Url.TrimEnd('/'), en);
            Assert.Contains("hat die Anmeldung abgelehnt (401 Unauthorized, --token). Erneut anmelden", de);
            Assert.False(File.Exists(cli.PathOf("x/contacts.csv")));
        }

        internal static List<ActivityRecord> Activities(string directory) =>
            ExportReader.ReadActivities(Path.Combine(directory, "activities.csv"), new RowProblems("activities.csv"), new Counter()).ToList();

        private static List<string> Comparable(IEnumerable<ActivityRecord> rows) =>
            rows.Select(a => string.Join("|", a.ActivityId, a.ContactId, a.Channel, a.Origin, a.Incoming, a.State, a.Time.ToString("O"), a.Owner)).OrderBy(s => s, StringComparer.Ordinal).ToList();

        private static List<string> Comparable(IEnumerable<ContactRecord> rows) =>
            rows.Select(c => string.Join("|", c.Id, c.Name, c.AccountKey, c.Owner, c.Consent, c.Value)).OrderBy(s => s, StringComparer.Ordinal).ToList();

        private static List<string> Comparable(IEnumerable<AccountRecord> rows) =>
            rows.Select(a => string.Join("|", a.Key, a.Name, a.Revenue, a.Owner)).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        private static int Requests(string output)
        {
            var at = output.IndexOf(" Web API requests", StringComparison.Ordinal);
            var start = output.LastIndexOf("with ", at, StringComparison.Ordinal) + 5;
            return int.Parse(output.AsSpan(start, at - start).ToString().Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
