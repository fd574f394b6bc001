using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrmAttention.Engine
{
    /// <summary>
    /// Weight w, base response rate p0 and cost per (channel, origin): the part of the model that `calibrate` fits
    /// from an organisation's history. Stored in cat_modelparameters in a versioned text format:
    /// <code>
    /// crmattention-model 1
    /// # channel origin weight p0 cost
    /// Email Human 0.8 0.08 5
    /// Email Automated 1 0.03 0.5
    /// </code>
    /// Numbers use the invariant culture; rows not listed keep their defaults; '#' starts a comment line.
    /// </summary>
    public sealed class ModelParameters
    {
        public const string FormatHeader = "crmattention-model";
        public const int FormatVersion = 1;
        private const string Field = "cat_modelparameters";
        internal const int ChannelCount = 7;
        internal const int OriginCount = 3;

        private readonly double[] _weights = new double[ChannelCount * OriginCount];
        private readonly double[] _baseResponseRates = new double[ChannelCount * OriginCount];
        private readonly double[] _costs = new double[ChannelCount * OriginCount];

        /// <summary>Creates the defaults from <see cref="PolicyDefaults"/>.</summary>
        public ModelParameters()
        {
            for (var c = 0; c < ChannelCount; c++)
            {
                for (var o = 0; o < OriginCount; o++)
                {
                    _weights[c * OriginCount + o] = PolicyDefaults.Weights[c, o];
                    _baseResponseRates[c * OriginCount + o] = PolicyDefaults.BaseResponseRates[c, o];
                    _costs[c * OriginCount + o] = PolicyDefaults.Costs[c, o];
                }
            }
        }

        public double Weight(Channel channel, Origin origin) => _weights[Index(channel, origin)];

        public double BaseResponseRate(Channel channel, Origin origin) => _baseResponseRates[Index(channel, origin)];

        public double Cost(Channel channel, Origin origin) => _costs[Index(channel, origin)];

        /// <summary>Sets one row; ranges are checked by <see cref="PolicyValidator"/>, not here, so a bad value can be reported by field.</summary>
        public void Set(Channel channel, Origin origin, double weight, double baseResponseRate, double cost)
        {
            var i = Index(channel, origin);
            _weights[i] = weight;
            _baseResponseRates[i] = baseResponseRate;
            _costs[i] = cost;
        }

        public ModelParameters Clone()
        {
            var copy = new ModelParameters();
            Array.Copy(_weights, copy._weights, _weights.Length);
            Array.Copy(_baseResponseRates, copy._baseResponseRates, _baseResponseRates.Length);
            Array.Copy(_costs, copy._costs, _costs.Length);
            return copy;
        }

        /// <summary>The text format, every row listed, numbers round-trippable ("R").</summary>
        public string Format()
        {
            var sb = new StringBuilder();
            sb.Append(FormatHeader).Append(' ').Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("# channel origin weight p0 cost\n");
            for (var c = 0; c < ChannelCount; c++)
            {
                for (var o = 0; o < OriginCount; o++)
                {
                    var i = c * OriginCount + o;
                    sb.Append(((Channel)c).ToString()).Append(' ').Append(((Origin)o).ToString()).Append(' ')
                        .Append(_weights[i].ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                        .Append(_baseResponseRates[i].ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                        .Append(_costs[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
            return sb.ToString();
        }

        /// <summary>Parses the text format; throws <see cref="AttentionEngineException"/> listing the first error.</summary>
        public static ModelParameters Parse(string text)
        {
            var result = TryParse(text, out var errors);
            if (result is null) throw new AttentionEngineException(errors[0].MessageEnglish, errors[0].MessageGerman);
            return result;
        }

        /// <summary>
        /// Parses the text format. Empty or whitespace-only text means "all defaults". Returns null and the errors (naming
        /// the line) when the text is not valid; ranges of the values are checked separately by <see cref="PolicyValidator"/>.
        /// </summary>
        public static ModelParameters? TryParse(string? text, out IReadOnlyList<PolicyError> errors)
        {
            var list = new List<PolicyError>();
            errors = list;
            var parameters = ParsePartial(text, list);
            return list.Count == 0 ? parameters : null;
        }

        /// <summary>
        /// Parses what can be parsed: the rows that are well-formed, even when others are not, so the validator can also
        /// range-check them; null only when the header or version is wrong.
        /// </summary>
        internal static ModelParameters? ParsePartial(string? text, List<PolicyError> list)
        {
            var parameters = new ModelParameters();
            if (text is null || text.Trim().Length == 0) return parameters;
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var headerSeen = false;
            var seen = new bool[ChannelCount * OriginCount];
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var lineNo = (n + 1).ToString(CultureInfo.InvariantCulture);
                var parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (!headerSeen)
                {
                    if (parts.Length != 2 || parts[0] != FormatHeader)
                    {
                        list.Add(Error("Line " + lineNo + " must be the header \"" + FormatHeader + " " + FormatVersion + "\".",
                            "Zeile " + lineNo + " muss die Kopfzeile \"" + FormatHeader + " " + FormatVersion + "\" sein."));
                        return null;
                    }
                    if (parts[1] != FormatVersion.ToString(CultureInfo.InvariantCulture))
                    {
                        list.Add(Error("Version " + parts[1] + " of the model parameters is not supported; this engine reads version " + FormatVersion + ".",
                            "Version " + parts[1] + " der Modellparameter wird nicht unterstützt; diese Engine liest Version " + FormatVersion + "."));
                        return null;
                    }
                    headerSeen = true;
                    continue;
                }
                if (parts.Length != 5)
                {
                    list.Add(Error("Line " + lineNo + " must have five parts: channel, origin, weight, p0, cost.",
                        "Zeile " + lineNo + " muss fünf Teile haben: Kanal, Herkunft, Gewicht, p0, Kosten."));
                    continue;
                }
                if (!TryParseEnum(parts[0], ChannelCount, out Channel channel))
                {
                    list.Add(Error("Line " + lineNo + ": unknown channel \"" + parts[0] + "\" (Email, Phone, Meeting, Letter, Social, Sms, Other).",
                        "Zeile " + lineNo + ": unbekannter Kanal \"" + parts[0] + "\" (Email, Phone, Meeting, Letter, Social, Sms, Other)."));
                    continue;
                }
                if (!TryParseEnum(parts[1], OriginCount, out Origin origin))
                {
                    list.Add(Error("Line " + lineNo + ": unknown origin \"" + parts[1] + "\" (Human, Automated, Transactional).",
                        "Zeile " + lineNo + ": unbekannte Herkunft \"" + parts[1] + "\" (Human, Automated, Transactional)."));
                    continue;
                }
                if (!TryParseNumber(parts[2], out var weight) || !TryParseNumber(parts[3], out var p0) || !TryParseNumber(parts[4], out var cost))
                {
                    list.Add(Error("Line " + lineNo + ": weight, p0 and cost must be numbers with a decimal point (e.g. 0.8).",
                        "Zeile " + lineNo + ": Gewicht, p0 und Kosten müssen Zahlen mit Dezimalpunkt sein (z. B. 0.8)."));
                    continue;
                }
                var index = Index(channel, origin);
                if (seen[index])
                {
                    list.Add(Error("Line " + lineNo + ": " + channel + " " + origin + " is listed twice.",
                        "Zeile " + lineNo + ": " + channel + " " + origin + " ist doppelt aufgeführt."));
                    continue;
                }
                seen[index] = true;
                parameters.Set(channel, origin, weight, p0, cost);
            }
            if (!headerSeen)
            {
                list.Add(Error("The header \"" + FormatHeader + " " + FormatVersion + "\" is missing.",
                    "Die Kopfzeile \"" + FormatHeader + " " + FormatVersion + "\" fehlt."));
                return null;
            }
            return parameters;
        }

        internal static int Index(Channel channel, Origin origin) => (int)channel * OriginCount + (int)origin;

        private static PolicyError Error(string english, string german) =>
            new PolicyError(Field, "Model parameters", "Modellparameter", "Model parameters: " + english, "Modellparameter: " + german);

        private static bool TryParseEnum<T>(string text, int count, out T value) where T : struct
        {
            for (var i = 0; i < count; i++)
            {
                var candidate = (T)Enum.ToObject(typeof(T), i);
                if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }
            value = default;
            return false;
        }

        private static bool TryParseNumber(string text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
