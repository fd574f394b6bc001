using System;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The parameters of one cat_attentionpolicy row as plain values. A new instance carries the defaults from
    /// <see cref="PolicyDefaults"/>; a plugin copies the row's non-null columns over them. Nullable caps mean
    /// "no cap". Check a policy with <see cref="PolicyValidator.Validate"/> before using values from a user.
    /// </summary>
    public sealed class AttentionPolicy
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "Default";

        public bool IsDefault { get; set; }

        public int Priority { get; set; } = PolicyDefaults.Priority;

        public PolicyMode Mode { get; set; } = PolicyDefaults.Mode;

        /// <summary>Rolling window of the contact caps, in days (cat_windowdays).</summary>
        public int WindowDays { get; set; } = PolicyDefaults.WindowDays;

        /// <summary>Touches per window across channels and origins (cat_maxtouches).</summary>
        public int? MaxTouches { get; set; } = PolicyDefaults.MaxTouches;

        /// <summary>Automated touches per window (cat_maxautomatedtouches).</summary>
        public int? MaxAutomatedTouches { get; set; } = PolicyDefaults.MaxAutomatedTouches;

        public int? MaxEmailTouches { get; set; }

        public int? MaxPhoneTouches { get; set; }

        public int? MaxMeetingTouches { get; set; }

        public int? MaxLetterTouches { get; set; }

        public int? MaxSocialTouches { get; set; }

        public int? MaxSmsTouches { get; set; }

        /// <summary>Minimum time between two budgeted touches of the same contact, in hours; 0 = off (cat_mingaphours).</summary>
        public double MinGapHours { get; set; } = PolicyDefaults.MinGapHours;

        public int CoolDownDays { get; set; } = PolicyDefaults.CoolDownDays;

        /// <summary>Unanswered touches that start a cool-down; 0 = off (cat_cooldownafterunanswered).</summary>
        public int CoolDownAfterUnanswered { get; set; } = PolicyDefaults.CoolDownAfterUnanswered;

        /// <summary>Touches per account window across all the account's contacts (cat_accountmaxtouches).</summary>
        public int? AccountMaxTouches { get; set; } = PolicyDefaults.AccountMaxTouches;

        public int AccountWindowDays { get; set; } = PolicyDefaults.AccountWindowDays;

        public double HalfLifeDays { get; set; } = PolicyDefaults.HalfLifeDays;

        public double Alpha { get; set; } = PolicyDefaults.Alpha;

        public double Beta { get; set; } = PolicyDefaults.Beta;

        public double PressureTolerance { get; set; } = PolicyDefaults.PressureTolerance;

        public double ResponseDamping { get; set; } = PolicyDefaults.ResponseDamping;

        /// <summary>Scores below this are Loaded (cat_loadedbelow).</summary>
        public double LoadedBelow { get; set; } = PolicyDefaults.LoadedBelow;

        /// <summary>Scores below this are Saturated (cat_saturatedbelow).</summary>
        public double SaturatedBelow { get; set; } = PolicyDefaults.SaturatedBelow;

        /// <summary>Scores below this are Oversaturated (cat_oversaturatedbelow).</summary>
        public double OversaturatedBelow { get; set; } = PolicyDefaults.OversaturatedBelow;

        public ModelParameters Model { get; set; } = new ModelParameters();

        public ValueSource ValueSource { get; set; } = PolicyDefaults.ValueSource;

        /// <summary>Contacts whose value is at least this are high value: their automated touches may be routed to a person.</summary>
        public decimal ValueThreshold { get; set; } = (decimal)PolicyDefaults.ValueThreshold;

        /// <summary>High-value contacts get a person first: their automated touches are routed even within budget.</summary>
        public bool HumanFirst { get; set; } = PolicyDefaults.HumanFirst;

        public int CallSlaHours { get; set; } = PolicyDefaults.CallSlaHours;

        /// <summary>A reply within this many days of the contact's own inbound message is exempt; 0 = off.</summary>
        public int ReplyExemptionDays { get; set; } = PolicyDefaults.ReplyExemptionDays;

        /// <summary>
        /// A contact who responded within this many days is in conversation: a person's touches pass every budget rule
        /// (consent aside) and automated touches stop; 0 = off.
        /// </summary>
        public int ConversationDays { get; set; } = PolicyDefaults.ConversationDays;

        public IList<string> AutomationTeams { get; set; } = new List<string>();

        public IList<string> AutomationMarkers { get; set; } = new List<string>();

        public LoggingLevel LoggingLevel { get; set; } = PolicyDefaults.LoggingLevel;

        /// <summary>How long a pending touch counts toward the caps before it expires (engine setting, no column).</summary>
        public double PendingExpiryHours { get; set; } = PolicyDefaults.PendingExpiryHours;

        public string? Description { get; set; }

        /// <summary>Splits a one-entry-per-line memo (cat_automationteams, cat_automationmarkers) into trimmed, non-empty entries.</summary>
        public static IList<string> SplitLines(string? text)
        {
            var list = new List<string>();
            if (text is null) return list;
            foreach (var raw in text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var line = raw.Trim();
                if (line.Length > 0) list.Add(line);
            }
            return list;
        }

        /// <summary>A policy with every default.</summary>
        public static AttentionPolicy CreateDefault() => new AttentionPolicy { IsDefault = true };

        /// <summary>The per-channel cap for <paramref name="channel"/>; Other has no cap column and is never capped.</summary>
        public int? ChannelCap(Channel channel)
        {
            switch (channel)
            {
                case Channel.Email: return MaxEmailTouches;
                case Channel.Phone: return MaxPhoneTouches;
                case Channel.Meeting: return MaxMeetingTouches;
                case Channel.Letter: return MaxLetterTouches;
                case Channel.Social: return MaxSocialTouches;
                case Channel.Sms: return MaxSmsTouches;
                default: return null;
            }
        }

        public void SetChannelCap(Channel channel, int? cap)
        {
            switch (channel)
            {
                case Channel.Email: MaxEmailTouches = cap; break;
                case Channel.Phone: MaxPhoneTouches = cap; break;
                case Channel.Meeting: MaxMeetingTouches = cap; break;
                case Channel.Letter: MaxLetterTouches = cap; break;
                case Channel.Social: MaxSocialTouches = cap; break;
                case Channel.Sms: MaxSmsTouches = cap; break;
                default: throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel Other has no cap.");
            }
        }

        public override string ToString() =>
            Name + " (" + Mode + ", " + MaxTouches + "/" + MaxAutomatedTouches + " in " + WindowDays + " d, gap " + MinGapHours + " h, account " + AccountMaxTouches + "/" + AccountWindowDays
            + " d, human first " + HumanFirst + ")";

        public AttentionPolicy Clone()
        {
            var copy = (AttentionPolicy)MemberwiseClone();
            copy.Model = Model.Clone();
            copy.AutomationTeams = new List<string>(AutomationTeams);
            copy.AutomationMarkers = new List<string>(AutomationMarkers);
            return copy;
        }

        /// <summary>Days of history any rule can still use; the ledger keeps at least this much.</summary>
        internal double RetentionDays()
        {
            double days = Math.Max(WindowDays, AccountWindowDays);
            days = Math.Max(days, CoolDownDays);
            days = Math.Max(days, ReplyExemptionDays);
            days = Math.Max(days, ConversationDays);
            return Math.Max(days, MinGapHours / 24.0);
        }
    }
}
