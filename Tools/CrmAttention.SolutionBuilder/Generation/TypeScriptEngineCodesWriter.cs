using System.Globalization;
using System.Text;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>
    /// Writes WebResources/src/generated/engineCodes.g.ts: the attention engine's codes (the C# enums in
    /// Plugins/.../Engine/Enums.cs) as frozen object literals with a literal-union type each, from the global
    /// choices of the model — the same source as the choice values, and EngineChoiceTests proves each choice has
    /// exactly its enum's members and codes. A stored choice value is Choices.OptionValueBase + code.
    /// </summary>
    public static class TypeScriptEngineCodesWriter
    {
        public static string Write(SolutionDefinition model)
        {
            var s = new StringBuilder();
            void Line(string text = "") => s.Append(text).Append('\n');
            foreach (var header in GeneratedFiles.Header) Line(header);
            foreach (var choice in model.Choices)
            {
                Line();
                Line($"/** {choice.DisplayName.En} ({choice.Name}): the engine's codes. */");
                Line($"export const {choice.ConstantsName} = {{");
                foreach (var option in choice.Options) Line($"  {option.Name}: {option.Code.ToString(CultureInfo.InvariantCulture)},");
                Line("} as const;");
                Line($"export type {choice.ConstantsName}Code = (typeof {choice.ConstantsName})[keyof typeof {choice.ConstantsName}];");
            }
            return s.ToString();
        }
    }
}
