using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// Writes one &lt;attribute&gt; the way an export does: the common flags in export order, the type-specific
    /// tail, then display names and descriptions. System columns of a new table take their flags and labels
    /// from <see cref="SystemColumns"/>.
    /// </summary>
    internal static class AttributeXml
    {
        public static XElement Write(SolutionDefinition model, Table table, Column column)
        {
            var system = column.IsPlatform ? SystemColumns.For(table, column) : null;
            var displayName = system?.DisplayName ?? column.DisplayName ?? throw new PackagingException($"{table.LogicalName}.{column.LogicalName} has no display name.");
            var description = system?.Description ?? column.Description ?? throw new PackagingException($"{table.LogicalName}.{column.LogicalName} has no description.");
            var custom = !column.IsPlatform;
            var isBase = column.CalculationOf != null;
            var primaryKey = column.Type == ColumnType.Uniqueidentifier && column.LogicalName == table.PrimaryIdAttribute;
            var e = new XElement("attribute", A("PhysicalName", column.SchemaName));
            e.Add(V("Type", XmlType(column, primaryKey)));
            e.Add(V("Name", column.LogicalName));
            e.Add(V("LogicalName", column.LogicalName));
            e.Add(V("RequiredLevel", system?.RequiredLevel ?? RequiredLevelName(column.Required)));
            var displayMask = system != null ? system.DisplayMask
                : column.IsPrimaryName ? "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
                : isBase ? "ValidForAdvancedFind|ValidForForm|ValidForGrid"
                : "ValidForAdvancedFind|ValidForForm|ValidForGrid";
            if (displayMask.Length > 0) e.Add(V("DisplayMask", displayMask));
            e.Add(V("ImeMode", system?.ImeMode ?? (isBase ? "disabled" : column.Type == ColumnType.DateTime ? "inactive" : "auto")));
            e.Add(V("ValidForUpdateApi", Bit(system?.ValidForUpdate ?? !isBase)));
            e.Add(V("ValidForReadApi", "1"));
            e.Add(V("ValidForCreateApi", Bit(system?.ValidForCreate ?? !isBase)));
            e.Add(V("IsCustomField", Bit(custom)));
            e.Add(V("IsAuditEnabled", Bit(system?.IsAuditEnabled ?? !isBase)));
            if (system?.IsLogical == true) e.Add(V("IsLogical", "1"));
            e.Add(V("IsSecured", Bit(column.IsSecured)));
            e.Add(V("IntroducedVersion", custom ? "1.0.0.0" : "1.0"));
            e.Add(V("IsCustomizable", "1"));
            e.Add(V("IsRenameable", "1"));
            e.Add(V("CanModifySearchSettings", "1"));
            e.Add(V("CanModifyRequirementLevelSettings", Bit(!primaryKey)));
            e.Add(V("CanModifyAdditionalSettings", "1"));
            e.Add(V("SourceType", "0"));
            e.Add(V("IsGlobalFilterEnabled", "0"));
            e.Add(V("IsSortableEnabled", "0"));
            e.Add(V("CanModifyGlobalFilterSettings", "1"));
            e.Add(V("CanModifyIsSortableSettings", "1"));
            e.Add(V("IsDataSourceSecret", "0"));
            e.Add(V("AutoNumberFormat", ""));
            e.Add(V("IsSearchable", Bit(system?.IsSearchable ?? (column.IsPrimaryName || (custom && !isBase && column.Type != ColumnType.Memo)))));
            e.Add(V("IsFilterable", Bit(system?.IsFilterable ?? false)));
            e.Add(V("IsRetrievable", Bit(system?.IsRetrievable ?? (column.IsPrimaryName || primaryKey))));
            e.Add(V("IsLocalizable", "0"));
            foreach (var tail in Tail(model, table, column, primaryKey)) e.Add(tail);
            e.Add(Labels("displaynames", "displayname", displayName));
            e.Add(Labels("Descriptions", "Description", description));
            return e;
        }

        public static string XmlType(Column column, bool primaryKey) => column.Type switch
        {
            ColumnType.String => "nvarchar",
            ColumnType.Memo => "ntext",
            ColumnType.Integer => "int",
            ColumnType.BigInt => "bigint",
            ColumnType.Decimal => "decimal",
            ColumnType.Double => "float",
            ColumnType.Money => "money",
            ColumnType.Boolean => "bit",
            ColumnType.DateTime => "datetime",
            ColumnType.Picklist => "picklist",
            ColumnType.Lookup => "lookup",
            ColumnType.Customer => "customer",
            ColumnType.Owner => "owner",
            ColumnType.State => "state",
            ColumnType.Status => "status",
            ColumnType.PartyList => "partylist",
            ColumnType.Uniqueidentifier => primaryKey ? "primarykey" : "uniqueidentifier",
            _ => throw new PackagingException($"Column {column.LogicalName}: the builder cannot export a {column.Type} column."),
        };

        private static string RequiredLevelName(RequiredLevel level) => level switch
        {
            RequiredLevel.None => "none",
            RequiredLevel.Recommended => "recommended",
            RequiredLevel.ApplicationRequired => "required",
            _ => "systemrequired",
        };

        private static IEnumerable<XElement> Tail(SolutionDefinition model, Table table, Column column, bool primaryKey)
        {
            switch (column.Type)
            {
                case ColumnType.String:
                    var max = column.MaxLength ?? 100;
                    yield return V("Format", "text");
                    yield return V("MaxLength", max);
                    yield return V("Length", max * 2);
                    break;
                case ColumnType.Memo:
                    yield return V("Format", "text");
                    yield return V("MaxLength", column.MaxLength ?? 2000);
                    break;
                case ColumnType.Integer:
                    yield return V("Format", "");
                    yield return V("MinValue", column.MinValue.HasValue ? Number(column.MinValue.Value) : "-2147483648");
                    yield return V("MaxValue", column.MaxValue.HasValue ? Number(column.MaxValue.Value) : "2147483647");
                    break;
                case ColumnType.Decimal:
                case ColumnType.Money:
                    yield return V("MinValue", Number(column.MinValue ?? 0m));
                    yield return V("MaxValue", Number(column.MaxValue ?? 100000000000m));
                    yield return V("Accuracy", column.Precision ?? 2);
                    yield return V("AccuracySource", column.Type == ColumnType.Money ? 2 : 0);
                    if (column.CalculationOf != null) yield return V("CalculationOf", column.CalculationOf);
                    break;
                case ColumnType.DateTime:
                    yield return V("Format", column.DateOnly ? "date" : "datetime");
                    yield return V("CanChangeDateTimeBehavior", column.IsPlatform ? "0" : "1");
                    yield return V("Behavior", 1);
                    break;
                case ColumnType.Boolean:
                    yield return V("AppDefaultValue", Bit(column.DefaultValue));
                    yield return E("optionset", A("Name", table.LogicalName + "_" + column.LogicalName),
                        V("OptionSetType", "bit"),
                        V("IntroducedVersion", "1.0.0.0"),
                        V("IsCustomizable", "1"),
                        V("ExternalTypeName", ""),
                        Labels("displaynames", "displayname", column.DisplayName!),
                        Labels("Descriptions", "Description", column.Description!),
                        E("options",
                            Option(1, column.TrueLabel ?? new Label("Yes", "Ja")),
                            Option(0, column.FalseLabel ?? new Label("No", "Nein"))));
                    break;
                case ColumnType.Picklist:
                    var choice = model.Choice(column.ChoiceName ?? throw new PackagingException($"{table.LogicalName}.{column.LogicalName} is a choice without a choice name."));
                    yield return V("AppDefaultValue", -1);
                    yield return V("OptionSetName", choice.Name);
                    break;
                case ColumnType.Lookup:
                case ColumnType.Customer:
                    yield return V("LookupStyle", "single");
                    yield return E("LookupTypes");
                    break;
                case ColumnType.Owner:
                    yield return V("LookupStyle", "single");
                    yield return E("LookupTypes",
                        E("LookupType", A("id", Guid.Empty), "8"),
                        E("LookupType", A("id", Guid.Empty), "9"));
                    break;
                case ColumnType.State:
                    yield return E("optionset", A("Name", table.LogicalName + "_statecode"),
                        V("OptionSetType", "state"),
                        V("IntroducedVersion", "1.0"),
                        V("IsCustomizable", "1"),
                        Labels("displaynames", "displayname", new Label("Status", "Status")),
                        Labels("Descriptions", "Description", new Label("Status of the " + table.DisplayName!.En, "Status von " + table.DisplayName.De)),
                        E("states",
                            E("state", A("value", 0), A("defaultstatus", 1), A("invariantname", "Active"), Labels("labels", "label", new Label("Active", "Aktiv"))),
                            E("state", A("value", 1), A("defaultstatus", 2), A("invariantname", "Inactive"), Labels("labels", "label", new Label("Inactive", "Inaktiv")))));
                    break;
                case ColumnType.Status:
                    yield return E("optionset", A("Name", table.LogicalName + "_statuscode"),
                        V("OptionSetType", "status"),
                        V("IntroducedVersion", "1.0"),
                        V("IsCustomizable", "1"),
                        Labels("displaynames", "displayname", new Label("Status Reason", "Statusgrund")),
                        Labels("Descriptions", "Description", new Label("Reason for the status of the " + table.DisplayName!.En, "Grund für den Status von " + table.DisplayName.De)),
                        E("statuses",
                            E("status", A("value", 1), A("state", 0), Labels("labels", "label", new Label("Active", "Aktiv"))),
                            E("status", A("value", 2), A("state", 1), Labels("labels", "label", new Label("Inactive", "Inaktiv")))));
                    break;
                case ColumnType.Uniqueidentifier when primaryKey:
                    break;
                default:
                    throw new PackagingException($"{table.LogicalName}.{column.LogicalName}: the builder cannot export a {column.Type} column.");
            }
        }

        private static XElement Option(int value, Label label) =>
            E("option", A("value", value), A("ExternalValue", ""), A("IsHidden", 0), Labels("labels", "label", label));
    }
}
