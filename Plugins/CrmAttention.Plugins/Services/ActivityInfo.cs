using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using E = CrmAttention.Model.Email.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>One contact named on an activity, and the party-list column it is in (empty for the regarding contact).</summary>
    public readonly struct ContactParty
    {
        public ContactParty(Guid contactId, string column)
        {
            ContactId = contactId;
            Column = column;
        }

        public Guid ContactId { get; }

        public string Column { get; }
    }

    /// <summary>
    /// What CrmAttention needs from an activity row (a Target, an image, or both merged): its table and channel,
    /// direction, explicit origin, markers, regarding record and the contacts it is addressed to or comes from.
    /// </summary>
    public sealed class ActivityInfo
    {
        /// <summary>The tables CrmAttention budgets, with their channel.</summary>
        public static readonly IReadOnlyDictionary<string, Channel> Tables = new Dictionary<string, Channel>(StringComparer.Ordinal)
        {
            [M.Email.EntityLogicalName] = Channel.Email,
            [M.PhoneCall.EntityLogicalName] = Channel.Phone,
            [M.Appointment.EntityLogicalName] = Channel.Meeting,
            [M.TaskActivity.EntityLogicalName] = Channel.Other,
            [M.Letter.EntityLogicalName] = Channel.Letter,
        };

        private ActivityInfo(string logicalName, Guid id, Entity values)
        {
            LogicalName = logicalName;
            Id = id;
            Values = values;
        }

        public string LogicalName { get; }

        public Guid Id { get; }

        /// <summary>The merged column values (image first, Target over it).</summary>
        public Entity Values { get; }

        public Channel Channel { get; private set; }

        /// <summary>directioncode: true (outgoing) unless the row says otherwise; appointments and tasks are always outgoing.</summary>
        public bool IsOutgoing { get; private set; }

        /// <summary>cat_origin as set on the row: an explicit origin always wins.</summary>
        public Origin? ExplicitOrigin { get; private set; }

        public string? Subject => Row.Get<string>(Values, E.Subject);

        public string? Category => Row.Get<string>(Values, E.Category);

        /// <summary>isworkflowcreated: the platform's own marker for activities a workflow created.</summary>
        public bool IsWorkflowCreated => Row.Get<bool>(Values, E.IsWorkflowCreated);

        public EntityReference? Regarding => Row.Get<EntityReference>(Values, E.RegardingObjectId);

        /// <summary>The email this one answers (parentactivityid), when it is a reply.</summary>
        public EntityReference? ParentActivity => LogicalName == M.Email.EntityLogicalName ? Row.Get<EntityReference>(Values, E.ParentActivityId) : null;

        public string? OverrideReason => Row.Get<string>(Values, E.CatOverrideReason);

        /// <summary>cat_routedfromid: set on the phone calls CrmAttention routes, which are never evaluated themselves.</summary>
        public string? RoutedFromId => Row.Get<string>(Values, E.CatRoutedFromId);

        /// <summary>A phone call's result (cat_callresult); null for other tables and for a call completed without one.</summary>
        public CallResult? CallResult => LogicalName == M.PhoneCall.EntityLogicalName && Row.Get<OptionSetValue>(Values, M.PhoneCall.Fields.CatCallResult) is OptionSetValue v
            ? (CallResult)PolicyMapper.Code(v)
            : (CallResult?)null;

        public DecisionKind? RecordedDecision => Row.Get<OptionSetValue>(Values, E.CatAttentionDecision) is OptionSetValue v ? (DecisionKind)PolicyMapper.Code(v) : (DecisionKind?)null;

        public ReasonCode? RecordedReason => Row.Get<OptionSetValue>(Values, E.CatAttentionReason) is OptionSetValue v ? (ReasonCode)PolicyMapper.Code(v) : (ReasonCode?)null;

        public int? StateCode => Row.Get<OptionSetValue>(Values, E.StateCode)?.Value;

        /// <summary>The contacts the activity goes to: party lists first; the regarding contact only when no party is a contact.</summary>
        public IReadOnlyList<ContactParty> Recipients { get; private set; } = Array.Empty<ContactParty>();

        /// <summary>The contacts an incoming activity comes from (from; for appointments the attendees).</summary>
        public IReadOnlyList<Guid> Senders { get; private set; } = Array.Empty<Guid>();

        public IReadOnlyList<Guid> RecipientIds => Recipients.Select(r => r.ContactId).Distinct().ToList();

        public static bool IsBudgetedTable(string logicalName) => Tables.ContainsKey(logicalName);

        /// <summary>
        /// Reads an activity from an image and/or a Target; the Target's values win. <paramref name="creator"/>: the user
        /// creating the row, who owns it when the Target names no owner (the platform's default on Create).
        /// </summary>
        public static ActivityInfo From(string logicalName, Guid id, Entity? image, Entity? target, Guid? creator = null)
        {
            if (!Tables.TryGetValue(logicalName, out var channel))
                throw new InvalidPluginExecutionException("CrmAttention does not budget activities of table '" + logicalName + "'.");
            var values = new Entity(logicalName, id);
            if (image != null) foreach (var a in image.Attributes) values[a.Key] = a.Value;
            if (target != null) foreach (var a in target.Attributes) values[a.Key] = a.Value;
            var info = new ActivityInfo(logicalName, id, values);
            info.Channel = logicalName == M.TaskActivity.EntityLogicalName ? TaskChannel(info.Category) : channel;
            info.IsOutgoing = !values.Contains(E.DirectionCode) || !(values[E.DirectionCode] is bool outgoing) || outgoing;
            if (Row.Get<OptionSetValue>(values, E.CatOrigin) is OptionSetValue origin) info.ExplicitOrigin = (Origin)PolicyMapper.Code(origin);
            info.Recipients = ReadRecipients(info);
            info.Senders = ReadSenders(info);
            info.Touch = ToTouch(info, creator);
            return info;
        }

        /// <summary>The activity as the workflow sees it.</summary>
        public TouchActivity Touch { get; private set; } = null!;

        /// <summary>The party-list columns that address recipients on each table.</summary>
        public static IReadOnlyList<string> RecipientColumns(string logicalName)
        {
            switch (logicalName)
            {
                case M.Email.EntityLogicalName: return new[] { E.To, E.Cc, E.Bcc };
                case M.PhoneCall.EntityLogicalName: return new[] { M.PhoneCall.Fields.To };
                case M.Letter.EntityLogicalName: return new[] { M.Letter.Fields.To };
                case M.Appointment.EntityLogicalName: return new[] { M.Appointment.Fields.RequiredAttendees, M.Appointment.Fields.OptionalAttendees };
                default: return Array.Empty<string>();
            }
        }

        /// <summary>
        /// Removes contacts from the party lists of <paramref name="row"/> (the Target in PreOperation, or an Update);
        /// returns true when any party list changed. Other parties (users, accounts, unresolved addresses) stay.
        /// </summary>
        public static bool RemoveRecipients(string logicalName, Entity source, Entity row, IReadOnlyCollection<Guid> contactIds)
        {
            var changed = false;
            foreach (var column in RecipientColumns(logicalName))
            {
                if (!(Row.Get<EntityCollection>(source, column) is EntityCollection parties)) continue;
                var kept = parties.Entities.Where(p => !(Row.Get<EntityReference>(p, M.ActivityParty.Fields.PartyId) is EntityReference r
                    && r.LogicalName == M.Contact.EntityLogicalName && contactIds.Contains(r.Id))).ToList();
                if (kept.Count == parties.Entities.Count) continue;
                row[column] = new EntityCollection(kept.Select(CopyParty).ToList()) { EntityName = M.ActivityParty.EntityLogicalName };
                changed = true;
            }
            return changed;
        }

        private static Entity CopyParty(Entity party)
        {
            var copy = new Entity(M.ActivityParty.EntityLogicalName);
            if (Row.Get<EntityReference>(party, M.ActivityParty.Fields.PartyId) is EntityReference r) copy[M.ActivityParty.Fields.PartyId] = new EntityReference(r.LogicalName, r.Id);
            if (Row.Get<string>(party, M.ActivityParty.Fields.AddressUsed) is string address) copy[M.ActivityParty.Fields.AddressUsed] = address;
            return copy;
        }

        private static TouchActivity ToTouch(ActivityInfo info, Guid? creator)
        {
            var owner = Row.Get<EntityReference>(info.Values, E.OwnerId);
            return new TouchActivity(info.LogicalName, info.Id, Kinds[info.LogicalName], info.Channel)
            {
                IsOutgoing = info.IsOutgoing,
                ExplicitOrigin = info.ExplicitOrigin,
                Subject = info.Subject,
                Category = info.Category,
                IsWorkflowCreated = info.IsWorkflowCreated,
                Regarding = info.Regarding is EntityReference r ? new RecordRef(r.LogicalName, r.Id) : (RecordRef?)null,
                IsAboutCase = info.Regarding?.LogicalName == PlatformTables.Case,
                ParentActivityId = info.ParentActivity?.Id,
                OverrideReason = info.OverrideReason,
                IsRoutedCall = info.RoutedFromId != null,
                CallResult = info.CallResult,
                RecordedDecision = info.RecordedDecision,
                RecordedReason = info.RecordedReason,
                State = info.StateCode is int state ? (ActivityState)state : (ActivityState?)null,
                ActualEnd = Instants.Utc(Row.Get<DateTime?>(info.Values, E.ActualEnd)),
                Owner = owner != null ? new RecordRef(owner.LogicalName, owner.Id)
                    : creator is Guid user ? new RecordRef(M.SystemUser.EntityLogicalName, user) : (RecordRef?)null,
                RecipientIds = info.RecipientIds,
                Senders = info.Senders,
            };
        }

        private static readonly IReadOnlyDictionary<string, ActivityKind> Kinds = new Dictionary<string, ActivityKind>(StringComparer.Ordinal)
        {
            [M.Email.EntityLogicalName] = ActivityKind.Email,
            [M.PhoneCall.EntityLogicalName] = ActivityKind.PhoneCall,
            [M.Appointment.EntityLogicalName] = ActivityKind.Appointment,
            [M.TaskActivity.EntityLogicalName] = ActivityKind.Task,
            [M.Letter.EntityLogicalName] = ActivityKind.Letter,
        };

        private static IReadOnlyList<ContactParty> ReadRecipients(ActivityInfo info)
        {
            var list = new List<ContactParty>();
            foreach (var column in RecipientColumns(info.LogicalName))
            {
                foreach (var id in ContactsIn(info.Values, column)) list.Add(new ContactParty(id, column));
            }
            if (list.Count == 0 && info.Regarding is EntityReference regarding && regarding.LogicalName == M.Contact.EntityLogicalName)
                list.Add(new ContactParty(regarding.Id, ""));
            return list;
        }

        private static IReadOnlyList<Guid> ReadSenders(ActivityInfo info)
        {
            switch (info.LogicalName)
            {
                case M.Email.EntityLogicalName: return ContactsIn(info.Values, E.From).ToList();
                case M.PhoneCall.EntityLogicalName: return ContactsIn(info.Values, M.PhoneCall.Fields.From).ToList();
                case M.Appointment.EntityLogicalName: return info.Recipients.Select(r => r.ContactId).Distinct().ToList();
                default: return Array.Empty<Guid>();
            }
        }

        private static IEnumerable<Guid> ContactsIn(Entity values, string column)
        {
            if (!(Row.Get<EntityCollection>(values, column) is EntityCollection parties)) yield break;
            foreach (var party in parties.Entities)
            {
                if (Row.Get<EntityReference>(party, M.ActivityParty.Fields.PartyId) is EntityReference r && r.LogicalName == M.Contact.EntityLogicalName) yield return r.Id;
            }
        }

        /// <summary>A task is an outreach of the channel its category names (e.g. "Sms", "Social"); otherwise channel Other.</summary>
        private static Channel TaskChannel(string? category)
        {
            if (category != null && Enum.TryParse<Channel>(category.Trim(), true, out var channel) && Enum.IsDefined(typeof(Channel), channel)) return channel;
            return Channel.Other;
        }
    }
}
