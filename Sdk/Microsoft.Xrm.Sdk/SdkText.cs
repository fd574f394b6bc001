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

        internal static string NoEntityLogicalName(string typeName) => German
            ? $"{typeName} kann nicht das Ziel der Umwandlung sein: der Typ trägt kein EntityLogicalNameAttribute."
            : $"Cannot convert to {typeName}: the type does not have an EntityLogicalNameAttribute.";

        internal static string CannotConvert(string from, string to) => German
            ? $"Die Entität {from} kann nicht in {to} umgewandelt werden."
            : $"Cannot convert entity {from} to {to}.";
    }
}
