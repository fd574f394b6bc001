using System;
using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>AttributeTypeCode names, as the SDK and metadata.json spell them.</summary>
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
    }

    public enum RequiredLevel
    {
        None,
        Recommended,
        ApplicationRequired,
        SystemRequired,
    }

    /// <summary>Cascade of a one-to-many relationship when the referenced row is deleted.</summary>
    public enum DeleteCascade
    {
        RemoveLink,
        Cascade,
        Restrict,
    }

    /// <summary>
    /// One column. Platform columns (<see cref="IsPlatform"/>) are listed so the generated constants and the
    /// in-memory Dataverse's metadata know them; they are never written into customizations.xml for an existing
    /// table (Dataverse already has them) and are emitted from templates for a new table.
    /// </summary>
    public sealed class Column
    {
        public Column(string schemaName, ColumnType type)
        {
            SchemaName = schemaName;
            Type = type;
        }

        /// <summary>Schema name, e.g. cat_MaxTouches; the logical name is its lower-case form.</summary>
        public string SchemaName { get; }

        public string LogicalName => SchemaName.ToLowerInvariant();

        public ColumnType Type { get; }

        public Label? DisplayName { get; init; }

        public Label? Description { get; init; }

        public RequiredLevel Required { get; init; } = RequiredLevel.None;

        /// <summary>String and memo: maximum length in characters.</summary>
        public int? MaxLength { get; init; }

        /// <summary>Integer, decimal, money, double: inclusive range.</summary>
        public decimal? MinValue { get; init; }

        public decimal? MaxValue { get; init; }

        /// <summary>Decimal, money, double: digits after the decimal point.</summary>
        public int? Precision { get; init; }

        /// <summary>Picklist: the global choice's name.</summary>
        public string? ChoiceName { get; init; }

        /// <summary>Picklist, state and status of platform tables: local options (value, English label).</summary>
        public IReadOnlyList<(int Value, string Label)> LocalOptions { get; init; } = Array.Empty<(int, string)>();

        /// <summary>Lookup, customer, owner, party list: the tables it may point to.</summary>
        public IReadOnlyList<string> Targets { get; init; } = Array.Empty<string>();

        /// <summary>Custom lookup: what happens to this row when the referenced row is deleted.</summary>
        public DeleteCascade OnDelete { get; init; } = DeleteCascade.RemoveLink;

        /// <summary>Boolean: the default and the two option labels.</summary>
        public bool DefaultValue { get; init; }

        public Label? TrueLabel { get; init; }

        public Label? FalseLabel { get; init; }

        /// <summary>DateTime: true for date-only columns (Format date).</summary>
        public bool DateOnly { get; init; }

        /// <summary>Field-level security: only a field security profile grants read/update/create.</summary>
        public bool IsSecured { get; init; }

        public bool IsPrimaryName { get; init; }

        /// <summary>Money: the base-currency twin names the column it converts (Dataverse maintains it).</summary>
        public string? CalculationOf { get; init; }

        /// <summary>A column Dataverse itself provides; not emitted for existing tables.</summary>
        public bool IsPlatform { get; init; }

        /// <summary>Name of the generated constant: the schema name without underscores, e.g. cat_MaxTouches → CatMaxTouches.</summary>
        public string ConstantName
        {
            get
            {
                var name = SchemaName.Replace("_", string.Empty, StringComparison.Ordinal);
                return char.ToUpperInvariant(name[0]) + name.Substring(1);
            }
        }
    }
}
