namespace CrmAttention.Engine
{
    /// <summary>
    /// Every default of the attention model and budgets, in one place. A new policy row, a missing column and
    /// a missing model-parameter row all fall back to these values; `calibrate` replaces the model parameters
    /// with an organisation's own.
    /// </summary>
    public static class PolicyDefaults
    {
        public const PolicyMode Mode = PolicyMode.Warn;
        public const int Priority = 0;
        public const int WindowDays = 14;
        public const int MaxTouches = 6;
        public const int MaxAutomatedTouches = 3;
        public const double MinGapHours = 24;
        public const int CoolDownDays = 21;
        public const int CoolDownAfterUnanswered = 4;
        public const int AccountMaxTouches = 15;
        public const int AccountWindowDays = 14;
        public const double HalfLifeDays = 14;
        public const double Alpha = 0.35;
        public const double Beta = 0.15;
        public const double PressureTolerance = 3;
        public const double ResponseDamping = 0.25;
        public const double LoadedBelow = 70;
        public const double SaturatedBelow = 40;
        public const double OversaturatedBelow = 15;
        public const ValueSource ValueSource = Engine.ValueSource.ContactValue;
        public const double ValueThreshold = 10000;
        public const bool HumanFirst = false;
        public const int CallSlaHours = 24;
        public const int ReplyExemptionDays = 14;
        public const int ConversationDays = 14;
        public const LoggingLevel LoggingLevel = Engine.LoggingLevel.NonTrivial;

        /// <summary>
        /// How long a pending touch (evaluated and allowed, not yet completed) holds its place in the budgets. A draft
        /// email created today and sent tomorrow is re-evaluated at Send, so a day covers the normal case while a
        /// forgotten draft stops blocking the contact.
        /// </summary>
        public const double PendingExpiryHours = 24;

        /// <summary>Maximum length of a ledger memo (cat_ledger is a 4,000-character memo column).</summary>
        public const int LedgerMaxChars = 4000;

        /// <summary>
        /// Default weight, base response rate p0 and cost per channel and origin, rows in Channel order, columns
        /// Human, Automated, Transactional. Weights: automated email 1.0, human email 0.8, human call 0.6, meeting 0.3,
        /// letter 0.7, automated social/sms 1.0. Transactional touches add no pressure and cost nothing.
        /// Costs are in the currency of the contact's value.
        /// </summary>
        internal static readonly double[,] Weights =
        {
            { 0.8, 1.0, 0.0 }, // Email
            { 0.6, 0.8, 0.0 }, // Phone
            { 0.3, 0.3, 0.0 }, // Meeting
            { 0.7, 0.7, 0.0 }, // Letter
            { 0.6, 1.0, 0.0 }, // Social
            { 0.8, 1.0, 0.0 }, // Sms
            { 0.5, 1.0, 0.0 }, // Other
        };

        internal static readonly double[,] BaseResponseRates =
        {
            { 0.08, 0.03, 0.0 },
            { 0.15, 0.02, 0.0 },
            { 0.35, 0.10, 0.0 },
            { 0.05, 0.02, 0.0 },
            { 0.05, 0.02, 0.0 },
            { 0.06, 0.03, 0.0 },
            { 0.03, 0.01, 0.0 },
        };

        internal static readonly double[,] Costs =
        {
            { 5.0, 0.5, 0.0 },
            { 15.0, 2.0, 0.0 },
            { 60.0, 20.0, 0.0 },
            { 3.0, 2.0, 0.0 },
            { 2.0, 0.3, 0.0 },
            { 1.0, 0.2, 0.0 },
            { 5.0, 1.0, 0.0 },
        };
    }
}
