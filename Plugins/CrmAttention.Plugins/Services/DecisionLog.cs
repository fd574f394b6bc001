using System;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;
using D = CrmAttention.Model.AttentionDecision.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Writes cat_attentiondecision rows: one per logged decision and recipient, as SYSTEM (the log is append-only, and
    /// nobody's privileges should decide whether a decision is recorded), owned by the owner of the touched activity so
    /// that a seller's role can grant reading their own decisions. The message is stored in English and German, since
    /// the people reporting on it read either. The workflow's <see cref="IDecisionLog"/> on Dataverse.
    /// </summary>
    public sealed class DecisionLog : IDecisionLog
    {
        private readonly IOrganizationService _service;
        private readonly Guid _correlationId;

        public DecisionLog(IOrganizationService service, Guid correlationId)
        {
            _service = service;
            _correlationId = correlationId;
        }

        /// <summary>Creates the decision row; one Create call.</summary>
        public void Write(DecisionRecord record)
        {
            var d = record.Decision;
            var errorDetail = record.ErrorDetail;
            var activity = record.Activity;
            var message = d.GetMessage(MessageFormat.English) + "\n\n" + d.GetMessage(MessageFormat.German);
            if (errorDetail != null) message = errorDetail + "\n\n" + message;
            var row = new Entity(M.AttentionDecision.EntityLogicalName)
            {
                [D.CatName] = Truncate(d.Kind + " " + d.Reason + ": " + d.ContactName + " (" + d.Channel + ", " + d.Origin + ")", 200),
                [D.CatContactId] = new EntityReference(M.Contact.EntityLogicalName, d.ContactId),
                [D.CatChannel] = PolicyMapper.Choice((int)d.Channel),
                [D.CatOrigin] = PolicyMapper.Choice((int)d.Origin),
                [D.CatDecision] = PolicyMapper.Choice((int)d.Kind),
                [D.CatReason] = PolicyMapper.Choice((int)d.Reason),
                [D.CatMessage] = Truncate(message, 4000),
                [D.CatScore] = AttentionStore.Round(d.Score, 2, 100m),
                [D.CatPressure] = AttentionStore.Round(d.Pressure, 4, 100000m),
                [D.CatMarginalValue] = AttentionStore.Round(d.MarginalValue, 2, 100000000000m),
                [D.CatNextAllowedOn] = d.NextAllowedOn,
                [D.CatEvaluatedOn] = record.EvaluatedOn,
                [D.CatCorrelationId] = _correlationId.ToString("D"),
            };
            if (d.AccountId is Guid accountId) row[D.CatAccountId] = new EntityReference(M.Account.EntityLogicalName, accountId);
            // The built-in defaults have no row to point at.
            if (d.PolicyId != Guid.Empty) row[D.CatPolicyId] = new EntityReference(M.AttentionPolicy.EntityLogicalName, d.PolicyId);
            if (d.ContactValue is decimal value) row[D.CatContactValue] = Math.Round(Math.Max(0m, Math.Min(value, 100000000000m)), 2);
            if (d.OverrideReason != null) row[D.CatOverrideReason] = Truncate(d.OverrideReason, 400);
            if (record.RoutedCallId is Guid call) row[D.CatRoutedCallId] = new EntityReference(M.PhoneCall.EntityLogicalName, call);
            // Without a known owner (a user or a team) the row keeps the platform's default: the calling user, SYSTEM.
            if (record.Owner is RecordRef owner && IsOwnerTable(owner.LogicalName)) row[D.OwnerId] = new EntityReference(owner.LogicalName, owner.Id);
            if (activity != null)
            {
                row[D.CatActivityId] = activity.Id.ToString("D");
                row[D.CatActivityTypeCode] = activity.LogicalName;
            }
            _service.Create(row);
        }

        private static bool IsOwnerTable(string logicalName) => logicalName == M.SystemUser.EntityLogicalName || logicalName == M.Team.EntityLogicalName;

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max);
    }
}
