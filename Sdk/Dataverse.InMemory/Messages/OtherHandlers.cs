using System;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// Upsert: looks the row up by Target.Id or by its key attributes and then issues Update or Create, whose own
    /// steps run (use-upsert-insert-update-record).
    /// </summary>
    internal sealed class UpsertHandler : MessageHandler
    {
        public override string RequestName => "Upsert";

        public override void Execute(CoreOperation operation)
        {
            var target = Required<Entity>(operation.Input, "Target");
            var existing = Find(operation, target);
            var row = new Entity(target.LogicalName);
            foreach (var attribute in target.Attributes) row.Attributes[attribute.Key] = attribute.Value;
            OrganizationRequest inner;
            if (existing != null)
            {
                row.Id = existing.Id;
                foreach (var key in target.KeyAttributes) row.Attributes.Remove(key.Key);
                inner = new UpdateRequest { Target = row };
            }
            else
            {
                row.Id = target.Id;
                foreach (var key in target.KeyAttributes)
                {
                    if (!row.Contains(key.Key)) row[key.Key] = key.Value;
                }
                inner = new CreateRequest { Target = row };
            }
            var response = operation.World.Pipeline.Execute(inner, operation.NestedScope);
            var id = existing?.Id ?? ((CreateResponse)response).id;
            operation.Output["RecordCreated"] = existing == null;
            operation.Output["Target"] = new EntityReference(target.LogicalName, id);
            operation.Context.PrimaryEntityId = id;
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new UpsertResponse { ResponseName = RequestName };
            response.Results["RecordCreated"] = output["RecordCreated"];
            response.Results["Target"] = output["Target"];
            return response;
        }

        private static Entity? Find(CoreOperation operation, Entity target)
        {
            if (target.Id != Guid.Empty) return operation.Transaction.Get(target.LogicalName, target.Id);
            if (target.KeyAttributes.Count == 0) throw DataverseFault.InvalidArgument("Upsert needs Target.Id or Target.KeyAttributes.", "Upsert braucht Target.Id oder Target.KeyAttributes.");
            var keys = target.KeyAttributes.ToList();
            var matches = operation.Transaction.Scan(target.LogicalName)
                .Where(row => keys.All(k => row.Attributes.TryGetValue(k.Key, out var v) && Equals(Normalize(v), Normalize(k.Value))))
                .Take(2)
                .ToList();
            if (matches.Count > 1)
            {
                throw DataverseFault.DuplicateKey(target.LogicalName, matches[1].Id);
            }
            return matches.FirstOrDefault();
        }

        private static object? Normalize(object? value) => value switch
        {
            EntityReference r => r.Id,
            OptionSetValue o => o.Value,
            Money m => m.Value,
            string s => s.ToUpperInvariant(),
            _ => value,
        };
    }

    /// <summary>Associate and Disassociate over a registered relationship (N:N intersect rows or a 1:N lookup).</summary>
    internal sealed class AssociateHandler : MessageHandler
    {
        private readonly bool associate;

        public AssociateHandler(bool associate)
        {
            this.associate = associate;
        }

        public override string RequestName => associate ? "Associate" : "Disassociate";

        public override void Execute(CoreOperation operation)
        {
            var target = Required<EntityReference>(operation.Input, "Target");
            var relationship = Required<Relationship>(operation.Input, "Relationship");
            var related = Required<EntityReferenceCollection>(operation.Input, "RelatedEntities");
            var metadata = operation.World.Metadata.Relationship(relationship.SchemaName)
                ?? throw DataverseFault.InvalidArgument(
                    "The relationship '{0}' is not defined; register it with Metadata.AddRelationship.",
                    "Die Beziehung '{0}' ist nicht definiert; registrieren Sie sie mit Metadata.AddRelationship.", relationship.SchemaName);
            var tx = operation.Transaction;
            Exists(tx, target);
            foreach (var other in related)
            {
                Exists(tx, other);
                switch (metadata)
                {
                    case ManyToManyRelationship n: Intersect(operation, n, target, other); break;
                    case OneToManyRelationship o: Lookup(operation, o, target, other); break;
                    default: throw new NotSupportedException($"Relationship type {metadata.GetType().Name} is not supported.");
                }
            }
        }

        public override OrganizationResponse Respond(ParameterCollection output) =>
            associate ? new AssociateResponse { ResponseName = RequestName } : new DisassociateResponse { ResponseName = RequestName };

        private static void Exists(IRowReader reader, EntityReference reference)
        {
            if (reader.Get(reference.LogicalName, reference.Id) == null) throw DataverseFault.DoesNotExist(reference.LogicalName, reference.Id);
        }

        private void Intersect(CoreOperation operation, ManyToManyRelationship relationship, EntityReference target, EntityReference other)
        {
            Guid first, second;
            if (target.LogicalName == relationship.Entity1 && other.LogicalName == relationship.Entity2) (first, second) = (target.Id, other.Id);
            else if (target.LogicalName == relationship.Entity2 && other.LogicalName == relationship.Entity1) (first, second) = (other.Id, target.Id);
            else throw DataverseFault.InvalidArgument(
                "The relationship '{0}' links {1} and {2}, not {3} and {4}.", "Die Beziehung '{0}' verbindet {1} und {2}, nicht {3} und {4}.",
                relationship.SchemaName, relationship.Entity1, relationship.Entity2, target.LogicalName, other.LogicalName);

            var tx = operation.Transaction;
            var existing = tx.Scan(relationship.IntersectEntity).FirstOrDefault(row =>
                row.GetAttributeValue<Guid>(relationship.Entity1IntersectAttribute) == first &&
                row.GetAttributeValue<Guid>(relationship.Entity2IntersectAttribute) == second);
            if (associate)
            {
                if (existing != null) throw DataverseFault.DuplicateKey(relationship.IntersectEntity, existing.Id);
                var id = operation.World.NewId();
                var row = new Entity(relationship.IntersectEntity, id);
                row[relationship.IntersectEntity + "id"] = id;
                row[relationship.Entity1IntersectAttribute] = first;
                row[relationship.Entity2IntersectAttribute] = second;
                row["versionnumber"] = operation.World.Store.NextVersion();
                tx.Lock(relationship.IntersectEntity, id);
                tx.Put(row);
            }
            else if (existing != null)
            {
                tx.Lock(relationship.IntersectEntity, existing.Id);
                tx.Remove(relationship.IntersectEntity, existing.Id);
            }
        }

        private void Lookup(CoreOperation operation, OneToManyRelationship relationship, EntityReference target, EntityReference other)
        {
            EntityReference parent, child;
            if (target.LogicalName == relationship.ReferencedEntity && other.LogicalName == relationship.ReferencingEntity) (parent, child) = (target, other);
            else if (target.LogicalName == relationship.ReferencingEntity && other.LogicalName == relationship.ReferencedEntity) (parent, child) = (other, target);
            else throw DataverseFault.InvalidArgument(
                "The relationship '{0}' links {1} to {2}, not {3} and {4}.", "Die Beziehung '{0}' verbindet {1} mit {2}, nicht {3} und {4}.",
                relationship.SchemaName, relationship.ReferencedEntity, relationship.ReferencingEntity, target.LogicalName, other.LogicalName);

            var change = new Entity(child.LogicalName, child.Id);
            change[relationship.ReferencingAttribute] = associate ? new EntityReference(parent.LogicalName, parent.Id) : null;
            operation.World.Records.Update(operation.Transaction, change, operation.UserId, ConcurrencyBehavior.Default);
        }
    }

    /// <summary>WhoAmI: the caller's user, business unit and organization.</summary>
    internal sealed class WhoAmIHandler : MessageHandler
    {
        public override string RequestName => "WhoAmI";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            operation.Output["UserId"] = operation.UserId;
            operation.Output["BusinessUnitId"] = operation.World.BusinessUnitOf(operation.Transaction, operation.UserId);
            operation.Output["OrganizationId"] = operation.World.OrganizationId;
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            foreach (var result in output) response.Results[result.Key] = result.Value;
            return response;
        }
    }

    /// <summary>
    /// A custom API message. The core operation is the API's plugin running at stage 30 (MainOperation); without a
    /// plugin the API answers with no output values. Required request parameters are checked when declared.
    /// </summary>
    internal sealed class CustomApiHandler : MessageHandler
    {
        public CustomApiHandler(CustomApi api)
        {
            Api = api;
        }

        public CustomApi Api { get; }

        public override string RequestName => Api.UniqueName;

        public override PrimaryRecord? Primary(ParameterCollection input) =>
            Api.BoundEntity == null ? null : TargetRecord(input, "Target");

        public override void Execute(CoreOperation operation)
        {
            foreach (var parameter in Api.RequiredParameters)
            {
                if (!operation.Input.TryGetValue(parameter, out var value) || value == null)
                {
                    throw DataverseFault.InvalidArgument(
                        "The parameter '{0}' of the request '{1}' is required and missing.",
                        "Der Parameter '{0}' der Anforderung '{1}' ist erforderlich und fehlt.", parameter, Api.UniqueName);
                }
            }
            if (Api.Implementation != null) operation.World.Pipeline.RunMainOperation(Api.Implementation, operation);
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            foreach (var result in output) response.Results[result.Key] = ValueCopier.CopyValue(result.Value);
            return response;
        }
    }

    /// <summary>A custom API registered by unique name: its implementing plugin and the request parameters it requires.</summary>
    public sealed class CustomApi
    {
        public CustomApi(string uniqueName, PluginStep? implementation)
        {
            if (string.IsNullOrWhiteSpace(uniqueName)) throw new ArgumentException("A custom API needs a unique name.", nameof(uniqueName));
            UniqueName = uniqueName;
            Implementation = implementation;
        }

        public string UniqueName { get; }

        /// <summary>The plugin that runs at stage 30, or null for an API without implementation.</summary>
        public PluginStep? Implementation { get; }

        /// <summary>Request parameters that must be present (customapirequestparameter.isoptional = false).</summary>
        public string[] RequiredParameters { get; init; } = Array.Empty<string>();

        /// <summary>For an entity-bound API, the bound table; the implicit Target parameter names the record.</summary>
        public string? BoundEntity { get; init; }
    }
}
