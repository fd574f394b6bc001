using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>
    /// Short factories the model uses to declare columns, so one line reads like the customizer's column
    /// dialog: schema name, type-specific settings, display name and description in both languages.
    /// </summary>
    public static class Col
    {
        public static Label L(string en, string de) => new Label(en, de);

        public static Column Text(string schemaName, int maxLength, Label name, Label description, RequiredLevel required = RequiredLevel.None) =>
            new Column(schemaName, ColumnType.String) { MaxLength = maxLength, DisplayName = name, Description = description, Required = required };

        public static Column PrimaryName(string schemaName, int maxLength, Label name, Label description) =>
            new Column(schemaName, ColumnType.String) { MaxLength = maxLength, DisplayName = name, Description = description, Required = RequiredLevel.ApplicationRequired, IsPrimaryName = true };

        public static Column Memo(string schemaName, int maxLength, Label name, Label description) =>
            new Column(schemaName, ColumnType.Memo) { MaxLength = maxLength, DisplayName = name, Description = description };

        public static Column Int(string schemaName, int min, int max, Label name, Label description, RequiredLevel required = RequiredLevel.None) =>
            new Column(schemaName, ColumnType.Integer) { MinValue = min, MaxValue = max, DisplayName = name, Description = description, Required = required };

        public static Column Dec(string schemaName, decimal min, decimal max, int precision, Label name, Label description, RequiredLevel required = RequiredLevel.None) =>
            new Column(schemaName, ColumnType.Decimal) { MinValue = min, MaxValue = max, Precision = precision, DisplayName = name, Description = description, Required = required };

        /// <summary>A currency column. Dataverse adds its base-currency twin (<c>&lt;name&gt;_base</c>) itself.</summary>
        public static Column Money(string schemaName, Label name, Label description) =>
            new Column(schemaName, ColumnType.Money) { MinValue = 0m, MaxValue = 922337203685477m, Precision = 2, DisplayName = name, Description = description };

        public static Column Bool(string schemaName, bool defaultValue, Label name, Label description) =>
            new Column(schemaName, ColumnType.Boolean)
            {
                DefaultValue = defaultValue,
                TrueLabel = L("Yes", "Ja"),
                FalseLabel = L("No", "Nein"),
                DisplayName = name,
                Description = description,
            };

        public static Column Date(string schemaName, Label name, Label description) =>
            new Column(schemaName, ColumnType.DateTime) { DisplayName = name, Description = description };

        public static Column Pick(string schemaName, string choiceName, Label name, Label description, RequiredLevel required = RequiredLevel.None) =>
            new Column(schemaName, ColumnType.Picklist) { ChoiceName = choiceName, DisplayName = name, Description = description, Required = required };

        public static Column Lookup(string schemaName, string target, DeleteCascade onDelete, Label name, Label description) =>
            new Column(schemaName, ColumnType.Lookup) { Targets = new[] { target }, OnDelete = onDelete, DisplayName = name, Description = description };

        /// <summary>A column the platform provides on an existing table (listed for constants and metadata only).</summary>
        public static Column Sys(string schemaName, ColumnType type, int? maxLength = null, RequiredLevel required = RequiredLevel.None, params string[] targets) =>
            new Column(schemaName, type) { MaxLength = maxLength, Required = required, Targets = targets, IsPlatform = true };

        public static Column SysOptions(string schemaName, ColumnType type, params (int Value, string Label)[] options) =>
            new Column(schemaName, type) { LocalOptions = options, IsPlatform = true };

        public static Column SysMoney(string schemaName) =>
            new Column(schemaName, ColumnType.Money) { MinValue = -922337203685477m, MaxValue = 922337203685477m, Precision = 4, IsPlatform = true };

        /// <summary>Columns every user-owned table has: audit stamps, ownership, state, version.</summary>
        public static IEnumerable<Column> UserOwnedSystemColumns(IEnumerable<(int, string)> state, IEnumerable<(int, string)> status) => new[]
        {
            Sys("CreatedBy", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            Sys("CreatedOn", ColumnType.DateTime),
            Sys("CreatedOnBehalfBy", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            Sys("ModifiedBy", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            Sys("ModifiedOn", ColumnType.DateTime),
            Sys("ModifiedOnBehalfBy", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            Sys("OverriddenCreatedOn", ColumnType.DateTime),
            Sys("ImportSequenceNumber", ColumnType.Integer),
            Sys("OwnerId", ColumnType.Owner, null, RequiredLevel.SystemRequired, "systemuser", "team"),
            Sys("OwningBusinessUnit", ColumnType.Lookup, null, RequiredLevel.None, "businessunit"),
            Sys("OwningTeam", ColumnType.Lookup, null, RequiredLevel.None, "team"),
            Sys("OwningUser", ColumnType.Lookup, null, RequiredLevel.None, "systemuser"),
            SysOptions("StateCode", ColumnType.State, state.ToArray()),
            SysOptions("StatusCode", ColumnType.Status, status.ToArray()),
            Sys("TimeZoneRuleVersionNumber", ColumnType.Integer),
            Sys("UTCConversionTimeZoneCode", ColumnType.Integer),
            Sys("VersionNumber", ColumnType.BigInt),
        };

        public static readonly (int, string)[] ActiveInactiveState = { (0, "Active"), (1, "Inactive") };

        public static readonly (int, string)[] ActiveInactiveStatus = { (1, "Active"), (2, "Inactive") };

        public static Table WithColumns(this Table table, params object[] columns)
        {
            foreach (var item in columns)
            {
                switch (item)
                {
                    case Column c: Add(table, c); break;
                    case IEnumerable<Column> many: foreach (var c in many) Add(table, c); break;
                    default: throw new ArgumentException($"Columns are Column or IEnumerable<Column>, not {item.GetType().Name}.");
                }
            }
            return table;
        }

        private static void Add(Table table, Column column)
        {
            if (table.HasColumn(column.LogicalName)) throw new ArgumentException($"Table {table.LogicalName} declares {column.LogicalName} twice.");
            table.Columns.Add(column);
        }
    }
}
