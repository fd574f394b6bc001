using System;

namespace CrmAttention.Engine
{
    /// <summary>What a ledger entry records.</summary>
    public enum LedgerEntryKind
    {
        /// <summary>A completed outbound touch.</summary>
        Touch = 0,

        /// <summary>An inbound interaction from the contact.</summary>
        Response = 1,

        /// <summary>A touch that was evaluated and allowed but has not happened yet; counts toward caps until it is completed, cancelled or expires.</summary>
        Pending = 2,
    }

    /// <summary>
    /// One touch, response or pending touch in a contact's or account's ledger. Times are UTC, whole seconds (the
    /// ledger's resolution) and not before 1 January 2000. Activities are identified by a 32-bit key derived from the
    /// activity id: enough to confirm or cancel a pending touch and to recognise a touch recorded twice within the
    /// few weeks a ledger covers, at a fraction of the space of a GUID.
    /// </summary>
    public readonly struct LedgerEntry
    {
        internal static readonly DateTime Epoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private LedgerEntry(LedgerEntryKind kind, DateTime time, Channel channel, Origin origin, uint key, DateTime expiresOn)
        {
            Kind = kind;
            Time = time;
            Channel = channel;
            Origin = origin;
            Key = key;
            ExpiresOn = expiresOn;
        }

        public LedgerEntryKind Kind { get; }

        public DateTime Time { get; }

        public Channel Channel { get; }

        public Origin Origin { get; }

        /// <summary>The activity key (<see cref="KeyOf"/>); 0 when the activity is unknown.</summary>
        public uint Key { get; }

        /// <summary>For a pending touch, when it stops counting; otherwise <see cref="DateTime.MaxValue"/>.</summary>
        public DateTime ExpiresOn { get; }

        /// <summary>True for touches and pending touches that count toward budgets (not Transactional).</summary>
        public bool IsBudgeted => Kind != LedgerEntryKind.Response && Origin != Origin.Transactional;

        public static LedgerEntry Touch(DateTime time, Channel channel, Origin origin, Guid activityId) =>
            new LedgerEntry(LedgerEntryKind.Touch, Normalize(time, nameof(time)), CheckChannel(channel), CheckOrigin(origin), KeyOf(activityId), DateTime.MaxValue);

        public static LedgerEntry Response(DateTime time, Channel channel, Guid activityId) =>
            new LedgerEntry(LedgerEntryKind.Response, Normalize(time, nameof(time)), CheckChannel(channel), Origin.Human, KeyOf(activityId), DateTime.MaxValue);

        public static LedgerEntry Pending(DateTime time, Channel channel, Origin origin, Guid activityId, DateTime expiresOn)
        {
            var t = Normalize(time, nameof(time));
            var e = Normalize(expiresOn, nameof(expiresOn));
            if (e < t) throw new ArgumentOutOfRangeException(nameof(expiresOn), expiresOn, "A pending touch cannot expire before it happens.");
            return new LedgerEntry(LedgerEntryKind.Pending, t, CheckChannel(channel), CheckOrigin(origin), KeyOf(activityId), e);
        }

        internal static LedgerEntry FromParts(LedgerEntryKind kind, DateTime time, Channel channel, Origin origin, uint key, DateTime expiresOn) =>
            new LedgerEntry(kind, time, channel, origin, key, expiresOn);

        /// <summary>The 32-bit key of an activity id (FNV-1a over its bytes); 0 for <see cref="Guid.Empty"/>, never 0 otherwise.</summary>
        public static uint KeyOf(Guid activityId)
        {
            if (activityId == Guid.Empty) return 0;
#if NETCOREAPP
            // The same 16 bytes as ToByteArray, without allocating them: a replay computes a key per touch.
            Span<byte> bytes = stackalloc byte[16];
            activityId.TryWriteBytes(bytes);
#else
            var bytes = activityId.ToByteArray();
#endif
            var hash = 2166136261u;
            for (var i = 0; i < bytes.Length; i++)
            {
                hash ^= bytes[i];
                hash *= 16777619u;
            }
            return hash == 0 ? 1u : hash;
        }

        /// <summary>UTC, floored to whole seconds, the resolution of the ledger text.</summary>
        internal static DateTime Normalize(DateTime time, string parameter)
        {
            if (time.Kind == DateTimeKind.Local) time = time.ToUniversalTime();
            var ticks = time.Ticks - time.Ticks % TimeSpan.TicksPerSecond;
            if (ticks < Epoch.Ticks) throw new ArgumentOutOfRangeException(parameter, time, "Ledger times must be on or after 1 January 2000 (UTC).");
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        private static Channel CheckChannel(Channel channel)
        {
            if ((int)channel < 0 || (int)channel >= ModelParameters.ChannelCount) throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel.");
            return channel;
        }

        private static Origin CheckOrigin(Origin origin)
        {
            if ((int)origin < 0 || (int)origin >= ModelParameters.OriginCount) throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown origin.");
            return origin;
        }
    }
}
