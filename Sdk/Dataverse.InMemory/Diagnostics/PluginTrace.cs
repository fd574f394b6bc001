using System;

namespace Dataverse.InMemory.Diagnostics
{
    /// <summary>
    /// What one plugin execution wrote to ITracingService, like a plugintracelog row. Kept even when the
    /// transaction rolls back, as trace logs survive rollback in Dataverse.
    /// </summary>
    public sealed record PluginTrace(
        string StepName,
        string PluginTypeName,
        string MessageName,
        string PrimaryEntityName,
        int Stage,
        int Mode,
        int Depth,
        Guid CorrelationId,
        string Text,
        string? ExceptionDetails);
}
