using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>Main, quick and card forms and the dashboard, as system forms with embedded form XML.</summary>
    internal static class FormXml
    {
        public const string SubgridClassId = "{E7A81278-8635-4D9E-8D4D-59480B391C5B}";
        public const string WebResourceClassId = "{9FDF5F91-88B1-47F4-AD53-C11EFC01A01D}";
        private const string TextClassId = "{4273EDBD-AC1D-40D3-9FB2-095C621B552D}";
        private const string LookupClassId = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}";

        /// <summary>The control classid Dataverse uses for each column type on a form.</summary>
        public static string ClassId(Column column) => column.Type switch
        {
            ColumnType.String => TextClassId,
            ColumnType.Memo => "{E0DECE4B-6FC8-4A8F-A065-082708572369}",
            ColumnType.Integer => "{C6D124CA-7EDA-4A60-AEA9-7FB8D318B68F}",
            ColumnType.BigInt => "{C6D124CA-7EDA-4A60-AEA9-7FB8D318B68F}",
            ColumnType.Decimal => "{C3EFE0C3-0EC6-42BE-8349-CBD9079DFD8E}",
            ColumnType.Double => "{0D2C745A-E5A8-4C8F-BA63-C6D3BB604660}",
            ColumnType.Money => "{533B9E00-756B-4312-95A0-DC888637AC78}",
            ColumnType.Boolean => "{67FAC785-CD58-4F9F-ABB3-4B7DDC6ED5ED}",
            ColumnType.DateTime => "{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}",
            ColumnType.Picklist => "{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}",
            ColumnType.State => "{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}",
            ColumnType.Status => "{5D68B988-0661-4DB2-BC3E-17598AD3BE6C}",
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => LookupClassId,
            ColumnType.PartyList => "{CBFB742C-14E7-4A17-96BB-1A13F7F64AA2}",
            _ => throw new PackagingException($"Column {column.LogicalName} ({column.Type}) cannot be placed on a form."),
        };

        public static XElement MainForm(SolutionDefinition model, Table table, Form form, WebResourceManifest web)
        {
            string Part(string name) => Ids.Braced(Ids.FormPart(table.LogicalName, form.Key, name));
            var tabs = E("tabs", form.Tabs.Select(tab =>
                E("tab", A("name", tab.Key), A("verticallayout", "true"), A("id", Part("tab|" + tab.Key)), A("IsUserDefined", "1"),
                    Labels("labels", "label", tab.Label),
                    E("columns", E("column", A("width", "100%"), E("sections", tab.Sections.Select(section =>
                        E("section", A("name", section.Key), A("showlabel", "true"), A("showbar", "false"), A("IsUserDefined", "0"), A("id", Part("section|" + section.Key)),
                            Labels("labels", "label", section.Label),
                            E("rows", section.Cells.SelectMany(cell => Rows(model, table, form, cell, Part)))))))))));
            var formElement = E("form", A("headerdensity", "HighWithControls"), tabs);
            if (form.HeaderFields.Count > 0)
            {
                formElement.Add(E("header", A("id", Part("header")), A("celllabelposition", "Top"), A("columns", new string('1', form.HeaderFields.Count)),
                    A("labelwidth", 115), A("celllabelalignment", "Left"),
                    E("rows", E("row", form.HeaderFields.Select(field => FieldCell(model, table, new FieldCell(field) { ReadOnly = true, Label = BodyLabel(form, field) }, form, "header_" + field, Part))))));
            }
            formElement.Add(DisplayConditions(model, table));
            AddEvents(formElement, table, form, web, Part);
            return E("systemform",
                V("formid", Ids.Braced(Ids.Form(table.LogicalName, form.Key))),
                V("IntroducedVersion", "1.0.0.0"),
                V("FormPresentation", "1"),
                V("FormActivationState", "1"),
                formElement,
                V("IsCustomizable", "1"),
                V("CanBeDeleted", "1"),
                Labels("LocalizedNames", "LocalizedName", form.Name),
                Labels("Descriptions", "Description", form.Description));
        }

        /// <summary>
        /// Who sees a main form first. A new table's form is everyone's form and the fallback. A form the solution adds
        /// to a Microsoft table is given to the CrmAttention roles and put first for them (Order 0), without becoming
        /// the fallback, so users without those roles keep Microsoft's form. Role ids are the roles' solution ids;
        /// Dataverse maps them to each business unit's copy of the role.
        /// </summary>
        private static XElement DisplayConditions(SolutionDefinition model, Table table) =>
            table.IsCustom
                ? E("DisplayConditions", A("Order", 0), A("FallbackForm", "true"), E("Everyone"))
                : E("DisplayConditions", A("Order", 0), A("FallbackForm", "false"),
                    model.Roles.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => E("Role", A("Id", Ids.Braced(Ids.Role(r.Key))))));

        /// <summary>The quick view form a new table comes with: name and owner.</summary>
        public static XElement QuickForm(Table table)
        {
            string Part(string name) => Ids.Braced(Ids.FormPart(table.LogicalName, "quick", name));
            var general = new Label("General", "Allgemein");
            return E("systemform",
                V("formid", Ids.Braced(Ids.Form(table.LogicalName, "quick"))),
                V("IntroducedVersion", "1.0.0.0"),
                V("FormPresentation", "1"),
                V("FormActivationState", "1"),
                E("form",
                    E("tabs",
                        E("tab", A("verticallayout", "true"), A("id", Part("tab")), A("IsUserDefined", "1"),
                            Labels("labels", "label", general),
                            E("columns", E("column", A("width", "100%"), E("sections",
                                E("section", A("showlabel", "false"), A("showbar", "false"), A("IsUserDefined", "0"), A("id", Part("section")),
                                    Labels("labels", "label", general),
                                    E("rows",
                                        E("row", E("cell", A("id", Part("cell|name")), Labels("labels", "label", table.Column(table.PrimaryNameAttribute).DisplayName!),
                                            E("control", A("id", table.PrimaryNameAttribute), A("classid", TextClassId), A("datafieldname", table.PrimaryNameAttribute)))),
                                        E("row", E("cell", A("id", Part("cell|owner")), Labels("labels", "label", new Label("Owner", "Besitzer")),
                                            E("control", A("id", "ownerid"), A("classid", LookupClassId), A("datafieldname", "ownerid")))))))))))),
                V("IsCustomizable", "1"),
                V("CanBeDeleted", "1"),
                Labels("LocalizedNames", "LocalizedName", new Label("Information", "Informationen")));
        }

        /// <summary>The card form a new table comes with (used by lists on phones and in the timeline).</summary>
        public static XElement CardForm(Table table)
        {
            string Part(string name) => Ids.Braced(Ids.FormPart(table.LogicalName, "card", name));
            XElement Cell(string key, Label label, string? field, string? classId) =>
                E("cell", A("id", Part("cell|" + key)), A("showlabel", "true"), A("locklevel", "0"), Labels("labels", "label", label),
                    field == null ? null : E("control", A("id", field), A("classid", classId!), A("datafieldname", field), A("disabled", "false")));
            return E("systemform",
                V("formid", Ids.Braced(Ids.Form(table.LogicalName, "card"))),
                V("IntroducedVersion", "1.0.0.0"),
                V("FormPresentation", "1"),
                V("FormActivationState", "1"),
                E("form",
                    E("tabs",
                        E("tab", A("name", "general"), A("verticallayout", "true"), A("id", Part("tab")), A("IsUserDefined", "0"),
                            Labels("labels", "label", new Label("General", "Allgemein")),
                            E("columns",
                                E("column", A("width", "25%"), E("sections",
                                    E("section", A("name", "ColorStrip"), A("showlabel", "false"), A("showbar", "false"), A("columns", "1"), A("IsUserDefined", "0"), A("id", Part("section|colorstrip")),
                                        Labels("labels", "label", new Label("Color strip", "Farbstreifen"))))),
                                E("column", A("width", "75%"), E("sections",
                                    E("section", A("name", "CardHeader"), A("showlabel", "false"), A("showbar", "false"), A("columns", "1"), A("id", Part("section|header")), A("IsUserDefined", "0"),
                                        Labels("labels", "label", new Label("Header", "Kopfzeile")),
                                        E("rows", E("row", Cell("status", new Label("Status Reason", "Statusgrund"), "statuscode", "{5D68B988-0661-4DB2-BC3E-17598AD3BE6C}")))),
                                    E("section", A("name", "CardDetails"), A("showlabel", "false"), A("showbar", "false"), A("columns", "1"), A("id", Part("section|details")), A("IsUserDefined", "0"),
                                        Labels("labels", "label", new Label("Details", "Details")),
                                        E("rows", E("row", Cell("name", table.Column(table.PrimaryNameAttribute).DisplayName!, table.PrimaryNameAttribute, TextClassId)))),
                                    E("section", A("name", "CardFooter"), A("showlabel", "false"), A("showbar", "false"), A("columns", "11"), A("id", Part("section|footer")), A("IsUserDefined", "0"),
                                        Labels("labels", "label", new Label("Footer", "Fußzeile")),
                                        E("rows", E("row",
                                            Cell("owner", new Label("Owner", "Besitzer"), "ownerid", LookupClassId),
                                            Cell("createdon", new Label("Created On", "Erstellt am"), "createdon", "{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}")))))))))),
                V("IsCustomizable", "1"),
                V("CanBeDeleted", "1"),
                Labels("LocalizedNames", "LocalizedName", new Label("Information", "Informationen")),
                Labels("Descriptions", "Description", new Label("A card form for this table.", "Ein Kartenformular für diese Tabelle.")));
        }

        public static XElement Dashboard(SolutionDefinition model, Dashboard dashboard, WebResourceManifest web)
        {
            string Part(string name) => Ids.Braced(Ids.Of("dashboardpart", dashboard.Key, name));
            var sections = dashboard.Sections.Select(section =>
            {
                var width = section.Cells.Count == 1 ? 4 : 2;
                var cells = section.Cells.Select(cell => DashboardCell(model, dashboard, cell, width, web, Part)).ToList();
                var rows = new List<XElement> { E("row", cells) };
                for (var i = 1; i < 12; i++) rows.Add(E("row"));
                return E("section", A("name", section.Key), A("showlabel", "false"), A("showbar", "false"), A("columns", "1111"), A("id", Part("section|" + section.Key)),
                    Labels("labels", "label", section.Label), E("rows", rows));
            });
            return E("Dashboard",
                Labels("LocalizedNames", "LocalizedName", dashboard.Name),
                Labels("Descriptions", "Description", dashboard.Description),
                V("FormId", Ids.Braced(Ids.Dashboard(dashboard.Key))),
                V("IsCustomizable", "1"),
                V("IsDefault", "0"),
                E("FormXml", E("forms", A("type", "dashboard"), E("form",
                    E("tabs", E("tab", A("name", "attention"), A("showlabel", "false"), A("verticallayout", "true"), A("id", Part("tab")),
                        Labels("labels", "label", dashboard.Name),
                        E("columns", E("column", A("width", "100%"), E("sections", sections)))))))),
                V("IntroducedVersion", "1.0.0.0"),
                V("IsTabletEnabled", "1"));
        }

        private static XElement DashboardCell(SolutionDefinition model, Dashboard dashboard, FormCell cell, int width, WebResourceManifest web, Func<string, string> part)
        {
            switch (cell)
            {
                case ChartCell chart:
                    var chartTable = model.Table(chart.Table);
                    return GridCell(chart.Key, chart.Label, width, part, chartTable, chart.ViewKey, chart.ChartKey, relationship: null, "Chart");
                case ViewCell view:
                    return GridCell(view.Key, view.Label, width, part, model.Table(view.Table), view.ViewKey, chartKey: null, relationship: null, "Grid");
                case WebResourceCell resource:
                    return WebResource(resource, width, web, part);
                default:
                    throw new PackagingException($"Dashboard {dashboard.Key}: a {cell.GetType().Name} cannot be placed on a dashboard.");
            }
        }

        private static IEnumerable<XElement> Rows(SolutionDefinition model, Table table, Form form, FormCell cell, Func<string, string> part)
        {
            switch (cell)
            {
                case FieldCell field:
                    yield return E("row", FieldCell(model, table, field, form, field.Attribute, part));
                    break;
                case SubgridCell grid:
                    var target = model.Table(grid.TargetTable);
                    yield return E("row", GridCell(grid.Key, grid.Label, 1, part, target, grid.ViewKey, null, grid.RelationshipName, "Grid"));
                    for (var i = 1; i < 10; i++) yield return E("row");
                    break;
                default:
                    throw new PackagingException($"Form {table.LogicalName}/{form.Key}: a {cell.GetType().Name} cannot be placed on a main form.");
            }
        }

        /// <summary>A header field shows the label its cell in the body has (platform columns are labelled there).</summary>
        private static Label? BodyLabel(Form form, string attribute) =>
            form.Tabs.SelectMany(t => t.Sections).SelectMany(s => s.Cells).OfType<FieldCell>().FirstOrDefault(c => c.Attribute == attribute)?.Label;

        private static XElement FieldCell(SolutionDefinition model, Table table, FieldCell field, Form form, string key, Func<string, string> part)
        {
            if (!table.HasColumn(field.Attribute))
                throw new PackagingException($"Form {table.LogicalName}/{form.Key} shows {field.Attribute}, which the table does not have.");
            var column = table.Column(field.Attribute);
            var label = field.Label ?? column.DisplayName
                ?? throw new PackagingException($"Form {table.LogicalName}/{form.Key}: {field.Attribute} needs a label (the model does not label this platform column).");
            var control = E("control", A("id", key == field.Attribute ? field.Attribute : key), A("classid", ClassId(column)), A("datafieldname", field.Attribute),
                A("disabled", field.ReadOnly || form.ReadOnly ? "true" : "false"));
            return E("cell", A("id", part("cell|" + key)), A("showlabel", "true"), A("locklevel", "0"), Labels("labels", "label", label), control);
        }

        private static XElement GridCell(string key, Label label, int colspan, Func<string, string> part, Table target, string viewKey, string? chartKey, string? relationship, string mode)
        {
            var parameters = E("parameters",
                V("TargetEntityType", target.LogicalName),
                V("ChartGridMode", mode),
                V("EnableQuickFind", "false"),
                V("EnableViewPicker", "false"),
                V("EnableJumpBar", "false"),
                V("RecordsPerPage", "10"),
                E("HeaderColorCode"),
                V("ViewId", Ids.Braced(Ids.View(target.LogicalName, viewKey)).ToUpperInvariant()),
                V("IsUserView", "false"),
                E("ViewIds"),
                V("AutoExpand", "Fixed"),
                chartKey == null ? E("VisualizationId") : V("VisualizationId", Ids.Braced(Ids.Chart(target.LogicalName, chartKey)).ToUpperInvariant()),
                V("IsUserChart", "false"),
                V("EnableChartPicker", "false"),
                relationship == null ? E("RelationshipName") : V("RelationshipName", relationship));
            return E("cell", A("colspan", colspan), A("rowspan", colspan == 1 ? 10 : 12), A("showlabel", "true"), A("id", part("cell|" + key)), A("auto", "false"),
                Labels("labels", "label", label),
                E("control", A("id", key), A("uniqueid", part("control|" + key)), A("classid", SubgridClassId), A("indicationOfSubgrid", "true"), parameters));
        }

        private static XElement WebResource(WebResourceCell cell, int colspan, WebResourceManifest web, Func<string, string> part)
        {
            var resource = web.WebResources.FirstOrDefault(w => w.Name == cell.WebResourceName)
                ?? throw new PackagingException($"The dashboard shows the web resource {cell.WebResourceName}, which WebResources/webresources.json does not list.");
            return E("cell", A("colspan", colspan), A("rowspan", 12), A("showlabel", "false"), A("id", part("cell|" + cell.Key)), A("auto", "false"),
                Labels("labels", "label", cell.Label),
                E("control", A("id", "WebResource_" + cell.Key), A("classid", WebResourceClassId),
                    E("parameters",
                        V("Url", resource.Name),
                        V("PassParameters", "false"),
                        V("Security", "false"),
                        V("Scrolling", "auto"),
                        V("Border", "false"),
                        V("ShowOnMobileClient", "false"),
                        V("WebResourceId", Ids.Braced(Ids.WebResource(resource.Name)).ToUpperInvariant()))));
        }

        private static void AddEvents(XElement form, Table table, Form model, WebResourceManifest web, Func<string, string> part)
        {
            var events = web.FormEvents.Where(e => e.Table == table.LogicalName && (e.Form == null || e.Form == model.Key)).ToList();
            if (events.Count == 0) return;
            var libraries = events.Select(e => e.Library).Distinct(StringComparer.Ordinal).ToList();
            foreach (var library in libraries)
            {
                if (!web.WebResources.Any(w => w.Name == library))
                    throw new PackagingException($"A form event of {table.LogicalName} uses the library {library}, which WebResources/webresources.json does not list.");
            }
            foreach (var attribute in events.Where(e => e.Attribute != null).Select(e => e.Attribute!))
            {
                if (!table.HasColumn(attribute))
                    throw new PackagingException($"A form event of {table.LogicalName} handles onchange of {attribute}, which the table does not have.");
            }
            form.Add(E("formLibraries", libraries.Select(library => E("Library", A("name", library), A("libraryUniqueId", part("library|" + library))))));
            form.Add(E("events", events.GroupBy(e => (e.Event, e.Attribute)).Select(group =>
            {
                var element = E("event", A("name", group.Key.Event), A("application", "false"), A("active", "false"));
                if (group.Key.Attribute != null) element.Add(A("attribute", group.Key.Attribute));
                element.Add(E("Handlers", group.Select(h => E("Handler",
                    A("functionName", h.Function),
                    A("libraryName", h.Library),
                    A("handlerUniqueId", part("handler|" + h.Event + "|" + h.Attribute + "|" + h.Function)),
                    A("enabled", "true"),
                    A("parameters", ""),
                    A("passExecutionContext", h.PassExecutionContext ? "true" : "false")))));
                return element;
            })));
        }
    }
}
