using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>
    /// A global choice (option set). Each option carries the engine's plain code; the value Dataverse stores is
    /// the publisher's option value prefix × 10000 + code (74280 → 742800000 + code), so engine enums and
    /// choice values convert by one addition and never drift.
    /// </summary>
    public sealed class Choice
    {
        public Choice(string name, string constantsName, Label displayName, Label description, IReadOnlyList<ChoiceOption> options)
        {
            Name = name;
            ConstantsName = constantsName;
            DisplayName = displayName;
            Description = description;
            Options = options;
            var duplicate = options.GroupBy(o => o.Code).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new ArgumentException($"Choice {name} uses the code {duplicate.Key} twice.");
        }

        /// <summary>Schema and logical name of the global option set, e.g. cat_channel.</summary>
        public string Name { get; }

        /// <summary>Name of the constants class generated for it, e.g. Channel.</summary>
        public string ConstantsName { get; }

        public Label DisplayName { get; }

        public Label Description { get; }

        public IReadOnlyList<ChoiceOption> Options { get; }
    }

    public sealed class ChoiceOption
    {
        public ChoiceOption(int code, string name, Label label, Label? description = null)
        {
            Code = code;
            Name = name;
            Label = label;
            Description = description;
        }

        /// <summary>The engine's enum value (0, 1, 2 …).</summary>
        public int Code { get; }

        /// <summary>Identifier used for the generated constant, e.g. RouteToHuman.</summary>
        public string Name { get; }

        public Label Label { get; }

        public Label? Description { get; }

        public int Value(int optionValuePrefix) => optionValuePrefix * 10000 + Code;
    }
}
