using System;
using System.Globalization;
using System.Text;

namespace CrmAttention.Engine
{
    /// <summary>
    /// The English and German texts of decisions: one sentence for the rule (with its counters and the next allowed
    /// instant), one for what happens to the touch. Composed on request only.
    /// </summary>
    public static class DecisionMessages
    {
        public static string Compose(Decision d, MessageFormat f)
        {
            if (d is null) throw new ArgumentNullException(nameof(d));
            if (f is null) throw new ArgumentNullException(nameof(f));
            var sb = new StringBuilder(160);
            switch (d.Reason)
            {
                case ReasonCode.WithinBudget:
                    AppendWithinBudget(sb, d, f);
                    break;
                case ReasonCode.Transactional:
                    sb.Append(f.Pick("Service message to " + Name(d, f) + ": not counted against the contact's budget.",
                        "Servicenachricht an " + Name(d, f) + ": zählt nicht zum Kontaktbudget."));
                    break;
                case ReasonCode.ReplyToInbound:
                    sb.Append(f.Pick("Reply to a message from " + Name(d, f) + ": exempt from the contact's budget.",
                        "Antwort auf eine Nachricht von " + Name(d, f) + ": vom Kontaktbudget ausgenommen."));
                    break;
                case ReasonCode.InConversation:
                    if (d.Origin == Origin.Automated && d.HasViolation)
                    {
                        sb.Append(f.Pick(Name(d, f) + " is in conversation (responded recently): automated touches stop while people talk",
                            Name(d, f) + " ist im Gespräch (hat kürzlich geantwortet): automatisierte Kontakte pausieren, solange Menschen sprechen"));
                        AppendNext(sb, d.NextAllowedOn, f, "the next automated touch is possible on ", "der nächste automatisierte Kontakt ist am ", " möglich");
                    }
                    else
                    {
                        sb.Append(f.Pick(Name(d, f) + " is in conversation (responded recently): a person may always follow up; the budget does not apply.",
                            Name(d, f) + " ist im Gespräch (hat kürzlich geantwortet): eine Person darf immer nachfassen; das Budget gilt nicht."));
                    }
                    break;
                case ReasonCode.Override:
                    sb.Append(f.Pick("Budget overridden (\"" + d.OverrideReason + "\"). ", "Budget übersteuert (\"" + d.OverrideReason + "\"). "));
                    if (d.OverriddenReason is ReasonCode overridden) AppendRule(sb, d, overridden, f);
                    break;
                case ReasonCode.EngineError:
                    sb.Append(f.Pick("The attention check could not be completed; the touch goes ahead and the failure is logged.",
                        "Die Aufmerksamkeitsprüfung konnte nicht abgeschlossen werden; der Kontakt findet statt, der Fehler wird protokolliert."));
                    break;
                default:
                    AppendRule(sb, d, d.Reason, f);
                    break;
            }
            AppendOutcome(sb, d, f);
            return sb.ToString();
        }

        /// <summary>The sentence for one rule, with its counters: "Anna Berg has had 6 of 6 touches in the last 14 days; …".</summary>
        public static string RuleSentence(Decision d, ReasonCode rule, MessageFormat f)
        {
            var sb = new StringBuilder(120);
            AppendRule(sb, d, rule, f);
            return sb.ToString();
        }

        public static string ChannelName(Channel channel, MessageFormat f)
        {
            switch (channel)
            {
                case Channel.Email: return f.Pick("email", "E-Mail");
                case Channel.Phone: return f.Pick("phone", "Telefon");
                case Channel.Meeting: return f.Pick("meeting", "Termin");
                case Channel.Letter: return f.Pick("letter", "Brief");
                case Channel.Social: return f.Pick("social media", "soziale Medien");
                case Channel.Sms: return "SMS";
                default: return f.Pick("another channel", "anderer Kanal");
            }
        }

        public static string OriginName(Origin origin, MessageFormat f)
        {
            switch (origin)
            {
                case Origin.Human: return f.Pick("by a person", "persönlich");
                case Origin.Automated: return f.Pick("automated", "automatisiert");
                default: return f.Pick("service message", "Servicenachricht");
            }
        }

        public static string BandName(Band band, MessageFormat f)
        {
            switch (band)
            {
                case Band.Receptive: return f.Pick("receptive", "aufnahmebereit");
                case Band.Loaded: return f.Pick("loaded", "ausgelastet");
                case Band.Saturated: return f.Pick("saturated", "gesättigt");
                default: return f.Pick("oversaturated", "übersättigt");
            }
        }

        private static string Name(Decision d, MessageFormat f) =>
            d.ContactName.Length > 0 ? d.ContactName : f.Pick("This contact", "Dieser Kontakt");

        private static string Days(TimeSpan window, MessageFormat f) =>
            window.TotalDays.ToString("0.##", f.Culture);

        private static string Hours(TimeSpan span, MessageFormat f) =>
            span.TotalHours.ToString("0.##", f.Culture);

        private static string ChannelTouches(Channel channel, MessageFormat f)
        {
            switch (channel)
            {
                case Channel.Email: return f.Pick("email touches", "Kontakten per E-Mail");
                case Channel.Phone: return f.Pick("phone touches", "Kontakten per Telefon");
                case Channel.Meeting: return f.Pick("meetings", "Terminen");
                case Channel.Letter: return f.Pick("letters", "Briefen");
                case Channel.Social: return f.Pick("social media touches", "Kontakten über soziale Medien");
                case Channel.Sms: return f.Pick("SMS touches", "Kontakten per SMS");
                default: return f.Pick("touches on other channels", "Kontakten über andere Kanäle");
            }
        }

        private static void AppendWithinBudget(StringBuilder sb, Decision d, MessageFormat f)
        {
            var cap = d.CounterAt(Decision.IndexWindowCap);
            if (cap.Applies)
            {
                sb.Append(f.Pick(
                    Name(d, f) + " has had " + cap.Used + " of " + cap.Limit + " touches in the last " + Days(cap.Window, f) + " days; this touch is within budget.",
                    Name(d, f) + " hatte " + cap.Used + " von " + cap.Limit + " Kontakten in den letzten " + Days(cap.Window, f) + " Tagen; dieser Kontakt liegt im Budget."));
            }
            else
            {
                sb.Append(f.Pick(Name(d, f) + " can be contacted; this touch is within budget.", Name(d, f) + " kann kontaktiert werden; dieser Kontakt liegt im Budget."));
            }
            sb.Append(f.Pick(" Receptivity " + f.FormatNumber(d.Score, 0) + " of 100 (" + BandName(d.Band, f) + ").",
                " Aufnahmebereitschaft " + f.FormatNumber(d.Score, 0) + " von 100 (" + BandName(d.Band, f) + ")."));
        }

        private static void AppendRule(StringBuilder sb, Decision d, ReasonCode rule, MessageFormat f)
        {
            var name = Name(d, f);
            var c = d.Counter(rule);
            var next = c.NextAllowedOn;
            switch (rule)
            {
                case ReasonCode.WindowCap:
                    sb.Append(f.Pick(
                        name + " has had " + c.Used + " of " + c.Limit + " touches in the last " + Days(c.Window, f) + " days",
                        name + " hatte " + c.Used + " von " + c.Limit + " Kontakten in den letzten " + Days(c.Window, f) + " Tagen"));
                    AppendNext(sb, next, f, "the next touch is possible on ", "der nächste Kontakt ist am ", " möglich");
                    break;
                case ReasonCode.AutomatedCap:
                    sb.Append(f.Pick(
                        name + " has had " + c.Used + " of " + c.Limit + " automated touches in the last " + Days(c.Window, f) + " days",
                        name + " hatte " + c.Used + " von " + c.Limit + " automatisierten Kontakten in den letzten " + Days(c.Window, f) + " Tagen"));
                    AppendNext(sb, next, f, "the next automated touch is possible on ", "der nächste automatisierte Kontakt ist am ", " möglich");
                    break;
                case ReasonCode.ChannelCap:
                    sb.Append(f.Pick(
                        name + " has had " + c.Used + " of " + c.Limit + " " + ChannelTouches(d.Channel, f) + " in the last " + Days(c.Window, f) + " days",
                        name + " hatte " + c.Used + " von " + c.Limit + " " + ChannelTouches(d.Channel, f) + " in den letzten " + Days(c.Window, f) + " Tagen"));
                    AppendNext(sb, next, f, "the next " + ChannelName(d.Channel, f) + " touch is possible on ", "der nächste Kontakt per " + ChannelName(d.Channel, f) + " ist am ", " möglich");
                    break;
                case ReasonCode.MinimumGap:
                    if (next is DateTime gapEnd)
                    {
                        var last = gapEnd - c.Window;
                        sb.Append(f.Pick(
                            name + " was last contacted on " + f.FormatInstant(last) + "; the policy asks for " + Hours(c.Window, f) + " hours between touches, so the next touch is possible on " + f.FormatInstant(gapEnd) + ".",
                            name + " wurde zuletzt am " + f.FormatInstant(last) + " kontaktiert; die Richtlinie verlangt " + Hours(c.Window, f) + " Stunden Abstand zwischen Kontakten, der nächste Kontakt ist am " + f.FormatInstant(gapEnd) + " möglich."));
                    }
                    else
                    {
                        sb.Append(f.Pick(name + " was contacted less than " + Hours(c.Window, f) + " hours ago.", name + " wurde vor weniger als " + Hours(c.Window, f) + " Stunden kontaktiert."));
                    }
                    break;
                case ReasonCode.CoolDown:
                    sb.Append(f.Pick(
                        name + " has not answered the last " + c.Used + " touches; the policy pauses contact for " + Days(c.Window, f) + " days after " + c.Limit + " unanswered touches",
                        name + " hat auf die letzten " + c.Used + " Kontakte nicht reagiert; die Richtlinie pausiert nach " + c.Limit + " unbeantworteten Kontakten für " + Days(c.Window, f) + " Tage"));
                    AppendNext(sb, next, f, "the next touch is possible on ", "der nächste Kontakt ist am ", " möglich");
                    break;
                case ReasonCode.AccountCap:
                    var account = d.AccountName is { Length: > 0 } ? d.AccountName : null;
                    sb.Append(f.Pick(
                        (account is null ? "The account of " + name : "The account " + account) + " has had " + c.Used + " of " + c.Limit + " touches across its contacts in the last " + Days(c.Window, f) + " days",
                        (account is null ? "Die Firma von " + name : "Die Firma " + account) + " hatte " + c.Used + " von " + c.Limit + " Kontakten über alle Ansprechpartner in den letzten " + Days(c.Window, f) + " Tagen"));
                    AppendNext(sb, next, f, "the next touch to " + name + " is possible on ", "der nächste Kontakt mit " + name + " ist am ", " möglich");
                    break;
                case ReasonCode.NoConsentEmail:
                    sb.Append(f.Pick(name + " does not want to receive email (Do not allow Emails).", name + " möchte keine E-Mails erhalten (E-Mails nicht zulassen)."));
                    break;
                case ReasonCode.NoConsentPhone:
                    sb.Append(f.Pick(name + " does not want to be called or texted (Do not allow Phone Calls).", name + " möchte weder Anrufe noch SMS erhalten (Telefonanrufe nicht zulassen)."));
                    break;
                case ReasonCode.NoConsentPostalMail:
                    sb.Append(f.Pick(name + " does not want to receive letters (Do not allow Mails).", name + " möchte keine Briefe erhalten (Post nicht zulassen)."));
                    break;
                case ReasonCode.NoConsentBulkEmail:
                    sb.Append(f.Pick(name + " does not want to receive bulk or automated email (Do not allow Bulk Emails).", name + " möchte keine Massen- oder automatisierten E-Mails erhalten (Massen-E-Mails nicht zulassen)."));
                    break;
                case ReasonCode.Saturated:
                    sb.Append(f.Pick(
                        name + " is " + BandName(d.Band, f) + ": receptivity " + f.FormatNumber(d.Score, 0) + " of 100",
                        name + " ist " + BandName(d.Band, f) + ": Aufnahmebereitschaft " + f.FormatNumber(d.Score, 0) + " von 100"));
                    AppendNext(sb, next, f, "the next automated touch is possible on ", "der nächste automatisierte Kontakt ist am ", " möglich");
                    break;
                case ReasonCode.NegativeMarginalValue:
                    sb.Append(f.Pick(
                        "One more automated " + ChannelName(d.Channel, f) + " touch would do " + name + " more harm than good (marginal value " + f.FormatNumber(d.MarginalValue, 2) + ")",
                        "Ein weiterer automatisierter Kontakt per " + ChannelName(d.Channel, f) + " würde bei " + name + " mehr schaden als nützen (Grenzwert " + f.FormatNumber(d.MarginalValue, 2) + ")"));
                    if (next is null)
                        sb.Append(f.Pick("; at this contact's value it does not pay off even without any pressure.", "; beim Wert dieses Kontakts lohnt er sich selbst ohne jeden Druck nicht."));
                    else AppendNext(sb, next, f, "it is worthwhile again from ", "er lohnt sich wieder ab ", "");
                    break;
                case ReasonCode.HumanFirst:
                    sb.Append(f.Pick(
                        name + " is a high-value contact (value " + FormatValue(d.ContactValue, f) + ", threshold " + FormatValue(d.ValueThreshold, f) + "); the policy wants a person to make the next touch.",
                        name + " ist ein wertvoller Kontakt (Wert " + FormatValue(d.ContactValue, f) + ", Schwelle " + FormatValue(d.ValueThreshold, f) + "); laut Richtlinie übernimmt den nächsten Kontakt ein Mensch."));
                    break;
                default:
                    sb.Append(f.Pick(name + ": " + rule + ".", name + ": " + rule + "."));
                    break;
            }
        }

        private static void AppendNext(StringBuilder sb, DateTime? next, MessageFormat f, string english, string germanPrefix, string germanSuffix)
        {
            if (next is DateTime at)
            {
                sb.Append("; ").Append(f.IsGerman ? germanPrefix + f.FormatInstant(at) + germanSuffix : english + f.FormatInstant(at)).Append('.');
            }
            else
            {
                sb.Append(f.Pick("; the policy allows no further touch of this kind.", "; die Richtlinie erlaubt keinen weiteren Kontakt dieser Art."));
            }
        }

        private static void AppendOutcome(StringBuilder sb, Decision d, MessageFormat f)
        {
            switch (d.Kind)
            {
                case DecisionKind.Allow:
                    if (d.HasViolation && d.Reason != ReasonCode.EngineError)
                        sb.Append(f.Pick(" Audit mode: the touch goes ahead and is logged.", " Prüfmodus: der Kontakt findet statt und wird protokolliert."));
                    break;
                case DecisionKind.Warn:
                    sb.Append(f.Pick(" This is a warning; the touch can still go ahead.", " Dies ist eine Warnung; der Kontakt ist trotzdem möglich."));
                    break;
                case DecisionKind.Block:
                    sb.Append(f.Pick(" The attention policy blocks this touch.", " Die Aufmerksamkeitsrichtlinie blockiert diesen Kontakt."));
                    break;
                case DecisionKind.Suppress:
                    sb.Append(f.Pick(" The automated touch is suppressed.", " Der automatisierte Kontakt wird unterdrückt."));
                    break;
                case DecisionKind.RouteToHuman:
                    sb.Append(f.Pick(" Instead of the automated touch, the contact's owner gets a phone call task.",
                        " Statt des automatisierten Kontakts erhält der Besitzer des Kontakts eine Anrufaufgabe."));
                    break;
            }
        }

        private static string FormatValue(decimal? value, MessageFormat f) =>
            value is decimal v ? v.ToString("N0", f.Culture) : f.Pick("unknown", "unbekannt");

        internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
