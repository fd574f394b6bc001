using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Values;
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
                    var literals = scope.Literals();
                    return value => value != null && AnyEqual(comparison, value, literals);
                }

                case ConditionOperator.NotIn:
                {
                    scope.RequireAtLeastOneValue();
                    var literals = scope.Literals();
                    return value => value != null && !AnyEqual(comparison, value, literals);
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
