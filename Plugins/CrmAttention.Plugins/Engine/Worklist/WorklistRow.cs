using System;
using System.Globalization;

namespace CrmAttention.Engine.Worklist
{
    /// <summary>Why a contact is on the worklist; the reason line is composed from it in the reader's language.</summary>
    public enum WorklistReason
    {
        /// <summary>An automated touch was suppressed and turned into a call for the owner.</summary>
        RoutedCall = 0,

        /// <summary>The contact answered within the policy's conversation days.</summary>
        Replied = 1,

        /// <summary>A contact at or above the policy's value threshold without a touch for a long time (or ever).</summary>
        HighValueQuiet = 2,

        /// <summary>Never touched: no pressure at all.</summary>
        NeverTouched = 3,

        /// <summary>Otherwise: the best expected value now, with the days since the last touch.</summary>
        Receptive = 4,
    }

    /// <summary>One row of a seller's worklist.</summary>
    public sealed class WorklistRow
    {
        internal WorklistRow(ContactState contact, AccountState? account, Channel bestChannel, double expectedValue, double score, Band band,
            WorklistReason reason, int? days, OpenRoutedCall? routedCall)
        {
            ContactId = contact.Id;
            ContactName = contact.DisplayName;
            AccountId = account?.Id ?? contact.AccountId;
            AccountName = account?.DisplayName;
            BestChannel = bestChannel;
            ExpectedValue = expectedValue;
            Score = score;
            Band = band;
            Reason = reason;
            Days = days;
            RoutedCall = routedCall;
        }

        public Guid ContactId { get; }

        public string ContactName { get; }

        public Guid? AccountId { get; }

        public string? AccountName { get; }

        /// <summary>The channel a person's touch now is worth most on (Phone for a routed call).</summary>
        public Channel BestChannel { get; }

        /// <summary>V · p₀(best channel, Human) · e^(−αP) − cost(best channel, Human), with P the pressure now.</summary>
        public double ExpectedValue { get; }

        public double Score { get; }

        public Band Band { get; }

        public WorklistReason Reason { get; }

        /// <summary>The days the reason speaks of: since the reply, since the last touch; null for "never" and routed calls.</summary>
        public int? Days { get; }

        public OpenRoutedCall? RoutedCall { get; }

        /// <summary>Touches the account cap still allows a person in Enforce mode; −1 when it would not refuse one.</summary>
        internal int AccountSlots { get; set; } = -1;

        /// <summary>"replied 2 days ago", "high value, no touch for 30 days", "routed from a suppressed sequence email".</summary>
        public string GetReasonLine(MessageFormat f)
        {
            switch (Reason)
            {
                case WorklistReason.RoutedCall:
                    var channel = RoutedCall?.RoutedFromChannel;
                    var line = channel == Channel.Email
                        ? f.Pick("routed from a suppressed sequence email", "aus einer unterdrückten Sequenz-E-Mail weitergeleitet")
                        : channel is Channel c
                            ? f.Pick("routed from a suppressed automated " + DecisionMessages.ChannelName(c, f) + " touch",
                                "aus einem unterdrückten automatisierten Kontakt per " + DecisionMessages.ChannelName(c, f) + " weitergeleitet")
                            : f.Pick("routed from a suppressed automated touch", "aus einem unterdrückten automatisierten Kontakt weitergeleitet");
                    if (RoutedCall?.DueOn is DateTime due) line += f.Pick(", due " + f.FormatInstant(due), ", fällig am " + f.FormatInstant(due));
                    return line;
                case WorklistReason.Replied:
                    return Days == 0 ? f.Pick("replied today", "hat heute geantwortet")
                        : Days == 1 ? f.Pick("replied yesterday", "hat gestern geantwortet")
                        : f.Pick("replied " + N(Days) + " days ago", "hat vor " + N(Days) + " Tagen geantwortet");
                case WorklistReason.HighValueQuiet:
                    return Days is null ? f.Pick("high value, never touched", "hoher Wert, noch nie kontaktiert")
                        : f.Pick("high value, no touch for " + N(Days) + " days", "hoher Wert, seit " + N(Days) + " Tagen kein Kontakt");
                case WorklistReason.NeverTouched:
                    return f.Pick("never touched, receptive", "noch nie kontaktiert, aufnahmebereit");
                default:
                    var band = DecisionMessages.BandName(Band, f);
                    return Days is int d
                        ? f.Pick(band + ", last touch " + N(d) + (d == 1 ? " day" : " days") + " ago", band + ", letzter Kontakt vor " + N(d) + (d == 1 ? " Tag" : " Tagen"))
                        : band;
            }
        }

        private static string N(int? days) => (days ?? 0).ToString(CultureInfo.InvariantCulture);
    }
}
