using System;
using System.Linq;
using Dataverse.InMemory.Faults;
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
            var response = operation.ExecuteNested(inner);
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
}
