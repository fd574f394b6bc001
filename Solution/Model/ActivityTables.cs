using System.Collections.Generic;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The activity tables CrmAttention watches. Each gets the same five columns: origin, the attention decision
    /// and reason written by the PreOperation step, the field-secured override reason and the id of the
    /// suppressed activity a routed call came from.
    /// </summary>
    public static class ActivityTables
    {
        public static Table Email() => Activity("Email", "Email", "emails", 4202, L("Email", "E-Mail"), L("Emails", "E-Mails"),
            new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") },
            new[] { (1, "Draft"), (8, "Failed"), (2, "Completed"), (3, "Sent"), (4, "Received"), (6, "Pending Send"), (7, "Sending"), (5, "Canceled") },
            new FormCell[] { new FieldCell("from") { Label = L("From", "Von") }, new FieldCell("to") { Label = L("To", "An") }, new FieldCell("cc") { Label = L("Cc", "Cc") } },
            PartyList("From"), PartyList("To"), PartyList("Cc"), PartyList("Bcc"),
            Sys("DirectionCode", ColumnType.Boolean),
            Sys("Sender", ColumnType.String, 250),
            Sys("ToRecipients", ColumnType.String, 500),
            Sys("MessageId", ColumnType.String, 320),
            Sys("InReplyTo", ColumnType.String, 320),
            Sys("ParentActivityId", ColumnType.Lookup, null, RequiredLevel.None, "email"),
            Sys("Category", ColumnType.String, 250),
            // Written by the platform's Send: the plugins and the in-memory Dataverse read them, so metadata lists them.
            Sys("TrackingToken", ColumnType.String, 50),
            Sys("SubmittedBy", ColumnType.String, 250),
            Sys("SentOn", ColumnType.DateTime));

        public static Table PhoneCall()
        {
            var table = PhoneCallTable();
            table.Views.Add(new View("routed", L("Routed calls", "Weitergeleitete Anrufe"),
                L("Open phone calls CrmAttention created for a person instead of an automated touch, earliest due first.",
                  "Offene Anrufe, die CrmAttention statt eines automatisierten Kontakts für eine Person angelegt hat, früheste Fälligkeit zuerst."))
            {
                Columns = new[]
                {
                    new ViewColumn("subject", 250), new ViewColumn("regardingobjectid", 160), new ViewColumn("scheduledend", 130),
                    new ViewColumn("ownerid", 150), new ViewColumn("cat_attentionreason", 160), new ViewColumn("createdon", 130),
                },
                Filter = Filter.And(new Condition("statecode", "eq", "0"), new Condition("cat_routedfromid", "not-null")),
                Orders = new[] { new Order("scheduledend") },
            });
            return table;
        }

        private static Table PhoneCallTable() => Activity("PhoneCall", "PhoneCall", "phonecalls", 4210, L("Phone Call", "Telefonanruf"), L("Phone Calls", "Telefonanrufe"),
            new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") },
            new[] { (1, "Open"), (2, "Made"), (4, "Received"), (3, "Canceled") },
            new FormCell[] { new FieldCell("from") { Label = L("Call From", "Anruf von") }, new FieldCell("to") { Label = L("Call To", "Anruf an") }, new FieldCell("phonenumber") { Label = L("Phone Number", "Telefonnummer") }, new FieldCell("cat_callresult") },
            PartyList("From"), PartyList("To"),
            Sys("DirectionCode", ColumnType.Boolean),
            Sys("PhoneNumber", ColumnType.String, 200),
            Sys("Category", ColumnType.String, 250),
            Pick("cat_CallResult", "cat_callresult", L("Call result", "Anrufergebnis"),
                L("How the call ended. Connected counts the call as the contact's response too (they are in conversation); set it when you complete the call.",
                  "Wie der Anruf endete. Verbunden zählt den Anruf auch als Antwort des Kontakts (er ist im Gespräch); beim Abschließen des Anrufs setzen.")));

        public static Table Appointment() => Activity("Appointment", "Appointment", "appointments", 4201, L("Appointment", "Termin"), L("Appointments", "Termine"),
            new[] { (0, "Open"), (1, "Completed"), (2, "Canceled"), (3, "Scheduled") },
            new[] { (1, "Free"), (2, "Tentative"), (3, "Completed"), (4, "Canceled"), (5, "Busy"), (6, "Out of Office") },
            new FormCell[] { new FieldCell("requiredattendees") { Label = L("Required", "Erforderlich") }, new FieldCell("location") { Label = L("Location", "Ort") }, new FieldCell("scheduledstart") { Label = L("Start Time", "Beginn") } },
            PartyList("RequiredAttendees"), PartyList("OptionalAttendees"), PartyList("Organizer"),
            Sys("Location", ColumnType.String, 200),
            Sys("IsAllDayEvent", ColumnType.Boolean),
            Sys("Category", ColumnType.String, 250));

        /// <summary>Constants class TaskActivity, not Task, so it never clashes with System.Threading.Tasks.Task.</summary>
        public static Table Task() => Activity("Task", "TaskActivity", "tasks", 4212, L("Task", "Aufgabe"), L("Tasks", "Aufgaben"),
            new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") },
            new[] { (2, "Not Started"), (3, "In Progress"), (4, "Waiting on someone else"), (7, "Deferred"), (5, "Completed"), (6, "Canceled") },
            new FormCell[] { new FieldCell("category") { Label = L("Category", "Kategorie") } },
            Sys("Category", ColumnType.String, 250),
            Sys("Subcategory", ColumnType.String, 250),
            Sys("PercentComplete", ColumnType.Integer));

        public static Table Letter() => Activity("Letter", "Letter", "letters", 4207, L("Letter", "Brief"), L("Letters", "Briefe"),
            new[] { (0, "Open"), (1, "Completed"), (2, "Canceled") },
            new[] { (1, "Open"), (2, "Draft"), (3, "Received"), (4, "Sent"), (5, "Canceled") },
            new FormCell[] { new FieldCell("from") { Label = L("Sender", "Absender") }, new FieldCell("to") { Label = L("Recipient", "Empfänger") }, new FieldCell("address") { Label = L("Address", "Adresse") } },
            PartyList("From"), PartyList("To"),
            Sys("DirectionCode", ColumnType.Boolean),
            Sys("Address", ColumnType.String, 200),
            Sys("Category", ColumnType.String, 250));

        private static Column PartyList(string schemaName) =>
            Sys(schemaName, ColumnType.PartyList, null, RequiredLevel.None, "account", "contact", "lead", "systemuser", "queue");

        private static Table Activity(string schemaName, string constantsName, string entitySet, int objectTypeCode, Label name, Label collection,
            (int, string)[] state, (int, string)[] status, FormCell[] specificCells, params Column[] specific)
        {
            var table = new Table(schemaName, constantsName, isCustom: false)
            {
                DisplayName = name,
                CollectionName = collection,
                EntitySetName = entitySet,
                PrimaryIdAttribute = "activityid",
                PrimaryNameAttribute = "subject",
                ObjectTypeCode = objectTypeCode,
                IsActivity = true,
            };
            var common = new List<Column>
            {
                Sys("ActivityId", ColumnType.Uniqueidentifier, null, RequiredLevel.SystemRequired),
                Sys("ActivityTypeCode", ColumnType.EntityName, null, RequiredLevel.SystemRequired),
                Sys("Subject", ColumnType.String, 400),
                Sys("Description", ColumnType.Memo, 100000),
                Sys("RegardingObjectId", ColumnType.Lookup, null, RequiredLevel.None, "account", "contact", "opportunity", "lead"),
                Sys("ScheduledStart", ColumnType.DateTime),
                Sys("ScheduledEnd", ColumnType.DateTime),
                Sys("ActualStart", ColumnType.DateTime),
                Sys("ActualEnd", ColumnType.DateTime),
                Sys("ScheduledDurationMinutes", ColumnType.Integer),
                Sys("ActualDurationMinutes", ColumnType.Integer),
                SysOptions("PriorityCode", ColumnType.Picklist, (0, "Low"), (1, "Normal"), (2, "High")),
                Sys("IsRegularActivity", ColumnType.Boolean),
                Sys("IsWorkflowCreated", ColumnType.Boolean),
            };
            table.WithColumns(common, specific, UserOwnedSystemColumns(state, status),
                Pick("cat_Origin", "cat_origin", L("Attention origin", "Aufmerksamkeitsherkunft"),
                    L("Human, Automated or Transactional, as CrmAttention classified the activity.", "Person, Automatisiert oder Transaktional, wie CrmAttention die Aktivität eingestuft hat.")),
                Pick("cat_AttentionDecision", "cat_decisionkind", L("Attention decision", "Aufmerksamkeitsentscheidung"),
                    L("What CrmAttention decided for this touch.", "Was CrmAttention für diesen Kontaktversuch entschieden hat.")),
                Pick("cat_AttentionReason", "cat_reasoncode", L("Attention reason", "Aufmerksamkeitsgrund"),
                    L("The rule behind the decision.", "Die Regel hinter der Entscheidung.")),
                new Column("cat_OverrideReason", ColumnType.String)
                {
                    MaxLength = 400,
                    IsSecured = true,
                    DisplayName = L("Attention override reason", "Grund der Übersteuerung"),
                    Description = L("Why this touch goes ahead despite the budget. Only users with the CrmAttention Override field security profile can set it; setting it lets a blocked touch through and is logged.",
                                    "Warum dieser Kontakt trotz Budget stattfindet. Nur Benutzer mit dem Feldsicherheitsprofil CrmAttention Override können ihn setzen; er lässt einen blockierten Kontakt zu und wird protokolliert."),
                },
                Text("cat_RoutedFromId", 100, L("Routed from", "Weitergeleitet von"),
                    L("Id of the suppressed automated activity this call was created for.", "ID der unterdrückten automatisierten Aktivität, für die dieser Anruf angelegt wurde.")));
            var details = new List<FormCell> { new FieldCell("subject") { Label = L("Subject", "Betreff") } };
            details.AddRange(specificCells);
            details.Add(new FieldCell("regardingobjectid") { Label = L("Regarding", "Bezug") });
            details.Add(new FieldCell("scheduledend") { Label = L("Due", "Fällig") });
            details.Add(new FieldCell("ownerid") { Label = L("Owner", "Besitzer") });
            details.Add(new FieldCell("description") { Label = L("Description", "Beschreibung") });
            table.Forms.Add(new Form("main", L(name.En + " (Attention)", name.De + " (Aufmerksamkeit)"),
                L("The " + name.En.ToLowerInvariant() + " with what CrmAttention decided about it. An override reason, for users with the override profile, lets a blocked touch through.",
                  name.De + " mit der Entscheidung von CrmAttention. Ein Übersteuerungsgrund lässt für Benutzer mit dem Übersteuerungsprofil einen blockierten Kontakt zu."),
                new FormTab("general", L("General", "Allgemein"),
                    new FormSection("details", name, details.ToArray()),
                    new FormSection("attention", L("Attention", "Aufmerksamkeit"),
                        new FieldCell("cat_origin") { ReadOnly = true }, new FieldCell("cat_attentiondecision") { ReadOnly = true },
                        new FieldCell("cat_attentionreason") { ReadOnly = true }, new FieldCell("cat_overridereason"),
                        new FieldCell("cat_routedfromid") { ReadOnly = true }))));
            return table;
        }
    }
}
