using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>
    /// Compiles one condition into a value test by asking each operator family in turn. An operator no family
    /// handles (fiscal periods, hierarchy, bit masks, …) throws NotSupportedException naming it: a condition the
    /// engine cannot evaluate must never silently match or silently filter.
    /// </summary>
    internal static class ConditionCompiler
    {
        public static ValueTest Compile(QueryContext context, string table, string column, ConditionOperator op, IReadOnlyList<object?> values)
        {
            var scope = new OperatorScope(context, table, column, op, values);
            return NullOperators.Compile(scope)
                ?? EqualityOperators.Compile(scope)
                ?? ComparisonOperators.Compile(scope)
                ?? StringOperators.Compile(scope)
                ?? DateOperators.Compile(scope)
                ?? MultiSelectOperators.Compile(scope)
                ?? throw QueryFaults.NotSupported(context,
                    "The condition operator '{0}' (on '{1}.{2}') is not supported by the in-memory query engine.",
                    "Der Bedingungsoperator '{0}' (für '{1}.{2}') wird von der In-Memory-Abfrage nicht unterstützt.",
                    op, table, column);
        }
    }
}
