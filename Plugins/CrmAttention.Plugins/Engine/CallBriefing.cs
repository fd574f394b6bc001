using System;
using System.Collections.Generic;
using System.Text;

namespace CrmAttention.Engine
{
    /// <summary>Which conversation the routed call is, which decides its talking points.</summary>
    public enum BriefingSituation
    {
        /// <summary>Nobody has been in touch with the contact yet.</summary>
        FirstContact = 0,

        /// <summary>The contact has not answered for a long time (or never).</summary>
        ReEngagement = 1,

        /// <summary>Several automated touches in a row went unanswered.</summary>
        AfterUnansweredAutomated = 2,

        /// <summary>The contact answered recently; the call continues a conversation.</summary>
        OngoingConversation = 3,
    }

    /// <summary>
    /// The briefing on a phone call that replaces an automated touch: who, why (rule and counters), the recent touches,
    /// the last response, when the next automated touch would be allowed, and talking points for the situation.
    /// </summary>
    public sealed class CallBriefing
    {
        /// <summary>How many recent touches the briefing lists.</summary>
        public const int RecentTouchCount = 5;

        /// <summary>Unanswered automated touches in a row from which the call is about the silence itself.</summary>
        public const int UnansweredAutomatedThreshold = 2;

        private readonly Decision _decision;
        private readonly List<LedgerEntry> _recent;
        private readonly LedgerEntry? _lastResponse;

        private CallBriefing(Decision decision, BriefingSituation situation, List<LedgerEntry> recent, LedgerEntry? lastResponse, DateTime? lastResponseOn, DateTime dueOn, DateTime? nextAutomatedTouchOn)
        {
            _decision = decision;
            Situation = situation;
            _recent = recent;
            _lastResponse = lastResponse;
            LastResponseOn = lastResponseOn;
            DueOn = dueOn;
            NextAutomatedTouchOn = nextAutomatedTouchOn;
        }

        public BriefingSituation Situation { get; }

        /// <summary>The most recent touches, newest first (completed and pending).</summary>
        public IReadOnlyList<LedgerEntry> RecentTouches => _recent;

        public DateTime? LastResponseOn { get; }

        /// <summary>When the call is due: the decision time plus the policy's call SLA.</summary>
        public DateTime DueOn { get; }

        /// <summary>When the suppressed automated touch would be allowed again; null when never (human-first, consent).</summary>
        public DateTime? NextAutomatedTouchOn { get; }

        public static CallBriefing Compose(Decision decision, ContactState contact, AttentionPolicy policy, DateTime now)
        {
            if (decision is null) throw new ArgumentNullException(nameof(decision));
            if (contact is null) throw new ArgumentNullException(nameof(contact));
            if (policy is null) throw new ArgumentNullException(nameof(policy));
            var recent = new List<LedgerEntry>();
            LedgerEntry? lastResponse = null;
            int touches = 0, automatedSinceResponse = 0, humanSinceResponse = 0;
            var items = contact.Ledger.Entries;
            for (var i = items.Count - 1; i >= 0; i--)
            {
                var e = items[i];
                if (e.Kind == LedgerEntryKind.Response)
                {
                    if (lastResponse is null) lastResponse = e;
                    continue;
                }
                if (e.Kind == LedgerEntryKind.Pending && e.ExpiresOn <= now) continue;
                touches++;
                if (recent.Count < RecentTouchCount) recent.Add(e);
                if (lastResponse is null && e.Origin == Origin.Automated) automatedSinceResponse++;
                if (lastResponse is null && e.Origin == Origin.Human) humanSinceResponse++;
            }
            var lastResponseOn = contact.LastResponseOn ?? lastResponse?.Time;
            BriefingSituation situation;
            if (touches == 0 && contact.LastTouchOn is null && lastResponseOn is null) situation = BriefingSituation.FirstContact;
            else if (contact.UnansweredTouches >= UnansweredAutomatedThreshold && automatedSinceResponse >= UnansweredAutomatedThreshold && automatedSinceResponse > humanSinceResponse)
                situation = BriefingSituation.AfterUnansweredAutomated;
            else if (lastResponseOn is null || now - lastResponseOn.Value > TimeSpan.FromDays(2 * policy.WindowDays)) situation = BriefingSituation.ReEngagement;
            else situation = BriefingSituation.OngoingConversation;
            var due = now.AddHours(policy.CallSlaHours);
            return new CallBriefing(decision, situation, recent, lastResponse, lastResponseOn, due, decision.NextAllowedOn);
        }

        /// <summary>The phone call's subject: "Call Anna Berg instead of an automated email".</summary>
        public string GetSubject(MessageFormat f)
        {
            var name = _decision.ContactName;
            return f.Pick("Call " + name + " instead of an automated " + DecisionMessages.ChannelName(_decision.Channel, f),
                "Anruf bei " + name + " statt automatisierter Kontakt per " + DecisionMessages.ChannelName(_decision.Channel, f));
        }

        /// <summary>The call's description: plain text, one section per line block.</summary>
        public string GetText(MessageFormat f)
        {
            var d = _decision;
            var sb = new StringBuilder(900);
            sb.Append(f.Pick("Who: ", "Wer: ")).Append(d.ContactName);
            if (d.AccountName is { Length: > 0 }) sb.Append(f.Pick(" (", " (")).Append(d.AccountName).Append(')');
            sb.Append(f.Pick(", value ", ", Wert ")).Append(d.ContactValue is decimal v ? v.ToString("N0", f.Culture) : f.Pick("unknown", "unbekannt"));
            sb.Append(f.Pick(", receptivity ", ", Aufnahmebereitschaft ")).Append(f.FormatNumber(d.Score, 0)).Append(f.Pick(" of 100 (", " von 100 ("))
                .Append(DecisionMessages.BandName(d.Band, f)).Append(").\n");

            sb.Append(f.Pick("Why a call: ", "Warum ein Anruf: "));
            if (d.Reason == ReasonCode.WithinBudget || d.Reason == ReasonCode.EngineError)
                sb.Append(f.Pick("the contact is a high-value prospect.", "der Kontakt ist ein wertvoller Interessent."));
            else sb.Append(DecisionMessages.RuleSentence(d, d.Reason, f));
            sb.Append('\n');

            sb.Append(f.Pick("Recent touches:", "Letzte Kontakte:"));
            if (_recent.Count == 0) sb.Append(f.Pick(" none.", " keine."));
            sb.Append('\n');
            foreach (var e in _recent)
            {
                sb.Append("- ").Append(f.FormatInstant(e.Time)).Append(", ").Append(DecisionMessages.ChannelName(e.Channel, f)).Append(", ")
                    .Append(DecisionMessages.OriginName(e.Origin, f));
                if (e.Kind == LedgerEntryKind.Pending) sb.Append(f.Pick(" (planned)", " (geplant)"));
                sb.Append('\n');
            }

            sb.Append(f.Pick("Last response: ", "Letzte Reaktion: "));
            if (LastResponseOn is DateTime lr)
            {
                sb.Append(f.FormatInstant(lr));
                if (_lastResponse is LedgerEntry r && r.Time == lr) sb.Append(", ").Append(DecisionMessages.ChannelName(r.Channel, f));
                sb.Append(".\n");
            }
            else sb.Append(f.Pick("none so far.\n", "bisher keine.\n"));

            sb.Append(f.Pick("Next automated touch allowed: ", "Nächster automatisierter Kontakt erlaubt: "));
            if (NextAutomatedTouchOn is DateTime next) sb.Append(f.FormatInstant(next)).Append(".\n");
            else if (d.IsNeverAllowed) sb.Append(f.Pick("not while the policy or consent stays as it is.\n", "nicht, solange Richtlinie oder Einwilligung unverändert bleiben.\n"));
            else sb.Append(f.Pick("now.\n", "jetzt.\n"));

            sb.Append(f.Pick("Call due by: ", "Anruf fällig bis: ")).Append(f.FormatInstant(DueOn)).Append(".\n");
            sb.Append(f.Pick("Talking points:\n", "Gesprächspunkte:\n"));
            foreach (var point in TalkingPoints(Situation, f)) sb.Append("- ").Append(point).Append('\n');
            return sb.ToString();
        }

        public static IReadOnlyList<string> TalkingPoints(BriefingSituation situation, MessageFormat f)
        {
            switch (situation)
            {
                case BriefingSituation.FirstContact:
                    return new[]
                    {
                        f.Pick("Introduce yourself and why you are calling this person in particular.", "Stellen Sie sich vor und sagen Sie, warum Sie gerade diese Person anrufen."),
                        f.Pick("Ask about their current priorities before presenting anything.", "Fragen Sie nach den aktuellen Prioritäten, bevor Sie etwas vorstellen."),
                        f.Pick("Agree on whether and how they want to hear from you next.", "Vereinbaren Sie, ob und wie Sie sich wieder melden dürfen."),
                    };
                case BriefingSituation.ReEngagement:
                    return new[]
                    {
                        f.Pick("Refer to the last real conversation and what has changed since.", "Knüpfen Sie an das letzte echte Gespräch an und daran, was sich seitdem geändert hat."),
                        f.Pick("Ask whether the topic is still relevant, and accept a no.", "Fragen Sie, ob das Thema noch relevant ist, und akzeptieren Sie ein Nein."),
                        f.Pick("Offer one concrete, useful next step instead of a general follow-up.", "Bieten Sie einen konkreten, nützlichen nächsten Schritt statt einer allgemeinen Nachfrage an."),
                    };
                case BriefingSituation.AfterUnansweredAutomated:
                    return new[]
                    {
                        f.Pick("Acknowledge the recent messages and do not repeat their content.", "Sprechen Sie die letzten Nachrichten offen an und wiederholen Sie deren Inhalt nicht."),
                        f.Pick("Ask how they prefer to be contacted and how often.", "Fragen Sie, wie und wie oft der Kontakt erwünscht ist."),
                        f.Pick("Find out whether the silence means bad timing, the wrong person or no interest.", "Klären Sie, ob das Schweigen ungünstigen Zeitpunkt, falsche Person oder kein Interesse bedeutet."),
                    };
                default:
                    return new[]
                    {
                        f.Pick("Pick up where their last response left off.", "Setzen Sie dort an, wo die letzte Reaktion aufgehört hat."),
                        f.Pick("Answer open questions personally instead of by another message.", "Beantworten Sie offene Fragen persönlich statt mit einer weiteren Nachricht."),
                        f.Pick("Agree on the next step and its date.", "Vereinbaren Sie den nächsten Schritt und seinen Termin."),
                    };
            }
        }
    }
}
