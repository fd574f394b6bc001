using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// Compares a stored column value with a prepared condition value the way Dataverse's SQL does: the
    /// condition value is converted to the column's type, strings use the case-insensitive collation, a lookup
    /// compares by id, a choice by its integer, a currency by its amount. A value that cannot be converted to
    /// the column's type faults, as the platform does, instead of silently not matching.
    /// </summary>
    internal sealed class ValueComparison
    {
        private readonly QueryContext context;
        private readonly string column;

        public ValueComparison(QueryContext context, string column)
        {
            this.context = context;
            this.column = column;
        }

        public bool AreEqual(object stored, Literal literal)
        {
            switch (stored)
            {
                case string s:
                    return Collation.AreEqual(s, TextOf(literal, stored));
                case Guid g:
                    return g == GuidOf(literal, stored);
                case EntityReference reference:
                    return reference.Id == GuidOf(literal, stored);
                case bool b:
                    return b == BoolOf(literal, stored);
                case OptionSetValueCollection:
                    throw QueryFaults.NotSupported(context,
                        "Comparing the multi-select choice column '{0}' with a single value is not supported; use ContainValues or DoesNotContainValues.",
                        "Der Vergleich der Mehrfachauswahlspalte '{0}' mit einem einzelnen Wert wird nicht unterstützt; verwenden Sie ContainValues oder DoesNotContainValues.",
                        column);
                default:
                    return Compare(stored, literal) == 0;
            }
        }

        public int Compare(object stored, Literal literal)
        {
            switch (stored)
            {
                case string s:
                    return Collation.CompareStrings(s, TextOf(literal, stored));
                case int i:
                    return literal.HasLong ? ((long)i).CompareTo(literal.Long) : ((decimal)i).CompareTo(NumberOf(literal, stored));
                case long l:
                    return literal.HasLong ? l.CompareTo(literal.Long) : ((decimal)l).CompareTo(NumberOf(literal, stored));
                case decimal d:
                    return d.CompareTo(NumberOf(literal, stored));
                case double d:
                    NumberOf(literal, stored);
                    return d.CompareTo(literal.Double);
                case float f:
                    NumberOf(literal, stored);
                    return ((double)f).CompareTo(literal.Double);
                case short sh:
                    return ((decimal)sh).CompareTo(NumberOf(literal, stored));
                case Money money:
                    return money.Value.CompareTo(NumberOf(literal, stored));
                case OptionSetValue option:
                    return literal.HasLong ? ((long)option.Value).CompareTo(literal.Long) : ((decimal)option.Value).CompareTo(NumberOf(literal, stored));
                case DateTime date:
                    return Literal.ToUtc(date).CompareTo(DateOf(literal, stored));
                case Guid g:
                    return SqlGuidOrder.Instance.Compare(g, GuidOf(literal, stored));
                case EntityReference reference:
                    return SqlGuidOrder.Instance.Compare(reference.Id, GuidOf(literal, stored));
                case bool b:
                    return b.CompareTo(BoolOf(literal, stored));
                default:
                    throw QueryFaults.NotSupported(context,
                        "Column '{0}' holds a value of type '{1}', which the in-memory query engine cannot compare.",
                        "Die Spalte '{0}' enthält einen Wert vom Typ '{1}', den die In-Memory-Abfrage nicht vergleichen kann.",
                        column, stored.GetType().Name);
            }
        }

        private string TextOf(Literal literal, object stored) => literal.Text ?? throw Mismatch(literal, stored);

        private decimal NumberOf(Literal literal, object stored) => literal.HasNumber ? literal.Number : throw Mismatch(literal, stored);

        private Guid GuidOf(Literal literal, object stored) => literal.HasGuid ? literal.Guid : throw Mismatch(literal, stored);

        private bool BoolOf(Literal literal, object stored) => literal.HasBool ? literal.Bool : throw Mismatch(literal, stored);

        private DateTime DateOf(Literal literal, object stored) => literal.HasDate ? literal.DateUtc : throw Mismatch(literal, stored);

        private Exception Mismatch(Literal literal, object stored) =>
            QueryFaults.Invalid(context,
                "The value '{0}' cannot be compared with column '{1}' of type {2}.",
                "Der Wert '{0}' kann nicht mit der Spalte '{1}' vom Typ {2} verglichen werden.",
                literal.ToString(), column, TypeName(stored));

        public static string TypeName(object stored) => stored switch
        {
            string => "String",
            int => "Integer",
            long => "BigInt",
            decimal => "Decimal",
            double or float => "Double",
            Money => "Money",
            OptionSetValue => "Picklist",
            OptionSetValueCollection => "MultiSelectPicklist",
            EntityReference => "Lookup",
            Guid => "Uniqueidentifier",
            DateTime => "DateTime",
            bool => "Boolean",
            _ => stored.GetType().Name,
        };

        /// <summary>
        /// A key with value equality for joins, DISTINCT and GROUP BY: lookups and ids become their Guid, choices
        /// their integer, currency its amount, strings a collation key, dates a UTC instant.
        /// </summary>
        public static object? KeyOf(object? value) => value switch
        {
            null => null,
            AliasedValue aliased => KeyOf(aliased.Value),
            string s => Collation.Key(s),
            EntityReference reference => reference.Id,
            OptionSetValue option => (decimal)option.Value,
            Money money => money.Value,
            int i => (decimal)i,
            long l => (decimal)l,
            short sh => (decimal)sh,
            double d => d,
            float f => (double)f,
            DateTime date => Literal.ToUtc(date),
            OptionSetValueCollection options => MultiSelectKey(options),
            _ => value,
        };

        private static string MultiSelectKey(OptionSetValueCollection options)
        {
            var values = new int[options.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = options[i].Value;
            }

            Array.Sort(values);
            return "#" + string.Join(",", Array.ConvertAll(values, v => v.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
