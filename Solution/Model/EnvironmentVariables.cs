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
            new EnvironmentVariable("cat_Enabled", "Enabled", EnvironmentVariableType.Boolean, "yes",
                L("CrmAttention enabled", "CrmAttention aktiviert"),
                L("Switch off to let every touch through without evaluation (decisions are not logged). Use during data migrations.",
                  "Ausschalten, um jeden Kontakt ohne Bewertung zuzulassen (Entscheidungen werden nicht protokolliert). Für Datenmigrationen gedacht.")),
            new EnvironmentVariable("cat_RecalculatePageSize", "RecalculatePageSize", EnvironmentVariableType.Number, "500",
                L("Recalculation page size", "Seitengröße der Neuberechnung"),
                L("Default number of contacts cat_RecalculateAttention processes per call (at most 5000).",
                  "Standardanzahl der Kontakte, die cat_RecalculateAttention pro Aufruf verarbeitet (höchstens 5000).")),
        };
    }
}
