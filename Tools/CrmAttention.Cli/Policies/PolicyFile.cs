using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CrmAttention.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace CrmAttention.Cli.Policies
{
    /// <summary>
    /// A policy as a JSON file: the columns of cat_attentionpolicy under camel-case names (windowDays for
    /// cat_windowdays, …), enums by name, and modelParameters in the engine's text format (one string, or an array
    /// of its lines). Fields left out keep their defaults (PolicyDefaults). The same checks as the policy's
    /// PreValidation step apply: every problem is reported by <see cref="PolicyValidator"/>, in the run's language.
    /// </summary>
    public sealed class PolicyDocument
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        [JsonConverter(typeof(StringEnumConverter))]
        public PolicyMode? Mode { get; set; }

        public int? WindowDays { get; set; }

        public int? MaxTouches { get; set; }

        public int? MaxAutomatedTouches { get; set; }

        public int? MaxEmailTouches { get; set; }

        public int? MaxPhoneTouches { get; set; }

        public int? MaxMeetingTouches { get; set; }

        public int? MaxLetterTouches { get; set; }

        public int? MaxSocialTouches { get; set; }

        public int? MaxSmsTouches { get; set; }

        public double? MinGapHours { get; set; }

        public int? CoolDownDays { get; set; }

        public int? CoolDownAfterUnanswered { get; set; }

        public int? AccountMaxTouches { get; set; }

        public int? AccountWindowDays { get; set; }

        public double? HalfLifeDays { get; set; }

        public double? Alpha { get; set; }

        public double? Beta { get; set; }

        public double? PressureTolerance { get; set; }

        public double? ResponseDamping { get; set; }

        public double? LoadedBelow { get; set; }

        public double? SaturatedBelow { get; set; }

        public double? OversaturatedBelow { get; set; }

        /// <summary>cat_modelparameters: a string or an array of lines.</summary>
        public JToken? ModelParameters { get; set; }

        [JsonConverter(typeof(StringEnumConverter))]
        public ValueSource? ValueSource { get; set; }

        public decimal? ValueThreshold { get; set; }

        public bool? HumanFirst { get; set; }

        public int? CallSlaHours { get; set; }

        public int? ReplyExemptionDays { get; set; }

        public int? ConversationDays { get; set; }

        public List<string>? AutomationTeams { get; set; }

        public List<string>? AutomationMarkers { get; set; }

        [JsonConverter(typeof(StringEnumConverter))]
        public LoggingLevel? LoggingLevel { get; set; }
    }

    public static class PolicyFile
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            ContractResolver = new Newtonsoft.Json.Serialization.DefaultContractResolver { NamingStrategy = new Newtonsoft.Json.Serialization.CamelCaseNamingStrategy() },
            MissingMemberHandling = MissingMemberHandling.Error,
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.Indented,
        };

        /// <summary>Reads and validates a policy file; throws <see cref="CliException"/> listing every problem.</summary>
        public static AttentionPolicy Load(string path)
        {
            if (!File.Exists(path)) throw new CliException("Policy file not found: " + path, "Richtliniendatei nicht gefunden: " + path);
            var text = File.ReadAllText(path);
            if (text.Trim().Length == 0) throw new CliException(path + ": the policy file is empty.", path + ": Die Richtliniendatei ist leer.");
            PolicyDocument? doc;
            try
            {
                doc = JsonConvert.DeserializeObject<PolicyDocument>(text, Settings);
            }
            catch (JsonException ex)
            {
                throw new CliException(path + ": not a valid policy file: " + ex.Message, path + ": keine gültige Richtliniendatei: " + ex.Message);
            }
            if (doc is null) throw new CliException(path + ": the policy file is empty.", path + ": Die Richtliniendatei ist leer.");
            return ToPolicy(doc, path);
        }

        public static AttentionPolicy ToPolicy(PolicyDocument doc, string source)
        {
            var p = AttentionPolicy.CreateDefault();
            p.Name = doc.Name ?? p.Name;
            p.Description = doc.Description;
            p.Mode = doc.Mode ?? p.Mode;
            p.WindowDays = doc.WindowDays ?? p.WindowDays;
            if (doc.MaxTouches.HasValue) p.MaxTouches = doc.MaxTouches;
            if (doc.MaxAutomatedTouches.HasValue) p.MaxAutomatedTouches = doc.MaxAutomatedTouches;
            p.MaxEmailTouches = doc.MaxEmailTouches;
            p.MaxPhoneTouches = doc.MaxPhoneTouches;
            p.MaxMeetingTouches = doc.MaxMeetingTouches;
            p.MaxLetterTouches = doc.MaxLetterTouches;
            p.MaxSocialTouches = doc.MaxSocialTouches;
            p.MaxSmsTouches = doc.MaxSmsTouches;
            p.MinGapHours = doc.MinGapHours ?? p.MinGapHours;
            p.CoolDownDays = doc.CoolDownDays ?? p.CoolDownDays;
            p.CoolDownAfterUnanswered = doc.CoolDownAfterUnanswered ?? p.CoolDownAfterUnanswered;
            if (doc.AccountMaxTouches.HasValue) p.AccountMaxTouches = doc.AccountMaxTouches;
            p.AccountWindowDays = doc.AccountWindowDays ?? p.AccountWindowDays;
            p.HalfLifeDays = doc.HalfLifeDays ?? p.HalfLifeDays;
            p.Alpha = doc.Alpha ?? p.Alpha;
            p.Beta = doc.Beta ?? p.Beta;
            p.PressureTolerance = doc.PressureTolerance ?? p.PressureTolerance;
            p.ResponseDamping = doc.ResponseDamping ?? p.ResponseDamping;
            p.LoadedBelow = doc.LoadedBelow ?? p.LoadedBelow;
            p.SaturatedBelow = doc.SaturatedBelow ?? p.SaturatedBelow;
            p.OversaturatedBelow = doc.OversaturatedBelow ?? p.OversaturatedBelow;
            p.ValueSource = doc.ValueSource ?? p.ValueSource;
            p.ValueThreshold = doc.ValueThreshold ?? p.ValueThreshold;
            p.HumanFirst = doc.HumanFirst ?? p.HumanFirst;
            p.CallSlaHours = doc.CallSlaHours ?? p.CallSlaHours;
            p.ReplyExemptionDays = doc.ReplyExemptionDays ?? p.ReplyExemptionDays;
            p.ConversationDays = doc.ConversationDays ?? p.ConversationDays;
            if (doc.AutomationTeams is not null) p.AutomationTeams = doc.AutomationTeams;
            if (doc.AutomationMarkers is not null) p.AutomationMarkers = doc.AutomationMarkers;
            p.LoggingLevel = doc.LoggingLevel ?? p.LoggingLevel;

            var modelText = ModelText(doc.ModelParameters, source);
            var errors = PolicyValidator.Validate(p, modelText);
            if (errors.Count > 0)
            {
                var format = Text.IsGerman ? MessageFormat.German : MessageFormat.English;
                throw new CliException(Text.T(source + ": the policy has invalid values:", source + ": Die Richtlinie enthält ungültige Werte:")
                    + string.Concat(errors.Select(e => "\n  - " + e.GetMessage(format))));
            }
            if (modelText is not null) p.Model = CrmAttention.Engine.ModelParameters.Parse(modelText);
            return p;
        }

        private static string? ModelText(JToken? token, string source)
        {
            if (token is null || token.Type == JTokenType.Null) return null;
            if (token.Type == JTokenType.String) return token.Value<string>();
            if (token is JArray array && array.All(t => t.Type == JTokenType.String)) return string.Join("\n", array.Select(t => t.Value<string>()));
            throw new CliException(source + ": modelParameters must be a string or an array of strings (the engine's text format).",
                source + ": modelParameters muss eine Zeichenkette oder ein Array von Zeichenketten sein (Textformat der Engine).");
        }

        /// <summary>The document for a policy: every field written, the model parameters as an array of lines.</summary>
        public static PolicyDocument FromPolicy(AttentionPolicy p) => new PolicyDocument
        {
            Name = p.Name,
            Description = p.Description,
            Mode = p.Mode,
            WindowDays = p.WindowDays,
            MaxTouches = p.MaxTouches,
            MaxAutomatedTouches = p.MaxAutomatedTouches,
            MaxEmailTouches = p.MaxEmailTouches,
            MaxPhoneTouches = p.MaxPhoneTouches,
            MaxMeetingTouches = p.MaxMeetingTouches,
            MaxLetterTouches = p.MaxLetterTouches,
            MaxSocialTouches = p.MaxSocialTouches,
            MaxSmsTouches = p.MaxSmsTouches,
            MinGapHours = p.MinGapHours,
            CoolDownDays = p.CoolDownDays,
            CoolDownAfterUnanswered = p.CoolDownAfterUnanswered,
            AccountMaxTouches = p.AccountMaxTouches,
            AccountWindowDays = p.AccountWindowDays,
            HalfLifeDays = p.HalfLifeDays,
            Alpha = p.Alpha,
            Beta = p.Beta,
            PressureTolerance = p.PressureTolerance,
            ResponseDamping = p.ResponseDamping,
            LoadedBelow = p.LoadedBelow,
            SaturatedBelow = p.SaturatedBelow,
            OversaturatedBelow = p.OversaturatedBelow,
            ModelParameters = new JArray(p.Model.Format().TrimEnd('\n').Split('\n')),
            ValueSource = p.ValueSource,
            ValueThreshold = p.ValueThreshold,
            HumanFirst = p.HumanFirst,
            CallSlaHours = p.CallSlaHours,
            ReplyExemptionDays = p.ReplyExemptionDays,
            ConversationDays = p.ConversationDays,
            AutomationTeams = p.AutomationTeams.ToList(),
            AutomationMarkers = p.AutomationMarkers.ToList(),
            LoggingLevel = p.LoggingLevel,
        };

        public static string Serialize(AttentionPolicy policy) => JsonConvert.SerializeObject(FromPolicy(policy), Settings).Replace("\r\n", "\n") + "\n";

        public static void Save(AttentionPolicy policy, string path) => File.WriteAllText(path, Serialize(policy), new UTF8Encoding(false));
    }
}
