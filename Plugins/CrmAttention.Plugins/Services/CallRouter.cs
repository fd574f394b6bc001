using System;
using System.Linq;
using CrmAttention.Engine;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using M = CrmAttention.Model;
using PC = CrmAttention.Model.PhoneCall.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Turns a RouteToHuman decision into a phone call for the contact's owner: subject and briefing in the owner's
    /// language, due by the policy's SLA, regarding the original regarding record (or the contact), linked to the
    /// suppressed activity through cat_routedfromid. A contact has at most one open routed call: a later routing appends
    /// its briefing to that call instead of creating another.
    /// </summary>
    public sealed class CallRouter
    {
        /// <summary>activityparty.participationtypemask of a To recipient.</summary>
        private const int ToRecipient = 2;

        private readonly IOrganizationService _service;
        private readonly Func<Guid, UserFacts> _userFacts;

        public CallRouter(IOrganizationService service, Func<Guid, UserFacts> userFacts)
        {
            _service = service;
            _userFacts = userFacts;
        }

        /// <summary>The open routed call of a contact, or null (one query).</summary>
        public Entity? FindOpenCall(Guid contactId)
        {
            var query = new QueryExpression(M.PhoneCall.EntityLogicalName) { ColumnSet = new ColumnSet(PC.ActivityId, PC.Description, PC.CatRoutedFromId), TopCount = 1 };
            query.Criteria.AddCondition(PC.StateCode, ConditionOperator.Equal, 0);
            query.Criteria.AddCondition(PC.CatRoutedFromId, ConditionOperator.NotNull);
            query.AddOrder(PC.CreatedOn, OrderType.Ascending);
            var party = query.AddLink(M.ActivityParty.EntityLogicalName, PC.ActivityId, M.ActivityParty.Fields.ActivityId, JoinOperator.Inner);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.PartyId, ConditionOperator.Equal, contactId);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.ParticipationTypeMask, ConditionOperator.Equal, ToRecipient);
            return _service.RetrieveMultiple(query).Entities.FirstOrDefault();
        }

        /// <summary>Creates the routed call, or appends to the contact's open one; returns the call.</summary>
        public EntityReference Route(Decision decision, LoadedContact loaded, ActivityInfo activity, DateTime now)
        {
            var owner = decision.OwnerId ?? throw new InvalidOperationException("A decision without an owner cannot be routed.");
            var format = MessageFormat.FromLcid(_userFacts(owner).UiLanguageId);
            var briefing = CallBriefing.Compose(decision, loaded.Contact, loaded.Policy, now);
            var text = briefing.GetText(format);
            var existing = FindOpenCall(loaded.Contact.Id);
            if (existing != null)
            {
                var previous = Row.Get<string>(existing, PC.Description) ?? "";
                var separator = format.Pick("\n--- Routed again on ", "\n--- Erneut weitergeleitet am ") + format.FormatInstant(now) + " ---\n";
                _service.Update(new Entity(M.PhoneCall.EntityLogicalName, existing.Id) { [PC.Description] = Limit(previous + separator + text) });
                return new EntityReference(M.PhoneCall.EntityLogicalName, existing.Id);
            }
            var call = new Entity(M.PhoneCall.EntityLogicalName)
            {
                [PC.Subject] = Limit(briefing.GetSubject(format), 400),
                [PC.Description] = Limit(text),
                [PC.DirectionCode] = true,
                [PC.OwnerId] = new EntityReference(M.SystemUser.EntityLogicalName, owner),
                [PC.ScheduledEnd] = briefing.DueOn,
                [PC.RegardingObjectId] = activity.Regarding ?? new EntityReference(M.Contact.EntityLogicalName, loaded.Contact.Id),
                [PC.To] = new EntityCollection(new[] { Party(M.Contact.EntityLogicalName, loaded.Contact.Id) }) { EntityName = M.ActivityParty.EntityLogicalName },
                [PC.From] = new EntityCollection(new[] { Party(M.SystemUser.EntityLogicalName, owner) }) { EntityName = M.ActivityParty.EntityLogicalName },
                [PC.CatRoutedFromId] = activity.Id.ToString("D"),
                [PC.CatOrigin] = PolicyMapper.Choice((int)Origin.Human),
            };
            return new EntityReference(M.PhoneCall.EntityLogicalName, _service.Create(call));
        }

        private static Entity Party(string table, Guid id) => new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(table, id) };

        // Keep the call's description readable and within the column (100,000 characters); the newest briefing matters most.
        private static string Limit(string text, int max = 20000) => text.Length <= max ? text : text.Substring(text.Length - max);
    }
}
