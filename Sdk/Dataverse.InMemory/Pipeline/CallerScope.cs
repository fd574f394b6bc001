using System;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Storage;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>Who sends a request and from where: a test (depth 0, no transaction) or a plugin (its context and transaction).</summary>
    internal sealed class CallerScope
    {
        public Guid UserId { get; init; }

        public Guid InitiatingUserId { get; init; }

        /// <summary>The depth of the calling plugin; 0 for a request from outside the pipeline.</summary>
        public int Depth { get; init; }

        public PluginExecutionContext? ParentContext { get; init; }

        /// <summary>Null for a request from outside; nested requests keep the correlation id of the first one.</summary>
        public Guid? CorrelationId { get; init; }

        /// <summary>The transaction the request joins; null starts a new one.</summary>
        public StoreTransaction? Transaction { get; init; }

        /// <summary>The metrics of the top-level request this call belongs to; null for a new top-level request.</summary>
        public RequestMetrics? Metrics { get; init; }

        /// <summary>True for services a plugin obtained from IOrganizationServiceFactory.</summary>
        public bool IsPlugin { get; init; }

        public CallerScope WithTransaction(StoreTransaction transaction) => new()
        {
            UserId = UserId,
            InitiatingUserId = InitiatingUserId,
            Depth = Depth,
            ParentContext = ParentContext,
            CorrelationId = CorrelationId,
            Transaction = transaction,
            Metrics = Metrics,
            IsPlugin = IsPlugin,
        };
    }
}
