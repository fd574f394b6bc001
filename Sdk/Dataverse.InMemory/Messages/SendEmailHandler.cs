using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Platform;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// SendEmail (message "Send", primary table email, images on EmailId). The email must be open. Parties are
    /// resolved: a party with a record gets that record's email address as addressused, an address-only party is
    /// matched to a contact, account, lead or user with that address. IssueSend = true leaves the email
    /// Completed / Pending Send (6) for the mailbox to deliver; IssueSend = false only marks it Completed / Sent (3).
    /// </summary>
    internal sealed class SendEmailHandler : MessageHandler
    {
        private const int StatusSent = 3;
        private const int StatusPendingSend = 6;
        private static readonly string[] PartyColumns = { "from", "to", "cc", "bcc" };
        private static readonly (string Table, string Column)[] AddressSources =
        {
            ("contact", "emailaddress1"), ("account", "emailaddress1"), ("lead", "emailaddress1"), ("systemuser", "internalemailaddress"), ("queue", "emailaddress"),
        };

        private int trackingSequence;

        public override string RequestName => "SendEmail";

        public override string MessageName => "Send";

        public override PrimaryRecord? Primary(ParameterCollection input) =>
            input.TryGetValue("EmailId", out var id) && id is Guid emailId ? new PrimaryRecord("email", emailId) : null;

        public override void Execute(CoreOperation operation)
        {
            if (!operation.Input.TryGetValue("EmailId", out var idValue) || idValue is not Guid emailId)
            {
                throw DataverseFault.MissingField("EmailId");
            }
            var issueSend = operation.Input.TryGetValue("IssueSend", out var issue) && issue is bool b && b;
            var tx = operation.Transaction;
            var email = tx.Get("email", emailId) ?? throw DataverseFault.DoesNotExist("email", emailId);
            if (email.GetAttributeValue<OptionSetValue>("statecode")?.Value != 0)
            {
                throw DataverseFault.Localized(ErrorCodes.ActivityClosed,
                    "This email has already been sent or canceled; only an open (draft) email can be sent.",
                    "Diese E-Mail wurde bereits gesendet oder abgebrochen; nur eine offene E-Mail (Entwurf) kann gesendet werden.");
            }

            var change = new Entity("email", emailId);
            foreach (var column in PartyColumns)
            {
                var parties = email.GetAttributeValue<EntityCollection>(column);
                if (parties != null) change[column] = Resolve(tx, parties);
            }
            if (email.GetAttributeValue<EntityCollection>("from") is not { Entities.Count: > 0 })
            {
                // An email without a sender is sent from the calling user.
                change["from"] = Resolve(tx, new EntityCollection(new List<Entity> { Party(new EntityReference("systemuser", operation.UserId), null) }));
            }

            var token = operation.Input.TryGetValue("TrackingToken", out var tokenValue) && tokenValue is string given && given.Length > 0
                ? given
                : email.GetAttributeValue<string>("trackingtoken") ?? NextTrackingToken();
            var now = operation.World.Clock.UtcNow;
            change["trackingtoken"] = token;
            change["statecode"] = new OptionSetValue(1);
            change["statuscode"] = new OptionSetValue(issueSend ? StatusPendingSend : StatusSent);
            change["submittedby"] = operation.World.Organization.UserName(tx, operation.UserId);
            if (!issueSend) change["senton"] = now;
            if (email.GetAttributeValue<DateTime?>("actualend") == null) change["actualend"] = now;
            operation.World.Records.Update(tx, operation.World.Records.OnlyKnownColumns(change), operation.UserId, Microsoft.Xrm.Sdk.ConcurrencyBehavior.Default);
            operation.Output["Subject"] = email.GetAttributeValue<string>("subject");
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            response.Results["Subject"] = output.TryGetValue("Subject", out var subject) ? subject : null;
            return response;
        }

        private string NextTrackingToken() =>
            "CRM:" + System.Threading.Interlocked.Increment(ref trackingSequence).ToString("D7", CultureInfo.InvariantCulture);

        private static EntityCollection Resolve(Storage.IRowReader reader, EntityCollection parties)
        {
            var resolved = new List<Entity>();
            foreach (var party in parties.Entities)
            {
                var partyId = party.GetAttributeValue<EntityReference>("partyid");
                var address = party.GetAttributeValue<string>("addressused");
                if (partyId != null && string.IsNullOrEmpty(address)) address = AddressOf(reader, partyId);
                if (partyId == null && !string.IsNullOrEmpty(address)) partyId = FindByAddress(reader, address!);
                resolved.Add(Party(partyId, address));
            }
            return new EntityCollection(resolved) { EntityName = PlatformTables.ActivityParty };
        }

        private static Entity Party(EntityReference? partyId, string? address)
        {
            var party = new Entity(PlatformTables.ActivityParty);
            if (partyId != null) party["partyid"] = new EntityReference(partyId.LogicalName, partyId.Id);
            if (!string.IsNullOrEmpty(address)) party["addressused"] = address;
            return party;
        }

        private static string? AddressOf(Storage.IRowReader reader, EntityReference party)
        {
            var row = reader.Get(party.LogicalName, party.Id);
            if (row == null) return null;
            var column = AddressSources.FirstOrDefault(s => s.Table == party.LogicalName).Column ?? "emailaddress1";
            return row.GetAttributeValue<string>(column);
        }

        private static EntityReference? FindByAddress(Storage.IRowReader reader, string address)
        {
            foreach (var (table, column) in AddressSources)
            {
                var match = reader.Scan(table).FirstOrDefault(row => string.Equals(row.GetAttributeValue<string>(column), address, StringComparison.OrdinalIgnoreCase));
                if (match != null) return new EntityReference(table, match.Id);
            }
            return null;
        }
    }
}
