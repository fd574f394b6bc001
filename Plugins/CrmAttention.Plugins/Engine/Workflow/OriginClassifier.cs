using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>
    /// Decides who made a touch. An explicit cat_origin on the activity always wins. Otherwise it is Automated when the
    /// initiating user is an application user or a member of a team the policy names, or when the activity carries one
    /// of the policy's automation markers (in subject or category) or was created by a workflow; Transactional when it
    /// is about a case; otherwise Human. Replies are decided per recipient by <see cref="IsReplyToInbound"/>.
    /// </summary>
    public static class OriginClassifier
    {
        public static Origin Classify(TouchActivity activity, IActorFacts actors, IEnumerable<AttentionPolicy> policies)
        {
            if (activity.ExplicitOrigin is Origin explicitOrigin) return explicitOrigin;
            var all = policies.ToList();
            var markers = all.SelectMany(p => p.AutomationMarkers).ToList();
            if (activity.IsWorkflowCreated || markers.Any(m => Contains(activity.Subject, m) || Contains(activity.Category, m))) return Origin.Automated;
            // The user's facts are read only when the row itself does not tell (a read on a cold cache).
            var facts = actors.Initiator();
            if (facts.IsApplicationUser || facts.IsMemberOfAny(all.SelectMany(p => p.AutomationTeams))) return Origin.Automated;
            if (activity.IsAboutCase) return Origin.Transactional;
            return Origin.Human;
        }

        /// <summary>
        /// True when the activity answers an email this contact sent (recorded on the contact's ledger as a response, keyed
        /// by the email's id) within the policy's reply exemption window. Needs no extra query: the ledger is loaded anyway.
        /// </summary>
        public static bool IsReplyToInbound(TouchActivity activity, ContactState contact, AttentionPolicy policy, DateTime now)
        {
            if (activity.ParentActivityId is not Guid parent || policy.ReplyExemptionDays <= 0) return false;
            var key = LedgerEntry.KeyOf(parent);
            foreach (var entry in contact.Ledger.Entries)
            {
                if (entry.Kind == LedgerEntryKind.Response && entry.Key == key && entry.Time <= now && now - entry.Time <= TimeSpan.FromDays(policy.ReplyExemptionDays)) return true;
            }
            return false;
        }

        private static bool Contains(string? text, string marker) => text != null && text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
