namespace CrmAttention.Engine
{
    // The numeric codes are fixed by the solution: a Dataverse choice value is 742800000 + code
    // (publisher option value prefix 74280). Never renumber; append new members at the end only.

    /// <summary>The channel a touch or response travels on.</summary>
    public enum Channel
    {
        Email = 0,
        Phone = 1,
        Meeting = 2,
        Letter = 3,
        Social = 4,
        Sms = 5,
        Other = 6,
    }

    /// <summary>Who made a touch: a person, an automation, or a service message that is never budgeted.</summary>
    public enum Origin
    {
        Human = 0,
        Automated = 1,
        Transactional = 2,
    }

    /// <summary>What happens to a touch.</summary>
    public enum DecisionKind
    {
        Allow = 0,
        Warn = 1,
        Block = 2,
        Suppress = 3,
        RouteToHuman = 4,
        Exempt = 5,
    }

    /// <summary>Receptivity band derived from the score and the policy's thresholds.</summary>
    public enum Band
    {
        Receptive = 0,
        Loaded = 1,
        Saturated = 2,
        Oversaturated = 3,
    }

    /// <summary>How a policy treats violations: log only, warn, or enforce.</summary>
    public enum PolicyMode
    {
        Audit = 0,
        Warn = 1,
        Enforce = 2,
    }

    /// <summary>Where a contact's value V comes from.</summary>
    public enum ValueSource
    {
        ContactValue = 0,
        AccountRevenue = 1,
        OpenOpportunities = 2,
    }

    /// <summary>Which decisions are written to the decision log. NonTrivial = everything except a plain Allow.</summary>
    public enum LoggingLevel
    {
        Off = 0,
        NonTrivial = 1,
        All = 2,
    }

    /// <summary>Why a decision came out as it did.</summary>
    public enum ReasonCode
    {
        WithinBudget = 0,
        WindowCap = 1,
        AutomatedCap = 2,
        ChannelCap = 3,
        MinimumGap = 4,
        CoolDown = 5,
        AccountCap = 6,
        NoConsentEmail = 7,
        NoConsentPhone = 8,
        NoConsentPostalMail = 9,
        NoConsentBulkEmail = 10,
        Saturated = 11,
        HumanFirst = 12,
        NegativeMarginalValue = 13,
        Transactional = 14,
        ReplyToInbound = 15,
        Override = 16,
        EngineError = 17,
        InConversation = 18,
    }

    /// <summary>How an outbound phone call ended (phonecall.cat_callresult). Connected makes the call a response as well as a touch.</summary>
    public enum CallResult
    {
        Connected = 0,
        LeftVoicemail = 1,
        NoAnswer = 2,
        WrongNumber = 3,
    }
}
