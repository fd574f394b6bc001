using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>GreaterThan, GreaterEqual, LessThan, LessEqual, Between, NotBetween. NULL matches none of them.</summary>
    internal static class ComparisonOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            var comparison = scope.Comparison;
            switch (scope.Operator)
            {
                case ConditionOperator.GreaterThan:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value != null && comparison.Compare(value, literal) > 0;
                }

                case ConditionOperator.GreaterEqual:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value != null && comparison.Compare(value, literal) >= 0;
                }

                case ConditionOperator.LessThan:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value != null && comparison.Compare(value, literal) < 0;
                }

                case ConditionOperator.LessEqual:
                {
                    scope.RequireValues(1);
                    var literal = scope.Literals()[0];
                    return value => value != null && comparison.Compare(value, literal) <= 0;
                }

                case ConditionOperator.Between:
                {
                    scope.RequireValues(2);
                    var bounds = scope.Literals();
                    return value => value != null && comparison.Compare(value, bounds[0]) >= 0 && comparison.Compare(value, bounds[1]) <= 0;
                }

                case ConditionOperator.NotBetween:
                {
                    scope.RequireValues(2);
                    var bounds = scope.Literals();
                    return value => value != null && (comparison.Compare(value, bounds[0]) < 0 || comparison.Compare(value, bounds[1]) > 0);
                }

                default:
                    return null;
            }
        }
    }
}
