using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// Global settings that are not per policy. Environment variables, so an admin sets them per environment
    /// (dev, test, prod) without editing data, and deployment settings files can carry them.
    /// </summary>
    public static class EnvironmentVariables
    {
        public static EnvironmentVariable[] All() => new[]
        {
            new EnvironmentVariable("cat_RecalculatePageSize", "RecalculatePageSize", EnvironmentVariableType.Number, "500",
                L("Recalculation page size", "Seitengröße der Neuberechnung"),
                L("Page size the nightly recalculation flow passes to cat_RecalculateAttention as cat_PageSize (at most 5000).",
                  "Seitengröße, die der nächtliche Neuberechnungs-Flow als cat_PageSize an cat_RecalculateAttention übergibt (höchstens 5000).")),
        };
    }
}
