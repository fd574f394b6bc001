using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using CrmAttention.Engine.Worklist;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;
using PC = CrmAttention.Model.PhoneCall.Fields;
using Req = CrmAttention.Model.CustomApis.GetWorklist.Request;
using Res = CrmAttention.Model.CustomApis.GetWorklist.Response;

namespace CrmAttention.Plugins.Api
{
    /// <summary>
    /// cat_GetWorklist: a seller's contacts ranked by the expected value of one person's touch now, routed calls first
    /// (<see cref="WorklistRanker"/>). Reads are bounded: the owned contacts with their accounts and policies (one query
    /// per 5,000 contacts), the user's open routed calls (one query) and the decisions they were routed from (one query)
    /// — stored columns and ledgers only, never the activity history. Changes nothing.
    /// </summary>
    public sealed class GetWorklistApi : PluginBase
    {
        /// <summary>activityparty.participationtypemask of a To recipient.</summary>
        private const int ToRecipient = 2;
        private const string PartyAlias = "to";

        public GetWorklistApi(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        /// <summary>The columns of each row of cat_Rows (an expando entity per contact).</summary>
        public static class Row
        {
            public const string Contact = "cat_contact";

            /// <summary>The contact's full name as text: the Web API does not annotate lookups inside an expando row with names.</summary>
            public const string ContactName = "cat_contactname";
            public const string Account = "cat_account";
            public const string AccountName = "cat_accountname";
            public const string BestChannel = "cat_bestchannel";
            public const string ExpectedValue = "cat_expectedvalue";
            public const string Score = "cat_score";
            public const string Band = "cat_band";
            public const string Reason = "cat_reason";
            public const string ReasonLine = "cat_reasonline";
            public const string RoutedCall = "cat_routedcall";
            public const string RoutedCallDueOn = "cat_routedcalldueon";
        }

        [StageReason("MainOperation: a custom API's implementation runs as the core operation of its message.")]
        [PluginStep(Message = M.CustomApis.GetWorklist.MessageName, Stage = PluginStage.MainOperation, Description = "Rank a seller's contacts by the expected value of a person's touch now.")]
        private void GetWorklist(LocalPluginContext ctx)
        {
            var format = ctx.UserFormat();
            var count = ctx.HasInput(Req.Count) && ctx.Context.InputParameters[Req.Count] is int n ? n : WorklistRanker.DefaultCount;
            if (count < 1 || count > WorklistRanker.MaxCount)
                throw new InvalidPluginExecutionException(format.Pick(Req.Count + " must be between 1 and " + WorklistRanker.MaxCount + ".", Req.Count + " muss zwischen 1 und " + WorklistRanker.MaxCount + " liegen."));
            var user = ctx.Input<EntityReference>(Req.User);
            if (user != null && (user.LogicalName != M.SystemUser.EntityLogicalName || user.Id == Guid.Empty))
                throw new InvalidPluginExecutionException(format.Pick(Req.User + " must be a user.", Req.User + " muss ein Benutzer sein."));
            var userId = user?.Id ?? ctx.Context.InitiatingUserId;
            var now = ctx.Now;

            // Read as the caller: a manager looking at a seller's list sees only the contacts they may read themselves.
            var service = ctx.InitiatingUserService;
            var loaded = new AttentionStore(service).LoadOwnedBy(userId);
            var calls = OpenRoutedCalls(service, userId);
            // A contact whose policy row cannot be read has no budgets to rank it by: it is left out, and the trace says why.
            foreach (var broken in loaded.Where(l => l.ConfigurationError != null))
                ctx.Trace("Worklist: contact {0} left out, its policy cannot be read: {1}", broken.Contact.Id, broken.ConfigurationError!.Message);
            var candidates = loaded.Where(l => l.ConfigurationError == null)
                .Select(l => new WorklistCandidate(l.Contact, l.Account, l.Policy, calls.TryGetValue(l.Contact.Id, out var call) ? call : null));
            var rows = new EntityCollection();
            foreach (var row in WorklistRanker.Rank(candidates, now, count)) rows.Entities.Add(ToEntity(row, format));
            ctx.SetOutput(Res.Rows, rows);
        }

        /// <summary>The user's open routed calls by contact (the oldest when a contact has several), with the channel they were routed from.</summary>
        private static Dictionary<Guid, OpenRoutedCall> OpenRoutedCalls(IOrganizationService service, Guid userId)
        {
            var query = new QueryExpression(M.PhoneCall.EntityLogicalName) { ColumnSet = new ColumnSet(PC.ActivityId, PC.CreatedOn, PC.ScheduledEnd) };
            query.Criteria.AddCondition(PC.OwnerId, ConditionOperator.Equal, userId);
            query.Criteria.AddCondition(PC.StateCode, ConditionOperator.Equal, 0);
            query.Criteria.AddCondition(PC.CatRoutedFromId, ConditionOperator.NotNull);
            query.AddOrder(PC.CreatedOn, OrderType.Ascending);
            var party = query.AddLink(M.ActivityParty.EntityLogicalName, PC.ActivityId, M.ActivityParty.Fields.ActivityId, JoinOperator.Inner);
            party.EntityAlias = PartyAlias;
            party.Columns = new ColumnSet(M.ActivityParty.Fields.PartyId);
            party.LinkCriteria.AddCondition(M.ActivityParty.Fields.ParticipationTypeMask, ConditionOperator.Equal, ToRecipient);
            var found = new Dictionary<Guid, Entity>();
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var to = Services.Row.Aliased<EntityReference>(row, PartyAlias, M.ActivityParty.Fields.PartyId);
                if (to == null || to.LogicalName != M.Contact.EntityLogicalName || found.ContainsKey(to.Id)) continue;
                found.Add(to.Id, row);
            }
            var channels = RoutedFromChannels(service, found.Values.Select(r => r.Id).ToList());
            return found.ToDictionary(f => f.Key, f => new OpenRoutedCall(f.Value.Id, Instants.Utc(Services.Row.Get<DateTime?>(f.Value, PC.CreatedOn)) ?? DateTime.MinValue,
                Instants.Utc(Services.Row.Get<DateTime?>(f.Value, PC.ScheduledEnd)), channels.TryGetValue(f.Value.Id, out var c) ? c : (Channel?)null));
        }

        /// <summary>The channel of the suppressed touch each call was routed from, from the decision log (one query).</summary>
        private static Dictionary<Guid, Channel> RoutedFromChannels(IOrganizationService service, IReadOnlyCollection<Guid> callIds)
        {
            var result = new Dictionary<Guid, Channel>();
            if (callIds.Count == 0) return result;
            var query = new QueryExpression(M.AttentionDecision.EntityLogicalName) { ColumnSet = new ColumnSet(D.CatRoutedCallId, D.CatChannel) };
            query.Criteria.AddCondition(D.CatRoutedCallId, ConditionOperator.In, callIds.Cast<object>().ToArray());
            query.AddOrder(D.CreatedOn, OrderType.Ascending);
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var call = Services.Row.Get<EntityReference>(row, D.CatRoutedCallId);
                var channel = Services.Row.Get<OptionSetValue>(row, D.CatChannel);
                if (call == null || channel == null || result.ContainsKey(call.Id)) continue;
                result.Add(call.Id, (Channel)PolicyMapper.Code(channel));
            }
            return result;
        }

        private static Entity ToEntity(WorklistRow row, MessageFormat format)
        {
            var e = new Entity
            {
                [Row.Contact] = new EntityReference(M.Contact.EntityLogicalName, row.ContactId) { Name = row.ContactName },
                [Row.ContactName] = row.ContactName,
                [Row.BestChannel] = (int)row.BestChannel,
                [Row.ExpectedValue] = AttentionStore.Round(row.ExpectedValue, 2, 100000000000m),
                [Row.Score] = AttentionStore.Round(row.Score, 2, 100m),
                [Row.Band] = (int)row.Band,
                [Row.Reason] = (int)row.Reason,
                [Row.ReasonLine] = row.GetReasonLine(format),
            };
            if (row.AccountId is Guid account)
            {
                e[Row.Account] = new EntityReference(M.Account.EntityLogicalName, account) { Name = row.AccountName };
                e[Row.AccountName] = row.AccountName;
            }
            if (row.RoutedCall is OpenRoutedCall call)
            {
                e[Row.RoutedCall] = new EntityReference(M.PhoneCall.EntityLogicalName, call.Id);
                if (call.DueOn is DateTime due) e[Row.RoutedCallDueOn] = due;
            }
            return e;
        }
    }
}
