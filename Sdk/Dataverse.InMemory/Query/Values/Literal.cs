using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// A condition value prepared once per query in every form a stored column might need. Dataverse converts
    /// a condition value to the type of the column it is compared with (FetchXML sends every value as text;
    /// QueryExpression accepts EntityReference for a Guid, OptionSetValue for an int, Money for a decimal, …).
    /// </summary>
    internal sealed class Literal
    {
        private Literal(object raw)
        {
            Raw = raw;
        }

        public object Raw { get; }

        public string? Text { get; private set; }

        public bool HasNumber { get; private set; }

        public decimal Number { get; private set; }

        /// <summary>True when the number is whole and fits a long: whole-number columns then compare without decimal arithmetic.</summary>
        public bool HasLong { get; private set; }

        public long Long { get; private set; }

        public double Double { get; private set; }

        public bool HasGuid { get; private set; }

        public Guid Guid { get; private set; }

        public bool HasDate { get; private set; }

        /// <summary>The value as a UTC instant; unspecified kinds count as UTC as the platform stores them.</summary>
        public DateTime DateUtc { get; private set; }

        /// <summary>The calendar date the caller wrote (for On / OnOrBefore / OnOrAfter / NotOn).</summary>
        public DateTime CalendarDate { get; private set; }

        public bool HasBool { get; private set; }

        public bool Bool { get; private set; }

        public override string ToString() => Text ?? Convert.ToString(Raw, CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>Prepares a value; returns null for a null value (which no comparison matches).</summary>
        public static Literal? From(object? raw)
        {
            while (raw is AliasedValue aliased)
            {
                raw = aliased.Value;
            }

            if (raw == null)
            {
                return null;
            }

            var literal = new Literal(raw);
            switch (raw)
            {
                case string s:
                    literal.Text = s;
                    literal.ParseText(s);
                    break;
                case bool b:
                    literal.SetBool(b);
                    literal.SetNumber(b ? 1m : 0m);
                    literal.Text = b ? "1" : "0";
                    break;
                case Guid g:
                    literal.SetGuid(g);
                    break;
                case EntityReference reference:
                    literal.SetGuid(reference.Id);
                    break;
                case OptionSetValue option:
                    literal.SetNumber(option.Value);
                    literal.Text = option.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case Money money:
                    literal.SetNumber(money.Value);
                    literal.Text = money.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case DateTime date:
                    literal.SetDate(date);
                    literal.Text = date.ToString("o", CultureInfo.InvariantCulture);
                    break;
                case Enum e:
                    literal.SetNumber(Convert.ToInt64(e, CultureInfo.InvariantCulture));
                    literal.Text = literal.Number.ToString(CultureInfo.InvariantCulture);
                    break;
                case double d:
                    literal.HasNumber = true;
                    literal.Double = d;
                    literal.Number = double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : 0m;
                    literal.Text = d.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case float f:
                    literal.HasNumber = true;
                    literal.Double = f;
                    literal.Number = float.IsFinite(f) ? (decimal)f : 0m;
                    literal.Text = f.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case int or long or short or byte or decimal or uint or ulong or ushort or sbyte:
                    literal.SetNumber(Convert.ToDecimal(raw, CultureInfo.InvariantCulture));
                    literal.Text = literal.Number.ToString(CultureInfo.InvariantCulture);
                    if (literal.Number == 0m || literal.Number == 1m)
                    {
                        literal.SetBool(literal.Number == 1m);
                    }

                    break;
                default:
                    throw new NotSupportedException(
                        $"Condition values of type '{raw.GetType().FullName}' are not supported by the in-memory query engine.");
            }

            return literal;
        }

        private void ParseText(string s)
        {
            var trimmed = s.Trim();
            if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                SetNumber(number);
                if (number == 0m || number == 1m)
                {
                    SetBool(number == 1m);
                }
            }

            if (Guid.TryParse(trimmed, out var guid))
            {
                SetGuid(guid);
            }

            if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
            {
                SetBool(true);
            }
            else if (string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
            {
                SetBool(false);
            }

            if (!HasNumber && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var date))
            {
                SetDate(date);
            }
        }

        private void SetNumber(decimal value)
        {
            HasNumber = true;
            Number = value;
            Double = (double)value;
            HasLong = value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue;
            Long = HasLong ? (long)value : 0;
        }

        private void SetGuid(Guid value)
        {
            HasGuid = true;
            Guid = value;
            Text ??= value.ToString("D");
        }

        private void SetBool(bool value)
        {
            HasBool = true;
            Bool = value;
        }

        private void SetDate(DateTime value)
        {
            HasDate = true;
            DateUtc = ToUtc(value);
            CalendarDate = value.Date;
        }

        public static DateTime ToUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
    }
}
