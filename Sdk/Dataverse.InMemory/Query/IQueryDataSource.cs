using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// The rows the query engine reads. Implemented by the in-memory store.
    /// </summary>
    public interface IQueryDataSource
    {
        /// <summary>
        /// Every stored row of a table as the store holds it. The engine never mutates these rows and copies
        /// every value it returns. "activitypointer" and "activityparty" are provided by the data source.
        /// An unknown table makes the data source throw (the platform faults with "entity doesn't exist").
        /// </summary>
        IEnumerable<Entity> Scan(string logicalName);

        /// <summary>The primary id column of a table, e.g. "contactid", or "activityid" for activities.</summary>
        string PrimaryIdAttribute(string logicalName);
    }
}
