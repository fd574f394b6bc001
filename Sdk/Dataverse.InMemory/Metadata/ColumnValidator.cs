using System;
using System.Globalization;
using System.Linq;
using Dataverse.InMemory.Faults;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// Checks a value written to a column of a strict table the way the platform does before it reaches SQL:
    /// the column must exist, the CLR type must match the column type, lookups must point to an allowed table,
    /// choices must be defined, numbers in range, strings within their length, and SystemRequired columns not null.
    /// </summary>
    internal static class ColumnValidator
    {
        public static void Validate(TableMetadata table, string attribute, object? value)
        {
            var column = table.Column(attribute) ?? throw DataverseFault.UnknownAttribute(table.LogicalName, attribute);
            if (value == null)
            {
                if (column.Required == RequiredLevel.SystemRequired)
                {
                    throw DataverseFault.CannotBeNull(attribute);
                }
                return;
            }
            switch (column.Type)
            {
                case ColumnType.BigInt: Expect<long>(table, column, value); Range(table, column, (long)value); break;
                case ColumnType.Boolean: Expect<bool>(table, column, value); break;
                case ColumnType.DateTime: Expect<DateTime>(table, column, value); break;
                case ColumnType.Decimal: Expect<decimal>(table, column, value); Range(table, column, (decimal)value); break;
                case ColumnType.Double: Expect<double>(table, column, value); Range(table, column, (decimal)(double)value); break;
                case ColumnType.Integer: Expect<int>(table, column, value); Range(table, column, (int)value); break;
                case ColumnType.Money: Range(table, column, Expect<Money>(table, column, value).Value); break;
                case ColumnType.Uniqueidentifier: Expect<Guid>(table, column, value); break;
                case ColumnType.EntityName: Expect<string>(table, column, value); break;
                case ColumnType.String:
                case ColumnType.Memo:
                    Length(table, column, Expect<string>(table, column, value));
                    break;
                case ColumnType.Lookup:
                case ColumnType.Customer:
                case ColumnType.Owner:
                    Target(table, column, Expect<EntityReference>(table, column, value));
                    break;
                case ColumnType.Picklist:
                case ColumnType.State:
                case ColumnType.Status:
                    Option(table, column, Expect<OptionSetValue>(table, column, value).Value);
                    break;
                case ColumnType.MultiSelectPicklist:
                    foreach (var option in Expect<OptionSetValueCollection>(table, column, value)) Option(table, column, option.Value);
                    break;
                case ColumnType.PartyList:
                    Expect<EntityCollection>(table, column, value);
                    break;
                case ColumnType.Virtual:
                    throw DataverseFault.InvalidArgument(
                        "The column '{0}.{1}' is virtual and cannot be written.", "Die Spalte '{0}.{1}' ist virtuell und kann nicht geschrieben werden.", table.LogicalName, attribute);
                default:
                    throw new NotSupportedException($"Column type {column.Type} of '{table.LogicalName}.{attribute}' is not supported by the in-memory Dataverse.");
            }
        }

        private static T Expect<T>(TableMetadata table, ColumnMetadata column, object value)
        {
            if (value is T typed) return typed;
            throw DataverseFault.InvalidArgument(
                "Incorrect type of attribute value {0} for '{1}.{2}' ({3} expects {4}).",
                "Falscher Typ des Attributwerts {0} für '{1}.{2}' ({3} erwartet {4}).",
                value.GetType().FullName, table.LogicalName, column.LogicalName, column.Type, typeof(T).FullName);
        }

        private static void Range(TableMetadata table, ColumnMetadata column, decimal value)
        {
            if ((column.MinValue.HasValue && value < column.MinValue.Value) || (column.MaxValue.HasValue && value > column.MaxValue.Value))
            {
                throw DataverseFault.Localized(ErrorCodes.ValueOutOfRange,
                    "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the valid range. Accepted Values: {3} to {4}.",
                    "Ein Validierungsfehler ist aufgetreten. Der Wert {0} von '{1}' im Datensatz vom Typ '{2}' liegt außerhalb des gültigen Bereichs. Zulässige Werte: {3} bis {4}.",
                    value, column.LogicalName, table.LogicalName, column.MinValue, column.MaxValue);
            }
        }

        private static void Length(TableMetadata table, ColumnMetadata column, string value)
        {
            if (column.MaxLength.HasValue && value.Length > column.MaxLength.Value)
            {
                throw DataverseFault.Localized(ErrorCodes.ValueOutOfRange,
                    "A validation error occurred. The length of the '{0}' attribute of the '{1}' entity exceeded the maximum allowed length of '{2}'.",
                    "Ein Validierungsfehler ist aufgetreten. Die Länge des Attributs '{0}' der Entität '{1}' überschreitet die zulässige Höchstlänge von '{2}'.",
                    column.LogicalName, table.LogicalName, column.MaxLength.Value);
            }
        }

        private static void Target(TableMetadata table, ColumnMetadata column, EntityReference reference)
        {
            if (column.Targets.Count > 0 && !column.Targets.Contains(reference.LogicalName, StringComparer.Ordinal))
            {
                throw DataverseFault.InvalidArgument(
                    "The lookup '{0}.{1}' cannot point to a '{2}'; allowed: {3}.",
                    "Die Suche '{0}.{1}' kann nicht auf '{2}' verweisen; zulässig: {3}.",
                    table.LogicalName, column.LogicalName, reference.LogicalName, string.Join(", ", column.Targets));
            }
        }

        private static void Option(TableMetadata table, ColumnMetadata column, int value)
        {
            if (column.Options.Count > 0 && !column.Options.Any(o => o.Value == value))
            {
                throw DataverseFault.Localized(ErrorCodes.ValueOutOfRange,
                    "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the valid range. Accepted Values: {3}",
                    "Ein Validierungsfehler ist aufgetreten. Der Wert {0} von '{1}' im Datensatz vom Typ '{2}' liegt außerhalb des gültigen Bereichs. Zulässige Werte: {3}",
                    value, column.LogicalName, table.LogicalName, string.Join(",", column.Options.Select(o => o.Value.ToString(CultureInfo.InvariantCulture))));
            }
        }
    }
}
