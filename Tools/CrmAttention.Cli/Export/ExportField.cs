using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CrmAttention.Cli.Export
{
    /// <summary>
    /// One column of a Dataverse export as the tool understands it: the logical name and the header texts Dataverse
    /// writes for it (the logical name in Web API and `pac data` exports; the English or German display name in an
    /// Advanced Find or view export, with the "(Do Not Modify)" prefix of the key column). Headers are compared
    /// without case, spaces or punctuation.
    /// </summary>
    public sealed class ExportField
    {
        public ExportField(string logicalName, bool required, params string[] aliases)
        {
            LogicalName = logicalName;
            Required = required;
            Aliases = new[] { logicalName }.Concat(aliases).ToArray();
        }

        public string LogicalName { get; }

        public bool Required { get; }

        public IReadOnlyList<string> Aliases { get; }

        /// <summary>"(Do Not Modify) Contact" → "contact"; "Do not allow Emails" → "donotallowemails".</summary>
        public static string Normalize(string header)
        {
            var h = header.Trim();
            const string DoNotModify = "(Do Not Modify)";
            if (h.StartsWith(DoNotModify, StringComparison.OrdinalIgnoreCase)) h = h.Substring(DoNotModify.Length);
            const string NichtAendern = "(Nicht ändern)";
            if (h.StartsWith(NichtAendern, StringComparison.OrdinalIgnoreCase)) h = h.Substring(NichtAendern.Length);
            var sb = new StringBuilder(h.Length);
            foreach (var c in h)
            {
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }

    /// <summary>Which column of a file holds which field; built once from the header row.</summary>
    public sealed class HeaderMap
    {
        private readonly Dictionary<string, int> _index;

        private HeaderMap(Dictionary<string, int> index)
        {
            _index = index;
        }

        /// <summary>The column index of <paramref name="field"/>, or −1 when the file has no such column.</summary>
        public int this[ExportField field] => _index.TryGetValue(field.LogicalName, out var i) ? i : -1;

        /// <summary>
        /// Maps the header row; throws a <see cref="CliException"/> naming every required column that is missing, with
        /// the header texts that would be accepted for it.
        /// </summary>
        public static HeaderMap Resolve(string fileName, IReadOnlyList<string> headers, IReadOnlyList<ExportField> fields)
        {
            var normalized = headers.Select(ExportField.Normalize).ToList();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var field in fields)
            {
                var found = -1;
                foreach (var alias in field.Aliases)
                {
                    found = normalized.IndexOf(ExportField.Normalize(alias));
                    if (found >= 0) break;
                }
                if (found >= 0) index[field.LogicalName] = found;
                else if (field.Required) missing.Add(field.LogicalName + " (" + string.Join(", ", field.Aliases.Skip(1).Select(a => "\"" + a + "\"")) + ")");
            }
            if (missing.Count > 0)
            {
                throw new CliException(
                    fileName + ": required column(s) missing: " + string.Join("; ", missing) + ". The header row has: " + string.Join(", ", headers) + ".",
                    fileName + ": Pflichtspalte(n) fehlen: " + string.Join("; ", missing) + ". Die Kopfzeile enthält: " + string.Join(", ", headers) + ".");
            }
            return new HeaderMap(index);
        }
    }

    /// <summary>The columns of the three exports the tool reads (docs/cli.md lists them).</summary>
    public static class ExportSchema
    {
        public static class Contacts
        {
            public static readonly ExportField ContactId = new ExportField("contactid", true, "Contact", "Kontakt", "Contact ID");
            public static readonly ExportField FullName = new ExportField("fullname", false, "Full Name", "Vollständiger Name");
            public static readonly ExportField ParentCustomer = new ExportField("parentcustomerid", false, "Company Name", "Firmenname", "Account", "accountid");
            public static readonly ExportField Owner = new ExportField("ownerid", false, "Owner", "Besitzer");
            public static readonly ExportField DoNotEmail = new ExportField("donotemail", false, "Do not allow Emails", "E-Mails nicht zulassen");
            public static readonly ExportField DoNotPhone = new ExportField("donotphone", false, "Do not allow Phone Calls", "Telefonanrufe nicht zulassen");
            public static readonly ExportField DoNotBulkEmail = new ExportField("donotbulkemail", false, "Do not allow Bulk Emails", "Massen-E-Mails nicht zulassen");
            public static readonly ExportField DoNotPostalMail = new ExportField("donotpostalmail", false, "Do not allow Mails", "Post nicht zulassen");
            public static readonly ExportField Value = new ExportField("cat_value", false, "Value", "Wert", "Contact Value");

            public static readonly IReadOnlyList<ExportField> All = new[] { ContactId, FullName, ParentCustomer, Owner, DoNotEmail, DoNotPhone, DoNotBulkEmail, DoNotPostalMail, Value };
        }

        public static class Accounts
        {
            public static readonly ExportField AccountId = new ExportField("accountid", true, "Account", "Firma", "Account ID");
            public static readonly ExportField Name = new ExportField("name", false, "Account Name", "Firmenname");
            public static readonly ExportField Revenue = new ExportField("revenue", false, "Annual Revenue", "Jahresumsatz");
            public static readonly ExportField Owner = new ExportField("ownerid", false, "Owner", "Besitzer");

            public static readonly IReadOnlyList<ExportField> All = new[] { AccountId, Name, Revenue, Owner };
        }

        public static class Activities
        {
            public static readonly ExportField ActivityId = new ExportField("activityid", true, "Activity", "Aktivität", "Activity ID");
            public static readonly ExportField ActivityType = new ExportField("activitytypecode", true, "Activity Type", "Aktivitätstyp");
            public static readonly ExportField Contact = new ExportField("contactid", true, "regardingobjectid", "partyid", "Regarding", "Bezug", "Contact", "Kontakt", "Party");
            public static readonly ExportField Channel = new ExportField("cat_channel", false, "Channel", "Kanal");
            public static readonly ExportField Origin = new ExportField("cat_origin", false, "Origin", "Herkunft");
            public static readonly ExportField Direction = new ExportField("directioncode", false, "Direction", "Richtung");
            public static readonly ExportField State = new ExportField("statecode", false, "Activity Status", "Aktivitätsstatus", "Status");
            public static readonly ExportField ActualEnd = new ExportField("actualend", false, "Actual End", "Tatsächliches Ende");
            public static readonly ExportField SentOn = new ExportField("senton", false, "Date Sent", "Sendedatum");
            public static readonly ExportField CreatedOn = new ExportField("createdon", false, "Created On", "Erstellt am");
            public static readonly ExportField Owner = new ExportField("ownerid", false, "Owner", "Besitzer");

            public static readonly IReadOnlyList<ExportField> All = new[] { ActivityId, ActivityType, Contact, Channel, Origin, Direction, State, ActualEnd, SentOn, CreatedOn, Owner };

            public static readonly IReadOnlyList<ExportField> Times = new[] { ActualEnd, SentOn, CreatedOn };
        }
    }
}
