using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>Told how far a read has come: the table, its total when Dataverse gives one (null: unknown or more than 5,000), rows so far.</summary>
    public interface IReadProgress
    {
        void Started(string table, long? total);

        void Advanced(string table, long rows);
    }

    /// <summary>One row of activities.csv as read from the org: one completed activity and one contact on it.</summary>
    public readonly struct OrgActivityRow
    {
        public OrgActivityRow(Guid activityId, string typeCode, Guid contactId, Channel? taskChannel, bool? outgoing, Origin? origin,
            DateTime? actualEnd, DateTime? sentOn, DateTime? createdOn, string owner)
        {
            ActivityId = activityId;
            TypeCode = typeCode;
            ContactId = contactId;
            TaskChannel = taskChannel;
            Outgoing = outgoing;
            Origin = origin;
            ActualEnd = actualEnd;
            SentOn = sentOn;
            CreatedOn = createdOn;
            Owner = owner;
        }

        public Guid ActivityId { get; }

        /// <summary>email, phonecall, appointment, letter or task.</summary>
        public string TypeCode { get; }

        public Guid ContactId { get; }

        /// <summary>A task's channel when its category names one (as the plugins read it); null otherwise.</summary>
        public Channel? TaskChannel { get; }

        /// <summary>directioncode; null for tables without one (appointment, task).</summary>
        public bool? Outgoing { get; }

        public Origin? Origin { get; }

        public DateTime? ActualEnd { get; }

        public DateTime? SentOn { get; }

        public DateTime? CreatedOn { get; }

        public string Owner { get; }

        /// <summary>When it happened, as the exports are read: actual end, else sent on, else created on.</summary>
        public DateTime? Time => ActualEnd ?? SentOn ?? CreatedOn;
    }

    /// <summary>
    /// Reads what backtest and calibrate need from an org over the Web API, streaming: contacts and accounts with OData
    /// queries paged through @odata.nextLink, activities with one FetchXML query per activity table. The platform has
    /// no activitypointer query that carries the parties, so each query starts at activityparty, joins the activity
    /// (completed, in the time window) and the contact (inner joins: only contact parties), and is paged by the party's
    /// own key. Owners are named by the users' and teams' names, as a view export shows them.
    /// </summary>
    public sealed class OrgReader
    {
        /// <summary>The activity tables the tool reads, with the participation types that name the contact (Dataverse's ParticipationTypeMask).</summary>
        private static readonly (string Table, string EntitySet, int[] Recipients, int[] Senders, bool HasDirection, bool HasSentOn)[] PartyTables =
        {
            ("email", "emails", new[] { 2, 3, 4 }, new[] { 1 }, true, true),
            ("phonecall", "phonecalls", new[] { 2 }, new[] { 1 }, true, false),
            ("appointment", "appointments", new[] { 5, 6 }, Array.Empty<int>(), false, false),
            ("letter", "letters", new[] { 2 }, new[] { 1 }, true, false),
        };

        public const int StateCompleted = 1;

        private readonly WebApiClient _client;
        private Dictionary<Guid, string>? _owners;

        public OrgReader(WebApiClient client)
        {
            _client = client;
        }

        public WebApiClient Client => _client;

        /// <summary>The tables <see cref="Activities"/> reports progress for, in the order it reads them.</summary>
        public static IReadOnlyList<string> ActivityTables { get; } = new[] { "email", "phonecall", "appointment", "letter", "task" };

        /// <summary>Owner names by systemuserid and teamid.</summary>
        public IReadOnlyDictionary<Guid, string> Owners()
        {
            if (_owners is not null) return _owners;
            var owners = new Dictionary<Guid, string>();
            foreach (var row in _client.Query("systemusers?$select=fullname")) owners[Id(row, "systemuserid")] = Str(row, "fullname") ?? "";
            foreach (var row in _client.Query("teams?$select=name")) owners[Id(row, "teamid")] = Str(row, "name") ?? "";
            return _owners = owners;
        }

        /// <summary>Every contact, as contacts.csv has it.</summary>
        public IEnumerable<ContactRecord> Contacts(IReadProgress? progress = null)
        {
            var owners = Owners();
            long n = 0;
            const string select = "contactid,fullname,_parentcustomerid_value,_ownerid_value,donotemail,donotphone,donotbulkemail,donotpostalmail,cat_value";
            foreach (var row in _client.Query("contacts?$select=" + select + "&$count=true", total => progress?.Started("contact", total)))
            {
                var consent = ConsentFlags.None;
                if (Bool(row, "donotemail") == true) consent |= ConsentFlags.DoNotEmail;
                if (Bool(row, "donotphone") == true) consent |= ConsentFlags.DoNotPhone;
                if (Bool(row, "donotbulkemail") == true) consent |= ConsentFlags.DoNotBulkEmail;
                if (Bool(row, "donotpostalmail") == true) consent |= ConsentFlags.DoNotPostalMail;
                var parent = Guid(row, "_parentcustomerid_value");
                yield return new ContactRecord(Id(row, "contactid"), Str(row, "fullname") ?? "", parent?.ToString("D"), OwnerName(owners, row), consent, Dec(row, "cat_value"));
                if (++n % 1000 == 0) progress?.Advanced("contact", n);
            }
            progress?.Advanced("contact", n);
        }

        /// <summary>Every account, as accounts.csv has it.</summary>
        public IEnumerable<AccountRecord> Accounts(IReadProgress? progress = null)
        {
            var owners = Owners();
            long n = 0;
            foreach (var row in _client.Query("accounts?$select=accountid,name,revenue,_ownerid_value&$count=true", total => progress?.Started("account", total)))
            {
                yield return new AccountRecord(Id(row, "accountid").ToString("D"), Str(row, "name") ?? "", Dec(row, "revenue"), OwnerName(owners, row));
                if (++n % 1000 == 0) progress?.Advanced("account", n);
            }
            progress?.Advanced("account", n);
        }

        /// <summary>
        /// The completed activities whose actual end or creation is at or after <paramref name="sinceUtc"/>, one row per
        /// activity and contact: the recipients of an outgoing email, call or letter (To, Cc, Bcc), the sender of an
        /// incoming one, the attendees of an appointment, the regarding contact of a task. A contact named twice on one
        /// activity (To and Cc) gives one row.
        /// </summary>
        public IEnumerable<OrgActivityRow> Activities(DateTime sinceUtc, IReadProgress? progress = null)
        {
            var owners = Owners();
            var since = ValueParsers.FormatTime(sinceUtc);
            // Per table, the (activity, contact) pairs written so far: an activity's parties are not adjacent in key order.
            var seen = new HashSet<(Guid, Guid)>();
            foreach (var (table, _, recipients, senders, hasDirection, hasSentOn) in PartyTables)
            {
                seen.Clear();
                long n = 0;
                foreach (var row in _client.Fetch("activityparties", PartyFetch(table, recipients, senders, hasDirection, hasSentOn, since), total => progress?.Started(table, total)))
                {
                    var outgoing = hasDirection ? Bool(row, "a_x002e_directioncode") : null;
                    var mask = Int(row, "participationtypemask") ?? 0;
                    if (Array.IndexOf(outgoing == false ? senders : recipients, mask) < 0) continue;
                    var activityId = Id(row, "a_x002e_activityid");
                    var contactId = Id(row, "_partyid_value");
                    if (!seen.Add((activityId, contactId))) continue;
                    yield return new OrgActivityRow(activityId, table, contactId, null, outgoing, OriginOf(row, "a_x002e_cat_origin"),
                        Time(row, "a_x002e_actualend"), hasSentOn ? Time(row, "a_x002e_senton") : null, Time(row, "a_x002e_createdon"), OwnerName(owners, row, "a_x002e_ownerid"));
                    if (++n % 1000 == 0) progress?.Advanced(table, n);
                }
                progress?.Advanced(table, n);
            }
            long tasks = 0;
            foreach (var row in _client.Fetch("tasks", TaskFetch(since), total => progress?.Started("task", total)))
            {
                yield return new OrgActivityRow(Id(row, "activityid"), "task", Id(row, "_regardingobjectid_value"), TaskChannel(Str(row, "category")), null,
                    OriginOf(row, "cat_origin"), Time(row, "actualend"), null, Time(row, "createdon"), OwnerName(owners, row));
                if (++tasks % 1000 == 0) progress?.Advanced("task", tasks);
            }
            progress?.Advanced("task", tasks);
        }

        /// <summary>The engine's channel of a row: a task's category channel, else its table's.</summary>
        public static Channel ChannelOf(in OrgActivityRow row)
        {
            if (row.TaskChannel is Channel c) return c;
            ValueParsers.TryParseActivityType(row.TypeCode, out var channel);
            return channel;
        }

        private static XElement PartyFetch(string table, int[] recipients, int[] senders, bool hasDirection, bool hasSentOn, string since)
        {
            var masks = new XElement("condition", new XAttribute("attribute", "participationtypemask"), new XAttribute("operator", "in"));
            foreach (var m in recipients) masks.Add(new XElement("value", m.ToString(CultureInfo.InvariantCulture)));
            foreach (var m in senders) masks.Add(new XElement("value", m.ToString(CultureInfo.InvariantCulture)));
            var activity = new XElement("link-entity", new XAttribute("name", table), new XAttribute("from", "activityid"), new XAttribute("to", "activityid"),
                new XAttribute("link-type", "inner"), new XAttribute("alias", "a"),
                Attribute("activityid"), Attribute("cat_origin"), Attribute("actualend"), Attribute("createdon"), Attribute("ownerid"),
                ActivityFilter(since));
            if (hasDirection) activity.Add(Attribute("directioncode"));
            if (hasSentOn) activity.Add(Attribute("senton"));
            return new XElement("fetch",
                new XElement("entity", new XAttribute("name", "activityparty"),
                    Attribute("activitypartyid"), Attribute("partyid"), Attribute("participationtypemask"),
                    new XElement("filter", masks),
                    new XElement("order", new XAttribute("attribute", "activitypartyid")),
                    activity,
                    new XElement("link-entity", new XAttribute("name", "contact"), new XAttribute("from", "contactid"), new XAttribute("to", "partyid"),
                        new XAttribute("link-type", "inner"), new XAttribute("alias", "c"))));
        }

        private static XElement TaskFetch(string since) =>
            new XElement("fetch",
                new XElement("entity", new XAttribute("name", "task"),
                    Attribute("activityid"), Attribute("regardingobjectid"), Attribute("category"), Attribute("cat_origin"), Attribute("actualend"),
                    Attribute("createdon"), Attribute("ownerid"),
                    ActivityFilter(since),
                    new XElement("order", new XAttribute("attribute", "activityid")),
                    new XElement("link-entity", new XAttribute("name", "contact"), new XAttribute("from", "contactid"), new XAttribute("to", "regardingobjectid"),
                        new XAttribute("link-type", "inner"), new XAttribute("alias", "c"))));

        /// <summary>Completed, and ended or created in the window (an activity created before it but completed in it counts).</summary>
        private static XElement ActivityFilter(string since) =>
            new XElement("filter", new XAttribute("type", "and"),
                Condition("statecode", "eq", StateCompleted.ToString(CultureInfo.InvariantCulture)),
                new XElement("filter", new XAttribute("type", "or"),
                    Condition("actualend", "ge", since),
                    Condition("createdon", "ge", since)));

        private static XElement Attribute(string name) => new XElement("attribute", new XAttribute("name", name));

        private static XElement Condition(string attribute, string op, string value) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op), new XAttribute("value", value));

        /// <summary>A task is an outreach of the channel its category names ("Sms", "Social"), as the plugins read it.</summary>
        private static Channel? TaskChannel(string? category)
        {
            if (category is null) return null;
            return Enum.TryParse<Channel>(category.Trim(), true, out var c) && Enum.IsDefined(typeof(Channel), c) ? c : null;
        }

        private static Origin? OriginOf(JsonElement row, string name)
        {
            var code = Int(row, name);
            if (code is null) return null;
            var value = code.Value >= CrmAttention.Model.Choices.OptionValueBase ? code.Value - CrmAttention.Model.Choices.OptionValueBase : code.Value;
            return value >= 0 && value <= 2 ? (Origin)value : null;
        }

        private static string OwnerName(IReadOnlyDictionary<Guid, string> owners, JsonElement row, string column = "_ownerid_value")
        {
            var id = Guid(row, column);
            if (id is null) return ExportReader.NoOwner;
            return owners.TryGetValue(id.Value, out var name) && name.Trim().Length > 0 ? name.Trim() : id.Value.ToString("D");
        }

        private static Guid Id(JsonElement row, string name) =>
            Guid(row, name) ?? throw new CliException("The org sent a row without " + name + ".", "Die Organisation hat eine Zeile ohne " + name + " gesendet.");

        private static Guid? Guid(JsonElement row, string name) =>
            row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : null;

        private static string? Str(JsonElement row, string name) =>
            row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool? Bool(JsonElement row, string name) =>
            row.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

        private static int? Int(JsonElement row, string name) =>
            row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

        private static decimal? Dec(JsonElement row, string name) =>
            row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

        /// <summary>Web API times are UTC ("2025-03-04T09:15:00Z"); kept to the second, as the exports write them.</summary>
        private static DateTime? Time(JsonElement row, string name)
        {
            if (!row.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || !v.TryGetDateTimeOffset(out var t)) return null;
            var utc = t.UtcDateTime;
            return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        }
    }
}
