using System;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>
    /// A user-facing text in the two languages the solution ships: English (1033) and German (1031). Every
    /// label-bearing element in the solution is written from one of these, so a missing translation is a
    /// compile error in the model rather than an empty label in the app.
    /// </summary>
    public sealed record Label
    {
        public const int English = 1033;
        public const int German = 1031;

        public Label(string en, string de)
        {
            if (string.IsNullOrWhiteSpace(en)) throw new ArgumentException("The English (1033) text of a label is empty.", nameof(en));
            if (string.IsNullOrWhiteSpace(de)) throw new ArgumentException($"The German (1031) text of the label '{en}' is empty.", nameof(de));
            En = en;
            De = de;
        }

        public string En { get; }

        public string De { get; }

        /// <summary>Both languages in the order exports write them: the base language (1033) first.</summary>
        public (int Language, string Text)[] All => new[] { (English, En), (German, De) };
    }
}
