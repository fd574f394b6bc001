using System;
using System.Collections;
using System.Collections.Generic;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>A test of one stored column value, compiled once per query.</summary>
    internal delegate bool ValueTest(object? value);

    /// <summary>What an operator family needs to compile one condition.</summary>
    internal sealed class OperatorScope
    {
        public OperatorScope(QueryContext context, string table, string column, ConditionOperator op, IReadOnlyList<object?> values)
        {
            Context = context;
            Table = table;
            Column = column;
            Operator = op;
            Values = Flatten(values);
            Comparison = new ValueComparison(context, column);
        }

        public QueryContext Context { get; }

        public string Table { get; }

        public string Column { get; }

        public ConditionOperator Operator { get; }

        public IReadOnlyList<object?> Values { get; }

        public ValueComparison Comparison { get; }

        /// <summary>Checks the number of values the operator takes, with the platform's wording.</summary>
        public void RequireValues(int count)
        {
            if (Values.Count != count)
            {
                throw QueryFaults.Invalid(Context,
                    "The ConditionOperator.{0} requires {1} value/s, not {2}. Parameter Name: {3}",
                    "Der ConditionOperator.{0} erfordert {1} Wert(e), nicht {2}. Parametername: {3}",
                    Operator, count, Values.Count, Column);
            }
        }

        public void RequireAtLeastOneValue()
        {
            if (Values.Count == 0)
            {
                throw QueryFaults.Invalid(Context,
                    "The ConditionOperator.{0} requires at least 1 value, not 0. Parameter Name: {1}",
                    "Der ConditionOperator.{0} erfordert mindestens 1 Wert, nicht 0. Parametername: {1}",
                    Operator, Column);
            }
        }

        /// <summary>Prepares the values; a null value is rejected as the platform rejects it.</summary>
        public Literal[] Literals()
        {
            var literals = new Literal[Values.Count];
            for (var i = 0; i < literals.Length; i++)
            {
                literals[i] = Literal.From(Values[i]) ?? throw QueryFaults.Invalid(Context,
                    "Condition for attribute '{0}.{1}': null is not a valid value for an attribute. Use 'Null' or 'NotNull' conditions instead.",
                    "Bedingung für das Attribut '{0}.{1}': null ist kein gültiger Wert für ein Attribut. Verwenden Sie stattdessen 'Null'- oder 'NotNull'-Bedingungen.",
                    Table, Column);
            }

            return literals;
        }

        /// <summary>The whole-number argument of the X operators (LastXDays, OlderThanXMonths, …).</summary>
        public int Count()
        {
            RequireValues(1);
            var literal = Literals()[0];
            if (!literal.HasNumber || literal.Number != decimal.Truncate(literal.Number) || literal.Number < 0 || literal.Number > int.MaxValue)
            {
                throw QueryFaults.Invalid(Context,
                    "The ConditionOperator.{0} on '{1}' needs a whole number of at least 0, not '{2}'.",
                    "Der ConditionOperator.{0} für '{1}' braucht eine ganze Zahl ab 0, nicht '{2}'.",
                    Operator, Column, literal);
            }

            return (int)literal.Number;
        }

        public Exception Mismatch(object stored, string expected) =>
            QueryFaults.Invalid(Context,
                "The ConditionOperator.{0} needs a {1} column, but '{2}' holds {3}.",
                "Der ConditionOperator.{0} braucht eine Spalte vom Typ {1}, aber '{2}' enthält {3}.",
                Operator, expected, Column, ValueComparison.TypeName(stored));

        private static IReadOnlyList<object?> Flatten(IReadOnlyList<object?> values)
        {
            // QueryExpression callers often pass an array or list as the single value of In / ContainValues.
            if (values.Count == 1 && values[0] is IEnumerable many and not string and not byte[])
            {
                var flat = new List<object?>();
                foreach (var item in many)
                {
                    flat.Add(item);
                }

                return flat;
            }

            return values;
        }
    }
}
