using System.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The columns CrmAttention adds to contact and account, next to the platform columns the product reads
    /// (listed so the constants and the in-memory Dataverse know them).
    /// </summary>
    public static class ContactAndAccountTables
    {
        public static Table Contact()
        {
            var table = new Table("Contact", "Contact", isCustom: false)
            {
                DisplayName = L("Contact", "Kontakt"),
                CollectionName = L("Contacts", "Kontakte"),
                EntitySetName = "contacts",
                PrimaryIdAttribute = "contactid",
                PrimaryNameAttribute = "fullname",
                ObjectTypeCode = 2,
            };
            table.WithColumns(
                Sys("ContactId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
                Sys("FullName", ColumnType.String, 160),
                Sys("FirstName", ColumnType.String, 50),
                Sys("LastName", ColumnType.String, 50, RequiredLevel.ApplicationRequired),
                Sys("JobTitle", ColumnType.String, 100),
                Sys("EMailAddress1", ColumnType.String, 100),
                Sys("EMailAddress2", ColumnType.String, 100),
                Sys("EMailAddress3", ColumnType.String, 100),
                Sys("Telephone1", ColumnType.String, 50),
                Sys("MobilePhone", ColumnType.String, 50),
                Sys("Address1_City", ColumnType.String, 80),
                Sys("Address1_Country", ColumnType.String, 80),
                Sys("ParentCustomerId", ColumnType.Customer, null, RequiredLevel.None, "account", "contact"),
                Sys("DoNotEMail", ColumnType.Boolean),
                Sys("DoNotBulkEMail", ColumnType.Boolean),
                Sys("DoNotPhone", ColumnType.Boolean),
                Sys("DoNotPostalMail", ColumnType.Boolean),
                Sys("DoNotFax", ColumnType.Boolean),
                SysOptions("PreferredContactMethodCode", ColumnType.Picklist, (1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail")),
                Sys("TransactionCurrencyId", ColumnType.Lookup, null, RequiredLevel.None, "transactioncurrency"),
                Sys("ExchangeRate", ColumnType.Decimal),
                UserOwnedSystemColumns(ActiveInactiveState, ActiveInactiveStatus),
                Dec("cat_Pressure", 0m, 100000m, 4, L("Attention pressure", "Aufmerksamkeitsdruck"),
                    L("Recency-weighted sum of recent touches as of the pressure date; maintained by CrmAttention.", "Nach Aktualität gewichtete Summe der letzten Kontakte zum Stichtag des Drucks; von CrmAttention gepflegt.")),
                Date("cat_PressureAsOf", L("Pressure as of", "Druck zum Stichtag"),
                    L("The time the stored pressure refers to; it decays from there with the policy's half-life.", "Der Zeitpunkt, auf den sich der gespeicherte Druck bezieht; ab dann klingt er mit der Halbwertszeit der Richtlinie ab.")),
                Dec("cat_Score", 0m, 100m, 2, L("Receptivity score", "Aufnahmewert"),
                    L("0–100: how receptive the contact still is. 100 means untouched recently.", "0–100: wie aufnahmebereit der Kontakt noch ist. 100 heißt: in letzter Zeit nicht kontaktiert.")),
                Pick("cat_Band", "cat_band", L("Attention band", "Aufmerksamkeitsstufe"),
                    L("Receptive, Loaded, Saturated or Oversaturated, from the score and the policy's thresholds.", "Aufnahmebereit, Belastet, Gesättigt oder Übersättigt, aus dem Wert und den Schwellen der Richtlinie.")),
                Date("cat_NextAllowedTouchOn", L("Next touch allowed on", "Nächster Kontakt erlaubt am"),
                    L("The earliest time the budget allows the next touch; empty when a touch is allowed now.", "Der früheste Zeitpunkt, zu dem das Budget den nächsten Kontakt erlaubt; leer, wenn jetzt ein Kontakt erlaubt ist.")),
                Date("cat_LastTouchOn", L("Last touch on", "Letzter Kontakt am"), L("When the contact was last touched.", "Wann der Kontakt zuletzt kontaktiert wurde.")),
                Date("cat_LastResponseOn", L("Last response on", "Letzte Antwort am"), L("When the contact last responded (incoming email, inbound call, completed meeting).", "Wann der Kontakt zuletzt geantwortet hat (eingehende E-Mail, eingehender Anruf, abgeschlossener Termin).")),
                Int("cat_UnansweredTouches", 0, 100000, L("Unanswered touches", "Unbeantwortete Kontakte"), L("Touches since the last response.", "Kontakte seit der letzten Antwort.")),
                Int("cat_TouchesInWindow", 0, 100000, L("Touches in window", "Kontakte im Zeitfenster"), L("Touches within the policy's rolling window.", "Kontakte im gleitenden Zeitfenster der Richtlinie.")),
                Int("cat_AutomatedTouchesInWindow", 0, 100000, L("Automated touches in window", "Automatisierte Kontakte im Zeitfenster"), L("Automated touches within the policy's rolling window.", "Automatisierte Kontakte im gleitenden Zeitfenster der Richtlinie.")),
                Money("cat_Value", L("Attention value", "Kontaktwert"),
                    L("What the contact is worth to the business; used for routing when the policy's value source is the contact value.", "Was der Kontakt dem Unternehmen wert ist; wird zur Weiterleitung verwendet, wenn die Wertquelle der Richtlinie der Kontaktwert ist.")),
                Lookup("cat_PolicyId", "cat_attentionpolicy", DeleteCascade.RemoveLink, L("Attention policy", "Aufmerksamkeitsrichtlinie"),
                    L("The policy for this contact; overrides the account's policy and the default.", "Die Richtlinie für diesen Kontakt; hat Vorrang vor der Richtlinie des Firmenkontos und dem Standard.")),
                Memo("cat_Ledger", 4000, L("Attention ledger", "Kontaktjournal"),
                    L("Compact, versioned record of recent touches kept by CrmAttention. Do not edit.", "Kompaktes, versioniertes Journal der letzten Kontakte, von CrmAttention gepflegt. Nicht bearbeiten.")));
            table.Forms.Add(new Form("main", L("Contact (Attention)", "Kontakt (Aufmerksamkeit)"),
                L("The contact with its attention: score, band, budget used, next allowed touch, value and policy, and the decisions about it.",
                  "Der Kontakt mit seiner Aufmerksamkeit: Wert, Stufe, genutztes Budget, nächster erlaubter Kontakt, Kontaktwert und Richtlinie sowie die Entscheidungen dazu."),
                new FormTab("summary", L("Summary", "Zusammenfassung"),
                    new FormSection("contact", L("Contact", "Kontakt"),
                        new FieldCell("firstname") { Label = L("First Name", "Vorname") },
                        new FieldCell("lastname") { Label = L("Last Name", "Nachname") },
                        new FieldCell("jobtitle") { Label = L("Job Title", "Position") },
                        new FieldCell("parentcustomerid") { Label = L("Company Name", "Firmenname") },
                        new FieldCell("emailaddress1") { Label = L("Email", "E-Mail") },
                        new FieldCell("telephone1") { Label = L("Business Phone", "Telefon (geschäftlich)") },
                        new FieldCell("mobilephone") { Label = L("Mobile Phone", "Mobiltelefon") },
                        new FieldCell("ownerid") { Label = L("Owner", "Besitzer") }),
                    new FormSection("consent", L("Contact preferences", "Kontakteinstellungen"),
                        new FieldCell("donotemail") { Label = L("Do not allow Emails", "Keine E-Mails zulassen") },
                        new FieldCell("donotbulkemail") { Label = L("Do not allow Bulk Emails", "Keine Massen-E-Mails zulassen") },
                        new FieldCell("donotphone") { Label = L("Do not allow Phone Calls", "Keine Telefonanrufe zulassen") },
                        new FieldCell("donotpostalmail") { Label = L("Do not allow Mails", "Keine Post zulassen") })),
                new FormTab("attention", L("Attention", "Aufmerksamkeit"),
                    new FormSection("receptivity", L("Receptivity", "Aufnahmebereitschaft"),
                        new FieldCell("cat_score") { ReadOnly = true }, new FieldCell("cat_band") { ReadOnly = true },
                        new FieldCell("cat_pressure") { ReadOnly = true }, new FieldCell("cat_pressureasof") { ReadOnly = true }),
                    new FormSection("budget", L("Budget", "Budget"),
                        new FieldCell("cat_touchesinwindow") { ReadOnly = true }, new FieldCell("cat_automatedtouchesinwindow") { ReadOnly = true },
                        new FieldCell("cat_unansweredtouches") { ReadOnly = true }, new FieldCell("cat_nextallowedtouchon") { ReadOnly = true },
                        new FieldCell("cat_lasttouchon") { ReadOnly = true }, new FieldCell("cat_lastresponseon") { ReadOnly = true }),
                    new FormSection("value", L("Value and policy", "Wert und Richtlinie"),
                        new FieldCell("cat_value"), new FieldCell("cat_policyid")),
                    new FormSection("decisions", L("Recent decisions", "Letzte Entscheidungen"),
                        new SubgridCell("contactdecisions", L("Attention decisions", "Aufmerksamkeitsentscheidungen"), "cat_attentiondecision", "active", "cat_attentiondecision_contactid"))))
            {
                HeaderFields = new[] { "cat_score", "cat_band", "cat_nextallowedtouchon", "ownerid" },
            });
            var band = Choices.Band();
            string Band(string name) => band.Options.Single(o => o.Name == name).Value(CrmAttentionSolution.OptionValuePrefix).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var contactColumns = new[]
            {
                new ViewColumn("fullname", 200), new ViewColumn("parentcustomerid", 160), new ViewColumn("cat_band", 110), new ViewColumn("cat_score", 80),
                new ViewColumn("cat_touchesinwindow", 90), new ViewColumn("cat_nextallowedtouchon", 140), new ViewColumn("cat_lastresponseon", 140), new ViewColumn("ownerid", 150),
            };
            var activeContact = new Condition("statecode", "eq", "0");
            table.Views.Add(new View("attention", L("Contacts by attention", "Kontakte nach Aufmerksamkeit"),
                L("Active contacts with their band, score and next allowed touch, most saturated first.", "Aktive Kontakte mit Stufe, Wert und nächstem erlaubtem Kontakt, am stärksten gesättigte zuerst."))
            {
                Columns = contactColumns,
                Filter = Filter.And(activeContact),
                Orders = new[] { new Order("cat_score") },
            });
            table.Views.Add(new View("saturated", L("Saturated contacts", "Gesättigte Kontakte"),
                L("Active contacts in the Saturated or Oversaturated band: give them room.", "Aktive Kontakte der Stufen Gesättigt oder Übersättigt: ihnen Raum geben."))
            {
                Columns = contactColumns,
                Filter = Filter.And(activeContact, new Condition("cat_band", "in", Band("Saturated"), Band("Oversaturated"))),
                Orders = new[] { new Order("cat_score") },
            });
            table.Views.Add(new View("touchable", L("Contacts that can be touched now", "Jetzt kontaktierbare Kontakte"),
                L("Active contacts whose own budget and whose account's cap both allow a person's touch now and who are not saturated, most receptive first.",
                  "Aktive Kontakte, deren eigenes Budget und deren Firmen-Obergrenze jetzt einen persönlichen Kontakt erlauben und die nicht gesättigt sind, aufnahmebereiteste zuerst."))
            {
                Columns = contactColumns,
                // The later of the contact's and the account's next allowed touch: both must have passed. The account's value
                // moves whenever a colleague touches another of its contacts, which the contact's stored value cannot show.
                Links = new[] { new LinkEntity("account", "accountid", "parentcustomerid", "parentaccount") },
                Filter = Filter.And(activeContact,
                    new Condition("cat_band", "not-in", Band("Saturated"), Band("Oversaturated")),
                    Filter.Or(new Condition("cat_nextallowedtouchon", "null"), new Condition("cat_nextallowedtouchon", "olderthan-x-minutes", "1")),
                    Filter.Or(new Condition("cat_nextallowedtouchon", "null") { EntityName = "parentaccount" },
                        new Condition("cat_nextallowedtouchon", "olderthan-x-minutes", "1") { EntityName = "parentaccount" })),
                Orders = new[] { new Order("cat_score", Descending: true) },
            });
            table.Charts.Add(new Chart("byband", L("Contacts by band", "Kontakte nach Stufe"),
                L("How many contacts are receptive, loaded, saturated or oversaturated.", "Wie viele Kontakte aufnahmebereit, belastet, gesättigt oder übersättigt sind."))
            {
                Type = ChartType.Pie,
                GroupBy = "cat_band",
            });
            return table;
        }

        public static Table Account()
        {
            var table = new Table("Account", "Account", isCustom: false)
            {
                DisplayName = L("Account", "Firma"),
                CollectionName = L("Accounts", "Firmen"),
                EntitySetName = "accounts",
                PrimaryIdAttribute = "accountid",
                PrimaryNameAttribute = "name",
                ObjectTypeCode = 1,
            };
            table.WithColumns(
                Sys("AccountId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
                Sys("Name", ColumnType.String, 160, RequiredLevel.ApplicationRequired),
                Sys("AccountNumber", ColumnType.String, 20),
                Sys("EMailAddress1", ColumnType.String, 100),
                Sys("Telephone1", ColumnType.String, 50),
                Sys("Address1_City", ColumnType.String, 80),
                Sys("NumberOfEmployees", ColumnType.Integer),
                SysMoney("Revenue"),
                SysMoney("Revenue_Base"),
                Sys("PrimaryContactId", ColumnType.Lookup, null, RequiredLevel.None, "contact"),
                Sys("ParentAccountId", ColumnType.Lookup, null, RequiredLevel.None, "account"),
                Sys("TransactionCurrencyId", ColumnType.Lookup, null, RequiredLevel.None, "transactioncurrency"),
                Sys("ExchangeRate", ColumnType.Decimal),
                UserOwnedSystemColumns(ActiveInactiveState, ActiveInactiveStatus),
                Dec("cat_Pressure", 0m, 100000m, 4, L("Attention pressure", "Aufmerksamkeitsdruck"),
                    L("Recency-weighted sum of the touches of all the account's contacts as of the pressure date.", "Nach Aktualität gewichtete Summe der Kontakte aller Kontakte des Firmenkontos zum Stichtag des Drucks.")),
                Date("cat_PressureAsOf", L("Pressure as of", "Druck zum Stichtag"), L("The time the stored pressure refers to.", "Der Zeitpunkt, auf den sich der gespeicherte Druck bezieht.")),
                Int("cat_TouchesInWindow", 0, 1000000, L("Touches in window", "Kontakte im Zeitfenster"), L("Touches of all the account's contacts within the account window.", "Kontakte aller Kontakte des Firmenkontos im Zeitfenster des Firmenkontos.")),
                Date("cat_NextAllowedTouchOn", L("Next touch allowed on", "Nächster Kontakt erlaubt am"),
                    L("When the account cap lets the next touch to any of the account's contacts through; empty when now. Updated whenever the account's ledger changes.",
                      "Wann die Obergrenze des Firmenkontos den nächsten Kontakt mit einem seiner Kontakte zulässt; leer, wenn sofort. Wird bei jeder Änderung des Firmenjournals aktualisiert.")),
                Lookup("cat_PolicyId", "cat_attentionpolicy", DeleteCascade.RemoveLink, L("Attention policy", "Aufmerksamkeitsrichtlinie"),
                    L("The policy for the account's contacts unless a contact has its own.", "Die Richtlinie für die Kontakte des Firmenkontos, sofern ein Kontakt keine eigene hat.")),
                Memo("cat_Ledger", 10000, L("Attention ledger", "Kontaktjournal"),
                    L("Compact, versioned record of recent touches of the account's contacts kept by CrmAttention. Do not edit.", "Kompaktes, versioniertes Journal der letzten Kontakte mit Kontakten des Firmenkontos, von CrmAttention gepflegt. Nicht bearbeiten.")));
            return table;
        }
    }
}
