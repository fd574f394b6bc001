using System;
using System.Globalization;
using System.Text;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// String comparison as Dataverse's SQL collation does it (Latin1_General_CI_AI): case- and
    /// accent-insensitive, and, like SQL Server's '=' operator, blind to trailing spaces.
    /// </summary>
    internal static class Collation
    {
        private const CompareOptions Options =
            CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;

        private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

        public static bool AreEqual(string a, string b)
        {
            var x = a.AsSpan().TrimEnd(' ');
            var y = b.AsSpan().TrimEnd(' ');
            // ASCII-only text compares identically under the ordinal case-insensitive rule; it is the common case
            // and an order of magnitude cheaper than a linguistic comparison.
            if (Ascii.IsValid(x) && Ascii.IsValid(y))
            {
                return x.Equals(y, StringComparison.OrdinalIgnoreCase);
            }

            return Compare.Compare(x, y, Options) == 0;
        }

        public static int CompareStrings(string a, string b)
        {
            var x = a.AsSpan().TrimEnd(' ');
            var y = b.AsSpan().TrimEnd(' ');
            return Math.Sign(Compare.Compare(x, y, Options));
        }

        /// <summary>A key equal for strings the collation treats as equal (joins, distinct, grouping).</summary>
        public static string Key(string value)
        {
            var trimmed = value.AsSpan().TrimEnd(' ');
            if (Ascii.IsValid(trimmed))
            {
                return trimmed.ToString().ToUpperInvariant();
            }

            var decomposed = trimmed.ToString().Normalize(NormalizationForm.FormD);
            var builder = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(char.ToUpperInvariant(c));
                }
            }

            return builder.ToString();
        }

        public static bool StartsWith(string value, string prefix) =>
            Ascii.IsValid(value) && Ascii.IsValid(prefix)
                ? value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                : Compare.IsPrefix(value, prefix, Options);

        public static bool EndsWith(string value, string suffix) =>
            Ascii.IsValid(value) && Ascii.IsValid(suffix)
                ? value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                : Compare.IsSuffix(value, suffix, Options);

        public static bool Contains(string value, string part) =>
            Ascii.IsValid(value) && Ascii.IsValid(part)
                ? value.Contains(part, StringComparison.OrdinalIgnoreCase)
                : Compare.IndexOf(value, part, Options) >= 0;

        public static bool CharEquals(char a, char b) =>
            a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b) || Compare.Compare(a.ToString(), b.ToString(), Options) == 0;
    }
}
