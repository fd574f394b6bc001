using System;
using System.Collections.Generic;
using System.Linq;
using Dataverse.InMemory.Query.Values;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Builds the returned rows. QueryExpression returns the requested columns plus the primary key; FetchXML
    /// without any attribute element returns every column; DISTINCT does not force the primary key in. Columns
    /// of linked tables come back as AliasedValue under "alias.column" (or under the attribute's own alias).
    /// NULL columns are absent, and every value is a copy. Like the platform, rows carry formatted values for
    /// lookups (the related row's name) and choices (the label, when a label source is configured).
    /// </summary>
    internal sealed class ResultProjector
    {
        private readonly QueryPlan plan;
        private readonly QueryContext context;
        private readonly bool allRootColumns;

        public ResultProjector(QueryPlan plan, QueryContext context)
        {
            this.plan = plan;
            this.context = context;
            allRootColumns = plan.Root.AllColumns || (plan.IsFetch && plan.Root.Columns.Count == 0);
        }

        public Entity Project(Entity?[] row)
        {
            var root = plan.Root;
            var stored = row[0]!;
            var id = RowValues.IdOf(stored, root.PrimaryId);
            var result = new Entity(root.LogicalName) { RowVersion = stored.RowVersion };
            if (!plan.Distinct)
            {
                result.Id = id;
                if (id != Guid.Empty)
                {
                    result.Attributes[root.PrimaryId] = id;
                }
            }

            if (allRootColumns)
            {
                foreach (var attribute in stored.Attributes)
                {
                    if (attribute.Value != null)
                    {
                        result.Attributes[attribute.Key] = ValueCopy.Copy(attribute.Value);
                        Format(result, attribute.Key, root.LogicalName, attribute.Key, attribute.Value);
                    }
                }
            }
            else
            {
                foreach (var column in root.Columns)
                {
                    var value = RowValues.Get(stored, column.Attribute, root.PrimaryId);
                    if (value == null)
                    {
                        continue;
                    }

                    Format(result, column.Alias ?? column.Attribute, root.LogicalName, column.Attribute, value);
                    if (column.Alias != null)
                    {
                        result.Attributes[column.Alias] = new AliasedValue(root.LogicalName, column.Attribute, ValueCopy.Copy(value));
                    }
                    else
                    {
                        result.Attributes[column.Attribute] = ValueCopy.Copy(value);
                        if (string.Equals(column.Attribute, root.PrimaryId, StringComparison.Ordinal) && value is Guid selectedId)
                        {
                            result.Id = selectedId;
                        }
                    }
                }
            }

            for (var slot = 1; slot < plan.Tables.Count; slot++)
            {
                var link = plan.Tables[slot];
                var linked = row[slot];
                if (linked == null)
                {
                    continue;
                }

                if (link.AllColumns)
                {
                    foreach (var attribute in linked.Attributes)
                    {
                        if (attribute.Value != null)
                        {
                            result.Attributes[link.Alias + "." + attribute.Key] = new AliasedValue(link.LogicalName, attribute.Key, ValueCopy.Copy(attribute.Value));
                            Format(result, link.Alias + "." + attribute.Key, link.LogicalName, attribute.Key, attribute.Value);
                        }
                    }

                    continue;
                }

                foreach (var column in link.Columns)
                {
                    var value = RowValues.Get(linked, column.Attribute, link.PrimaryId);
                    if (value != null)
                    {
                        var key = column.Alias ?? link.Alias + "." + column.Attribute;
                        result.Attributes[key] = new AliasedValue(link.LogicalName, column.Attribute, ValueCopy.Copy(value));
                        Format(result, key, link.LogicalName, column.Attribute, value);
                    }
                }
            }

            return result;
        }

        private void Format(Entity result, string key, string table, string column, object value)
        {
            string? text = value switch
            {
                EntityReference reference => reference.Name,
                OptionSetValue option => context.ChoiceLabel?.Invoke(table, column, option.Value),
                OptionSetValueCollection options when context.ChoiceLabel != null =>
                    string.Join("; ", options.Where(o => o != null).Select(o => context.ChoiceLabel(table, column, o.Value) ?? o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                _ => null,
            };
            if (text != null)
            {
                result.FormattedValues[key] = text;
            }
        }

        /// <summary>The values DISTINCT compares: every returned column, compared as the collation compares them.</summary>
        public CompositeKey DistinctKey(Entity?[] row)
        {
            var projected = Project(row);
            var keys = projected.Attributes
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .SelectMany(a => new[] { a.Key, ValueComparison.KeyOf(a.Value) })
                .ToArray();
            return new CompositeKey(keys);
        }
    }

    /// <summary>A tuple of keys with value equality (DISTINCT rows, GROUP BY groups).</summary>
    internal sealed class CompositeKey : IEquatable<CompositeKey>
    {
        private readonly object?[] parts;
        private readonly int hash;

        public CompositeKey(object?[] parts)
        {
            this.parts = parts;
            var code = new HashCode();
            foreach (var part in parts)
            {
                code.Add(part);
            }

            hash = code.ToHashCode();
        }

        public bool Equals(CompositeKey? other)
        {
            if (other == null || other.parts.Length != parts.Length)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                if (!Equals(parts[i], other.parts[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as CompositeKey);

        public override int GetHashCode() => hash;
    }
}
