using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;
// The columns every activity table shares (activityid, actualend, ownerid, …) by email's constants; senton and
// directioncode are read only where the table has them.
using A = CrmAttention.Model.Email.Fields;
using Ac = CrmAttention.Model.Account.Fields;
using C = CrmAttention.Model.Contact.Fields;
using M = CrmAttention.Model;
using P = CrmAttention.Model.ActivityParty.Fields;
using T = CrmAttention.Model.TaskActivity.Fields;

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
        // Dataverse's ParticipationTypeMask values (activityparty.participationtypemask).
        private const int Sender = 1, ToRecipient = 2, CcRecipient = 3, BccRecipient = 4, RequiredAttendee = 5, OptionalAttendee = 6;

        /// <summary>The activity tables read through their parties: which participation types name the contact an outgoing activity goes to and an incoming one comes from.</summary>
        private static readonly PartyTable[] PartyTables =
        {
            new PartyTable(M.Email.EntityLogicalName, new[] { ToRecipient, CcRecipient, BccRecipient }, new[] { Sender }, HasDirection: true, HasSentOn: true, IncomingWhenCreated: true),
            new PartyTable(M.PhoneCall.EntityLogicalName, new[] { ToRecipient }, new[] { Sender }, HasDirection: true, HasSentOn: false),
            new PartyTable(M.Appointment.EntityLogicalName, new[] { RequiredAttendee, OptionalAttendee }, Array.Empty<int>(), HasDirection: false, HasSentOn: false),
            new PartyTable(M.Letter.EntityLogicalName, new[] { ToRecipient }, new[] { Sender }, HasDirection: true, HasSentOn: false),
        };

        /// <summary><paramref name="IncomingWhenCreated"/>: an incoming row is the contact's response from its creation, whatever its state (the plugins record an incoming email on Create).</summary>
        private sealed record PartyTable(string Table, int[] Recipients, int[] Senders, bool HasDirection, bool HasSentOn, bool IncomingWhenCreated = false);

        /// <summary>statecode of a completed activity (Completed on every activity table).</summary>
        public const int StateCompleted = 1;

        private const string ActivityAlias = "a";

        /// <summary>Progress is reported every so many rows.</summary>
        private const int ProgressStep = 1000;

        private readonly WebApiClient _client;
        private Dictionary<Guid, string>? _owners;

        public OrgReader(WebApiClient client)
        {
            _client = client;
        }

        public WebApiClient Client => _client;

        /// <summary>The tables <see cref="Activities"/> reports progress for, in the order it reads them.</summary>
        public static IReadOnlyList<string> ActivityTables { get; } =
            new[] { M.Email.EntityLogicalName, M.PhoneCall.EntityLogicalName, M.Appointment.EntityLogicalName, M.Letter.EntityLogicalName, M.TaskActivity.EntityLogicalName };

        /// <summary>Owner names by systemuserid and teamid.</summary>
        public IReadOnlyDictionary<Guid, string> Owners()
        {
            if (_owners is not null) return _owners;
            var owners = new Dictionary<Guid, string>();
            foreach (var row in _client.Query(M.SystemUser.EntitySetName + "?$select=" + M.SystemUser.Fields.FullName))
                owners[Id(row, M.SystemUser.PrimaryIdAttribute)] = Str(row, M.SystemUser.Fields.FullName) ?? "";
            foreach (var row in _client.Query(M.Team.EntitySetName + "?$select=" + M.Team.Fields.Name))
                owners[Id(row, M.Team.PrimaryIdAttribute)] = Str(row, M.Team.Fields.Name) ?? "";
            return _owners = owners;
        }

        /// <summary>Every contact, as contacts.csv has it.</summary>
        public IEnumerable<ContactRecord> Contacts(IReadProgress? progress = null)
        {
            var owners = Owners();
            long n = 0;
            var select = string.Join(",", C.ContactId, C.FullName, Lookup(C.ParentCustomerId), Lookup(C.OwnerId), C.DoNotEMail, C.DoNotPhone, C.DoNotBulkEMail, C.DoNotPostalMail, C.CatValue);
            foreach (var row in _client.Query(M.Contact.EntitySetName + "?$select=" + select + "&$count=true", total => progress?.Started(M.Contact.EntityLogicalName, total)))
            {
                var consent = ConsentFlags.None;
                if (Bool(row, C.DoNotEMail) == true) consent |= ConsentFlags.DoNotEmail;
                if (Bool(row, C.DoNotPhone) == true) consent |= ConsentFlags.DoNotPhone;
                if (Bool(row, C.DoNotBulkEMail) == true) consent |= ConsentFlags.DoNotBulkEmail;
                if (Bool(row, C.DoNotPostalMail) == true) consent |= ConsentFlags.DoNotPostalMail;
                var parent = Guid(row, Lookup(C.ParentCustomerId));
                yield return new ContactRecord(Id(row, C.ContactId), Str(row, C.FullName) ?? "", parent?.ToString("D"), OwnerName(owners, row, Lookup(C.OwnerId)), consent, Dec(row, C.CatValue));
                if (++n % ProgressStep == 0) progress?.Advanced(M.Contact.EntityLogicalName, n);
            }
            progress?.Advanced(M.Contact.EntityLogicalName, n);
        }

        /// <summary>Every account, as accounts.csv has it.</summary>
        public IEnumerable<AccountRecord> Accounts(IReadProgress? progress = null)
        {
            var owners = Owners();
            long n = 0;
            var select = string.Join(",", Ac.AccountId, Ac.Name, Ac.Revenue, Lookup(Ac.OwnerId));
            foreach (var row in _client.Query(M.Account.EntitySetName + "?$select=" + select + "&$count=true", total => progress?.Started(M.Account.EntityLogicalName, total)))
            {
                yield return new AccountRecord(Id(row, Ac.AccountId).ToString("D"), Str(row, Ac.Name) ?? "", Dec(row, Ac.Revenue), OwnerName(owners, row, Lookup(Ac.OwnerId)));
                if (++n % ProgressStep == 0) progress?.Advanced(M.Account.EntityLogicalName, n);
            }
            progress?.Advanced(M.Account.EntityLogicalName, n);
        }

        /// <summary>
        /// The completed activities whose actual end or creation is in <paramref name="window"/>, one row per
        /// activity and contact: the recipients of an outgoing email, call or letter (To, Cc, Bcc), the sender of an
        /// incoming one, the attendees of an appointment, the regarding contact of a task. A contact named twice on one
        /// activity (To and Cc) gives one row.
        /// </summary>
        public IEnumerable<OrgActivityRow> Activities(ActivityWindow window, IReadProgress? progress = null)
        {
            var owners = Owners();
            var since = window;
            // Per table, the (activity, contact) pairs written so far: an activity's parties are not adjacent in key order
            // (ordering by the activityid lookup would sort by the activities' subjects, as lookups sort by name).
            var seen = new HashSet<(Guid, Guid)>();
            foreach (var table in PartyTables)
            {
                seen.Clear();
                long n = 0;
                foreach (var row in _client.Fetch(M.ActivityParty.EntitySetName, PartyFetch(table, since), total => progress?.Started(table.Table, total)))
                {
                    var outgoing = table.HasDirection ? Bool(row, Linked(A.DirectionCode)) : null;
                    var mask = Int(row, P.ParticipationTypeMask) ?? 0;
                    if (Array.IndexOf(outgoing == false ? table.Senders : table.Recipients, mask) < 0) continue;
                    var activityId = Id(row, Linked(A.ActivityId));
                    var contactId = Id(row, Lookup(P.PartyId));
                    if (!seen.Add((activityId, contactId))) continue;
                    yield return new OrgActivityRow(activityId, table.Table, contactId, null, outgoing, OriginOf(row, Linked(A.CatOrigin)),
                        Time(row, Linked(A.ActualEnd)), table.HasSentOn ? Time(row, Linked(A.SentOn)) : null, Time(row, Linked(A.CreatedOn)), OwnerName(owners, row, Linked(A.OwnerId)));
                    if (++n % ProgressStep == 0) progress?.Advanced(table.Table, n);
                }
                progress?.Advanced(table.Table, n);
            }
            long tasks = 0;
            const string TaskTable = M.TaskActivity.EntityLogicalName;
            foreach (var row in _client.Fetch(M.TaskActivity.EntitySetName, TaskFetch(since), total => progress?.Started(TaskTable, total)))
            {
                yield return new OrgActivityRow(Id(row, T.ActivityId), TaskTable, Id(row, Lookup(T.RegardingObjectId)), TaskChannel(Str(row, T.Category)), null,
                    OriginOf(row, T.CatOrigin), Time(row, T.ActualEnd), null, Time(row, T.CreatedOn), OwnerName(owners, row, Lookup(T.OwnerId)));
                if (++tasks % ProgressStep == 0) progress?.Advanced(TaskTable, tasks);
            }
            progress?.Advanced(TaskTable, tasks);
        }

        /// <summary>The engine's channel of a row: a task's category channel, else its table's.</summary>
        public static Channel ChannelOf(in OrgActivityRow row)
        {
            if (row.TaskChannel is Channel c) return c;
            ValueParsers.TryParseActivityType(row.TypeCode, out var channel);
            return channel;
        }

        /// <summary>
        /// activityparty rows of one activity table whose party is a contact, with the activity's columns under the alias
        /// "a"; ordered by the party's key so the paging cookie can seek.
        /// </summary>
        private static XElement PartyFetch(PartyTable table, ActivityWindow since)
        {
            var masks = new XElement("condition", new XAttribute("attribute", P.ParticipationTypeMask), new XAttribute("operator", "in"));
            foreach (var m in table.Recipients.Concat(table.Senders).Distinct()) masks.Add(new XElement("value", m.ToString(CultureInfo.InvariantCulture)));
            var activity = new XElement("link-entity", new XAttribute("name", table.Table), new XAttribute("from", A.ActivityId), new XAttribute("to", P.ActivityId),
                new XAttribute("link-type", "inner"), new XAttribute("alias", ActivityAlias),
                Attribute(A.ActivityId), Attribute(A.CatOrigin), Attribute(A.ActualEnd), Attribute(A.CreatedOn), Attribute(A.OwnerId),
                ActivityFilter(since, table.IncomingWhenCreated));
            if (table.HasDirection) activity.Add(Attribute(A.DirectionCode));
            if (table.HasSentOn) activity.Add(Attribute(A.SentOn));
            return new XElement("fetch",
                new XElement("entity", new XAttribute("name", M.ActivityParty.EntityLogicalName),
                    Attribute(P.ActivityPartyId), Attribute(P.PartyId), Attribute(P.ParticipationTypeMask),
                    new XElement("filter", masks),
                    new XElement("order", new XAttribute("attribute", P.ActivityPartyId)),
                    activity,
                    new XElement("link-entity", new XAttribute("name", M.Contact.EntityLogicalName), new XAttribute("from", C.ContactId), new XAttribute("to", P.PartyId),
                        new XAttribute("link-type", "inner"), new XAttribute("alias", "c"))));
        }

        /// <summary>Completed tasks regarding a contact (a task has no parties).</summary>
        private static XElement TaskFetch(ActivityWindow since) =>
            new XElement("fetch",
                new XElement("entity", new XAttribute("name", M.TaskActivity.EntityLogicalName),
                    Attribute(T.ActivityId), Attribute(T.RegardingObjectId), Attribute(T.Category), Attribute(T.CatOrigin), Attribute(T.ActualEnd),
                    Attribute(T.CreatedOn), Attribute(T.OwnerId),
                    ActivityFilter(since),
                    new XElement("order", new XAttribute("attribute", T.ActivityId)),
                    new XElement("link-entity", new XAttribute("name", M.Contact.EntityLogicalName), new XAttribute("from", C.ContactId), new XAttribute("to", T.RegardingObjectId),
                        new XAttribute("link-type", "inner"), new XAttribute("alias", "c"))));

        /// <summary>
        /// Completed (or, with <paramref name="incomingWhenCreated"/>, incoming in any state), and ended or created in the
        /// window (an activity created before it but completed in it counts).
        /// </summary>
        private static XElement ActivityFilter(ActivityWindow since, bool incomingWhenCreated = false)
        {
            var completed = Condition(A.StateCode, "eq", StateCompleted.ToString(CultureInfo.InvariantCulture));
            return new XElement("filter", new XAttribute("type", "and"),
                incomingWhenCreated ? new XElement("filter", new XAttribute("type", "or"), completed, Condition(A.DirectionCode, "eq", "0")) : completed,
                new XElement("filter", new XAttribute("type", "or"),
                    since.Condition(A.ActualEnd),
                    since.Condition(A.CreatedOn)));
        }

        private static XElement Attribute(string name) => new XElement("attribute", new XAttribute("name", name));

        private static XElement Condition(string attribute, string op, string value) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op), new XAttribute("value", value));

        /// <summary>The Web API property of a lookup column: _name_value.</summary>
        private static string Lookup(string column) => "_" + column + "_value";

        /// <summary>The Web API property of a link-entity column: alias_x002e_name (the "." of "a.name" encoded).</summary>
        private static string Linked(string column) => ActivityAlias + "_x002e_" + column;

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

        private static string OwnerName(IReadOnlyDictionary<Guid, string> owners, JsonElement row, string column)
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
