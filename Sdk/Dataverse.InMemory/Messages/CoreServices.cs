using System;
using System.Linq;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Query;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// What the platform's core operations work with: the row rules (<see cref="Records"/>), the query engine, the
    /// metadata, new ids and row versions, the clock and the organization's users. Handlers get this, not the
    /// whole <see cref="InMemoryDataverse"/>.
    /// </summary>
    internal sealed class CoreServices
    {
        private readonly RowStore store;
        private readonly Func<Guid> newId;

        public CoreServices(Records records, MetadataCatalog metadata, DataverseClock clock, Organization organization, RowStore store, Func<Guid> newId)
        {
            Records = records;
            Metadata = metadata;
            Clock = clock;
            Organization = organization;
            this.store = store;
            this.newId = newId;
        }

        public Records Records { get; }

        public MetadataCatalog Metadata { get; }

        public DataverseClock Clock { get; }

        public Organization Organization { get; }

        /// <summary>When true, queries on tables that are neither in the metadata nor platform tables fault as unknown tables.</summary>
        public bool RejectUnknownTables { get; set; }

        /// <summary>
        /// What a query as a user may read (the security model's row filter while it is enforced); by default every
        /// row. Set once by the organization.
        /// </summary>
        public Func<IIndexedQueryDataSource, IRowReader, Guid, IIndexedQueryDataSource> SecureQuerySource { get; set; } = (source, _, _) => source;

        public Guid NewId() => newId();

        /// <summary>The next row version (versionnumber) of the organization.</summary>
        public long NextVersion() => store.NextVersion();

        /// <summary>Runs a query as <paramref name="userId"/> over <paramref name="reader"/> (committed rows, or a transaction's view of them).</summary>
        public EntityCollection Query(IRowReader reader, QueryBase query, Guid userId)
        {
            var context = new QueryContext
            {
                UtcNow = Clock.UtcNow,
                UserId = userId,
                BusinessUnitId = Organization.BusinessUnitOf(reader, userId),
                UserTeamIds = reader.Scan("teammembership")
                    .Where(m => m.GetAttributeValue<Guid>("systemuserid") == userId)
                    .Select(m => m.GetAttributeValue<Guid>("teamid"))
                    .ToArray(),
                LanguageCode = Organization.LanguageOf(reader, userId),
                ChoiceLabel = ChoiceLabel,
            };
            // With security enforced the engine reads only the rows this user may read (root and linked tables alike).
            var source = SecureQuerySource(new TransactionalDataSource(reader, Metadata, RejectUnknownTables), reader, userId);
            return new QueryEngine(source).Execute(query, context);
        }

        // Labels of choices come from the metadata (the query engine orders choice columns by label, as Dataverse does).
        private string? ChoiceLabel(string table, string column, int value) =>
            Metadata.Table(table)?.Column(column)?.Options.FirstOrDefault(o => o.Value == value)?.Label;
    }
}
