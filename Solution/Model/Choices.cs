using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The global choices. Codes are the attention engine's enum values and are never renumbered; new options
    /// are appended at the end (CONTRACTS.md). Dataverse stores 742800000 + code.
    /// </summary>
    public static class Choices
    {
        public static Choice Channel() => new Choice("cat_channel", "Channel",
            L("Channel", "Kanal"),
            L("How a touch reaches the contact.", "Wie ein Kontakt erreicht wird."),
            new[]
            {
                new ChoiceOption(0, "Email", L("Email", "E-Mail")),
                new ChoiceOption(1, "Phone", L("Phone", "Telefon")),
                new ChoiceOption(2, "Meeting", L("Meeting", "Termin")),
                new ChoiceOption(3, "Letter", L("Letter", "Brief")),
                new ChoiceOption(4, "Social", L("Social", "Soziale Medien")),
                new ChoiceOption(5, "Sms", L("SMS", "SMS")),
                new ChoiceOption(6, "Other", L("Other", "Sonstige")),
            });

        public static Choice CallResult() => new Choice("cat_callresult", "CallResult",
            L("Call result", "Anrufergebnis"),
            L("How an outbound call ended. Connected makes the call a response as well as a touch: the contact is in conversation.",
              "Wie ein ausgehender Anruf endete. Verbunden macht den Anruf zu einer Antwort und einem Kontakt: der Kontakt ist im Gespräch."),
            new[]
            {
                new ChoiceOption(0, "Connected", L("Connected", "Verbunden")),
                new ChoiceOption(1, "LeftVoicemail", L("Left voicemail", "Nachricht hinterlassen")),
                new ChoiceOption(2, "NoAnswer", L("No answer", "Keine Antwort")),
                new ChoiceOption(3, "WrongNumber", L("Wrong number", "Falsche Nummer")),
            });

        public static Choice Origin() => new Choice("cat_origin", "Origin",
            L("Origin", "Herkunft"),
            L("Who caused a touch: a person, an automation (sequence, flow, integration, application user) or a transactional message that is never budgeted.",
              "Wer einen Kontakt ausgelöst hat: eine Person, eine Automatisierung (Sequenz, Flow, Integration, Anwendungsbenutzer) oder eine transaktionale Nachricht, die nie auf das Budget angerechnet wird."),
            new[]
            {
                new ChoiceOption(0, "Human", L("Human", "Person")),
                new ChoiceOption(1, "Automated", L("Automated", "Automatisiert")),
                new ChoiceOption(2, "Transactional", L("Transactional", "Transaktional")),
            });

        public static Choice DecisionKind() => new Choice("cat_decisionkind", "DecisionKind",
            L("Attention decision", "Aufmerksamkeitsentscheidung"),
            L("What CrmAttention decided for one touch of one contact.", "Was CrmAttention für einen Kontaktversuch bei einem Kontakt entschieden hat."),
            new[]
            {
                new ChoiceOption(0, "Allow", L("Allow", "Zulassen")),
                new ChoiceOption(1, "Warn", L("Warn", "Warnen")),
                new ChoiceOption(2, "Block", L("Block", "Blockieren")),
                new ChoiceOption(3, "Suppress", L("Suppress", "Unterdrücken")),
                new ChoiceOption(4, "RouteToHuman", L("Route to a person", "An eine Person weiterleiten")),
                new ChoiceOption(5, "Exempt", L("Exempt", "Ausgenommen")),
            });

        public static Choice Band() => new Choice("cat_band", "Band",
            L("Attention band", "Aufmerksamkeitsstufe"),
            L("How much receptivity a contact has left, from the receptivity score and the policy's thresholds.",
              "Wie viel Aufnahmebereitschaft ein Kontakt noch hat, abgeleitet aus dem Aufnahmewert und den Schwellen der Richtlinie."),
            new[]
            {
                new ChoiceOption(0, "Receptive", L("Receptive", "Aufnahmebereit")),
                new ChoiceOption(1, "Loaded", L("Loaded", "Belastet")),
                new ChoiceOption(2, "Saturated", L("Saturated", "Gesättigt")),
                new ChoiceOption(3, "Oversaturated", L("Oversaturated", "Übersättigt")),
            });

        public static Choice PolicyMode() => new Choice("cat_policymode", "PolicyMode",
            L("Policy mode", "Richtlinienmodus"),
            L("Audit only logs, Warn allows and annotates, Enforce blocks human touches and suppresses or routes automated ones.",
              "Prüfen protokolliert nur, Warnen lässt zu und vermerkt, Durchsetzen blockiert persönliche und unterdrückt oder leitet automatisierte Kontakte weiter."),
            new[]
            {
                new ChoiceOption(0, "Audit", L("Audit", "Prüfen")),
                new ChoiceOption(1, "Warn", L("Warn", "Warnen")),
                new ChoiceOption(2, "Enforce", L("Enforce", "Durchsetzen")),
            });

        public static Choice ValueSource() => new Choice("cat_valuesource", "ValueSource",
            L("Value source", "Wertquelle"),
            L("Where a contact's value comes from when deciding whether to route an automated touch to a person.",
              "Woher der Wert eines Kontakts stammt, wenn entschieden wird, ob ein automatisierter Kontakt an eine Person weitergeleitet wird."),
            new[]
            {
                new ChoiceOption(0, "ContactValue", L("Contact value column", "Wertspalte des Kontakts")),
                new ChoiceOption(1, "AccountRevenue", L("Account revenue", "Umsatz des Firmenkontos")),
                new ChoiceOption(2, "OpenOpportunities", L("Open opportunities", "Offene Verkaufschancen")),
            });

        public static Choice LoggingLevel() => new Choice("cat_logginglevel", "LoggingLevel",
            L("Logging level", "Protokollierungsstufe"),
            L("Which decisions are written to the attention decision log.", "Welche Entscheidungen in das Entscheidungsprotokoll geschrieben werden."),
            new[]
            {
                new ChoiceOption(0, "Off", L("Off", "Aus")),
                new ChoiceOption(1, "NonTrivial", L("Everything except plain allow", "Alles außer einfachem Zulassen")),
                new ChoiceOption(2, "All", L("All", "Alle")),
            });

        public static Choice ReasonCode() => new Choice("cat_reasoncode", "ReasonCode",
            L("Attention reason", "Aufmerksamkeitsgrund"),
            L("The rule behind an attention decision.", "Die Regel hinter einer Aufmerksamkeitsentscheidung."),
            new[]
            {
                new ChoiceOption(0, "WithinBudget", L("Within budget", "Innerhalb des Budgets")),
                new ChoiceOption(1, "WindowCap", L("Window cap reached", "Obergrenze im Zeitfenster erreicht")),
                new ChoiceOption(2, "AutomatedCap", L("Automated cap reached", "Obergrenze für Automatisierung erreicht")),
                new ChoiceOption(3, "ChannelCap", L("Channel cap reached", "Obergrenze des Kanals erreicht")),
                new ChoiceOption(4, "MinimumGap", L("Minimum gap", "Mindestabstand")),
                new ChoiceOption(5, "CoolDown", L("Cool-down", "Abkühlphase")),
                new ChoiceOption(6, "AccountCap", L("Account cap reached", "Obergrenze des Firmenkontos erreicht")),
                new ChoiceOption(7, "NoConsentEmail", L("No consent to email", "Keine Einwilligung für E-Mail")),
                new ChoiceOption(8, "NoConsentPhone", L("No consent to phone", "Keine Einwilligung für Telefon")),
                new ChoiceOption(9, "NoConsentPostalMail", L("No consent to postal mail", "Keine Einwilligung für Post")),
                new ChoiceOption(10, "NoConsentBulkEmail", L("No consent to bulk email", "Keine Einwilligung für Massen-E-Mail")),
                new ChoiceOption(11, "Saturated", L("Contact saturated", "Kontakt gesättigt")),
                new ChoiceOption(12, "HumanFirst", L("Human first for high value", "Person zuerst bei hohem Wert")),
                new ChoiceOption(13, "NegativeMarginalValue", L("Negative marginal value", "Negativer Grenzwert")),
                new ChoiceOption(14, "Transactional", L("Transactional message", "Transaktionale Nachricht")),
                new ChoiceOption(15, "ReplyToInbound", L("Reply to the contact", "Antwort an den Kontakt")),
                new ChoiceOption(16, "Override", L("Overridden", "Übersteuert")),
                new ChoiceOption(17, "EngineError", L("Engine error (allowed)", "Fehler der Bewertung (zugelassen)")),
                new ChoiceOption(18, "InConversation", L("In conversation", "Im Gespräch")),
            });
    }
}
