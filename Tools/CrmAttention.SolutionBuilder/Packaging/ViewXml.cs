using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// System views (savedquery). FetchXML and layout XML are embedded elements, not escaped text, exactly as in
    /// exports. A new table gets the seven views Dataverse creates with it; the model's views are added to them.
    /// </summary>
    internal static class ViewXml
    {
        public const int PublicView = 0;
        public const int AdvancedFind = 1;
        public const int Associated = 2;
        public const int QuickFind = 4;
        public const int Lookup = 64;
        public const int MyView = 8192;

        /// <summary>The key and query type of the views a new table comes with; the model refers to them by key.</summary>
        public static readonly (string Key, int QueryType)[] SystemViewKeys =
        {
            ("active", PublicView), ("inactive", PublicView), ("my", MyView), ("quickfind", QuickFind),
            ("advancedfind", AdvancedFind), ("associated", Associated), ("lookup", Lookup),
        };

        public static IEnumerable<XElement> SystemViews(Table table)
        {
            var collection = table.CollectionName ?? throw new PackagingException($"Table {table.LogicalName} has no collection name.");
            var name = table.DisplayName!;
            var columns = table.GridColumns.Count > 0 ? table.GridColumns : new List<ViewColumn> { new ViewColumn(table.PrimaryNameAttribute, 300), new ViewColumn("createdon", 125) };
            var byName = new[] { new Order(table.PrimaryNameAttribute) };
            var active = Filter.And(new Condition("statecode", "eq", "0"));
            yield return SavedQuery(table, "active", PublicView, true, false, false, new Label("Active " + collection.En, "Aktive " + collection.De), null, columns, active, byName);
            yield return SavedQuery(table, "inactive", PublicView, false, false, false, new Label("Inactive " + collection.En, "Inaktive " + collection.De), null, columns, Filter.And(new Condition("statecode", "eq", "1")), byName);
            yield return SavedQuery(table, "my", MyView, true, false, true, new Label("My " + collection.En, "Meine " + collection.De),
                new Label("Active " + collection.En + " owned by me", "Aktive " + collection.De + ", die mir gehören"), null,
                Filter.And(new Condition("statecode", "eq", "0"), new Condition("ownerid", "eq-userid")), Array.Empty<Order>());
            yield return SavedQuery(table, "quickfind", QuickFind, true, true, false, new Label("Quick Find Active " + collection.En, "Schnellsuche: aktive " + collection.De), null, columns, active, byName,
                quickFind: new Filter("or", new Condition(table.PrimaryNameAttribute, "like", "{0}")));
            yield return SavedQuery(table, "advancedfind", AdvancedFind, true, false, false, new Label(collection.En + " Advanced Find View", "Erweiterte Suche: " + collection.De), null, columns, null, byName);
            yield return SavedQuery(table, "associated", Associated, true, false, false, new Label(name.En + " Associated View", "Zugeordnete Ansicht: " + collection.De), null, columns, active, byName);
            yield return SavedQuery(table, "lookup", Lookup, true, false, false, new Label(name.En + " Lookup View", "Suchansicht: " + collection.De), null,
                columns.Take(2).ToList(), active, Array.Empty<Order>());
        }

        public static XElement ModelView(Table table, View view) =>
            SavedQuery(table, view.Key, view.QueryType, view.IsDefault, view.IsQuickFind, true, view.Name, view.Description, view.Columns, view.Filter, view.Orders,
                links: view.Links);

        private static XElement SavedQuery(Table table, string key, int queryType, bool isDefault, bool isQuickFind, bool canBeDeleted, Label name, Label? description,
            IReadOnlyList<ViewColumn>? columns, Filter? filter, IReadOnlyList<Order> orders, Filter? quickFind = null, IReadOnlyList<LinkEntity>? links = null)
        {
            var associatedOrLookup = queryType == Associated || queryType == Lookup;
            var entity = E("entity", A("name", table.LogicalName));
            entity.Add(E("attribute", A("name", table.PrimaryIdAttribute)));
            foreach (var column in columns ?? Array.Empty<ViewColumn>())
                if (column.Attribute != table.PrimaryIdAttribute) entity.Add(E("attribute", A("name", column.Attribute)));
            foreach (var order in orders) entity.Add(E("order", A("attribute", order.Attribute), A("descending", order.Descending ? "true" : "false")));
            if (filter != null) entity.Add(FilterXml(filter));
            if (quickFind != null) entity.Add(FilterXml(quickFind, isQuickFindFields: true));
            foreach (var link in links ?? Array.Empty<LinkEntity>())
                entity.Add(E("link-entity", A("name", link.Name), A("from", link.From), A("to", link.To), A("link-type", link.LinkType), A("alias", link.Alias)));
            var fetch = queryType == MyView
                ? E("fetch", A("version", "1.0"), A("mapping", "logical"), A("output-format", "xml-platform"), entity)
                : E("fetch", A("version", "1.0"), A("mapping", "logical"), entity);
            var savedQuery = E("savedquery",
                V("IsCustomizable", "1"),
                V("CanBeDeleted", Bit(canBeDeleted)),
                V("isquickfindquery", Bit(isQuickFind)),
                V("isprivate", "0"),
                V("isdefault", Bit(isDefault)),
                V("savedqueryid", Ids.Braced(Ids.View(table.LogicalName, key))));
            if (columns != null)
            {
                savedQuery.Add(E("layoutxml",
                    E("grid",
                        A("name", associatedOrLookup ? table.EntitySetName : "resultset"),
                        A("jump", table.PrimaryNameAttribute),
                        A("select", "1"),
                        A("icon", "1"),
                        A("preview", queryType == Lookup ? "0" : "1"),
                        E("row", A("name", associatedOrLookup ? table.LogicalName : "result"), A("id", table.PrimaryIdAttribute),
                            columns.Select(c => E("cell", A("name", c.Attribute), A("width", c.Width)))))));
            }
            savedQuery.Add(V("querytype", queryType));
            savedQuery.Add(E("fetchxml", fetch));
            savedQuery.Add(V("IntroducedVersion", "1.0.0.0"));
            savedQuery.Add(Labels("LocalizedNames", "LocalizedName", name));
            if (description != null) savedQuery.Add(Labels("Descriptions", "Description", description));
            return savedQuery;
        }

        public static XElement FilterXml(Filter filter, bool isQuickFindFields = false)
        {
            var e = E("filter", A("type", filter.Type));
            if (isQuickFindFields) e.Add(A("isquickfindfields", "1"));
            foreach (var condition in filter.Conditions)
            {
                var c = E("condition", A("attribute", condition.Attribute), A("operator", condition.Operator));
                if (condition.EntityName != null) c.Add(A("entityname", condition.EntityName));
                if (condition.Values.Length == 1) c.Add(A("value", condition.Values[0]));
                else foreach (var value in condition.Values) c.Add(V("value", value));
                e.Add(c);
            }
            foreach (var nested in filter.Filters) e.Add(FilterXml(nested));
            return e;
        }
    }
}
