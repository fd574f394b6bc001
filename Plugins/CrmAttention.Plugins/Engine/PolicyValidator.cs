using System;
using System.Collections.Generic;
using System.Globalization;

namespace CrmAttention.Engine
{
    /// <summary>
    /// Checks every policy parameter's range and the combinations that make sense, returning one error per problem,
    /// in English and German, naming the field (logical name for the form, display name in the text). Runs in the
    /// policy's PreValidation step so a bad value never reaches the database.
    /// </summary>
    public static class PolicyValidator
    {
        public const int MaxNameLength = 100;
        public const int MaxListEntryLength = 200;

        /// <summary>Validates <paramref name="policy"/>; when <paramref name="modelParametersText"/> is given (the cat_modelparameters
        /// column as typed), it is parsed and validated instead of <see cref="AttentionPolicy.Model"/>.</summary>
        public static IReadOnlyList<PolicyError> Validate(AttentionPolicy policy, string? modelParametersText = null)
        {
            if (policy is null) throw new ArgumentNullException(nameof(policy));
            var errors = new List<PolicyError>();
            var v = new Checker(errors);

            if (policy.Name is null || policy.Name.Trim().Length == 0) v.Add(F.Name, "is required.", "ist erforderlich.");
            else if (policy.Name.Length > MaxNameLength) v.Add(F.Name, "can have at most " + MaxNameLength + " characters.", "darf höchstens " + MaxNameLength + " Zeichen haben.");
            v.Range(F.Priority, policy.Priority, 0, 1000000);
            v.Defined(F.Mode, policy.Mode);
            v.Range(F.WindowDays, policy.WindowDays, 1, 365);
            v.Range(F.MaxTouches, policy.MaxTouches, 1, 1000);
            v.Range(F.MaxAutomatedTouches, policy.MaxAutomatedTouches, 0, 1000);
            foreach (var channel in CappedChannels) v.Range(ChannelField(channel), policy.ChannelCap(channel), 0, 1000);
            v.Range(F.MinGapHours, policy.MinGapHours, 0, 720);
            v.Range(F.CoolDownDays, policy.CoolDownDays, 0, 365);
            v.Range(F.CoolDownAfterUnanswered, policy.CoolDownAfterUnanswered, 0, 100);
            v.Range(F.AccountMaxTouches, policy.AccountMaxTouches, 1, 100000);
            v.Range(F.AccountWindowDays, policy.AccountWindowDays, 1, 365);
            v.Range(F.HalfLifeDays, policy.HalfLifeDays, 0.1, 365, exclusiveMin: false);
            v.Range(F.Alpha, policy.Alpha, 0.001, 10);
            v.Range(F.Beta, policy.Beta, 0.001, 10);
            v.Range(F.PressureTolerance, policy.PressureTolerance, 0, 100);
            // ρ = 1 would make a response change nothing; a response must always lower pressure.
            v.Range(F.ResponseDamping, policy.ResponseDamping, 0, 0.99);
            v.Range(F.LoadedBelow, policy.LoadedBelow, 1, 100);
            v.Range(F.SaturatedBelow, policy.SaturatedBelow, 1, 100);
            v.Range(F.OversaturatedBelow, policy.OversaturatedBelow, 1, 100);
            v.Defined(F.ValueSource, policy.ValueSource);
            if (policy.ValueThreshold < 0) v.Add(F.ValueThreshold, "cannot be negative.", "darf nicht negativ sein.");
            v.Range(F.CallSlaHours, policy.CallSlaHours, 1, 720);
            v.Range(F.ReplyExemptionDays, policy.ReplyExemptionDays, 0, 90);
            v.Range(F.ConversationDays, policy.ConversationDays, 0, 90);
            v.Lines(F.AutomationTeams, policy.AutomationTeams);
            v.Lines(F.AutomationMarkers, policy.AutomationMarkers);
            v.Defined(F.LoggingLevel, policy.LoggingLevel);
            v.Range(F.PendingExpiryHours, policy.PendingExpiryHours, 0.25, 168);

            // Combinations.
            if (policy.MaxTouches is int max)
            {
                if (policy.MaxAutomatedTouches is int auto && auto > max)
                    v.Add(F.MaxAutomatedTouches, "cannot be more than " + F.MaxTouches.English + " (" + max + ").", "darf nicht größer als " + F.MaxTouches.German + " (" + max + ") sein.");
                foreach (var channel in CappedChannels)
                {
                    if (policy.ChannelCap(channel) is int cap && cap > max)
                        v.Add(ChannelField(channel), "cannot be more than " + F.MaxTouches.English + " (" + max + ").", "darf nicht größer als " + F.MaxTouches.German + " (" + max + ") sein.");
                }
                if (policy.AccountMaxTouches is int account && account < max && policy.AccountWindowDays >= policy.WindowDays)
                    v.Add(F.AccountMaxTouches, "cannot be less than " + F.MaxTouches.English + " (" + max + ") when the account window is at least as long as the contact window: a single contact could never use its budget.",
                        "darf nicht kleiner als " + F.MaxTouches.German + " (" + max + ") sein, wenn das Firmen-Zeitfenster mindestens so lang wie das Kontakt-Zeitfenster ist: ein einzelner Kontakt könnte sein Budget nie ausschöpfen.");
            }
            if (IsFinite(policy.MinGapHours) && policy.MinGapHours >= policy.WindowDays * 24.0 && policy.WindowDays >= 1)
                v.Add(F.MinGapHours, "must be shorter than the window (" + policy.WindowDays * 24 + " hours).", "muss kürzer als das Zeitfenster (" + policy.WindowDays * 24 + " Stunden) sein.");
            if (policy.CoolDownAfterUnanswered > 0 && policy.CoolDownDays == 0)
                v.Add(F.CoolDownDays, "must be at least 1 when " + F.CoolDownAfterUnanswered.English + " is set.", "muss mindestens 1 sein, wenn " + F.CoolDownAfterUnanswered.German + " gesetzt ist.");
            if (policy.OversaturatedBelow >= policy.SaturatedBelow)
                v.Add(F.OversaturatedBelow, "must be lower than " + F.SaturatedBelow.English + ".", "muss kleiner als " + F.SaturatedBelow.German + " sein.");
            if (policy.SaturatedBelow >= policy.LoadedBelow)
                v.Add(F.SaturatedBelow, "must be lower than " + F.LoadedBelow.English + ".", "muss kleiner als " + F.LoadedBelow.German + " sein.");
            if (policy.HumanFirst && policy.ValueThreshold <= 0)
                v.Add(F.ValueThreshold, "must be above 0 when " + F.HumanFirst.English + " is on; otherwise every automated touch would become a call.",
                    "muss größer als 0 sein, wenn " + F.HumanFirst.German + " aktiv ist; sonst würde jeder automatisierte Kontakt zum Anruf.");

            var model = policy.Model;
            if (modelParametersText is not null)
            {
                model = ModelParameters.ParsePartial(modelParametersText, errors)!;
            }
            if (model is not null) ValidateModel(model, v);
            return errors;
        }

        private static void ValidateModel(ModelParameters model, Checker v)
        {
            for (var c = 0; c < ModelParameters.ChannelCount; c++)
            {
                for (var o = 0; o < ModelParameters.OriginCount; o++)
                {
                    var channel = (Channel)c;
                    var origin = (Origin)o;
                    var row = channel + " " + origin;
                    var w = model.Weight(channel, origin);
                    var p0 = model.BaseResponseRate(channel, origin);
                    var cost = model.Cost(channel, origin);
                    // Every budgeted touch must add pressure, or the model could not tell a busy contact from a quiet one.
                    var minWeight = origin == Origin.Transactional ? 0.0 : 0.01;
                    if (!IsFinite(w) || w < minWeight || w > 10)
                        v.Add(F.ModelParameters, row + ": the weight must be between " + Num(minWeight, false) + " and 10.", row + ": das Gewicht muss zwischen " + Num(minWeight, true) + " und 10 liegen.");
                    if (!IsFinite(p0) || p0 < 0 || p0 > 1)
                        v.Add(F.ModelParameters, row + ": p0 must be between 0 and 1.", row + ": p0 muss zwischen 0 und 1 liegen.");
                    if (!IsFinite(cost) || cost < 0 || cost > 1e9)
                        v.Add(F.ModelParameters, row + ": the cost must be between 0 and 1,000,000,000.", row + ": die Kosten müssen zwischen 0 und 1.000.000.000 liegen.");
                }
            }
        }

        private static readonly Channel[] CappedChannels = { Channel.Email, Channel.Phone, Channel.Meeting, Channel.Letter, Channel.Social, Channel.Sms };

        private static FieldName ChannelField(Channel channel)
        {
            switch (channel)
            {
                case Channel.Email: return F.MaxEmailTouches;
                case Channel.Phone: return F.MaxPhoneTouches;
                case Channel.Meeting: return F.MaxMeetingTouches;
                case Channel.Letter: return F.MaxLetterTouches;
                case Channel.Social: return F.MaxSocialTouches;
                default: return F.MaxSmsTouches;
            }
        }

        private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);

        private static string Num(double d, bool german) => d.ToString("0.###", german ? CultureInfo.GetCultureInfo("de-DE") : CultureInfo.GetCultureInfo("en-GB"));

        /// <summary>A policy column: logical name and display names.</summary>
        public sealed class FieldName
        {
            public FieldName(string logicalName, string english, string german)
            {
                LogicalName = logicalName;
                English = english;
                German = german;
            }

            public string LogicalName { get; }

            public string English { get; }

            public string German { get; }
        }

        /// <summary>The policy columns the validator reports on.</summary>
        public static class F
        {
            public static readonly FieldName Name = new FieldName("cat_name", "Name", "Name");
            public static readonly FieldName Priority = new FieldName("cat_priority", "Priority", "Priorität");
            public static readonly FieldName Mode = new FieldName("cat_mode", "Mode", "Modus");
            public static readonly FieldName WindowDays = new FieldName("cat_windowdays", "Window (days)", "Zeitfenster (Tage)");
            public static readonly FieldName MaxTouches = new FieldName("cat_maxtouches", "Maximum touches", "Maximale Kontakte");
            public static readonly FieldName MaxAutomatedTouches = new FieldName("cat_maxautomatedtouches", "Maximum automated touches", "Maximale automatisierte Kontakte");
            public static readonly FieldName MaxEmailTouches = new FieldName("cat_maxemailtouches", "Maximum email touches", "Maximale E-Mail-Kontakte");
            public static readonly FieldName MaxPhoneTouches = new FieldName("cat_maxphonetouches", "Maximum phone touches", "Maximale Telefonkontakte");
            public static readonly FieldName MaxMeetingTouches = new FieldName("cat_maxmeetingtouches", "Maximum meetings", "Maximale Termine");
            public static readonly FieldName MaxLetterTouches = new FieldName("cat_maxlettertouches", "Maximum letters", "Maximale Briefe");
            public static readonly FieldName MaxSocialTouches = new FieldName("cat_maxsocialtouches", "Maximum social media touches", "Maximale Kontakte über soziale Medien");
            public static readonly FieldName MaxSmsTouches = new FieldName("cat_maxsmstouches", "Maximum SMS touches", "Maximale SMS-Kontakte");
            public static readonly FieldName MinGapHours = new FieldName("cat_mingaphours", "Minimum gap (hours)", "Mindestabstand (Stunden)");
            public static readonly FieldName CoolDownDays = new FieldName("cat_cooldowndays", "Cool-down (days)", "Pause (Tage)");
            public static readonly FieldName CoolDownAfterUnanswered = new FieldName("cat_cooldownafterunanswered", "Cool-down after unanswered touches", "Pause nach unbeantworteten Kontakten");
            public static readonly FieldName AccountMaxTouches = new FieldName("cat_accountmaxtouches", "Maximum account touches", "Maximale Kontakte pro Firma");
            public static readonly FieldName AccountWindowDays = new FieldName("cat_accountwindowdays", "Account window (days)", "Firmen-Zeitfenster (Tage)");
            public static readonly FieldName HalfLifeDays = new FieldName("cat_halflifedays", "Half-life (days)", "Halbwertszeit (Tage)");
            public static readonly FieldName Alpha = new FieldName("cat_alpha", "Receptivity decay (alpha)", "Abnahme der Aufnahmebereitschaft (Alpha)");
            public static readonly FieldName Beta = new FieldName("cat_beta", "Fatigue rate (beta)", "Ermüdungsrate (Beta)");
            public static readonly FieldName PressureTolerance = new FieldName("cat_pressuretolerance", "Pressure tolerance", "Drucktoleranz");
            public static readonly FieldName ResponseDamping = new FieldName("cat_responsedamping", "Response damping", "Dämpfung durch Reaktion");
            public static readonly FieldName LoadedBelow = new FieldName("cat_loadedbelow", "Loaded below score", "Ausgelastet unter Wert");
            public static readonly FieldName SaturatedBelow = new FieldName("cat_saturatedbelow", "Saturated below score", "Gesättigt unter Wert");
            public static readonly FieldName OversaturatedBelow = new FieldName("cat_oversaturatedbelow", "Oversaturated below score", "Übersättigt unter Wert");
            public static readonly FieldName ModelParameters = new FieldName("cat_modelparameters", "Model parameters", "Modellparameter");
            public static readonly FieldName ValueSource = new FieldName("cat_valuesource", "Value source", "Wertquelle");
            public static readonly FieldName ValueThreshold = new FieldName("cat_valuethreshold", "Value threshold", "Wertschwelle");
            public static readonly FieldName HumanFirst = new FieldName("cat_humanfirst", "Human first", "Mensch zuerst");
            public static readonly FieldName CallSlaHours = new FieldName("cat_callslahours", "Call SLA (hours)", "Anruf-SLA (Stunden)");
            public static readonly FieldName ReplyExemptionDays = new FieldName("cat_replyexemptiondays", "Reply exemption (days)", "Antwortausnahme (Tage)");
            public static readonly FieldName ConversationDays = new FieldName("cat_conversationdays", "Conversation (days)", "Gespräch (Tage)");
            public static readonly FieldName AutomationTeams = new FieldName("cat_automationteams", "Automation teams", "Automatisierungsteams");
            public static readonly FieldName AutomationMarkers = new FieldName("cat_automationmarkers", "Automation markers", "Automatisierungsmerkmale");
            public static readonly FieldName LoggingLevel = new FieldName("cat_logginglevel", "Logging level", "Protokollierungsstufe");

            /// <summary>An engine setting without a column (pending touches' lifetime); reported under this name.</summary>
            public static readonly FieldName PendingExpiryHours = new FieldName("PendingExpiryHours", "Pending touch lifetime (hours)", "Gültigkeit vorgemerkter Kontakte (Stunden)");
        }

        private sealed class Checker
        {
            private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");
            private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");
            private readonly List<PolicyError> _errors;

            public Checker(List<PolicyError> errors) => _errors = errors;

            public void Add(FieldName field, string english, string german) =>
                _errors.Add(new PolicyError(field.LogicalName, field.English, field.German, field.English + " " + english, field.German + " " + german));

            public void Range(FieldName field, int? value, int min, int max)
            {
                if (value is int v && (v < min || v > max))
                    Add(field, "must be between " + min.ToString("N0", EnglishCulture) + " and " + max.ToString("N0", EnglishCulture) + " (is " + v.ToString("N0", EnglishCulture) + ").",
                        "muss zwischen " + min.ToString("N0", GermanCulture) + " und " + max.ToString("N0", GermanCulture) + " liegen (ist " + v.ToString("N0", GermanCulture) + ").");
            }

            public void Range(FieldName field, double value, double min, double max, bool exclusiveMin = false)
            {
                if (double.IsNaN(value) || double.IsInfinity(value) || value < min || value > max || (exclusiveMin && value == min))
                    Add(field, "must be between " + min.ToString("0.###", EnglishCulture) + " and " + max.ToString("0.###", EnglishCulture) + " (is " + value.ToString("0.###", EnglishCulture) + ").",
                        "muss zwischen " + min.ToString("0.###", GermanCulture) + " und " + max.ToString("0.###", GermanCulture) + " liegen (ist " + value.ToString("0.###", GermanCulture) + ").");
            }

            public void Defined<T>(FieldName field, T value) where T : struct
            {
                if (!Enum.IsDefined(typeof(T), value))
                    Add(field, "has an unknown value (" + Convert.ToInt32(value, CultureInfo.InvariantCulture) + ").", "hat einen unbekannten Wert (" + Convert.ToInt32(value, CultureInfo.InvariantCulture) + ").");
            }

            public void Lines(FieldName field, IList<string>? lines)
            {
                if (lines is null) return;
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var raw in lines)
                {
                    var line = (raw ?? "").Trim();
                    if (line.Length == 0) continue;
                    if (line.Length > MaxListEntryLength)
                        Add(field, "has a line longer than " + MaxListEntryLength + " characters.", "enthält eine Zeile mit mehr als " + MaxListEntryLength + " Zeichen.");
                    else if (!seen.Add(line))
                        Add(field, "lists \"" + line + "\" twice.", "enthält \"" + line + "\" doppelt.");
                }
            }
        }
    }
}
