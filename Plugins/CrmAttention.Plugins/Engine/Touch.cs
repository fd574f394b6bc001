using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The outbound touch being evaluated: channel, origin, when it would happen (UTC), the activity it belongs to
    /// (so re-evaluating an activity at Send does not count its own pending entry), whether it replies to the
    /// contact's own inbound message, and an optional override reason.
    /// </summary>
    public sealed class Touch
    {
        public Touch(Channel channel, Origin origin, DateTime at, Guid activityId = default, bool isReplyToInbound = false, string? overrideReason = null)
        {
            if ((int)channel < 0 || (int)channel >= ModelParameters.ChannelCount) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel.");
            if ((int)origin < 0 || (int)origin >= ModelParameters.OriginCount) throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown origin.");
            Channel = channel;
            Origin = origin;
            At = LedgerEntry.Normalize(at, nameof(at));
            ActivityId = activityId;
            ActivityKey = LedgerEntry.KeyOf(activityId);
            IsReplyToInbound = isReplyToInbound;
            OverrideReason = overrideReason is null || overrideReason.Trim().Length == 0 ? null : overrideReason.Trim();
        }

        public Channel Channel { get; }

        public Origin Origin { get; }

        /// <summary>When the touch would happen, UTC, whole seconds.</summary>
        public DateTime At { get; }

        public Guid ActivityId { get; }

        public uint ActivityKey { get; }

        public bool IsReplyToInbound { get; }

        /// <summary>Why a user overrides the budget (cat_overridereason); null when none.</summary>
        public string? OverrideReason { get; }

        public Touch WithTime(DateTime at) => new Touch(Channel, Origin, at, ActivityId, IsReplyToInbound, OverrideReason);
    }
}
