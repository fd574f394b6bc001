using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using M = CrmAttention.Model;
using PC = CrmAttention.Model.PhoneCall.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Routed calls as Dataverse phone calls (the workflow's <see cref="ICallRouter"/>): owned by the contact's owner,
    /// due by the policy's SLA, regarding the original regarding record (or the contact), linked to the suppressed
    /// activity through cat_routedfromid, addressed to the contact. The workflow decides when to create or append.
    /// </summary>
    public sealed class CallRouter : ICallRouter
    {
        /// <summary>activityparty.participationtypemask of a To recipient.</summary>
        private const int ToRecipient = 2;

        private readonly IOrganizationService _service;

        public CallRouter(IOrganizationService service)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
        }

        /// <summary>The open routed call of a contact, or null (one query).</summary>
        public RoutedCallRef? FindOpenCall(Guid contactId)
        {
            var query = new QueryExpression(M.PhoneCall.EntityLogicalName) { ColumnSet = new ColumnSet(PC.ActivityId, PC.Description, PC.CatRoutedFromId, PC.OwnerId), TopCount = 1 };
            query.Criteria.AddCondition(PC.StateCode, ConditionOperator.Equal, 0);
            query.Criteria.AddCondition(PC.CatRoutedFromId, ConditionOperator.NotNull);
            query.AddOrder(PC.CreatedOn, OrderType.Ascending);
            var party = query.AddLink(M.ActivityParty.EntityLogicalName, PC.ActivityId, M.ActivityParty.Fields.ActivityId, JoinOperator.Inner);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.PartyId, ConditionOperator.Equal, contactId);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.ParticipationTypeMask, ConditionOperator.Equal, ToRecipient);
            var row = _service.RetrieveMultiple(query).Entities.FirstOrDefault();
            if (row == null) return null;
            var owner = Row.Get<EntityReference>(row, PC.OwnerId);
            return new RoutedCallRef(row.Id, Row.Get<string>(row, PC.Description), owner == null ? (RecordRef?)null : new RecordRef(owner.LogicalName, owner.Id));
        }

        public RoutedCallRef Create(RoutedCallRequest request)
        {
            var contactId = request.Contact.Contact.Id;
            var text = Limit(request.Text);
            var call = new Entity(M.PhoneCall.EntityLogicalName)
            {
                [PC.Subject] = Limit(request.Subject, 400),
                [PC.Description] = text,
                [PC.DirectionCode] = true,
                [PC.OwnerId] = new EntityReference(M.SystemUser.EntityLogicalName, request.OwnerId),
                [PC.ScheduledEnd] = request.DueOn,
                [PC.RegardingObjectId] = request.Activity.Regarding is RecordRef r ? new EntityReference(r.LogicalName, r.Id) : new EntityReference(M.Contact.EntityLogicalName, contactId),
                [PC.To] = new EntityCollection(new[] { Party(M.Contact.EntityLogicalName, contactId) }) { EntityName = M.ActivityParty.EntityLogicalName },
                [PC.From] = new EntityCollection(new[] { Party(M.SystemUser.EntityLogicalName, request.OwnerId) }) { EntityName = M.ActivityParty.EntityLogicalName },
                [PC.CatRoutedFromId] = request.Activity.Id.ToString("D"),
                [PC.CatOrigin] = PolicyMapper.Choice((int)Origin.Human),
            };
            return new RoutedCallRef(_service.Create(call), text, new RecordRef(M.SystemUser.EntityLogicalName, request.OwnerId));
        }

        public void Append(RoutedCallRef call, RoutedCallRequest request) =>
            _service.Update(new Entity(M.PhoneCall.EntityLogicalName, call.Id) { [PC.Description] = Limit((call.Description ?? "") + request.AppendedText) });

        private static Entity Party(string table, Guid id) => new Entity(M.ActivityParty.EntityLogicalName) { [M.ActivityParty.Fields.PartyId] = new EntityReference(table, id) };

        // Keep the call's description readable and within the column (100,000 characters); the newest briefing matters most.
        private static string Limit(string text, int max = 20000) => text.Length <= max ? text : text.Substring(text.Length - max);
    }
}
