using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The custom APIs (CONTRACTS.md). EvaluateTouch and RecalculateAttention are unbound actions so Power Automate's
    /// Dataverse connector can call them; GetWorklist reads only, so it is a function (GET from the Web API and the page).
    /// </summary>
    public static class CustomApis
    {
        public static CustomApi EvaluateTouch()
        {
            var api = new CustomApi("cat_EvaluateTouch", "EvaluateTouch", "CrmAttention.Plugins.Api.EvaluateTouchApi",
                L("Evaluate touch", "Kontaktversuch bewerten"),
                L("May I touch this contact on this channel now? Returns the decision, the reason, the contact's score and band, and when the touch would be allowed. Changes nothing.",
                  "Darf ich diesen Kontakt jetzt über diesen Kanal kontaktieren? Liefert die Entscheidung, den Grund, Wert und Stufe des Kontakts und wann der Kontakt erlaubt wäre. Ändert nichts."));
            api.RequestParameters.Add(new CustomApiField("cat_Contact", CustomApiFieldType.EntityReference, L("Contact", "Kontakt"), L("The contact to touch.", "Der Kontakt, der kontaktiert werden soll.")) { LogicalEntityName = "contact" });
            api.RequestParameters.Add(new CustomApiField("cat_Channel", CustomApiFieldType.Integer, L("Channel", "Kanal"), L("Channel code: 0 Email, 1 Phone, 2 Meeting, 3 Letter, 4 Social, 5 SMS, 6 Other.", "Kanalcode: 0 E-Mail, 1 Telefon, 2 Termin, 3 Brief, 4 Soziale Medien, 5 SMS, 6 Sonstige.")));
            api.RequestParameters.Add(new CustomApiField("cat_IsAutomated", CustomApiFieldType.Boolean, L("Is automated", "Ist automatisiert"), L("True when an automation, not a person, would make the touch.", "Wahr, wenn eine Automatisierung und keine Person den Kontakt herstellen würde.")));
            api.RequestParameters.Add(new CustomApiField("cat_At", CustomApiFieldType.DateTime, L("At", "Zeitpunkt"), L("When the touch would happen (UTC); now when empty.", "Wann der Kontakt stattfände (UTC); jetzt, wenn leer.")) { IsOptional = true });
            api.ResponseProperties.Add(new CustomApiField("cat_Decision", CustomApiFieldType.Integer, L("Decision", "Entscheidung"), L("Decision code: 0 Allow, 1 Warn, 2 Block, 3 Suppress, 4 Route to a person, 5 Exempt.", "Entscheidungscode: 0 Zulassen, 1 Warnen, 2 Blockieren, 3 Unterdrücken, 4 An eine Person weiterleiten, 5 Ausgenommen.")));
            api.ResponseProperties.Add(new CustomApiField("cat_Reason", CustomApiFieldType.Integer, L("Reason", "Grund"), L("Reason code of the rule that decided (see the Attention reason choice).", "Grundcode der entscheidenden Regel (siehe Auswahl Aufmerksamkeitsgrund).")));
            api.ResponseProperties.Add(new CustomApiField("cat_Message", CustomApiFieldType.String, L("Message", "Meldung"), L("The explanation in the caller's language.", "Die Erklärung in der Sprache des Aufrufers.")));
            api.ResponseProperties.Add(new CustomApiField("cat_Score", CustomApiFieldType.Decimal, L("Score", "Wert"), L("Receptivity score 0–100.", "Aufnahmewert 0–100.")));
            api.ResponseProperties.Add(new CustomApiField("cat_Band", CustomApiFieldType.Integer, L("Band", "Stufe"), L("Band code: 0 Receptive, 1 Loaded, 2 Saturated, 3 Oversaturated.", "Stufencode: 0 Aufnahmebereit, 1 Belastet, 2 Gesättigt, 3 Übersättigt.")));
            api.ResponseProperties.Add(new CustomApiField("cat_MarginalValue", CustomApiFieldType.Decimal, L("Marginal value", "Grenzwert"), L("Expected value of the touch; negative means it does more harm than good.", "Erwarteter Wert des Kontakts; negativ heißt, er schadet mehr als er nützt.")));
            api.ResponseProperties.Add(new CustomApiField("cat_RemainingTouches", CustomApiFieldType.Integer, L("Remaining touches", "Verbleibende Kontakte"), L("Touches left in the window (the smallest over all rules).", "Im Zeitfenster verbleibende Kontakte (das Minimum über alle Regeln).")));
            api.ResponseProperties.Add(new CustomApiField("cat_NextAllowedOn", CustomApiFieldType.DateTime, L("Next allowed on", "Nächster Kontakt erlaubt am"), L("Earliest time the touch is allowed (UTC); empty when allowed now.", "Frühester erlaubter Zeitpunkt (UTC); leer, wenn jetzt erlaubt.")));
            api.ResponseProperties.Add(new CustomApiField("cat_NextBestAction", CustomApiFieldType.String, L("Next best action", "Nächste beste Aktion"), L("What to do instead, in the caller's language.", "Was stattdessen zu tun ist, in der Sprache des Aufrufers.")));
            api.ResponseProperties.Add(new CustomApiField("cat_NextBestChannel", CustomApiFieldType.Integer, L("Next best channel", "Nächster bester Kanal"), L("Channel code with the highest marginal value, or −1 to wait.", "Kanalcode mit dem höchsten Grenzwert oder −1 für Warten.")));
            api.ResponseProperties.Add(new CustomApiField("cat_RoutedCall", CustomApiFieldType.EntityReference, L("Routed call", "Weitergeleiteter Anruf"), L("The open phone call routed to a person for this contact, if any.", "Der offene, an eine Person weitergeleitete Anruf für diesen Kontakt, falls vorhanden.")) { LogicalEntityName = "phonecall" });
            api.ResponseProperties.Add(new CustomApiField("cat_PolicyMode", CustomApiFieldType.Integer, L("Policy mode", "Richtlinienmodus"), L("Mode code of the applied policy: 0 Audit, 1 Warn, 2 Enforce.", "Moduscode der angewendeten Richtlinie: 0 Prüfen, 1 Warnen, 2 Durchsetzen.")));
            return api;
        }

        public static CustomApi RecalculateAttention()
        {
            var api = new CustomApi("cat_RecalculateAttention", "RecalculateAttention", "CrmAttention.Plugins.Api.RecalculateAttentionApi",
                L("Recalculate attention", "Aufmerksamkeit neu berechnen"),
                L("Recomputes the stored pressure, score and band of one contact or of one page of contacts. Schedule it from Power Automate and call it again with the returned paging cookie while more records remain.",
                  "Berechnet Druck, Wert und Stufe eines Kontakts oder einer Seite von Kontakten neu. In Power Automate planen und mit dem zurückgegebenen Paging-Cookie erneut aufrufen, solange weitere Datensätze vorhanden sind."));
            api.RequestParameters.Add(new CustomApiField("cat_Contact", CustomApiFieldType.EntityReference, L("Contact", "Kontakt"), L("Recalculate only this contact.", "Nur diesen Kontakt neu berechnen.")) { LogicalEntityName = "contact", IsOptional = true });
            api.RequestParameters.Add(new CustomApiField("cat_PageSize", CustomApiFieldType.Integer, L("Page size", "Seitengröße"), L("Contacts per call; default 500, at most 5000.", "Kontakte pro Aufruf; Standard 500, höchstens 5000.")) { IsOptional = true });
            api.RequestParameters.Add(new CustomApiField("cat_PagingCookie", CustomApiFieldType.String, L("Paging cookie", "Paging-Cookie"), L("The cookie returned by the previous call; empty to start.", "Das Cookie des vorigen Aufrufs; leer zum Beginnen.")) { IsOptional = true });
            api.ResponseProperties.Add(new CustomApiField("cat_ProcessedCount", CustomApiFieldType.Integer, L("Processed count", "Anzahl verarbeitet"), L("Contacts recalculated by this call.", "In diesem Aufruf neu berechnete Kontakte.")));
            api.ResponseProperties.Add(new CustomApiField("cat_PagingCookie", CustomApiFieldType.String, L("Paging cookie", "Paging-Cookie"), L("Pass to the next call to continue.", "Für den nächsten Aufruf übergeben, um fortzufahren.")));
            api.ResponseProperties.Add(new CustomApiField("cat_MoreRecords", CustomApiFieldType.Boolean, L("More records", "Weitere Datensätze"), L("True while more contacts remain.", "Wahr, solange weitere Kontakte verbleiben.")));
            return api;
        }

        public static CustomApi GetWorklist()
        {
            var api = new CustomApi("cat_GetWorklist", "GetWorklist", "CrmAttention.Plugins.Api.GetWorklistApi",
                L("Get worklist", "Arbeitsliste abrufen"),
                L("A seller's contacts ranked by the expected value of one person's touch now, routed calls first by due date; contacts a person's touch would be refused for are left out. Each row: contact, account, best channel, expected value, score, band, reason line and the open routed call. Changes nothing.",
                  "Die Kontakte eines Verkäufers, sortiert nach dem erwarteten Wert eines persönlichen Kontakts jetzt, weitergeleitete Anrufe zuerst nach Fälligkeit; Kontakte, bei denen ein persönlicher Kontakt abgelehnt würde, fehlen. Jede Zeile: Kontakt, Firma, bester Kanal, erwarteter Wert, Wert, Stufe, Begründung und der offene weitergeleitete Anruf. Ändert nichts."))
            {
                IsFunction = true,
            };
            api.RequestParameters.Add(new CustomApiField("cat_User", CustomApiFieldType.EntityReference, L("User", "Benutzer"), L("Whose worklist; the caller when empty.", "Wessen Arbeitsliste; der Aufrufer, wenn leer.")) { LogicalEntityName = "systemuser", IsOptional = true });
            api.RequestParameters.Add(new CustomApiField("cat_Count", CustomApiFieldType.Integer, L("Count", "Anzahl"), L("Rows to return; default 25, at most 250.", "Anzahl der Zeilen; Standard 25, höchstens 250.")) { IsOptional = true });
            api.ResponseProperties.Add(new CustomApiField("cat_Rows", CustomApiFieldType.EntityCollection, L("Rows", "Zeilen"),
                L("One row per contact, best first: cat_contact, cat_contactname, cat_account, cat_accountname, cat_bestchannel (channel code), cat_expectedvalue, cat_score, cat_band (band code), cat_reason (code), cat_reasonline (in the caller's language), cat_routedcall, cat_routedcalldueon.",
                  "Eine Zeile je Kontakt, die beste zuerst: cat_contact, cat_contactname, cat_account, cat_accountname, cat_bestchannel (Kanalcode), cat_expectedvalue, cat_score, cat_band (Stufencode), cat_reason (Code), cat_reasonline (in der Sprache des Aufrufers), cat_routedcall, cat_routedcalldueon.")));
            return api;
        }

        /// <summary>The fewest days a purge keeps: the current month's reports and charts never lose rows to a purge.</summary>
        public const int PurgeMinimumDays = 30;

        /// <summary>
        /// cat_PurgeDecisions: the one way old decisions leave the append-only log. Dataverse runs it only for callers
        /// holding prvDeletecat_AttentionDecision (of the CrmAttention roles only the administrator has it); the plugin
        /// additionally requires the CrmAttention Administrator role, deletes as SYSTEM and traces what it did.
        /// </summary>
        public static CustomApi PurgeDecisions()
        {
            var api = new CustomApi("cat_PurgeDecisions", "PurgeDecisions", "CrmAttention.Plugins.Api.PurgeDecisionsApi",
                L("Purge decisions", "Entscheidungen bereinigen"),
                L("Deletes attention decisions evaluated more than the given number of days ago (at least 30), up to 5000 per call; call again while more records remain. Only the CrmAttention Administrator may run it.",
                  "Löscht Aufmerksamkeitsentscheidungen, die vor mehr als der angegebenen Zahl von Tagen (mindestens 30) bewertet wurden, bis zu 5000 je Aufruf; erneut aufrufen, solange weitere Datensätze verbleiben. Nur der CrmAttention Administrator darf sie ausführen."))
            {
                ExecutePrivilegeName = "prvDeletecat_AttentionDecision",
            };
            api.RequestParameters.Add(new CustomApiField("cat_OlderThanDays", CustomApiFieldType.Integer, L("Older than (days)", "Älter als (Tage)"),
                L("Delete decisions evaluated more than this many days ago; at least 30.", "Entscheidungen löschen, die vor mehr als so vielen Tagen bewertet wurden; mindestens 30.")));
            api.ResponseProperties.Add(new CustomApiField("cat_DeletedCount", CustomApiFieldType.Integer, L("Deleted count", "Anzahl gelöscht"), L("Decisions this call deleted.", "In diesem Aufruf gelöschte Entscheidungen.")));
            api.ResponseProperties.Add(new CustomApiField("cat_MoreRecords", CustomApiFieldType.Boolean, L("More records", "Weitere Datensätze"), L("True while older decisions remain; call again.", "Wahr, solange ältere Entscheidungen verbleiben; erneut aufrufen.")));
            return api;
        }
    }
}
