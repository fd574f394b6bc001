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
            Set(channel, origin, at, activityId, isReplyToInbound, overrideReason);
        }

        public Channel Channel { get; private set; }

        public Origin Origin { get; private set; }

        /// <summary>When the touch would happen, UTC, whole seconds.</summary>
        public DateTime At { get; private set; }

        public Guid ActivityId { get; private set; }

        public uint ActivityKey { get; private set; }

        public bool IsReplyToInbound { get; private set; }

        /// <summary>Why a user overrides the budget (cat_overridereason); null when none.</summary>
        public string? OverrideReason { get; private set; }

        /// <summary>
        /// Makes this touch another one: only <see cref="Workflow.ReplayBuffer"/> does this, so that a replay of a million
        /// touches needs one Touch, not a million. Everywhere else a touch never changes once made.
        /// </summary>
        internal void Set(Channel channel, Origin origin, DateTime at, Guid activityId, bool isReplyToInbound = false, string? overrideReason = null)
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

        public Touch WithTime(DateTime at) => new Touch(Channel, Origin, at, ActivityId, IsReplyToInbound, OverrideReason);
    }
}
