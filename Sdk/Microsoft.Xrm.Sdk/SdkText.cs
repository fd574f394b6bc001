using System.Globalization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Messages of the exceptions this stand-in throws, in English and German (chosen by the current UI
    /// culture). The real SDK's messages are English only; ours keep its meaning.
    /// </summary>
    internal static class SdkText
    {
        private static bool German => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";

        internal static string LogicalNameRequired(string method) => German
            ? $"LogicalName muss gesetzt sein, bevor {method}() aufgerufen wird."
            : $"LogicalName must be set before calling {method}().";

        internal static string EarlyBoundNotSupported(string typeName) => German
            ? $"Die Umwandlung in {typeName} wird nicht unterstützt: ein früh gebundener Typ braucht das EntityLogicalNameAttribute des SDK, das der Microsoft.Xrm.Sdk-Ersatz nicht enthält. Verwenden Sie Entity."
            : $"Converting to {typeName} is not supported: an early-bound type needs the SDK's EntityLogicalNameAttribute, which the Microsoft.Xrm.Sdk stand-in does not declare. Use Entity.";
    }
}
