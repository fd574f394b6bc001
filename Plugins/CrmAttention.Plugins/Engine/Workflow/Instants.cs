using System;

namespace CrmAttention.Engine.Workflow
{
    /// <summary>The one place where instants from the platform, a file or a caller become UTC.</summary>
    public static class Instants
    {
        // Dataverse hands plugins UTC values; an Unspecified kind is therefore read as UTC, and only a Local one is converted.
        public static DateTime Utc(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? value : value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        public static DateTime? Utc(DateTime? value) => value is DateTime d ? Utc(d) : (DateTime?)null;
    }
}
