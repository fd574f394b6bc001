using System;
using System.Collections.Generic;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>Who owns the rows of a table (EntityMetadata.OwnershipType).</summary>
    public enum TableOwnership
    {
        /// <summary>Rows have ownerid (a user or team) and owningbusinessunit.</summary>
        UserOwned,

        /// <summary>Rows belong to the organization; no ownerid.</summary>
        OrganizationOwned,
    }

    /// <summary>Requirement level of a column (AttributeRequiredLevel).</summary>
    public enum RequiredLevel
    {
        None,
        Recommended,
        ApplicationRequired,
        SystemRequired,
    }

    /// <summary>The column types of Dataverse (AttributeTypeCode names), which decide the CLR type a value must have.</summary>
    public enum ColumnType
    {
        BigInt,
        Boolean,
        Customer,
        DateTime,
        Decimal,
        Double,
        EntityName,
        Integer,
        Lookup,
        Memo,
        Money,
        Owner,
        PartyList,
        Picklist,
        State,
        Status,
        String,
        Uniqueidentifier,
        MultiSelectPicklist,
        Virtual,
    }

    /// <summary>One choice of a Picklist, State or Status column.</summary>
    public sealed record OptionMetadata(int Value, string Label);

    /// <summary>A column of a table, as far as the organization service checks values against it.</summary>
    public sealed class ColumnMetadata
    {
        public ColumnMetadata(string logicalName, ColumnType type)
        {
            LogicalName = logicalName ?? throw new ArgumentNullException(nameof(logicalName));
            Type = type;
        }

        public string LogicalName { get; }

        public ColumnType Type { get; }

        /// <summary>String and Memo: the maximum number of characters.</summary>
        public int? MaxLength { get; init; }

        public RequiredLevel Required { get; init; } = RequiredLevel.None;

        /// <summary>Lookup, Customer, Owner: the tables a reference may point to; empty means any.</summary>
        public IReadOnlyList<string> Targets { get; init; } = Array.Empty<string>();

        /// <summary>Picklist, State, Status: the allowed values; empty means any.</summary>
        public IReadOnlyList<OptionMetadata> Options { get; init; } = Array.Empty<OptionMetadata>();

        /// <summary>Integer, BigInt, Decimal, Double, Money: the smallest allowed value.</summary>
        public decimal? MinValue { get; init; }

        /// <summary>Integer, BigInt, Decimal, Double, Money: the largest allowed value.</summary>
        public decimal? MaxValue { get; init; }

        /// <summary>Decimal, Double, Money: digits after the decimal point; the platform rounds stored values to it.</summary>
        public int? Precision { get; init; }
    }

    /// <summary>
    /// A table the organization knows. A table with metadata is strict: unknown columns and wrongly typed values
    /// fault as in Dataverse. Tables without metadata are accepted as they come (lenient).
    /// </summary>
    public sealed class TableMetadata
    {
        private readonly Dictionary<string, ColumnMetadata> columns = new(StringComparer.Ordinal);

        public TableMetadata(string logicalName, string primaryIdAttribute)
        {
            LogicalName = logicalName ?? throw new ArgumentNullException(nameof(logicalName));
            PrimaryIdAttribute = primaryIdAttribute ?? throw new ArgumentNullException(nameof(primaryIdAttribute));
        }

        public string LogicalName { get; }

        public string PrimaryIdAttribute { get; }

        public string? PrimaryNameAttribute { get; init; }

        public TableOwnership Ownership { get; init; } = TableOwnership.UserOwned;

        /// <summary>True for activity tables: rows share the activityid key space, appear in activitypointer and have party lists.</summary>
        public bool IsActivity { get; init; }

        public int? ObjectTypeCode { get; init; }

        public IReadOnlyCollection<ColumnMetadata> Columns => columns.Values;

        /// <summary>Adds (or replaces) a column and returns this table, for fluent arrangement.</summary>
        public TableMetadata AddColumn(ColumnMetadata column)
        {
            columns[column.LogicalName] = column;
            return this;
        }

        public ColumnMetadata? Column(string logicalName) => columns.TryGetValue(logicalName, out var c) ? c : null;

        public bool HasColumn(string logicalName) => columns.ContainsKey(logicalName);
    }
}
