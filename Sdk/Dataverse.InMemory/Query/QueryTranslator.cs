using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>Translates QueryExpression and QueryByAttribute into a <see cref="QueryPlan"/>.</summary>
    internal sealed class QueryTranslator
    {
        private readonly IQueryDataSource source;
        private readonly QueryContext context;

        public QueryTranslator(IQueryDataSource source, QueryContext context)
        {
            this.source = source;
            this.context = context;
        }

        public QueryPlan Translate(QueryExpression query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
            {
                throw QueryFaults.Invalid(context, "The query does not name a table (EntityName is empty).", "Die Abfrage nennt keine Tabelle (EntityName ist leer).");
            }

            var root = new TableNode(query.EntityName);
            var plan = new QueryPlan(root);
            ApplyColumns(root, query.ColumnSet);
            root.Filter = query.Criteria;
            foreach (var order in query.Orders)
            {
                root.Orders.Add(Order(root, order));
            }

            foreach (var link in query.LinkEntities)
            {
                AddLink(root, link);
            }

            plan.Distinct = query.Distinct;
            plan.Top = query.TopCount;
            ApplyPaging(plan, query.PageInfo);
            return Finish(plan);
        }

        public QueryPlan Translate(QueryByAttribute query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
            {
                throw QueryFaults.Invalid(context, "The query does not name a table (EntityName is empty).", "Die Abfrage nennt keine Tabelle (EntityName ist leer).");
            }

            if (query.Attributes.Count == 0)
            {
                throw QueryFaults.Invalid(context,
                    "QueryByAttribute must name at least one attribute.",
                    "QueryByAttribute muss mindestens ein Attribut nennen.");
            }

            if (query.Attributes.Count != query.Values.Count)
            {
                throw QueryFaults.Invalid(context,
                    "QueryByAttribute has {0} attributes but {1} values; each attribute needs exactly one value.",
                    "QueryByAttribute hat {0} Attribute, aber {1} Werte; jedes Attribut braucht genau einen Wert.",
                    query.Attributes.Count, query.Values.Count);
            }

            var root = new TableNode(query.EntityName);
            var plan = new QueryPlan(root);
            ApplyColumns(root, query.ColumnSet);
            var filter = new FilterExpression(LogicalOperator.And);
            for (var i = 0; i < query.Attributes.Count; i++)
            {
                filter.Conditions.Add(new ConditionExpression(query.Attributes[i], ConditionOperator.Equal, query.Values[i]));
            }

            root.Filter = filter;
            foreach (var order in query.Orders)
            {
                root.Orders.Add(Order(root, order));
            }

            plan.Top = query.TopCount;
            ApplyPaging(plan, query.PageInfo);
            return Finish(plan);
        }

        /// <summary>An OrderExpression alias names an aggregate column, and QueryExpression aggregates are not modelled.</summary>
        private OrderSpec Order(TableNode table, OrderExpression order)
        {
            if (!string.IsNullOrEmpty(order.Alias))
            {
                throw QueryFaults.NotSupported(context,
                    "OrderExpression.Alias ('{0}') orders by an aggregate column of a QueryExpression aggregate, which the in-memory query engine does not support; use a FetchXML aggregate.",
                    "OrderExpression.Alias ('{0}') sortiert nach einer Aggregatspalte eines QueryExpression-Aggregats, das die In-Memory-Abfrage nicht unterstützt; verwenden Sie ein FetchXML-Aggregat.",
                    order.Alias);
            }

            if (string.IsNullOrEmpty(order.AttributeName))
            {
                throw QueryFaults.Invalid(context, "An OrderExpression does not name an attribute.", "Eine OrderExpression nennt kein Attribut.");
            }

            return new OrderSpec(table, order.AttributeName, null, order.OrderType == OrderType.Descending);
        }

        private static void ApplyColumns(TableNode table, ColumnSet? columns)
        {
            if (columns == null)
            {
                return;
            }

            table.AllColumns = columns.AllColumns;
            foreach (var column in columns.Columns)
            {
                table.Columns.Add(new ColumnSpec(column));
            }
        }

        private static void ApplyPaging(QueryPlan plan, PagingInfo? paging)
        {
            if (paging == null)
            {
                return;
            }

            plan.PageNumber = paging.PageNumber;
            plan.PageSize = paging.Count;
            plan.PagingCookie = string.IsNullOrEmpty(paging.PagingCookie) ? null : paging.PagingCookie;
            plan.ReturnTotalRecordCount = paging.ReturnTotalRecordCount;
        }

        private void AddLink(TableNode parent, LinkEntity link)
        {
            if (string.IsNullOrEmpty(link.LinkToEntityName) || string.IsNullOrEmpty(link.LinkFromAttributeName) || string.IsNullOrEmpty(link.LinkToAttributeName))
            {
                throw QueryFaults.Invalid(context,
                    "A LinkEntity needs LinkToEntityName, LinkFromAttributeName and LinkToAttributeName.",
                    "Eine LinkEntity braucht LinkToEntityName, LinkFromAttributeName und LinkToAttributeName.");
            }

            var node = new LinkNode(link.LinkToEntityName, parent, link.LinkFromAttributeName, link.LinkToAttributeName, link.JoinOperator)
            {
                Alias = string.IsNullOrEmpty(link.EntityAlias) ? null : link.EntityAlias,
                Filter = link.LinkCriteria,
            };
            ApplyColumns(node, link.Columns);
            foreach (var order in link.Orders)
            {
                node.Orders.Add(Order(node, order));
            }

            parent.Links.Add(node);
            foreach (var child in link.LinkEntities)
            {
                AddLink(node, child);
            }
        }

        /// <summary>Numbers the tables, resolves primary ids and gives every link its alias.</summary>
        public QueryPlan Finish(QueryPlan plan)
        {
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var perTable = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            Number(plan.Root);
            foreach (var table in plan.Tables)
            {
                if (table is LinkNode { Alias: { } alias } && !used.Add(alias))
                {
                    throw QueryFaults.Invalid(context,
                        "The alias '{0}' is used by more than one linked table.",
                        "Der Alias '{0}' wird von mehr als einer verknüpften Tabelle verwendet.", alias);
                }
            }

            foreach (var table in plan.Tables)
            {
                if (table is LinkNode link)
                {
                    perTable[link.LogicalName] = perTable.TryGetValue(link.LogicalName, out var n) ? n + 1 : 1;
                    link.Alias ??= DefaultAlias(link, perTable[link.LogicalName], used);
                }
            }

            return plan;

            void Number(TableNode table)
            {
                table.Slot = plan.Tables.Count;
                plan.Tables.Add(table);
                table.PrimaryId = source.PrimaryIdAttribute(table.LogicalName);
                foreach (var child in table.Links)
                {
                    Number(child);
                }
            }
        }

        /// <summary>
        /// Dataverse's alias for a link without one: a many-to-one link (joined on the linked table's primary
        /// key) is named after the linked table; a one-to-many link gets the table name plus the number of links
        /// to that table so far (contact1, contact2 …).
        /// </summary>
        private static string DefaultAlias(LinkNode link, int number, HashSet<string> used)
        {
            var manyToOne = string.Equals(link.ChildAttribute, link.PrimaryId, StringComparison.OrdinalIgnoreCase);
            if (manyToOne && used.Add(link.LogicalName))
            {
                return link.LogicalName;
            }

            var candidate = link.LogicalName + number.ToString(CultureInfo.InvariantCulture);
            while (!used.Add(candidate))
            {
                number++;
                candidate = link.LogicalName + number.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
