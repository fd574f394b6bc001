using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// Equality of stored values as SQL sees it, without building key objects: a lookup equals its id, a choice
    /// or currency its number, text compares under the collation, dates as UTC instants. Hash joins and GROUP BY
    /// key their dictionaries on the stored values themselves with it, so no key is allocated per row.
    /// </summary>
    internal sealed class ValueKeyComparer : IEqualityComparer<object>
    {
        public static readonly ValueKeyComparer Instance = new ValueKeyComparer();

        public new bool Equals(object? x, object? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x == null || y == null)
            {
                return false;
            }

            if (x is string a && y is string b)
            {
                return Collation.AreEqual(a, b);
            }

            if (TryNumber(x, out var dx) && TryNumber(y, out var dy))
            {
                return dx == dy;
            }

            if (TryGuid(x, out var gx) && TryGuid(y, out var gy))
            {
                return gx == gy;
            }

            if (x is DateTime tx && y is DateTime ty)
            {
                return Literal.ToUtc(tx).Ticks == Literal.ToUtc(ty).Ticks;
            }

            return object.Equals(ValueComparison.KeyOf(x), ValueComparison.KeyOf(y));
        }

        public int GetHashCode(object obj)
        {
            switch (obj)
            {
                case string s:
                    var trimmed = s.AsSpan().TrimEnd(' ');
                    return Ascii.IsValid(trimmed)
                        ? string.GetHashCode(trimmed, StringComparison.OrdinalIgnoreCase)
                        : string.GetHashCode(Collation.Key(s), StringComparison.OrdinalIgnoreCase);
                case DateTime date:
                    return Literal.ToUtc(date).Ticks.GetHashCode();
            }

            if (TryNumber(obj, out var number))
            {
                return number.GetHashCode();
            }

            if (TryGuid(obj, out var id))
            {
                return id.GetHashCode();
            }

            return ValueComparison.KeyOf(obj)?.GetHashCode() ?? 0;
        }

        private static bool TryNumber(object value, out decimal number)
        {
            switch (value)
            {
                case int i:
                    number = i;
                    return true;
                case OptionSetValue option:
                    number = option.Value;
                    return true;
                case decimal d:
                    number = d;
                    return true;
                case long l:
                    number = l;
                    return true;
                case Money money:
                    number = money.Value;
                    return true;
                case short sh:
                    number = sh;
                    return true;
                default:
                    number = 0;
                    return false;
            }
        }

        private static bool TryGuid(object value, out Guid id)
        {
            switch (value)
            {
                case Guid g:
                    id = g;
                    return true;
                case EntityReference reference:
                    id = reference.Id;
                    return true;
                default:
                    id = Guid.Empty;
                    return false;
            }
        }
    }
}
