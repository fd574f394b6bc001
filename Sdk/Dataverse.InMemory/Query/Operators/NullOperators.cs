using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>Null / NotNull. They take no value.</summary>
    internal static class NullOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            switch (scope.Operator)
            {
                case ConditionOperator.Null:
                    scope.RequireValues(0);
                    return value => value == null;
                case ConditionOperator.NotNull:
                    scope.RequireValues(0);
                    return value => value != null;
                default:
                    return null;
            }
        }
    }
}
