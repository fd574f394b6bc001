using System;
using System.Collections.Generic;
using System.ServiceModel;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using Microsoft.Xrm.Sdk;
using D = CrmAttention.Model.AttentionDecision.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Writes cat_attentiondecision rows: one per logged decision and recipient, as SYSTEM (the log is append-only, and
    /// nobody's privileges should decide whether a decision is recorded), owned by the owner of the touched activity so
    /// that a seller's role can grant reading their own decisions. The message is stored in English and German, since
    /// the people reporting on it read either. The workflow's <see cref="IDecisionLog"/> on Dataverse.
    /// <para>
    /// Dataverse refuses a row whose owner cannot read it (the owner needs the table's Read privilege; an owner with no
    /// role at all gets its own fault), even when SYSTEM writes it. A seller without the CrmAttention User role would
    /// then fail the log write, and with it the seller's email. So the owner's Read privilege is asked first
    /// (RetrieveUserPrivilegeByPrivilegeName for a user, RetrieveTeamPrivileges for a team, once per owner and
    /// execution): without it the row is written without an owner (owned by SYSTEM) and the message says so. Asking
    /// first matters because a refused Create inside the transaction ends the transaction even when caught. Outside a
    /// transaction (PreValidation of a top-level request) a Create refused for the owner anyway is retried once without
    /// the owner; only the three authorization faults are treated so.
    /// </para>
    /// </summary>
    public sealed class DecisionLog : IDecisionLog
    {
        /// <summary>PrivilegeDenied (0x80040220), AccessDenied (0x80048306), no roles assigned (0x80042F09).</summary>
        private static readonly int[] OwnerFaults = { -2147220960, -2147187962, -2147209463 };

        private static readonly string ReadPrivilege = "prvRead" + M.EarlyBound.cat_AttentionDecision.EntitySchemaName;

        private readonly IOrganizationService _service;
        private readonly Guid _correlationId;
        private readonly Dictionary<RecordRef, bool> _ownerCanRead = new Dictionary<RecordRef, bool>();

        public DecisionLog(IOrganizationService service, Guid correlationId)
        {
            _service = service;
            _correlationId = correlationId;
        }

        /// <summary>Creates the decision row; one Create call, and one privilege look-up per new owner.</summary>
        public void Write(DecisionRecord record)
        {
            var owner = record.Owner is RecordRef o && IsOwnerTable(o.LogicalName) ? o : (RecordRef?)null;
            if (owner is RecordRef wanted && !OwnerCanRead(wanted))
            {
                _service.Create(Row(record, null, wanted));
                return;
            }
            try
            {
                _service.Create(Row(record, owner, null));
            }
            catch (FaultException<OrganizationServiceFault> fault) when (owner != null && Array.IndexOf(OwnerFaults, fault.Detail.ErrorCode) >= 0)
            {
                _ownerCanRead[owner.Value] = false;
                _service.Create(Row(record, null, owner.Value));
            }
        }

        // The row; with an owner, owned by it; with a refused owner, owned by the caller and saying why in both languages.
        private Entity Row(DecisionRecord record, RecordRef? owner, RecordRef? refusedOwner)
        {
            var d = record.Decision;
            var errorDetail = record.ErrorDetail;
            var activity = record.Activity;
            var message = d.GetMessage(MessageFormat.English) + "\n\n" + d.GetMessage(MessageFormat.German);
            if (errorDetail != null) message = errorDetail + "\n\n" + message;
            if (refusedOwner is RecordRef refused)
            {
                message = "Owned by SYSTEM: the activity's owner (" + refused.LogicalName + " " + refused.Id.ToString("D") + ") may not read attention decisions.\n"
                    + "Im Besitz von SYSTEM: Der Besitzer der Aktivität (" + refused.LogicalName + " " + refused.Id.ToString("D") + ") darf keine Aufmerksamkeitsentscheidungen lesen.\n\n"
                    + message;
            }
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
            if (owner is RecordRef known) row[D.OwnerId] = new EntityReference(known.LogicalName, known.Id);
            if (activity != null)
            {
                row[D.CatActivityId] = activity.Id.ToString("D");
                row[D.CatActivityTypeCode] = activity.LogicalName;
            }
            return row;
        }

        // Whether the owner holds Read on the decision table at some depth (owning a row needs that, whatever the depth).
        private bool OwnerCanRead(RecordRef owner)
        {
            if (_ownerCanRead.TryGetValue(owner, out var known)) return known;
            bool canRead;
            if (owner.LogicalName == M.SystemUser.EntityLogicalName)
            {
                var response = _service.Execute(new OrganizationRequest("RetrieveUserPrivilegeByPrivilegeName") { ["UserId"] = owner.Id, ["PrivilegeName"] = ReadPrivilege });
                canRead = response.Results["RolePrivileges"] is Array grants && grants.Length > 0;
            }
            else
            {
                // RetrieveTeamPrivileges lists every privilege of the team; RolePrivilege (Microsoft.Crm.Sdk.Proxy) is read by its public PrivilegeName.
                var response = _service.Execute(new OrganizationRequest("RetrieveTeamPrivileges") { ["TeamId"] = owner.Id });
                canRead = false;
                if (response.Results["RolePrivileges"] is Array grants)
                {
                    foreach (var grant in grants)
                    {
                        var name = grant?.GetType().GetProperty("PrivilegeName")?.GetValue(grant) as string;
                        if (string.Equals(name, ReadPrivilege, StringComparison.OrdinalIgnoreCase)) canRead = true;
                    }
                }
            }
            _ownerCanRead[owner] = canRead;
            return canRead;
        }

        private static bool IsOwnerTable(string logicalName) => logicalName == M.SystemUser.EntityLogicalName || logicalName == M.Team.EntityLogicalName;

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max);
    }
}
