using System;
using System.Collections.Generic;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;
using Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>
    /// Puts exported history into an in-memory Dataverse, as the rows an org would hold for it: a user per owner name,
    /// accounts, contacts, and per activity a completed row of its table (email, phonecall, appointment, letter, or a
    /// task whose category names a Social/Sms channel) with the contact as its To, From (incoming), attendee or
    /// regarding party, created and ended at the activity's time. It arranges data for the loopback Web API host (the
    /// live-org tests and the export benchmark); no plug-in step runs.
    /// </summary>
    public sealed class ExportLoader
    {
        private readonly InMemoryDataverse _org;
        private readonly Dictionary<string, Guid> _users = new(StringComparer.Ordinal);

        public ExportLoader(InMemoryDataverse org) => _org = org;

        /// <summary>The user that owns the rows of an owner name, created on first use.</summary>
        public Guid User(string owner)
        {
            if (_users.TryGetValue(owner, out var id)) return id;
            id = _org.CreateUser(owner);
            _users.Add(owner, id);
            return id;
        }

        public void Accounts(IEnumerable<AccountRecord> accounts)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in accounts)
            {
                // ExportReader lists an account under its id and its name: the id is the row.
                if (!ValueParsers.TryParseGuid(a.Key, out var id) || !done.Add(a.Key)) continue;
                var row = new Entity(M.Account.EntityLogicalName, id) { [M.Account.Fields.Name] = a.Name };
                if (a.Revenue is decimal revenue) row[M.Account.Fields.Revenue] = new Money(revenue);
                _org.Seed(row, User(a.Owner));
            }
        }

        public void Contacts(IEnumerable<ContactRecord> contacts)
        {
            foreach (var c in contacts)
            {
                var row = new Entity(M.Contact.EntityLogicalName, c.Id)
                {
                    // fullname is composed by the platform from the name parts: the whole name as the last name gives it back unchanged.
                    [M.Contact.Fields.LastName] = c.Name,
                    [M.Contact.Fields.DoNotEMail] = (c.Consent & ConsentFlags.DoNotEmail) != 0,
                    [M.Contact.Fields.DoNotPhone] = (c.Consent & ConsentFlags.DoNotPhone) != 0,
                    [M.Contact.Fields.DoNotBulkEMail] = (c.Consent & ConsentFlags.DoNotBulkEmail) != 0,
                    [M.Contact.Fields.DoNotPostalMail] = (c.Consent & ConsentFlags.DoNotPostalMail) != 0,
                };
                if (c.AccountKey is string key && ValueParsers.TryParseGuid(key, out var account))
                    row[M.Contact.Fields.ParentCustomerId] = new EntityReference(M.Account.EntityLogicalName, account);
                if (c.Value is decimal value) row[M.Contact.Fields.CatValue] = new Money(value);
                _org.Seed(row, User(c.Owner));
            }
        }

        /// <summary>Completed activities; consecutive rows of one activity id become one activity with several contacts.</summary>
        public long Activities(IEnumerable<ActivityRecord> activities)
        {
            long written = 0;
            var pending = new List<ActivityRecord>();
            foreach (var a in activities)
            {
                if (pending.Count > 0 && pending[0].ActivityId != a.ActivityId)
                {
                    Write(pending);
                    written++;
                    pending.Clear();
                }
                pending.Add(a);
            }
            if (pending.Count > 0)
            {
                Write(pending);
                written++;
            }
            return written;
        }

        private void Write(List<ActivityRecord> rows)
        {
            var first = rows[0];
            var table = first.Channel switch
            {
                Channel.Email => M.Email.EntityLogicalName,
                Channel.Phone => M.PhoneCall.EntityLogicalName,
                Channel.Meeting => M.Appointment.EntityLogicalName,
                Channel.Letter => M.Letter.EntityLogicalName,
                _ => M.TaskActivity.EntityLogicalName,
            };
            var hasDirection = table is M.Email.EntityLogicalName or M.PhoneCall.EntityLogicalName or M.Letter.EntityLogicalName;
            if (first.Incoming && !hasDirection)
                throw new CliException($"Activity {first.ActivityId}: an incoming {first.Channel} cannot be stored, {table} has no direction.",
                    $"Aktivität {first.ActivityId}: ein eingehender Kontakt über {first.Channel} kann nicht gespeichert werden, {table} hat keine Richtung.");
            var row = new Entity(table, first.ActivityId)
            {
                [M.Email.Fields.Subject] = first.Channel + " " + (first.Incoming ? "from" : "to") + " contact",
                [M.Email.Fields.ActualEnd] = first.Time,
                [M.Email.Fields.StateCode] = new OptionSetValue(OrgReader.StateCompleted),
                [M.Email.Fields.CatOrigin] = new OptionSetValue(M.Choices.OptionValueBase + (int)first.Origin),
            };
            if (hasDirection) row[M.Email.Fields.DirectionCode] = !first.Incoming;
            if (table == M.TaskActivity.EntityLogicalName)
            {
                if (first.Channel != Channel.Other) row[M.TaskActivity.Fields.Category] = first.Channel.ToString();
                if (rows.Count > 1)
                    throw new CliException($"Activity {first.ActivityId}: a task has one regarding contact, not {rows.Count}.", $"Aktivität {first.ActivityId}: eine Aufgabe hat einen Bezugskontakt, nicht {rows.Count}.");
                row[M.TaskActivity.Fields.RegardingObjectId] = new EntityReference(M.Contact.EntityLogicalName, first.ContactId);
            }
            else
            {
                var parties = new EntityCollection { EntityName = M.ActivityParty.EntityLogicalName };
                foreach (var r in rows)
                    parties.Entities.Add(new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(M.Contact.EntityLogicalName, r.ContactId) });
                var column = table == M.Appointment.EntityLogicalName ? M.Appointment.Fields.RequiredAttendees : first.Incoming ? M.Email.Fields.From : M.Email.Fields.To;
                row[column] = parties;
            }
            // createdon is the platform's: the clock stands at the activity's time while the row is written.
            _org.Clock.Set(first.Time);
            _org.Seed(row, User(first.Owner));
        }
    }
}
