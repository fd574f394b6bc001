using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>
    /// Writes Plugins/CrmAttention.Plugins/Generated/EarlyBound.g.cs: early-bound classes for the tables named, in
    /// the shape pac modelbuilder and CrmSvcUtil give them — a partial class named after the table's schema name,
    /// deriving from Entity, with EntityLogicalNameAttribute, one property per column named after its schema name
    /// with AttributeLogicalNameAttribute over GetAttributeValue/SetAttributeValue, an Id override that keeps the
    /// primary-id column in step, and each choice as a generated enum whose members are the stored values. The
    /// property-change events modelbuilder adds are left out (nothing here binds to them). Names come from the
    /// generated constants (LogicalNames.g.cs), so a name is written once.
    /// </summary>
    public static class EarlyBoundWriter
    {
        public const string Namespace = "CrmAttention.Model.EarlyBound";

        /// <summary>Columns only the platform writes: modelbuilder gives them a getter only (IsValidForCreate and IsValidForUpdate are false).</summary>
        private static readonly HashSet<string> ReadOnlyColumns = new HashSet<string>(StringComparer.Ordinal)
        {
            "createdby", "createdon", "createdonbehalfby", "modifiedby", "modifiedon", "modifiedonbehalfby",
            "owningbusinessunit", "owningteam", "owninguser", "versionnumber",
        };

        public static string Write(SolutionDefinition model, params string[] tableLogicalNames)
        {
            var tables = tableLogicalNames.Select(name => model.Tables.SingleOrDefault(t => t.LogicalName == name)
                ?? throw new ArgumentException($"The model has no table {name} to generate an early-bound class for.")).ToList();
            var w = new CodeWriter();
            foreach (var header in GeneratedFiles.Header) w.Line(header);
            w.Line("#nullable enable");
            w.Line($"namespace {Namespace}");
            w.Open();
            var first = true;
            foreach (var choice in ChoicesOf(model, tables))
            {
                if (!first) w.Line();
                first = false;
                WriteChoice(w, model, choice);
            }
            foreach (var table in tables)
            {
                foreach (var column in table.AllColumns.Where(c => c.LocalOptions.Count > 0))
                {
                    w.Line();
                    WriteLocalOptions(w, table, column);
                }
            }
            foreach (var table in tables)
            {
                w.Line();
                WriteTable(w, model, table);
            }
            w.Close();
            return w.ToString();
        }

        private static IEnumerable<Choice> ChoicesOf(SolutionDefinition model, IEnumerable<Table> tables) =>
            tables.SelectMany(t => t.AllColumns).Where(c => c.ChoiceName != null).Select(c => c.ChoiceName!).Distinct()
                .OrderBy(name => name, StringComparer.Ordinal).Select(model.Choice);

        private static void WriteChoice(CodeWriter w, SolutionDefinition model, Choice choice)
        {
            w.Summary($"{choice.DisplayName.En} ({choice.Name}): the values Dataverse stores.");
            w.Line("[System.Runtime.Serialization.DataContractAttribute()]");
            w.Line($"public enum {choice.Name}");
            w.Open();
            foreach (var option in choice.Options)
            {
                w.Line("[System.Runtime.Serialization.EnumMemberAttribute()]");
                w.Line($"{option.Name} = {option.Value(model.Publisher.OptionValuePrefix).ToString(CultureInfo.InvariantCulture)},");
            }
            w.Close();
        }

        private static string LocalEnumName(Table table, Column column) => table.LogicalName + "_" + column.LogicalName;

        private static void WriteLocalOptions(CodeWriter w, Table table, Column column)
        {
            w.Summary($"Options of {table.LogicalName}.{column.LogicalName}.");
            w.Line("[System.Runtime.Serialization.DataContractAttribute()]");
            w.Line($"public enum {LocalEnumName(table, column)}");
            w.Open();
            foreach (var (value, label) in column.LocalOptions)
            {
                w.Line("[System.Runtime.Serialization.EnumMemberAttribute()]");
                w.Line($"{Identifier(label)} = {value.ToString(CultureInfo.InvariantCulture)},");
            }
            w.Close();
        }

        private static void WriteTable(CodeWriter w, SolutionDefinition model, Table table)
        {
            var constants = table.ConstantsName;
            w.Summary(table.DisplayName != null ? $"{table.DisplayName.En} ({table.LogicalName}), early bound." : $"The platform table {table.LogicalName}, early bound.");
            w.Line("[System.Runtime.Serialization.DataContractAttribute()]");
            w.Line($"[Microsoft.Xrm.Sdk.Client.EntityLogicalNameAttribute({constants}.EntityLogicalName)]");
            w.Line($"public partial class {table.SchemaName} : Microsoft.Xrm.Sdk.Entity");
            w.Open();
            w.Line($"public const string EntityLogicalName = {constants}.EntityLogicalName;");
            w.Line($"public const string EntitySchemaName = \"{table.SchemaName}\";");
            w.Line($"public const string EntitySetName = {constants}.EntitySetName;");
            w.Line($"public const string PrimaryIdAttribute = {constants}.PrimaryIdAttribute;");
            if (table.PrimaryNameAttribute.Length > 0) w.Line($"public const string PrimaryNameAttribute = {constants}.PrimaryNameAttribute;");
            w.Line();
            w.Line($"public {table.SchemaName}()");
            w.Line("    : base(EntityLogicalName)");
            w.Open();
            w.Close();
            foreach (var column in table.AllColumns.OrderBy(c => c.SchemaName, StringComparer.Ordinal))
            {
                w.Line();
                WriteProperty(w, model, table, column);
            }
            w.Close();
        }

        private static void WriteProperty(CodeWriter w, SolutionDefinition model, Table table, Column column)
        {
            var name = $"{table.ConstantsName}.Fields.{column.ConstantName}";
            var isPrimaryId = column.LogicalName == table.PrimaryIdAttribute;
            if (column.Description != null) w.Summary(column.Description.En);
            w.Line($"[Microsoft.Xrm.Sdk.AttributeLogicalNameAttribute({name})]");
            if (column.ChoiceName != null || column.LocalOptions.Count > 0)
            {
                var enumName = column.ChoiceName ?? LocalEnumName(table, column);
                w.Line($"public {enumName}? {column.SchemaName}");
                w.Open();
                w.Line($"get => GetAttributeValue<Microsoft.Xrm.Sdk.OptionSetValue?>({name}) is Microsoft.Xrm.Sdk.OptionSetValue value ? ({enumName})value.Value : ({enumName}?)null;");
                if (!ReadOnlyColumns.Contains(column.LogicalName))
                    w.Line($"set => SetAttributeValue({name}, value.HasValue ? new Microsoft.Xrm.Sdk.OptionSetValue((int)value.Value) : null);");
                w.Close();
                return;
            }
            var type = ClrType(column);
            w.Line($"public {type} {column.SchemaName}");
            w.Open();
            w.Line($"get => GetAttributeValue<{type}>({name});");
            if (isPrimaryId)
            {
                // As modelbuilder writes it: the primary-id column and Entity.Id stay equal whichever is set.
                w.Line("set");
                w.Open();
                w.Line($"SetAttributeValue({name}, value);");
                w.Line("base.Id = value ?? System.Guid.Empty;");
                w.Close();
            }
            else if (!ReadOnlyColumns.Contains(column.LogicalName))
            {
                w.Line($"set => SetAttributeValue({name}, value);");
            }
            w.Close();
            if (!isPrimaryId) return;
            w.Line();
            w.Line($"[Microsoft.Xrm.Sdk.AttributeLogicalNameAttribute({name})]");
            w.Line("public override System.Guid Id");
            w.Open();
            w.Line("get => base.Id;");
            w.Line($"set => {column.SchemaName} = value;");
            w.Close();
        }

        private static string ClrType(Column column) => column.Type switch
        {
            ColumnType.String or ColumnType.Memo or ColumnType.EntityName => "string?",
            ColumnType.Integer => "int?",
            ColumnType.BigInt => "long?",
            ColumnType.Decimal => "decimal?",
            ColumnType.Double => "double?",
            ColumnType.Boolean => "bool?",
            ColumnType.DateTime => "System.DateTime?",
            ColumnType.Uniqueidentifier => "System.Guid?",
            ColumnType.Money => "Microsoft.Xrm.Sdk.Money?",
            ColumnType.Lookup or ColumnType.Owner or ColumnType.Customer => "Microsoft.Xrm.Sdk.EntityReference?",
            ColumnType.PartyList => "Microsoft.Xrm.Sdk.EntityCollection?",
            _ => throw new NotSupportedException($"Column {column.LogicalName}: the early-bound writer has no CLR type for {column.Type}."),
        };

        private static string Identifier(string label)
        {
            var parts = label.Split(new[] { ' ', '-', '/', '(', ')', '.', ',' }, StringSplitOptions.RemoveEmptyEntries);
            var name = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            if (name.Length == 0 || !name.All(char.IsLetterOrDigit) || char.IsDigit(name[0]))
                throw new NotSupportedException($"The option label '{label}' gives no C# identifier.");
            return name;
        }
    }
}
