using System;
using System.Globalization;
using System.Threading;

namespace CrmAttention.Cli
{
    /// <summary>
    /// The tool's language: English or German, chosen once per run (the --language option, else the UI culture).
    /// Every user-facing sentence is written in both, side by side, so the two cannot drift apart.
    /// </summary>
    public static class Text
    {
        // Per logical call flow, so tests that run commands in parallel in both languages do not disturb each other.
        private static readonly AsyncLocal<bool?> German = new AsyncLocal<bool?>();

        /// <summary>True when the current run speaks German.</summary>
        public static bool IsGerman
        {
            get => German.Value ?? string.Equals(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, "de", StringComparison.Ordinal);
            set => German.Value = value;
        }

        public static string T(string english, string german) => IsGerman ? german : english;

        /// <summary>Numbers in reports and messages: the run's culture for people, never for files.</summary>
        public static CultureInfo Culture => IsGerman ? CultureInfo.GetCultureInfo("de-DE") : CultureInfo.GetCultureInfo("en-GB");

        public static string N(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

        public static string N(long value) => value.ToString("N0", Culture);
    }

    /// <summary>
    /// A problem with the user's input (a file, a column, a value) that stops the command. Its message is already
    /// in the run's language; the command prints it and exits with <see cref="ExitCodes.InvalidInput"/>.
    /// </summary>
    public sealed class CliException : Exception
    {
        public CliException(string message)
            : base(message)
        {
        }

        public CliException(string english, string german)
            : base(Text.T(english, german))
        {
        }
    }

    /// <summary>Process exit codes.</summary>
    public static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>Bad input: a missing file or column, too many bad rows, an invalid policy.</summary>
        public const int InvalidInput = 2;
    }
}
