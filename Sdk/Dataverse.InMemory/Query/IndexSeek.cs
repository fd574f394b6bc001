using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// Finds the condition of a table filter that an equality index can answer: a condition on the table's own
    /// column (no entity name) with Equal or In and only id values (Guid, EntityReference, or text that is a
    /// Guid, as FetchXML writes ids), which every returned row must satisfy because it sits in an And filter.
    /// </summary>
    internal static class IndexSeek
    {
        /// <summary>
        /// Above this many ids a scan with a hash of the ids costs about as much as the look-ups, so the engine scans.
        /// </summary>
        public const int MaxKeys = 1024;

        public static (string Attribute, IReadOnlyCollection<Guid> Keys)? Find(FilterExpression filter)
        {
            if (filter.FilterOperator != LogicalOperator.And && filter.Conditions.Count + filter.Filters.Count != 1)
            {
                return null;
            }

            foreach (var condition in filter.Conditions)
            {
                if (!string.IsNullOrEmpty(condition.EntityName) || string.IsNullOrEmpty(condition.AttributeName)
                    || (condition.Operator != ConditionOperator.Equal && condition.Operator != ConditionOperator.In))
                {
                    continue;
                }

                var keys = Keys(condition);
                if (keys != null)
                {
                    return (condition.AttributeName, keys);
                }
            }

            foreach (var child in filter.Filters)
            {
                var nested = Find(child);
                if (nested != null)
                {
                    return nested;
                }
            }

            return null;
        }

        /// <summary>
        /// The first condition on the table's own column that every row the filter keeps must satisfy, or null.
        /// </summary>
        public static ConditionExpression? Conjunct(FilterExpression filter)
        {
            if (filter.FilterOperator != LogicalOperator.And && filter.Conditions.Count + filter.Filters.Count != 1)
            {
                return null;
            }

            foreach (var condition in filter.Conditions)
            {
                if (string.IsNullOrEmpty(condition.EntityName) && !string.IsNullOrEmpty(condition.AttributeName))
                {
                    return condition;
                }
            }

            foreach (var child in filter.Filters)
            {
                var nested = Conjunct(child);
                if (nested != null)
                {
                    return nested;
                }
            }

            return null;
        }

        private static List<Guid>? Keys(ConditionExpression condition)
        {
            if (condition.Values.Count == 0 || condition.Values.Count > MaxKeys
                || (condition.Operator == ConditionOperator.Equal && condition.Values.Count != 1))
            {
                return null;
            }

            var keys = new List<Guid>(condition.Values.Count);
            foreach (var value in condition.Values)
            {
                switch (value)
                {
                    case Guid id:
                        keys.Add(id);
                        break;
                    case EntityReference reference:
                        keys.Add(reference.Id);
                        break;
                    case string text when Guid.TryParse(text, out var parsed):
                        keys.Add(parsed);
                        break;
                    default:
                        return null;
                }
            }

            return keys;
        }
    }
}
