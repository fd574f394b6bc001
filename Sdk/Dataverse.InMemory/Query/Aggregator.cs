using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dataverse.InMemory.Query.Operators;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// FetchXML aggregates: count (rows), countcolumn (non-null values, optionally distinct), sum, avg, min, max,
    /// grouped by columns or by a part of a date. NULLs are ignored by every aggregate and form their own group.
    /// Results come back as AliasedValue under each alias, typed as the platform types them (count → int; sum,
    /// avg, min, max → the column's type, so avg of a whole-number column is truncated as SQL's AVG is), with
    /// formatted values. The platform refuses to aggregate more than 50,000 rows (or the query's lower
    /// aggregatelimit) with error 0x8004E023.
    /// </summary>
    internal sealed class Aggregator
    {
        public const int PlatformLimit = 50000;

        private static readonly object NullKey = new object();

        private readonly QueryPlan plan;
        private readonly QueryContext context;
        private readonly List<Output> outputs = new List<Output>();

        public Aggregator(QueryPlan plan, QueryContext context)
        {
            this.plan = plan;
            this.context = context;
            var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in plan.Tables)
            {
                if (table.AllColumns)
                {
                    throw Invalid("all-attributes cannot be used in an aggregate query.", "all-attributes kann in einer Aggregatabfrage nicht verwendet werden.");
                }

                foreach (var column in table.Columns)
                {
                    if (column.Aggregate == null && !column.GroupBy)
                    {
                        throw Invalid("In an aggregate query every attribute needs 'aggregate' or groupby='true'; '{0}' has neither.",
                            "In einer Aggregatabfrage braucht jedes Attribut 'aggregate' oder groupby='true'; '{0}' hat keines.", column.Attribute);
                    }

                    if (column.Aggregate != null && column.GroupBy)
                    {
                        throw Invalid("Attribute '{0}' cannot both aggregate and group.", "Das Attribut '{0}' kann nicht zugleich aggregieren und gruppieren.", column.Attribute);
                    }

                    if (column.Aggregate != null && string.IsNullOrEmpty(column.Alias))
                    {
                        throw Invalid("The aggregate attribute '{0}' needs an alias.", "Das Aggregatattribut '{0}' braucht einen Alias.", column.Attribute);
                    }

                    if (column.DateGrouping != null && !column.GroupBy)
                    {
                        throw Invalid("dategrouping on '{0}' needs groupby='true'.", "dategrouping für '{0}' braucht groupby='true'.", column.Attribute);
                    }

                    var output = new Output(table, column);
                    if (!aliases.Add(output.Key))
                    {
                        throw Invalid("The alias '{0}' is used more than once.", "Der Alias '{0}' wird mehrfach verwendet.", output.Key);
                    }

                    outputs.Add(output);
                }
            }

            if (outputs.Count == 0)
            {
                throw Invalid("An aggregate query needs at least one attribute with an aggregate or groupby.",
                    "Eine Aggregatabfrage braucht mindestens ein Attribut mit aggregate oder groupby.");
            }

            if (plan.AggregateLimit > PlatformLimit)
            {
                throw Invalid("aggregatelimit cannot exceed the platform limit of {0} rows.", "aggregatelimit darf die Plattformgrenze von {0} Zeilen nicht überschreiten.", PlatformLimit);
            }
        }

        public List<Entity> Run(IEnumerable<Entity?[]> rows)
        {
            var limit = plan.AggregateLimit ?? PlatformLimit;
            var counted = 0;

            var clock = new DateOperators.UserClock(context);
            var groupOutputs = outputs.Where(o => o.Column.GroupBy).ToArray();
            var aggregateOutputs = outputs.Where(o => o.Column.Aggregate != null).ToArray();
            // Groups are keyed by collation-aware keys; one group-by column (the common case) needs no tuple.
            var groups = new Dictionary<object, Group>(ValueKeyComparer.Instance);
            var order = new List<Group>();
            var single = groupOutputs.Length == 1;
            foreach (var row in rows)
            {
                if (++counted > limit)
                {
                    throw QueryFaults.Fault(context, QueryFaults.AggregateQueryRecordLimitExceeded,
                        "AggregateQueryRecordLimit exceeded. Cannot perform this operation.",
                        "AggregateQueryRecordLimit überschritten. Dieser Vorgang kann nicht ausgeführt werden.");
                }

                object key;
                object? singleValue = null;
                object?[]? values = null;
                if (groupOutputs.Length == 0)
                {
                    key = NullKey;
                    values = Array.Empty<object?>();
                }
                else if (single)
                {
                    singleValue = GroupValue(groupOutputs[0], row, clock);
                    key = singleValue ?? NullKey;
                }
                else
                {
                    values = new object?[groupOutputs.Length];
                    var keys = new object?[groupOutputs.Length];
                    for (var i = 0; i < groupOutputs.Length; i++)
                    {
                        values[i] = GroupValue(groupOutputs[i], row, clock);
                        keys[i] = ValueComparison.KeyOf(values[i]);
                    }

                    key = new CompositeKey(keys);
                }

                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Group(values ?? new[] { singleValue }, aggregateOutputs.Select(o => new Accumulator(o.Column, context)).ToArray());
                    groups.Add(key, group);
                    order.Add(group);
                }

                for (var i = 0; i < aggregateOutputs.Length; i++)
                {
                    var output = aggregateOutputs[i];
                    group.Accumulators[i].Add(RowValues.Get(row[output.Table.Slot], output.Column.Attribute, output.Table.PrimaryId));
                }
            }

            // An aggregate over no rows still returns one row (COUNT = 0), as SQL does without GROUP BY.
            if (order.Count == 0 && groupOutputs.Length == 0)
            {
                order.Add(new Group(Array.Empty<object?>(), aggregateOutputs.Select(o => new Accumulator(o.Column, context)).ToArray()));
            }

            var sampleTypes = aggregateOutputs.Select((o, i) => order.Select(g => g.Accumulators[i].Sample).FirstOrDefault(s => s != null)).ToArray();
            var culture = CultureFor(context.LanguageCode);
            var results = new List<(Entity Entity, Dictionary<string, object?> Values)>();
            foreach (var group in order)
            {
                var entity = new Entity(plan.Root.LogicalName);
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < groupOutputs.Length; i++)
                {
                    Emit(entity, values, groupOutputs[i], group.Values[i], culture);
                }

                for (var i = 0; i < aggregateOutputs.Length; i++)
                {
                    Emit(entity, values, aggregateOutputs[i], group.Accumulators[i].Result(sampleTypes[i]), culture);
                }

                results.Add((entity, values));
            }

            var sorts = SortOrder(groupOutputs);
            results.Sort((a, b) =>
            {
                foreach (var (alias, descending) in sorts)
                {
                    var result = RowOrdering.CompareValues(SortValue(a.Values[alias]), SortValue(b.Values[alias]));
                    if (result != 0)
                    {
                        return descending ? -result : result;
                    }
                }

                return 0;
            });
            return results.Select(r => r.Entity).ToList();
        }

        private List<(string Alias, bool Descending)> SortOrder(Output[] groupOutputs)
        {
            var sorts = new List<(string Alias, bool Descending)>();
            foreach (var table in plan.Tables)
            {
                foreach (var order in table.Orders)
                {
                    var alias = order.Alias ?? order.Attribute;
                    if (alias == null || !outputs.Any(o => string.Equals(o.Key, alias, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Invalid("The order refers to '{0}', which is not an alias of this aggregate query.",
                            "Die Sortierung verweist auf '{0}', das kein Alias dieser Aggregatabfrage ist.", alias);
                    }

                    sorts.Add((alias, order.Descending));
                }
            }

            // Without an order, groups come back in ascending order of their group-by values (deterministic).
            foreach (var output in groupOutputs)
            {
                sorts.Add((output.Key, false));
            }

            return sorts;
        }

        private static object? SortValue(object? value) => value switch
        {
            null => null,
            AliasedValue aliased => SortValue(aliased.Value),
            Money money => money.Value,
            OptionSetValue option => (decimal)option.Value,
            EntityReference reference => new RowOrdering.LookupKey(reference.Name, reference.Id),
            Guid id => new GuidKey(id),
            int i => (decimal)i,
            long l => (decimal)l,
            float f => (double)f,
            DateTime date => Literal.ToUtc(date),
            _ => value,
        };

        private object? GroupValue(Output output, Entity?[] row, DateOperators.UserClock clock)
        {
            var value = RowValues.Get(row[output.Table.Slot], output.Column.Attribute, output.Table.PrimaryId);
            if (value == null || output.Column.DateGrouping == null)
            {
                return value;
            }

            if (value is not DateTime date)
            {
                throw Invalid("dategrouping needs a date column, but '{0}' holds {1}.", "dategrouping braucht eine Datumsspalte, aber '{0}' enthält {1}.",
                    output.Column.Attribute, ValueComparison.TypeName(value));
            }

            // Dates group by the user's local calendar (usertimezone defaults to true).
            var local = clock.Local(date);
            return output.Column.DateGrouping switch
            {
                DateGrouping.Day => local.Day,
                DateGrouping.Week => WeekOfYear(local, context.FirstDayOfWeek),
                DateGrouping.Month => local.Month,
                DateGrouping.Quarter => ((local.Month - 1) / 3) + 1,
                _ => local.Year,
            };
        }

        /// <summary>SQL Server's DATEPART(week): week 1 contains 1 January; weeks start on the first day of the week.</summary>
        internal static int WeekOfYear(DateTime date, DayOfWeek firstDay)
        {
            var january1 = new DateTime(date.Year, 1, 1);
            var offset = ((int)january1.DayOfWeek - (int)firstDay + 7) % 7;
            return ((date.DayOfYear - 1 + offset) / 7) + 1;
        }

        private void Emit(Entity entity, Dictionary<string, object?> values, Output output, object? value, CultureInfo culture)
        {
            values[output.Key] = value;
            if (value == null)
            {
                return;
            }

            entity.Attributes[output.Key] = new AliasedValue(output.Table.LogicalName, output.Column.Attribute, ValueCopy.Copy(value));
            var formatted = Format(output, value, culture);
            if (formatted != null)
            {
                entity.FormattedValues[output.Key] = formatted;
            }
        }

        private string? Format(Output output, object value, CultureInfo culture) => value switch
        {
            int i => i.ToString("N0", culture),
            long l => l.ToString("N0", culture),
            decimal d => d.ToString("N2", culture),
            double d => d.ToString("N2", culture),
            Money money => money.Value.ToString("N2", culture),
            EntityReference reference => reference.Name,
            OptionSetValue option => context.ChoiceLabel?.Invoke(output.Table.LogicalName, output.Column.Attribute, option.Value),
            DateTime date => Literal.ToUtc(date).ToString("g", culture),
            bool b => b ? "1" : "0",
            _ => null,
        };

        private static CultureInfo CultureFor(int lcid)
        {
            try
            {
                return CultureInfo.GetCultureInfo(lcid);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.GetCultureInfo("en-US");
            }
        }

        private Exception Invalid(string english, string german, params object?[] args) =>
            QueryFaults.Invalid(context, "Invalid aggregate query: " + english, "Ungültige Aggregatabfrage: " + german, args);

        private sealed class Output
        {
            public Output(TableNode table, ColumnSpec column)
            {
                Table = table;
                Column = column;
                Key = string.IsNullOrEmpty(column.Alias) ? column.Attribute : column.Alias;
            }

            public TableNode Table { get; }

            public ColumnSpec Column { get; }

            public string Key { get; }
        }

        private sealed class Group
        {
            public Group(object?[] values, Accumulator[] accumulators)
            {
                Values = values;
                Accumulators = accumulators;
            }

            public object?[] Values { get; }

            public Accumulator[] Accumulators { get; }
        }

        private sealed class Accumulator
        {
            private readonly ColumnSpec column;
            private readonly QueryContext context;
            private readonly HashSet<object>? distinct;
            private int rows;
            private int nonNull;
            private decimal sum;
            private double doubleSum;
            private object? best;
            private object? bestKey;

            public Accumulator(ColumnSpec column, QueryContext context)
            {
                this.column = column;
                this.context = context;
                distinct = column.Aggregate == AggregateKind.CountColumn && column.Distinct ? new HashSet<object>() : null;
            }

            /// <summary>The first non-null value seen, which tells the column's type.</summary>
            public object? Sample { get; private set; }

            public void Add(object? value)
            {
                rows++;
                if (value == null)
                {
                    return;
                }

                Sample ??= value;
                nonNull++;
                switch (column.Aggregate)
                {
                    case AggregateKind.CountColumn:
                        distinct?.Add(ValueComparison.KeyOf(value)!);
                        break;
                    case AggregateKind.Sum:
                    case AggregateKind.Avg:
                        switch (value)
                        {
                            case double d:
                                doubleSum += d;
                                break;
                            case float f:
                                doubleSum += f;
                                break;
                            case Money money:
                                sum += money.Value;
                                break;
                            case int i:
                                sum += i;
                                break;
                            case long l:
                                sum += l;
                                break;
                            case decimal d:
                                sum += d;
                                break;
                            case short sh:
                                sum += sh;
                                break;
                            default:
                                throw QueryFaults.Invalid(context,
                                    "Invalid aggregate query: the aggregate '{0}' on '{1}' needs a numeric or currency column, but it holds {2}.",
                                    "Ungültige Aggregatabfrage: das Aggregat '{0}' für '{1}' braucht eine Zahlen- oder Währungsspalte, aber sie enthält {2}.",
                                    column.Aggregate?.ToString().ToLowerInvariant(), column.Attribute, ValueComparison.TypeName(value));
                        }

                        break;
                    case AggregateKind.Min:
                    case AggregateKind.Max:
                        var key = SortValue(value);
                        if (best == null)
                        {
                            best = value;
                            bestKey = key;
                            break;
                        }

                        var compared = RowOrdering.CompareValues(key, bestKey);
                        if ((column.Aggregate == AggregateKind.Min && compared < 0) || (column.Aggregate == AggregateKind.Max && compared > 0))
                        {
                            best = value;
                            bestKey = key;
                        }

                        break;
                }
            }

            public object? Result(object? sample)
            {
                switch (column.Aggregate)
                {
                    case AggregateKind.Count:
                        return rows;
                    case AggregateKind.CountColumn:
                        return distinct?.Count ?? nonNull;
                    case AggregateKind.Sum:
                        // The platform reports the sum of a group without values as 0 (see its aggregate docs).
                        return sample == null ? null : Typed(sample, sum, doubleSum);
                    case AggregateKind.Avg:
                        if (nonNull == 0)
                        {
                            return null;
                        }

                        return Sample is int or long or short
                            ? Typed(Sample, decimal.Truncate(sum / nonNull), 0)
                            : Typed(Sample!, sum / nonNull, doubleSum / nonNull);
                    default:
                        return best;
                }
            }

            private static object Typed(object sample, decimal total, double doubleTotal) => sample switch
            {
                int or short => (int)total,
                long => (long)total,
                Money => new Money(total),
                double or float => doubleTotal,
                _ => total,
            };
        }
    }
}
