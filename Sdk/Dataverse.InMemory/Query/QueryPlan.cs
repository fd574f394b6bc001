using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// The engine's single shape of a query. QueryExpression, QueryByAttribute and FetchXML are all translated
    /// into it, so every query kind gets the same semantics (as on the platform, where all three end up as the
    /// same SQL).
    /// </summary>
    internal sealed class QueryPlan
    {
        public QueryPlan(TableNode root)
        {
            Root = root;
        }

        public TableNode Root { get; }

        public bool Distinct { get; set; }

        public int? Top { get; set; }

        public int PageNumber { get; set; }

        /// <summary>Requested page size; 0 when the query does not set one.</summary>
        public int PageSize { get; set; }

        public string? PagingCookie { get; set; }

        public bool ReturnTotalRecordCount { get; set; }

        public bool Aggregate { get; set; }

        public int? AggregateLimit { get; set; }

        /// <summary>FetchXML useraworderby: sort choice columns by value instead of label.</summary>
        public bool UseRawOrderBy { get; set; }

        /// <summary>Parsed from FetchXML: a root without attribute elements then returns every column.</summary>
        public bool IsFetch { get; set; }

        /// <summary>Orders given on the root with an entity name (FetchXML order entityname / alias-qualified).</summary>
        public List<OrderSpec> RootLevelOrders { get; } = new List<OrderSpec>();

        /// <summary>Every table of the query, root first, in the depth-first order of the links.</summary>
        public List<TableNode> Tables { get; } = new List<TableNode>();
    }

    internal class TableNode
    {
        public TableNode(string logicalName)
        {
            LogicalName = logicalName;
        }

        public string LogicalName { get; }

        /// <summary>The alias results and conditions use; null for the root table.</summary>
        public string? Alias { get; set; }

        /// <summary>Position of this table's row in a joined row.</summary>
        public int Slot { get; set; }

        public bool AllColumns { get; set; }

        public List<ColumnSpec> Columns { get; } = new List<ColumnSpec>();

        public FilterExpression? Filter { get; set; }

        public List<LinkNode> Links { get; } = new List<LinkNode>();

        public List<OrderSpec> Orders { get; } = new List<OrderSpec>();

        public string PrimaryId { get; set; } = string.Empty;
    }

    internal sealed class LinkNode : TableNode
    {
        public LinkNode(string logicalName, TableNode parent, string parentAttribute, string childAttribute, JoinOperator join)
            : base(logicalName)
        {
            Parent = parent;
            ParentAttribute = parentAttribute;
            ChildAttribute = childAttribute;
            Join = join;
        }

        public TableNode Parent { get; }

        /// <summary>Column of the parent table (LinkFromAttributeName, FetchXML 'to').</summary>
        public string ParentAttribute { get; }

        /// <summary>Column of this linked table (LinkToAttributeName, FetchXML 'from').</summary>
        public string ChildAttribute { get; }

        public JoinOperator Join { get; }
    }

    internal enum AggregateKind
    {
        Count,
        CountColumn,
        Sum,
        Avg,
        Min,
        Max,
    }

    internal enum DateGrouping
    {
        Day,
        Week,
        Month,
        Quarter,
        Year,
    }

    internal sealed class ColumnSpec
    {
        public ColumnSpec(string attribute)
        {
            Attribute = attribute;
        }

        public string Attribute { get; }

        public string? Alias { get; set; }

        public AggregateKind? Aggregate { get; set; }

        public bool GroupBy { get; set; }

        public DateGrouping? DateGrouping { get; set; }

        public bool Distinct { get; set; }
    }

    internal sealed class OrderSpec
    {
        public OrderSpec(TableNode? table, string? attribute, string? alias, bool descending)
        {
            Table = table;
            Attribute = attribute;
            Alias = alias;
            Descending = descending;
        }

        /// <summary>The table the ordered column belongs to; null for an order on an aggregate alias.</summary>
        public TableNode? Table { get; set; }

        public string? Attribute { get; }

        /// <summary>Aggregate alias (FetchXML order alias) or link alias (order entityname).</summary>
        public string? Alias { get; }

        public bool Descending { get; }
    }
}
