using System;
using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>A FetchXML condition. Values are written as FetchXML text (choice values as numbers).</summary>
    public sealed record Condition(string Attribute, string Operator, params string[] Values)
    {
        /// <summary>The alias of a <see cref="LinkEntity"/> the attribute belongs to (FetchXML entityname); null for the view's own table.</summary>
        public string? EntityName { get; init; }
    }

    /// <summary>
    /// A FetchXML link-entity without columns: an outer join whose table the view's filter reaches through
    /// <see cref="Condition.EntityName"/> (a condition inside an outer link would filter only the joined rows).
    /// </summary>
    public sealed record LinkEntity(string Name, string From, string To, string Alias, string LinkType = "outer");

    /// <summary>A FetchXML filter: conditions and nested filters joined by "and" or "or".</summary>
    public sealed class Filter
    {
        public Filter(string type, params object[] items)
        {
            if (type != "and" && type != "or") throw new ArgumentException($"A FetchXML filter is 'and' or 'or', not '{type}'.");
            Type = type;
            foreach (var item in items)
            {
                switch (item)
                {
                    case Condition c: Conditions.Add(c); break;
                    case Filter f: Filters.Add(f); break;
                    default: throw new ArgumentException($"A filter holds conditions and filters, not {item.GetType().Name}.");
                }
            }
        }

        public string Type { get; }

        public List<Condition> Conditions { get; } = new List<Condition>();

        public List<Filter> Filters { get; } = new List<Filter>();

        public static Filter And(params object[] items) => new Filter("and", items);

        public static Filter Or(params object[] items) => new Filter("or", items);
    }

    public sealed record ViewColumn(string Attribute, int Width);

    public sealed record Order(string Attribute, bool Descending = false);

    /// <summary>
    /// A system view (savedquery). <see cref="QueryType"/> 0 is a public view; the builder adds the other query
    /// types (advanced find, associated, quick find, lookup) a new table carries.
    /// </summary>
    public sealed class View
    {
        public View(string key, Label name, Label description)
        {
            Key = key;
            Name = name;
            Description = description;
        }

        /// <summary>Stable key the id is derived from; renaming it changes the view's id.</summary>
        public string Key { get; }

        public Label Name { get; }

        public Label Description { get; }

        public int QueryType { get; init; }

        public bool IsDefault { get; init; }

        public bool IsQuickFind { get; init; }

        public IReadOnlyList<ViewColumn> Columns { get; init; } = Array.Empty<ViewColumn>();

        public Filter? Filter { get; init; }

        public IReadOnlyList<LinkEntity> Links { get; init; } = Array.Empty<LinkEntity>();

        public IReadOnlyList<Order> Orders { get; init; } = Array.Empty<Order>();
    }

    public enum ChartType
    {
        Column,
        StackedColumn,
        Bar,
        Line,
        Pie,
    }

    /// <summary>
    /// A system chart (savedqueryvisualization): a count of the table's rows grouped by one column, optionally
    /// split into series by a second column. Date grouping uses FetchXML's dategrouping (week, month …).
    /// </summary>
    public sealed class Chart
    {
        public Chart(string key, Label name, Label description)
        {
            Key = key;
            Name = name;
            Description = description;
        }

        public string Key { get; }

        public Label Name { get; }

        public Label Description { get; }

        public ChartType Type { get; init; } = ChartType.Column;

        public string GroupBy { get; init; } = "";

        public string? DateGrouping { get; init; }

        public string? SeriesBy { get; init; }

        public Filter? Filter { get; init; }
    }
}
