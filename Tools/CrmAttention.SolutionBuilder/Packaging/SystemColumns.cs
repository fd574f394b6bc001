using System.Collections.Generic;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>The flags and labels Dataverse gives the system columns of a new user-owned table, as exports show them.</summary>
    internal sealed record SystemColumn(
        string RequiredLevel,
        string DisplayMask,
        string ImeMode,
        bool ValidForUpdate,
        bool ValidForCreate,
        bool IsAuditEnabled,
        bool IsLogical,
        bool IsSearchable,
        bool IsFilterable,
        bool IsRetrievable,
        Label DisplayName,
        Label Description);

    internal static class SystemColumns
    {
        private const string Grid = "ValidForAdvancedFind|ValidForForm|ValidForGrid";

        public static SystemColumn For(Table table, Column column)
        {
            var name = table.DisplayName ?? throw new PackagingException($"Table {table.LogicalName} has no display name.");
            switch (column.LogicalName)
            {
                case "createdby": return Lookup("Created By", "Erstellt von", "Unique identifier of the user who created the record.", "Eindeutiger Bezeichner des Benutzers, der den Datensatz erstellt hat.");
                case "createdonbehalfby": return Lookup("Created By (Delegate)", "Erstellt von (Stellvertretung)", "Unique identifier of the delegate user who created the record.", "Eindeutiger Bezeichner des stellvertretenden Benutzers, der den Datensatz erstellt hat.");
                case "modifiedby": return Lookup("Modified By", "Geändert von", "Unique identifier of the user who modified the record.", "Eindeutiger Bezeichner des Benutzers, der den Datensatz geändert hat.");
                case "modifiedonbehalfby": return Lookup("Modified By (Delegate)", "Geändert von (Stellvertretung)", "Unique identifier of the delegate user who modified the record.", "Eindeutiger Bezeichner des stellvertretenden Benutzers, der den Datensatz geändert hat.");
                case "createdon": return Date("Created On", "Erstellt am", "Date and time when the record was created.", "Datum und Uhrzeit der Erstellung des Datensatzes.", filterable: true);
                case "modifiedon": return Date("Modified On", "Geändert am", "Date and time when the record was modified.", "Datum und Uhrzeit der Änderung des Datensatzes.", filterable: true);
                case "overriddencreatedon":
                    return new SystemColumn("none", Grid, "inactive", false, true, false, false, false, false, false,
                        new Label("Record Created On", "Datensatz erstellt am"), new Label("Date and time that the record was migrated.", "Datum und Uhrzeit der Migration des Datensatzes."));
                case "importsequencenumber":
                    return new SystemColumn("none", "ValidForAdvancedFind", "disabled", false, true, true, false, false, false, false,
                        new Label("Import Sequence Number", "Importsequenznummer"), new Label("Sequence number of the import that created this record.", "Sequenznummer des Imports, der diesen Datensatz erstellt hat."));
                case "ownerid":
                    return new SystemColumn("systemrequired", Grid + "|RequiredForForm", "auto", true, true, true, false, false, true, false,
                        new Label("Owner", "Besitzer"), new Label("Owner Id", "Besitzer-ID"));
                case "owningbusinessunit": return Owning("Owning Business Unit", "Besitzende Unternehmenseinheit", "Unique identifier for the business unit that owns the record", "Eindeutiger Bezeichner der Unternehmenseinheit, die den Datensatz besitzt", logical: false, filterable: true);
                case "owningteam": return Owning("Owning Team", "Besitzendes Team", "Unique identifier for the team that owns the record.", "Eindeutiger Bezeichner des Teams, das den Datensatz besitzt.", logical: true, filterable: false);
                case "owninguser": return Owning("Owning User", "Besitzender Benutzer", "Unique identifier for the user that owns the record.", "Eindeutiger Bezeichner des Benutzers, der den Datensatz besitzt.", logical: true, filterable: false);
                case "statecode":
                    return new SystemColumn("systemrequired", Grid, "auto", true, false, true, false, false, true, false,
                        new Label("Status", "Status"), new Label("Status of the " + name.En, "Status von " + name.De));
                case "statuscode":
                    return new SystemColumn("none", Grid, "auto", true, true, true, false, false, false, false,
                        new Label("Status Reason", "Statusgrund"), new Label("Reason for the status of the " + name.En, "Grund für den Status von " + name.De));
                case "timezoneruleversionnumber":
                    return new SystemColumn("none", "", "auto", true, true, false, false, false, false, false,
                        new Label("Time Zone Rule Version Number", "Versionsnummer der Zeitzonenregel"), new Label("For internal use only.", "Nur zur internen Verwendung."));
                case "utcconversiontimezonecode":
                    return new SystemColumn("none", "", "auto", true, true, false, false, false, false, false,
                        new Label("UTC Conversion Time Zone Code", "UTC-Umrechnungszeitzonencode"), new Label("Time zone code that was in use when the record was created.", "Zeitzonencode, der bei der Erstellung des Datensatzes verwendet wurde."));
                default:
                    if (column.LogicalName == table.PrimaryIdAttribute)
                    {
                        return new SystemColumn("systemrequired", "ValidForAdvancedFind|RequiredForGrid", "auto", false, true, false, false, false, true, true,
                            name, new Label("Unique identifier for entity instances", "Eindeutiger Bezeichner für Entitätsinstanzen"));
                    }
                    throw new PackagingException($"The builder has no export template for the system column {table.LogicalName}.{column.LogicalName}.");
            }
        }

        /// <summary>Columns the platform keeps in its metadata but does not export as attributes of a new table.</summary>
        public static readonly ISet<string> NotExported = new HashSet<string> { "versionnumber" };

        private static SystemColumn Lookup(string en, string de, string descEn, string descDe) =>
            new SystemColumn("none", Grid, "auto", false, false, false, false, false, false, false, new Label(en, de), new Label(descEn, descDe));

        private static SystemColumn Date(string en, string de, string descEn, string descDe, bool filterable) =>
            new SystemColumn("none", Grid, "inactive", false, false, false, false, false, filterable, true, new Label(en, de), new Label(descEn, descDe));

        private static SystemColumn Owning(string en, string de, string descEn, string descDe, bool logical, bool filterable) =>
            new SystemColumn("none", "", "auto", false, false, false, logical, false, filterable, false, new Label(en, de), new Label(descEn, descDe));
    }
}
