namespace CrmAttention.Engine.Workflow
{
    /// <summary>The decision for one recipient of an activity, with the touch it was made for.</summary>
    public sealed class RecipientDecision
    {
        public RecipientDecision(LoadedContact loaded, Touch touch, Decision decision, string? errorDetail)
        {
            Loaded = loaded;
            Touch = touch;
            Decision = decision;
            ErrorDetail = errorDetail;
        }

        public LoadedContact Loaded { get; }

        public Touch Touch { get; }

        public Decision Decision { get; }

        /// <summary>For an EngineError decision: the failure's type and the correlation id.</summary>
        public string? ErrorDetail { get; }

        public bool IsEngineError => ErrorDetail != null;

        /// <summary>Logged when the policy's logging level asks for it; engine failures are always logged.</summary>
        public bool ShouldLog => IsEngineError || Decision.ShouldLog(Loaded.Policy.LoggingLevel);
    }
}
