using System;
using System.Collections.Generic;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Query;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Storage
{
    /// <summary>
    /// The query engine's view of the store for one request: committed rows plus the request's own uncommitted
    /// writes, read without locks. activitypointer and activityparty are ordinary tables here because the store
    /// keeps them in step with every activity write.
    /// </summary>
    internal sealed class TransactionalDataSource : IKeyOrderedQueryDataSource
    {
        private readonly IRowReader reader;
        private readonly MetadataCatalog metadata;
        private readonly bool rejectUnknownTables;

        public TransactionalDataSource(IRowReader reader, MetadataCatalog metadata, bool rejectUnknownTables)
        {
            this.reader = reader;
            this.metadata = metadata;
            this.rejectUnknownTables = rejectUnknownTables;
        }

        public IEnumerable<Entity> Scan(string logicalName)
        {
            RejectUnknown(logicalName);
            return reader.Scan(logicalName);
        }

        public IReadOnlyCollection<Entity>? Lookup(string logicalName, string attribute, IReadOnlyCollection<Guid> keys)
        {
            RejectUnknown(logicalName);
            return reader.Lookup(logicalName, attribute, PrimaryIdAttribute(logicalName), keys);
        }

        public bool TryScanColumn(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
        {
            RejectUnknown(logicalName);
            var found = reader.TryScanColumn(logicalName, attribute, PrimaryIdAttribute(logicalName), out var stored, out var column);
            rows = stored;
            values = column;
            return found;
        }

        public IEnumerable<Entity>? ScanInKeyOrder(string logicalName, Guid? from)
        {
            RejectUnknown(logicalName);
            return reader.ScanInKeyOrder(logicalName, PrimaryIdAttribute(logicalName), from);
        }

        public Func<Guid, Entity?>? KeySeek(string logicalName)
        {
            RejectUnknown(logicalName);
            return reader.KeySeek(logicalName, PrimaryIdAttribute(logicalName));
        }

        public bool TryScanColumnInKeyOrder(string logicalName, string attribute, out IReadOnlyList<Entity> rows, out IReadOnlyList<object?> values)
        {
            RejectUnknown(logicalName);
            var found = reader.TryScanColumnInKeyOrder(logicalName, attribute, PrimaryIdAttribute(logicalName), out var stored, out var column);
            rows = stored;
            values = column;
            return found;
        }

        private void RejectUnknown(string logicalName)
        {
            if (rejectUnknownTables && metadata.Table(logicalName) == null && !PlatformTables.IsKnown(logicalName))
            {
                throw DataverseFault.UnknownEntity(logicalName);
            }
        }

        public string PrimaryIdAttribute(string logicalName) => PlatformTables.PrimaryIdAttribute(logicalName, metadata.Table(logicalName));
    }
}
