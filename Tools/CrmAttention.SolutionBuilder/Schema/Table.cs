using System.Collections.Generic;
using System.Linq;

namespace CrmAttention.SolutionBuilder.Schema
{
    public enum Ownership
    {
        UserOwned,
        OrganizationOwned,
    }

    /// <summary>
    /// A table. <see cref="IsCustom"/> tables are created by the solution and carry the full set of system
    /// columns, forms, views and relationships an export has; existing tables only carry what we add.
    /// </summary>
    public sealed class Table
    {
        public Table(string schemaName, string constantsName, bool isCustom)
        {
            SchemaName = schemaName;
            ConstantsName = constantsName;
            IsCustom = isCustom;
        }

        /// <summary>Schema name, e.g. cat_AttentionPolicy or Contact.</summary>
        public string SchemaName { get; }

        public string LogicalName => SchemaName.ToLowerInvariant();

        /// <summary>Name of the generated constants class, e.g. AttentionPolicy, Contact.</summary>
        public string ConstantsName { get; }

        public bool IsCustom { get; }

        /// <summary>True when the solution carries the table (custom, or an existing table it adds to).</summary>
        public bool InSolution { get; init; } = true;

        public Label? DisplayName { get; init; }

        public Label? CollectionName { get; init; }

        public Label? Description { get; init; }

        public Ownership Ownership { get; init; } = Ownership.UserOwned;

        public bool IsActivity { get; init; }

        /// <summary>Platform tables: their fixed object type code. Custom tables: assigned by Dataverse on import;
        /// the metadata for the in-memory Dataverse uses a stable stand-in (see docs/solution.md).</summary>
        public int ObjectTypeCode { get; init; }

        public string EntitySetName { get; init; } = "";

        public string PrimaryIdAttribute { get; init; } = "";

        public string PrimaryNameAttribute { get; init; } = "";

        public List<Column> Columns { get; } = new List<Column>();

        public List<Form> Forms { get; } = new List<Form>();

        /// <summary>Custom tables: the columns of the system views (active, inactive, quick find, lookup …).</summary>
        public List<ViewColumn> GridColumns { get; } = new List<ViewColumn>();

        public List<View> Views { get; } = new List<View>();

        public List<Chart> Charts { get; } = new List<Chart>();

        /// <summary>
        /// Every column including the base-currency twin Dataverse adds to each money column the solution
        /// creates (e.g. cat_value → cat_value_base), in declaration order.
        /// </summary>
        public IEnumerable<Column> AllColumns =>
            Columns.SelectMany(c => c.Type == ColumnType.Money && !c.IsPlatform
                ? new[]
                {
                    c,
                    new Column(c.SchemaName + "_Base", ColumnType.Money)
                    {
                        MinValue = c.MinValue, MaxValue = c.MaxValue, Precision = c.Precision, CalculationOf = c.LogicalName,
                        DisplayName = new Label(c.DisplayName!.En + " (Base)", c.DisplayName.De + " (Basis)"),
                        Description = new Label("Value of " + c.DisplayName.En + " in the organization's base currency.", "Wert von " + c.DisplayName.De + " in der Basiswährung der Organisation."),
                    },
                }
                : new[] { c });

        public Column Column(string logicalName) =>
            AllColumns.FirstOrDefault(c => c.LogicalName == logicalName)
            ?? throw new KeyNotFoundException($"Table {LogicalName} has no column {logicalName}.");

        public bool HasColumn(string logicalName) => AllColumns.Any(c => c.LogicalName == logicalName);

        /// <summary>The columns this solution adds (for an existing table) or defines (for a custom table).</summary>
        public IEnumerable<Column> SolutionColumns => AllColumns.Where(c => !c.IsPlatform);
    }
}
