using System;
using System.Collections.Generic;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// The privilege and access checks of one request, between PreValidation and PreOperation. Running inside the
    /// pipeline means every request is checked — from a test, from a plugin, an item of ExecuteMultiple or
    /// ExecuteTransaction, the Create or Update an Upsert issues, SetState's Update — against the rows of its own
    /// transaction, as the user the request runs as. Which access each message needs: "Data operations and access
    /// rights" (learn.microsoft.com/power-apps/developer/data-platform/security-access-rights).
    /// </summary>
    internal sealed class RequestAuthorizer : IRequestAuthorizer
    {
        /// <summary>Platform columns a caller cannot set (ignored by the core operation), so they need no Append check.</summary>
        private static readonly HashSet<string> PlatformLookups = new(StringComparer.Ordinal)
        {
            "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
        };

        private readonly DataverseSecurity security;
        private readonly MetadataCatalog metadata;
        private readonly Organization organization;

        public RequestAuthorizer(DataverseSecurity security, MetadataCatalog metadata, Organization organization)
        {
            this.security = security;
            this.metadata = metadata;
            this.organization = organization;
        }

        public void Authorize(string messageName, ParameterCollection input, Guid userId, StoreTransaction transaction)
        {
            if (!security.Enforced) return;
            var checks = new AccessChecks(metadata, transaction, organization, userId);
            switch (messageName)
            {
                case "Create":
                    Create(checks, transaction, (Entity)input["Target"]);
                    break;
                case "Update":
                    Update(checks, transaction, (Entity)input["Target"]);
                    break;
                case "Delete":
                case "Retrieve":
                    // A missing row is the core operation's fault (does not exist), as on the platform.
                    var target = (EntityReference)input["Target"];
                    if (transaction.Get(target.LogicalName, target.Id) is { } row)
                    {
                        checks.Demand(messageName == "Delete" ? TableAccess.Delete : TableAccess.Read, target.LogicalName, row);
                    }
                    break;
                case "Associate":
                case "Disassociate":
                    Associate(checks, transaction, input);
                    break;
                case "Send":
                    // SendEmail needs prvReadActivity, prvWriteActivity and prvReadUser (SendEmail message privileges).
                    if (input.TryGetValue("EmailId", out var emailId) && emailId is Guid id && transaction.Get("email", id) is { } email)
                    {
                        checks.Demand(TableAccess.Read, "email", email);
                        checks.Demand(TableAccess.Write, "email", email);
                        checks.DemandPrivilege(PrivilegeNames.For(TableAccess.Read, "systemuser"), "systemuser");
                    }
                    break;
                default:
                    // A custom API with an ExecutePrivilegeName: only holders of that privilege may call it.
                    if (metadata.ExecutePrivilegeOf(messageName) is { } privilege) checks.DemandPrivilege(privilege);
                    break;
            }
        }

        // Create needs Create at a level that reaches the new row's owner; the owner must be able to read the row
        // ("create a record and be the record owner: CREATE, READ"); setting another owner is an assignment (Assign).
        private void Create(AccessChecks checks, IRowReader reader, Entity target)
        {
            var owner = checks.OwnerOfNew(target.LogicalName, target);
            checks.Demand(TableAccess.Create, target.LogicalName, target.Id, owner);
            if (!owner.OrganizationOwned)
            {
                var ownerReference = target.GetAttributeValue<EntityReference>("ownerid");
                if (ownerReference != null && ownerReference.Id != checks.Principal.Id) checks.Demand(TableAccess.Assign, target.LogicalName, target.Id, owner);
                checks.DemandOwnerCanRead(target.LogicalName, ownerReference ?? new EntityReference("systemuser", checks.Principal.Id));
            }
            AppendLookups(checks, reader, target, target.Id, owner);
        }

        private void Update(AccessChecks checks, IRowReader reader, Entity target)
        {
            if (reader.Get(target.LogicalName, target.Id) is not { } row) return;
            var owner = checks.OwnerOf(target.LogicalName, row);
            var newOwner = target.GetAttributeValue<EntityReference>("ownerid");
            var changesOwner = newOwner != null && newOwner.Id != owner.OwnerId;
            var writes = false;
            foreach (var column in target.Attributes.Keys)
            {
                if (column != "ownerid") writes = true;
            }
            if (changesOwner)
            {
                // Assigning needs Assign, Write and Read on the row; the new owner must be able to read it.
                checks.Demand(TableAccess.Assign, target.LogicalName, target.Id, owner);
                checks.Demand(TableAccess.Write, target.LogicalName, target.Id, owner);
                checks.Demand(TableAccess.Read, target.LogicalName, target.Id, owner);
                checks.DemandOwnerCanRead(target.LogicalName, newOwner!);
            }
            if (writes) checks.Demand(TableAccess.Write, target.LogicalName, target.Id, owner);
            AppendLookups(checks, reader, target, target.Id, owner);
        }

        // Setting a lookup associates two records: Append on the record that holds the lookup, AppendTo on the one it
        // points to (how-record-access-determined). Party lists are not checked.
        private static void AppendLookups(AccessChecks checks, IRowReader reader, Entity target, Guid recordId, RowOwner owner)
        {
            var appendChecked = false;
            foreach (var attribute in target.Attributes)
            {
                if (attribute.Value is not EntityReference reference || PlatformLookups.Contains(attribute.Key)) continue;
                if (!appendChecked)
                {
                    checks.Demand(TableAccess.Append, target.LogicalName, recordId, owner);
                    appendChecked = true;
                }
                var referenced = reader.Get(reference.LogicalName, reference.Id);
                if (referenced != null) checks.Demand(TableAccess.AppendTo, reference.LogicalName, referenced);
            }
        }

        // N:N: Append on both records; 1:N: Append on the child (the row holding the lookup), AppendTo on the parent.
        private void Associate(AccessChecks checks, IRowReader reader, ParameterCollection input)
        {
            if (!input.TryGetValue("Target", out var t) || t is not EntityReference target) return;
            if (!input.TryGetValue("Relationship", out var r) || r is not Relationship relationship) return;
            if (!input.TryGetValue("RelatedEntities", out var e) || e is not EntityReferenceCollection related) return;
            var relationshipMetadata = metadata.Relationship(relationship.SchemaName);
            if (reader.Get(target.LogicalName, target.Id) is not { } targetRow) return;
            foreach (var other in related)
            {
                if (reader.Get(other.LogicalName, other.Id) is not { } otherRow) continue;
                if (relationshipMetadata is OneToManyRelationship oneToMany)
                {
                    var targetIsParent = target.LogicalName == oneToMany.ReferencedEntity;
                    var (parentName, parentRow) = targetIsParent ? (target.LogicalName, targetRow) : (other.LogicalName, otherRow);
                    var (childName, childRow) = targetIsParent ? (other.LogicalName, otherRow) : (target.LogicalName, targetRow);
                    checks.Demand(TableAccess.Append, childName, childRow);
                    checks.Demand(TableAccess.AppendTo, parentName, parentRow);
                }
                else
                {
                    checks.Demand(TableAccess.Append, target.LogicalName, targetRow);
                    checks.Demand(TableAccess.Append, other.LogicalName, otherRow);
                }
            }
        }
    }
}
