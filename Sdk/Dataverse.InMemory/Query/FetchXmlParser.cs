using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Parses FetchXML into a <see cref="QueryPlan"/>. Like the platform, which validates FetchXML against its
    /// schema, an unknown element, an unknown attribute or an invalid value is rejected with a message that
    /// names it; nothing is silently dropped.
    /// </summary>
    internal sealed class FetchXmlParser
    {
        private static readonly HashSet<string> FetchAttributes = Set("version", "output-format", "mapping", "distinct", "no-lock", "aggregate",
            "aggregatelimit", "count", "page", "paging-cookie", "returntotalrecordcount", "top", "useraworderby", "latematerialize", "options",
            "min-active-row-version", "datasource");

        private static readonly HashSet<string> EntityAttributes = Set("name", "enableprefiltering", "prefilterparametername");

        private static readonly HashSet<string> LinkAttributes = Set("name", "from", "to", "alias", "link-type", "intersect", "visible",
            "enableprefiltering", "prefilterparametername", "forceseek");

        private static readonly HashSet<string> AttributeAttributes = Set("name", "alias", "aggregate", "groupby", "dategrouping", "distinct",
            "usertimezone", "build", "addedby", "rowaggregate");

        private static readonly HashSet<string> OrderAttributes = Set("attribute", "alias", "descending", "entityname");

        private static readonly HashSet<string> FilterAttributes = Set("type", "isquickfindfields", "overridequickfindrecordlimitenabled",
            "overridequickfindrecordlimitdisabled", "hint");

        private static readonly HashSet<string> ConditionAttributes = Set("attribute", "operator", "value", "entityname", "valueof", "column",
            "uiname", "uitype", "uihidden", "alias", "aggregate", "rowaggregate");

        private static readonly Dictionary<string, ConditionOperator> Operators = new Dictionary<string, ConditionOperator>(StringComparer.Ordinal)
        {
            ["eq"] = ConditionOperator.Equal,
            ["ne"] = ConditionOperator.NotEqual,
            ["neq"] = ConditionOperator.NotEqual,
            ["gt"] = ConditionOperator.GreaterThan,
            ["ge"] = ConditionOperator.GreaterEqual,
            ["lt"] = ConditionOperator.LessThan,
            ["le"] = ConditionOperator.LessEqual,
            ["like"] = ConditionOperator.Like,
            ["not-like"] = ConditionOperator.NotLike,
            ["in"] = ConditionOperator.In,
            ["not-in"] = ConditionOperator.NotIn,
            ["between"] = ConditionOperator.Between,
            ["not-between"] = ConditionOperator.NotBetween,
            ["null"] = ConditionOperator.Null,
            ["not-null"] = ConditionOperator.NotNull,
            ["yesterday"] = ConditionOperator.Yesterday,
            ["today"] = ConditionOperator.Today,
            ["tomorrow"] = ConditionOperator.Tomorrow,
            ["last-seven-days"] = ConditionOperator.Last7Days,
            ["next-seven-days"] = ConditionOperator.Next7Days,
            ["last-week"] = ConditionOperator.LastWeek,
            ["this-week"] = ConditionOperator.ThisWeek,
            ["next-week"] = ConditionOperator.NextWeek,
            ["last-month"] = ConditionOperator.LastMonth,
            ["this-month"] = ConditionOperator.ThisMonth,
            ["next-month"] = ConditionOperator.NextMonth,
            ["on"] = ConditionOperator.On,
            ["on-or-before"] = ConditionOperator.OnOrBefore,
            ["on-or-after"] = ConditionOperator.OnOrAfter,
            ["not-on"] = ConditionOperator.NotOn,
            ["last-year"] = ConditionOperator.LastYear,
            ["this-year"] = ConditionOperator.ThisYear,
            ["next-year"] = ConditionOperator.NextYear,
            ["last-x-hours"] = ConditionOperator.LastXHours,
            ["next-x-hours"] = ConditionOperator.NextXHours,
            ["last-x-days"] = ConditionOperator.LastXDays,
            ["next-x-days"] = ConditionOperator.NextXDays,
            ["last-x-weeks"] = ConditionOperator.LastXWeeks,
            ["next-x-weeks"] = ConditionOperator.NextXWeeks,
            ["last-x-months"] = ConditionOperator.LastXMonths,
            ["next-x-months"] = ConditionOperator.NextXMonths,
            ["last-x-years"] = ConditionOperator.LastXYears,
            ["next-x-years"] = ConditionOperator.NextXYears,
            ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes,
            ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
            ["olderthan-x-days"] = ConditionOperator.OlderThanXDays,
            ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
            ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths,
            ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
            ["eq-userid"] = ConditionOperator.EqualUserId,
            ["ne-userid"] = ConditionOperator.NotEqualUserId,
            ["eq-userteams"] = ConditionOperator.EqualUserTeams,
            ["eq-useroruserteams"] = ConditionOperator.EqualUserOrUserTeams,
            ["eq-useroruserhierarchy"] = ConditionOperator.EqualUserOrUserHierarchy,
            ["eq-useroruserhierarchyandteams"] = ConditionOperator.EqualUserOrUserHierarchyAndTeams,
            ["eq-businessid"] = ConditionOperator.EqualBusinessId,
            ["ne-businessid"] = ConditionOperator.NotEqualBusinessId,
            ["eq-userlanguage"] = ConditionOperator.EqualUserLanguage,
            ["begins-with"] = ConditionOperator.BeginsWith,
            ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
            ["ends-with"] = ConditionOperator.EndsWith,
            ["not-end-with"] = ConditionOperator.DoesNotEndWith,
            ["contain-values"] = ConditionOperator.ContainValues,
            ["not-contain-values"] = ConditionOperator.DoesNotContainValues,
            ["this-fiscal-year"] = ConditionOperator.ThisFiscalYear,
            ["this-fiscal-period"] = ConditionOperator.ThisFiscalPeriod,
            ["next-fiscal-year"] = ConditionOperator.NextFiscalYear,
            ["next-fiscal-period"] = ConditionOperator.NextFiscalPeriod,
            ["last-fiscal-year"] = ConditionOperator.LastFiscalYear,
            ["last-fiscal-period"] = ConditionOperator.LastFiscalPeriod,
            ["last-x-fiscal-years"] = ConditionOperator.LastXFiscalYears,
            ["last-x-fiscal-periods"] = ConditionOperator.LastXFiscalPeriods,
            ["next-x-fiscal-years"] = ConditionOperator.NextXFiscalYears,
            ["next-x-fiscal-periods"] = ConditionOperator.NextXFiscalPeriods,
            ["in-fiscal-year"] = ConditionOperator.InFiscalYear,
            ["in-fiscal-period"] = ConditionOperator.InFiscalPeriod,
            ["in-fiscal-period-and-year"] = ConditionOperator.InFiscalPeriodAndYear,
            ["in-or-before-fiscal-period-and-year"] = ConditionOperator.InOrBeforeFiscalPeriodAndYear,
            ["in-or-after-fiscal-period-and-year"] = ConditionOperator.InOrAfterFiscalPeriodAndYear,
            ["under"] = ConditionOperator.Under,
            ["eq-or-under"] = ConditionOperator.UnderOrEqual,
            ["not-under"] = ConditionOperator.NotUnder,
            ["above"] = ConditionOperator.Above,
            ["eq-or-above"] = ConditionOperator.AboveOrEqual,
            ["mask"] = ConditionOperator.Mask,
            ["not-mask"] = ConditionOperator.NotMask,
            ["masks-select"] = ConditionOperator.MasksSelect,
            ["child-of"] = ConditionOperator.ChildOf,
        };

        private readonly QueryContext context;
        private readonly QueryTranslator translator;

        public FetchXmlParser(QueryContext context, QueryTranslator translator)
        {
            this.context = context;
            this.translator = translator;
        }

        public QueryPlan Parse(string fetchXml)
        {
            if (string.IsNullOrWhiteSpace(fetchXml))
            {
                throw Error("The FetchXML query is empty.", "Die FetchXML-Abfrage ist leer.");
            }

            XElement fetch;
            try
            {
                fetch = XElement.Parse(fetchXml, LoadOptions.SetLineInfo);
            }
            catch (XmlException e)
            {
                throw Error("The FetchXML is not well-formed XML: {0}", "Das FetchXML ist kein wohlgeformtes XML: {0}", e.Message);
            }

            if (fetch.Name.LocalName != "fetch")
            {
                throw Error("The root element of a FetchXML query must be 'fetch', not '{0}'.",
                    "Das Wurzelelement einer FetchXML-Abfrage muss 'fetch' sein, nicht '{0}'.", fetch.Name.LocalName);
            }

            CheckAttributes(fetch, FetchAttributes);
            var entities = fetch.Elements().ToList();
            foreach (var child in entities.Where(e => e.Name.LocalName != "entity"))
            {
                throw Unexpected(child, fetch);
            }

            if (entities.Count != 1)
            {
                throw Error("A FetchXML query must contain exactly one 'entity' element; it contains {0}.",
                    "Eine FetchXML-Abfrage muss genau ein 'entity'-Element enthalten; sie enthält {0}.", entities.Count);
            }

            var entity = entities[0];
            CheckAttributes(entity, EntityAttributes);
            var root = new TableNode(Required(entity, "name"));
            var plan = new QueryPlan(root)
            {
                IsFetch = true,
                Distinct = Bool(fetch, "distinct"),
                Aggregate = Bool(fetch, "aggregate"),
                ReturnTotalRecordCount = Bool(fetch, "returntotalrecordcount"),
                UseRawOrderBy = Bool(fetch, "useraworderby"),
                Top = Int(fetch, "top"),
                PageNumber = Int(fetch, "page") ?? 0,
                PageSize = Int(fetch, "count") ?? 0,
                AggregateLimit = Int(fetch, "aggregatelimit"),
            };
            var cookie = (string?)fetch.Attribute("paging-cookie");
            plan.PagingCookie = string.IsNullOrEmpty(cookie) ? null : cookie;
            if (string.Equals((string?)fetch.Attribute("datasource"), "retained", StringComparison.OrdinalIgnoreCase))
            {
                throw QueryFaults.NotSupported(context,
                    "FetchXML datasource='retained' (long term data retention) is not supported by the in-memory query engine.",
                    "FetchXML datasource='retained' (Langzeitaufbewahrung) wird von der In-Memory-Abfrage nicht unterstützt.");
            }

            ReadTable(entity, root, plan, isRoot: true);
            translator.Finish(plan);
            ResolveRootLevelOrders(plan);
            return plan;
        }

        private void ReadTable(XElement element, TableNode table, QueryPlan plan, bool isRoot)
        {
            FilterExpression? combined = null;
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                        table.Columns.Add(ReadAttribute(child, plan));
                        break;
                    case "all-attributes":
                        CheckAttributes(child, new HashSet<string>());
                        table.AllColumns = true;
                        break;
                    case "order":
                        ReadOrder(child, table, plan, isRoot);
                        break;
                    case "filter":
                        var filter = ReadFilter(child);
                        if (combined == null)
                        {
                            combined = filter;
                        }
                        else
                        {
                            // Several sibling filters are combined with 'and', as the platform does.
                            var both = new FilterExpression(LogicalOperator.And);
                            both.Filters.Add(combined);
                            both.Filters.Add(filter);
                            combined = both;
                        }

                        break;
                    case "link-entity":
                        table.Links.Add(ReadLink(child, table, plan));
                        break;
                    default:
                        throw Unexpected(child, element);
                }
            }

            table.Filter = combined;
        }

        private ColumnSpec ReadAttribute(XElement element, QueryPlan plan)
        {
            CheckAttributes(element, AttributeAttributes);
            if (element.Attribute("rowaggregate") != null)
            {
                throw QueryFaults.NotSupported(context,
                    "FetchXML rowaggregate (hierarchy child counts) is not supported by the in-memory query engine.",
                    "FetchXML rowaggregate (Anzahl untergeordneter Datensätze) wird von der In-Memory-Abfrage nicht unterstützt.");
            }

            var column = new ColumnSpec(Required(element, "name"))
            {
                Alias = (string?)element.Attribute("alias"),
                GroupBy = Bool(element, "groupby"),
                Distinct = Bool(element, "distinct"),
            };
            var aggregate = (string?)element.Attribute("aggregate");
            if (aggregate != null)
            {
                column.Aggregate = aggregate switch
                {
                    "count" => AggregateKind.Count,
                    "countcolumn" => AggregateKind.CountColumn,
                    "sum" => AggregateKind.Sum,
                    "avg" => AggregateKind.Avg,
                    "min" => AggregateKind.Min,
                    "max" => AggregateKind.Max,
                    _ => throw Error("'{0}' is not a valid aggregate on attribute '{1}'; use count, countcolumn, sum, avg, min or max.",
                        "'{0}' ist kein gültiges Aggregat für das Attribut '{1}'; verwenden Sie count, countcolumn, sum, avg, min oder max.",
                        aggregate, column.Attribute),
                };
            }

            var dateGrouping = (string?)element.Attribute("dategrouping");
            if (dateGrouping != null)
            {
                column.DateGrouping = dateGrouping switch
                {
                    "day" => DateGrouping.Day,
                    "week" => DateGrouping.Week,
                    "month" => DateGrouping.Month,
                    "quarter" => DateGrouping.Quarter,
                    "year" => DateGrouping.Year,
                    "fiscal-period" or "fiscal-year" => throw QueryFaults.NotSupported(context,
                        "dategrouping '{0}' needs the organization's fiscal calendar, which the in-memory query engine does not model.",
                        "dategrouping '{0}' braucht das Geschäftsjahr der Organisation, das die In-Memory-Abfrage nicht abbildet.", dateGrouping),
                    _ => throw Error("'{0}' is not a valid dategrouping on attribute '{1}'; use day, week, month, quarter or year.",
                        "'{0}' ist keine gültige dategrouping für das Attribut '{1}'; verwenden Sie day, week, month, quarter oder year.",
                        dateGrouping, column.Attribute),
                };
            }

            if (!plan.Aggregate && (column.Aggregate != null || column.GroupBy || column.DateGrouping != null))
            {
                throw Error("Attribute '{0}' uses aggregate, groupby or dategrouping, but the fetch element does not set aggregate='true'.",
                    "Das Attribut '{0}' verwendet aggregate, groupby oder dategrouping, aber das fetch-Element setzt nicht aggregate='true'.",
                    column.Attribute);
            }

            return column;
        }

        private void ReadOrder(XElement element, TableNode table, QueryPlan plan, bool isRoot)
        {
            CheckAttributes(element, OrderAttributes);
            var attribute = (string?)element.Attribute("attribute");
            var alias = (string?)element.Attribute("alias");
            var entityName = (string?)element.Attribute("entityname");
            var descending = Bool(element, "descending");
            if (attribute == null && alias == null)
            {
                throw Error("An 'order' element needs an 'attribute' or an 'alias'.", "Ein 'order'-Element braucht ein 'attribute' oder einen 'alias'.");
            }

            if (plan.Aggregate && alias == null)
            {
                throw Error("In an aggregate query an 'order' element must refer to an attribute alias ('{0}' has none).",
                    "In einer Aggregatabfrage muss ein 'order'-Element auf einen Attributalias verweisen ('{0}' hat keinen).", attribute);
            }

            if (!plan.Aggregate && alias != null && attribute == null)
            {
                throw Error("An 'order' with an alias is only valid in an aggregate query; use 'attribute' instead.",
                    "Ein 'order' mit Alias ist nur in einer Aggregatabfrage gültig; verwenden Sie 'attribute'.");
            }

            if (isRoot && entityName != null)
            {
                plan.RootLevelOrders.Add(new OrderSpec(null, attribute, entityName, descending));
                table.Orders.Add(plan.RootLevelOrders[plan.RootLevelOrders.Count - 1]);
                return;
            }

            table.Orders.Add(new OrderSpec(plan.Aggregate ? null : table, plan.Aggregate ? null : attribute, plan.Aggregate ? alias : null, descending));
        }

        private static void ResolveRootLevelOrders(QueryPlan plan)
        {
            foreach (var order in plan.RootLevelOrders)
            {
                order.Table = plan.Tables.FirstOrDefault(t => string.Equals(t.Alias, order.Alias, StringComparison.OrdinalIgnoreCase))
                    ?? plan.Tables.FirstOrDefault(t => t is LinkNode && string.Equals(t.LogicalName, order.Alias, StringComparison.OrdinalIgnoreCase));
            }
        }

        private LinkNode ReadLink(XElement element, TableNode parent, QueryPlan plan)
        {
            CheckAttributes(element, LinkAttributes);
            var name = Required(element, "name");
            var linkType = (string?)element.Attribute("link-type") ?? "inner";
            var join = linkType switch
            {
                "inner" => JoinOperator.Inner,
                "outer" => JoinOperator.LeftOuter,
                "exists" => JoinOperator.Exists,
                "in" => JoinOperator.In,
                "matchfirstrowusingcrossapply" => JoinOperator.MatchFirstRowUsingCrossApply,
                "any" or "not any" or "all" or "not all" => throw QueryFaults.NotSupported(context,
                    "The filter link type '{0}' is not supported by the in-memory query engine.",
                    "Der Filter-Verknüpfungstyp '{0}' wird von der In-Memory-Abfrage nicht unterstützt.", linkType),
                _ => throw Error("'{0}' is not a valid link-type on link-entity '{1}'; use inner or outer.",
                    "'{0}' ist kein gültiger link-type für link-entity '{1}'; verwenden Sie inner oder outer.", linkType, name),
            };
            var from = (string?)element.Attribute("from");
            var to = (string?)element.Attribute("to");
            if (from == null || to == null)
            {
                throw QueryFaults.NotSupported(context,
                    "link-entity '{0}' without both 'from' and 'to' needs relationship metadata, which the in-memory query engine does not have; give both attributes.",
                    "link-entity '{0}' ohne 'from' und 'to' braucht Beziehungsmetadaten, die die In-Memory-Abfrage nicht hat; geben Sie beide Attribute an.", name);
            }

            var link = new LinkNode(name, parent, to, from, join) { Alias = (string?)element.Attribute("alias") };
            ReadTable(element, link, plan, isRoot: false);
            return link;
        }

        private FilterExpression ReadFilter(XElement element)
        {
            CheckAttributes(element, FilterAttributes);
            var type = (string?)element.Attribute("type") ?? "and";
            var filter = new FilterExpression(type switch
            {
                "and" => LogicalOperator.And,
                "or" => LogicalOperator.Or,
                _ => throw Error("'{0}' is not a valid filter type; use 'and' or 'or'.", "'{0}' ist kein gültiger Filtertyp; verwenden Sie 'and' oder 'or'.", type),
            });
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "condition":
                        filter.Conditions.Add(ReadCondition(child));
                        break;
                    case "filter":
                        filter.Filters.Add(ReadFilter(child));
                        break;
                    case "link-entity":
                        throw QueryFaults.NotSupported(context,
                            "A link-entity inside a filter (filter link types any / not any / all / not all) is not supported by the in-memory query engine.",
                            "Eine link-entity innerhalb eines Filters (any / not any / all / not all) wird von der In-Memory-Abfrage nicht unterstützt.");
                    default:
                        throw Unexpected(child, element);
                }
            }

            return filter;
        }

        private ConditionExpression ReadCondition(XElement element)
        {
            CheckAttributes(element, ConditionAttributes);
            var attribute = Required(element, "attribute");
            var operatorName = Required(element, "operator");
            if (!Operators.TryGetValue(operatorName, out var op))
            {
                throw Error("'{0}' is not a valid condition operator (attribute '{1}').",
                    "'{0}' ist kein gültiger Bedingungsoperator (Attribut '{1}').", operatorName, attribute);
            }

            if (element.Attribute("valueof") != null)
            {
                throw QueryFaults.NotSupported(context,
                    "Column comparison (valueof) on attribute '{0}' is not supported by the in-memory query engine.",
                    "Spaltenvergleich (valueof) für das Attribut '{0}' wird von der In-Memory-Abfrage nicht unterstützt.", attribute);
            }

            var values = new List<object>();
            var single = (string?)element.Attribute("value");
            var children = element.Elements().ToList();
            foreach (var child in children)
            {
                if (child.Name.LocalName != "value")
                {
                    throw Unexpected(child, element);
                }

                values.Add(child.Value);
            }

            // A value attribute next to value elements is ignored by the platform (query tools emit value='' for 'in').
            if (single != null && children.Count == 0)
            {
                values.Add(single);
            }

            var condition = new ConditionExpression(attribute, op, values.ToArray());
            var entityName = (string?)element.Attribute("entityname");
            if (!string.IsNullOrEmpty(entityName))
            {
                condition.EntityName = entityName;
            }

            return condition;
        }

        private void CheckAttributes(XElement element, HashSet<string> allowed)
        {
            foreach (var attribute in element.Attributes())
            {
                if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName.Length > 0)
                {
                    continue;
                }

                if (!allowed.Contains(attribute.Name.LocalName))
                {
                    throw Error("The '{0}' attribute is not valid on the FetchXML element '{1}' (line {2}).",
                        "Das Attribut '{0}' ist im FetchXML-Element '{1}' nicht gültig (Zeile {2}).",
                        attribute.Name.LocalName, element.Name.LocalName, Line(element));
                }
            }
        }

        private string Required(XElement element, string name)
        {
            var value = (string?)element.Attribute(name);
            if (string.IsNullOrEmpty(value))
            {
                throw Error("The FetchXML element '{0}' needs the '{1}' attribute (line {2}).",
                    "Das FetchXML-Element '{0}' braucht das Attribut '{1}' (Zeile {2}).", element.Name.LocalName, name, Line(element));
            }

            return value;
        }

        private bool Bool(XElement element, string name)
        {
            var value = (string?)element.Attribute(name);
            return value switch
            {
                null => false,
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw Error("The '{0}' attribute of '{1}' must be true or false, not '{2}'.",
                    "Das Attribut '{0}' von '{1}' muss true oder false sein, nicht '{2}'.", name, element.Name.LocalName, value),
            };
        }

        private int? Int(XElement element, string name)
        {
            var value = (string?)element.Attribute(name);
            if (value == null)
            {
                return null;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw Error("The '{0}' attribute of '{1}' must be a positive whole number, not '{2}'.",
                    "Das Attribut '{0}' von '{1}' muss eine positive ganze Zahl sein, nicht '{2}'.", name, element.Name.LocalName, value);
            }

            return number;
        }

        private Exception Unexpected(XElement child, XElement parent) =>
            Error("The element '{0}' is not valid inside '{1}' (line {2}).", "Das Element '{0}' ist innerhalb von '{1}' nicht gültig (Zeile {2}).",
                child.Name.LocalName, parent.Name.LocalName, Line(child));

        private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

        private Exception Error(string english, string german, params object?[] args) =>
            QueryFaults.Invalid(context, "Invalid FetchXML: " + english, "Ungültiges FetchXML: " + german, args);

        private static HashSet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
    }
}
