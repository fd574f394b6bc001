using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// The tables and relationships the organization knows. Optional: without metadata every table is lenient.
    /// Tables listed here are strict (unknown columns and wrongly typed values fault).
    /// </summary>
    public sealed class MetadataCatalog
    {
        private readonly ConcurrentDictionary<string, TableMetadata> tables = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, RelationshipMetadata> relationships = new(StringComparer.Ordinal);

        public IEnumerable<TableMetadata> Tables => tables.Values;

        public IEnumerable<RelationshipMetadata> Relationships => relationships.Values;

        /// <summary>Adds or replaces a table's metadata; from now on the table is strict.</summary>
        public TableMetadata AddTable(TableMetadata table)
        {
            tables[table.LogicalName] = table ?? throw new ArgumentNullException(nameof(table));
            return table;
        }

        /// <summary>The table's metadata, or null when the table is lenient.</summary>
        public TableMetadata? Table(string logicalName) => tables.TryGetValue(logicalName, out var t) ? t : null;

        public void AddRelationship(RelationshipMetadata relationship) =>
            relationships[relationship.SchemaName] = relationship ?? throw new ArgumentNullException(nameof(relationship));

        public RelationshipMetadata? Relationship(string schemaName) =>
            relationships.TryGetValue(schemaName, out var r) ? r : null;

        /// <summary>Loads the metadata.json the solution builder generates (format in CONTRACTS.md).</summary>
        public void LoadJson(string json)
        {
            foreach (var table in MetadataJsonReader.Read(json)) AddTable(table);
            foreach (var relationship in RelationshipJsonReader.Read(json)) AddRelationship(relationship);
        }

        /// <summary>Loads a metadata.json file.</summary>
        public void LoadFile(string path) => LoadJson(File.ReadAllText(path));
    }
}
