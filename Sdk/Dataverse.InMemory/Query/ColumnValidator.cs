using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Rejects columns the table does not have, when the caller supplies column metadata
    /// (<see cref="QueryContext.ColumnExists"/>). Dataverse validates every column a query names before it runs
    /// it, so a misspelt column faults rather than silently matching nothing.
    /// </summary>
    internal sealed class ColumnValidator
    {
        private readonly QueryPlan plan;
        private readonly QueryContext context;
        private readonly FilterCompiler tables;

        public ColumnValidator(QueryPlan plan, QueryContext context)
        {
            this.plan = plan;
            this.context = context;
            tables = new FilterCompiler(plan, context);
        }

        public void Validate()
        {
            if (context.ColumnExists == null)
            {
                return;
            }

            foreach (var table in plan.Tables)
            {
                foreach (var column in table.Columns)
                {
                    Check(table, column.Attribute);
                }

                foreach (var order in table.Orders)
                {
                    if (order.Attribute != null)
                    {
                        Check(order.Table ?? (order.Alias != null ? tables.ResolveTable(order.Alias) : table), order.Attribute);
                    }
                }

                if (table is LinkNode link)
                {
                    Check(link.Parent, link.ParentAttribute);
                    Check(link, link.ChildAttribute);
                }

                CheckFilter(table.Filter, table);
            }
        }

        private void CheckFilter(FilterExpression? filter, TableNode owner)
        {
            if (filter == null)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                var table = string.IsNullOrEmpty(condition.EntityName) ? owner : tables.ResolveTable(condition.EntityName);
                Check(table, condition.AttributeName);
            }

            foreach (var child in filter.Filters)
            {
                CheckFilter(child, owner);
            }
        }

        private void Check(TableNode table, string column)
        {
            if (!context.ColumnExists!(table.LogicalName, column))
            {
                throw QueryFaults.Fault(context, QueryFaults.QueryBuilderNoAttribute,
                    "'{0}' entity doesn't contain attribute with Name = '{1}' and NameMapping = 'Logical'.",
                    "Die Entität '{0}' enthält kein Attribut mit Name = '{1}' und NameMapping = 'Logical'.",
                    table.LogicalName, column);
            }
        }
    }
}
