using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>ContainValues / DoesNotContainValues on multi-select choice columns (any of the given options).</summary>
    internal static class MultiSelectOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            bool negate;
            switch (scope.Operator)
            {
                case ConditionOperator.ContainValues:
                    negate = false;
                    break;
                case ConditionOperator.DoesNotContainValues:
                    negate = true;
                    break;
                default:
                    return null;
            }

            scope.RequireAtLeastOneValue();
            var wanted = new HashSet<int>();
            foreach (var literal in scope.Literals())
            {
                if (!literal.HasNumber || literal.Number != decimal.Truncate(literal.Number))
                {
                    throw QueryFaults.Invalid(scope.Context,
                        "The ConditionOperator.{0} on '{1}' needs choice values (whole numbers), not '{2}'.",
                        "Der ConditionOperator.{0} für '{1}' braucht Auswahlwerte (ganze Zahlen), nicht '{2}'.",
                        scope.Operator, scope.Column, literal);
                }

                wanted.Add((int)literal.Number);
            }

            return value =>
            {
                if (value == null)
                {
                    return false;
                }

                if (value is not OptionSetValueCollection options)
                {
                    throw scope.Mismatch(value, "MultiSelectPicklist");
                }

                var any = false;
                foreach (var option in options)
                {
                    if (option != null && wanted.Contains(option.Value))
                    {
                        any = true;
                        break;
                    }
                }

                return any != negate;
            };
        }
    }
}
