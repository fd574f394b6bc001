using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query.Operators
{
    /// <summary>
    /// Like, NotLike, BeginsWith, DoesNotBeginWith, EndsWith, DoesNotEndWith (the platform turns the last four into
    /// LIKE 'x%' and LIKE '%x', so wildcards in the value keep their meaning), and Contains / DoesNotContain, which
    /// Dataverse runs as a SQL full-text CONTAINS and therefore accepts only on full-text indexed columns.
    /// </summary>
    internal static class StringOperators
    {
        public static ValueTest? Compile(OperatorScope scope)
        {
            switch (scope.Operator)
            {
                case ConditionOperator.Like:
                    return Like(scope, pattern => pattern, negate: false);
                case ConditionOperator.NotLike:
                    return Like(scope, pattern => pattern, negate: true);
                case ConditionOperator.BeginsWith:
                    return Like(scope, prefix => prefix + "%", negate: false);
                case ConditionOperator.DoesNotBeginWith:
                    return Like(scope, prefix => prefix + "%", negate: true);
                case ConditionOperator.EndsWith:
                    return Like(scope, suffix => "%" + suffix, negate: false);
                case ConditionOperator.DoesNotEndWith:
                    return Like(scope, suffix => "%" + suffix, negate: true);
                case ConditionOperator.Contains:
                    return FullText(scope, negate: false);
                case ConditionOperator.DoesNotContain:
                    return FullText(scope, negate: true);
                default:
                    return null;
            }
        }

        private static ValueTest Like(OperatorScope scope, System.Func<string, string> shape, bool negate)
        {
            scope.RequireValues(1);
            var text = scope.Literals()[0].Text ?? string.Empty;
            var pattern = LikePattern.Compile(shape(text));
            return value =>
            {
                if (value == null)
                {
                    return false;
                }

                if (value is not string s)
                {
                    throw scope.Mismatch(value, "String");
                }

                return pattern.IsMatch(s) != negate;
            };
        }

        private static ValueTest FullText(OperatorScope scope, bool negate)
        {
            if (!scope.Context.FullTextIndexedColumns.Contains(scope.Table + "." + scope.Column))
            {
                throw QueryFaults.Fault(scope.Context, QueryFaults.UnknownConditionOperator,
                    "Unknown Condition Operator: {0}. FetchXml does not support it (column '{1}.{2}' has no full-text index).",
                    "Unbekannter Bedingungsoperator: {0}. FetchXml unterstützt ihn nicht (Spalte '{1}.{2}' hat keinen Volltextindex).",
                    scope.Operator, scope.Table, scope.Column);
            }

            // Full-text CONTAINS matches whole words or phrases, not arbitrary substrings.
            return WholeWords(scope, negate);
        }

        private static ValueTest WholeWords(OperatorScope scope, bool negate)
        {
            scope.RequireValues(1);
            var term = (scope.Literals()[0].Text ?? string.Empty).Trim().Trim('"');
            return value =>
            {
                if (value == null)
                {
                    return false;
                }

                if (value is not string s)
                {
                    throw scope.Mismatch(value, "String");
                }

                return ContainsWord(s, term) != negate;
            };
        }

        private static bool ContainsWord(string text, string term)
        {
            if (term.Length == 0)
            {
                return false;
            }

            var start = 0;
            while (true)
            {
                var index = System.Globalization.CultureInfo.InvariantCulture.CompareInfo.IndexOf(
                    text, term, start, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace);
                if (index < 0)
                {
                    return false;
                }

                var before = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
                var afterIndex = index + term.Length;
                var after = afterIndex >= text.Length || !char.IsLetterOrDigit(text[afterIndex]);
                if (before && after)
                {
                    return true;
                }

                start = index + 1;
            }
        }
    }
}
