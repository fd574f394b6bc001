using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// What to do next with a contact: touch now on <see cref="Channel"/>; or wait until <see cref="WaitUntil"/> and then
    /// use <see cref="Channel"/>; or nothing (<see cref="Channel"/> null): no channel is allowed and worth it.
    /// </summary>
    public sealed class NextBestAction
    {
        internal NextBestAction(Channel? channel, DateTime? waitUntil, double? marginalValue, Origin origin)
        {
            Channel = channel;
            WaitUntil = waitUntil;
            MarginalValue = marginalValue;
            Origin = origin;
        }

        public Channel? Channel { get; }

        /// <summary>Null when the channel can be used now (or when there is no channel).</summary>
        public DateTime? WaitUntil { get; }

        /// <summary>The marginal value of the recommended touch now, when the contact's value is known.</summary>
        public double? MarginalValue { get; }

        public Origin Origin { get; }

        /// <summary>The Channel code for cat_NextBestChannel: the channel when it can be used now, −1 for "wait" or "none".</summary>
        public int ChannelCode => Channel.HasValue && WaitUntil is null ? (int)Channel.Value : -1;

        public string GetText(MessageFormat format)
        {
            if (Channel is null)
            {
                return format.Pick("No touch is worthwhile at the moment: every channel is closed or would do more harm than good.",
                    "Derzeit lohnt sich kein Kontakt: jeder Kanal ist gesperrt oder würde mehr schaden als nützen.");
            }
            var channel = DecisionMessages.ChannelName(Channel.Value, format);
            if (WaitUntil is DateTime until)
            {
                return format.Pick("Wait until " + format.FormatInstant(until) + ", then use " + channel + ".",
                    "Bis " + format.FormatInstant(until) + " warten, dann " + channel + " nutzen.");
            }
            return format.Pick("Best next step: " + channel + ".", "Bester nächster Schritt: " + channel + ".");
        }
    }
}
