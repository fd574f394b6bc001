using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>
    /// Equal, NotEqual, In, NotIn and the operators that compare with the caller (user, business unit, teams,
    /// language). NotEqual (and its caller variants) match rows where the column is NULL: Dataverse translates
    /// 'ne' so that a missing value counts as "not equal" (unlike SQL's &lt;&gt;). Every other operator follows
    /// SQL's three-valued logic: a NULL column matches nothing.
    /// </summary>
    internal static class EqualityOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            var comparison = scope.Comparison;
            switch (scope.Operator)
            {
                case ConditionOperator.Equal:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value != null && comparison.AreEqual(value, literal);
                }

                case ConditionOperator.NotEqual:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value == null || !comparison.AreEqual(value, literal);
                }

                case ConditionOperator.In:
                {
                    scope.RequireAtLeastOneValue();
                    var set = new ValueSet(comparison, scope.Literals());
                    return value => value != null && set.Contains(value);
                }

                case ConditionOperator.NotIn:
                {
                    scope.RequireAtLeastOneValue();
                    var set = new ValueSet(comparison, scope.Literals());
                    return value => value != null && !set.Contains(value);
                }

                case ConditionOperator.EqualUserId:
                    return EqualTo(scope, scope.Context.UserId, negate: false);
                case ConditionOperator.NotEqualUserId:
                    return EqualTo(scope, scope.Context.UserId, negate: true);
                case ConditionOperator.EqualBusinessId:
                    return EqualTo(scope, scope.Context.BusinessUnitId, negate: false);
                case ConditionOperator.NotEqualBusinessId:
                    return EqualTo(scope, scope.Context.BusinessUnitId, negate: true);
                case ConditionOperator.EqualUserTeams:
                    return OneOf(scope, scope.Context.UserTeamIds);
                case ConditionOperator.EqualUserOrUserTeams:
                    return OneOf(scope, new[] { scope.Context.UserId }.Concat(scope.Context.UserTeamIds));
                case ConditionOperator.EqualUserLanguage:
                {
                    scope.RequireValues(0);
                    var literal = Literal.From(scope.Context.LanguageCode)!;
                    return value => value != null && comparison.AreEqual(value, literal);
                }

                default:
                    return null;
            }
        }

        /// <summary>
        /// The values of an In list. Plugins pass long id lists to In, so beyond a handful of values the list is
        /// hashed once per stored value type instead of compared value by value for every row.
        /// </summary>
        private sealed class ValueSet
        {
            private const int HashFrom = 5;
            private readonly ValueComparison comparison;
            private readonly Literal[] literals;
            private readonly Dictionary<Type, HashSet<object>?> hashed = new Dictionary<Type, HashSet<object>?>();

            public ValueSet(ValueComparison comparison, Literal[] literals)
            {
                this.comparison = comparison;
                this.literals = literals;
            }

            public bool Contains(object value)
            {
                if (literals.Length < HashFrom)
                {
                    return AnyEqual(comparison, value, literals);
                }

                var type = value.GetType();
                if (!hashed.TryGetValue(type, out var set))
                {
                    set = Hash(value);
                    hashed[type] = set;
                }

                // Without a set (a value type the hash does not cover) the values are compared one by one.
                return set != null ? set.Contains(ValueComparison.KeyOf(value)!) : AnyEqual(comparison, value, literals);
            }

            private HashSet<object>? Hash(object sample)
            {
                var set = new HashSet<object>();
                foreach (var literal in literals)
                {
                    object? key = sample switch
                    {
                        Guid or EntityReference => literal.HasGuid ? literal.Guid : null,
                        string => literal.Text != null ? Collation.Key(literal.Text) : null,
                        int or long or short or decimal or OptionSetValue or Money => literal.HasNumber ? literal.Number : null,
                        double or float => literal.HasNumber ? literal.Double : null,
                        DateTime => literal.HasDate ? literal.DateUtc : null,
                        bool => literal.HasBool ? literal.Bool : null,
                        _ => null,
                    };
                    if (key == null)
                    {
                        // The platform converts every value of the list to the column's type up front, so one
                        // unconvertible value faults the query; comparing it raises that fault.
                        comparison.AreEqual(sample, literal);
                        return null;
                    }

                    set.Add(key);
                }

                return set;
            }
        }

        private static bool AnyEqual(ValueComparison comparison, object value, Literal[] literals)
        {
            foreach (var literal in literals)
            {
                if (comparison.AreEqual(value, literal))
                {
                    return true;
                }
            }

            return false;
        }

        private static ValueTest EqualTo(OperatorScope scope, Guid id, bool negate)
        {
            scope.RequireValues(0);
            var literal = Literal.From(id)!;
            var comparison = scope.Comparison;
            return negate
                ? value => value == null || !comparison.AreEqual(value, literal)
                : value => value != null && comparison.AreEqual(value, literal);
        }

        private static ValueTest OneOf(OperatorScope scope, IEnumerable<Guid> ids)
        {
            scope.RequireValues(0);
            var literals = ids.Select(id => Literal.From(id)!).ToArray();
            var comparison = scope.Comparison;
            return value => value != null && AnyEqual(comparison, value, literals);
        }
    }
}
