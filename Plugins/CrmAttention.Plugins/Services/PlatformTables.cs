namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Platform tables CrmAttention refers to that the solution model does not include (so the generated constants have
    /// no class for them). Only their logical names are needed.
    /// </summary>
    public static class PlatformTables
    {
        /// <summary>The case (incident) table: activities regarding a case are service, not outreach.</summary>
        public const string Case = "incident";
    }
}
