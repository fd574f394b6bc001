using System;
using System.Collections.Generic;
using System.Linq;

namespace Dataverse.WebApi.Serialization
{
    /// <summary>
    /// The instance annotations a request asked for with <c>Prefer: odata.include-annotations="…"</c>: a
    /// comma-separated list of names, <c>Namespace.*</c> patterns and <c>*</c>, with a leading '-' excluding.
    /// </summary>
    internal sealed class AnnotationFilter
    {
        public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
        public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
        public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";
        public const string TotalRecordCount = "Microsoft.Dynamics.CRM.totalrecordcount";
        public const string TotalRecordCountLimitExceeded = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

        public static readonly System.Text.Json.JsonEncodedText TotalRecordCountProperty = System.Text.Json.JsonEncodedText.Encode("@" + TotalRecordCount);
        public static readonly System.Text.Json.JsonEncodedText TotalRecordCountLimitExceededProperty = System.Text.Json.JsonEncodedText.Encode("@" + TotalRecordCountLimitExceeded);

        private readonly List<(string Pattern, bool Include)> rules;

        private AnnotationFilter(List<(string, bool)> rules, string? raw)
        {
            this.rules = rules;
            Raw = raw;
            IncludeFormattedValue = Includes(FormattedValue);
            IncludeLookupLogicalName = Includes(LookupLogicalName);
            IncludeAssociatedNavigationProperty = Includes(AssociatedNavigationProperty);
            IncludeTotalRecordCount = Includes(TotalRecordCount);
            IncludeTotalRecordCountLimitExceeded = Includes(TotalRecordCountLimitExceeded);
        }

        public static AnnotationFilter None { get; } = new(new List<(string, bool)>(), null);

        /// <summary>The preference as applied, for the Preference-Applied header.</summary>
        public string? Raw { get; }

        public bool IncludeFormattedValue { get; }

        public bool IncludeLookupLogicalName { get; }

        public bool IncludeAssociatedNavigationProperty { get; }

        /// <summary>The collection's @Microsoft.Dynamics.CRM.totalrecordcount (count rows).</summary>
        public bool IncludeTotalRecordCount { get; }

        public bool IncludeTotalRecordCountLimitExceeded { get; }

        public bool Any => IncludeFormattedValue || IncludeLookupLogicalName || IncludeAssociatedNavigationProperty;

        public static AnnotationFilter Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return None;
            var text = value.Trim().Trim('"');
            var list = new List<(string, bool)>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add(part.StartsWith('-') ? (part[1..], false) : (part, true));
            }
            return new AnnotationFilter(list, "odata.include-annotations=" + value.Trim());
        }

        private bool Includes(string name)
        {
            // Exclusions win over inclusions (OData 4.01 8.2.8.4).
            if (rules.Any(r => !r.Include && Matches(r.Pattern, name))) return false;
            return rules.Any(r => r.Include && Matches(r.Pattern, name));
        }

        private static bool Matches(string pattern, string name) =>
            pattern == "*" || string.Equals(pattern, name, StringComparison.Ordinal) ||
            (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal));
    }
}
