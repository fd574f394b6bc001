using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.Engine;
using CrmAttention.Plugins.Services;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace CrmAttention.Cli.Policies
{
    /// <summary>
    /// A policy as a JSON file: the fields of <see cref="PolicyMapper.Fields"/> that have a file name (the
    /// column's camel-case name: windowDays for cat_windowdays, …), in that order, enums by name, and
    /// modelParameters in the engine's text format (one string, or an array of its lines). Names match without
    /// regard to case; a field left out or null keeps its default (PolicyDefaults); an unknown field is refused.
    /// The same checks as the policy's PreValidation step apply: every problem is reported by
    /// <see cref="PolicyValidator"/>, in the run's language.
    /// </summary>
    public static class PolicyFile
    {
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { Converters = { new StringEnumConverter() } });

        private static readonly IReadOnlyList<PolicyField> FileFields = PolicyMapper.Fields.Where(f => f.FileName != null).ToList();

        /// <summary>Reads and validates a policy file; throws <see cref="CliException"/> listing every problem.</summary>
        public static AttentionPolicy Load(string path)
        {
            if (!File.Exists(path)) throw new CliException("Policy file not found: " + path, "Richtliniendatei nicht gefunden: " + path);
            var text = File.ReadAllText(path);
            if (text.Trim().Length == 0) throw Empty(path);
            JToken root;
            try
            {
                root = JToken.Parse(text);
            }
            catch (JsonException ex)
            {
                throw Invalid(path, ex.Message);
            }
            if (root.Type == JTokenType.Null) throw Empty(path);
            if (root is not JObject document) throw Invalid(path, "the file holds " + root.Type + ", not an object.");
            return ToPolicy(document, path);
        }

        /// <summary>The policy a document describes: the defaults, overwritten by every field the document gives, then validated.</summary>
        public static AttentionPolicy ToPolicy(JObject document, string source)
        {
            var p = AttentionPolicy.CreateDefault();
            string? modelText = null;
            foreach (var property in document.Properties())
            {
                var field = FileFields.FirstOrDefault(f => string.Equals(f.FileName, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw Invalid(source, "unknown field '" + property.Name + "'.");
                if (property.Value.Type == JTokenType.Null) continue;
                if (field.ValueType == typeof(ModelParameters))
                {
                    modelText = ModelText(property.Value, source);
                    continue;
                }
                object? value;
                try
                {
                    value = property.Value.ToObject(field.ValueType, Serializer);
                }
                catch (Exception ex) when (ex is JsonException || ex is ArgumentException || ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                {
                    throw Invalid(source, "field '" + property.Name + "': " + ex.Message);
                }
                if (value is not null) field.SetValue(p, value);
            }

            var errors = PolicyValidator.Validate(p, modelText);
            if (errors.Count > 0)
            {
                var format = Text.IsGerman ? MessageFormat.German : MessageFormat.English;
                throw new CliException(Text.T(source + ": the policy has invalid values:", source + ": Die Richtlinie enthält ungültige Werte:")
                    + string.Concat(errors.Select(e => "\n  - " + e.GetMessage(format))));
            }
            if (modelText is not null) p.Model = ModelParameters.Parse(modelText);
            return p;
        }

        private static string ModelText(JToken token, string source)
        {
            if (token.Type == JTokenType.String) return token.Value<string>()!;
            if (token is JArray array && array.All(t => t.Type == JTokenType.String)) return string.Join("\n", array.Select(t => t.Value<string>()));
            throw new CliException(source + ": modelParameters must be a string or an array of strings (the engine's text format).",
                source + ": modelParameters muss eine Zeichenkette oder ein Array von Zeichenketten sein (Textformat der Engine).");
        }

        /// <summary>The document for a policy: every field with a value, in table order, the model parameters as an array of lines.</summary>
        public static JObject ToDocument(AttentionPolicy policy)
        {
            var document = new JObject();
            foreach (var field in FileFields)
            {
                var value = field.GetValue(policy);
                if (value is null) continue;
                document.Add(field.FileName!, value is ModelParameters model
                    ? new JArray(model.Format().TrimEnd('\n').Split('\n'))
                    : JToken.FromObject(value, Serializer));
            }
            return document;
        }

        public static string Serialize(AttentionPolicy policy) => ToDocument(policy).ToString(Formatting.Indented).Replace("\r\n", "\n") + "\n";

        public static void Save(AttentionPolicy policy, string path) => File.WriteAllText(path, Serialize(policy), new UTF8Encoding(false));

        private static CliException Empty(string path) => new CliException(path + ": the policy file is empty.", path + ": Die Richtliniendatei ist leer.");

        private static CliException Invalid(string path, string problem) =>
            new CliException(path + ": not a valid policy file: " + problem, path + ": keine gültige Richtliniendatei: " + problem);
    }
}
