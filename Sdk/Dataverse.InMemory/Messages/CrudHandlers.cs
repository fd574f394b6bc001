using System;
using System.Collections.Generic;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Messages
{
    /// <summary>Create: a new row with the platform's columns; OutputParameters["id"] is the new id.</summary>
    internal sealed class CreateHandler : MessageHandler
    {
        public override string RequestName => "Create";

        public override bool SeparatePreValidationContext => true;

        public override void Execute(CoreOperation operation)
        {
            var target = Required<Entity>(operation.Input, "Target");
            var id = operation.World.Records.Create(operation.Transaction, target, operation.UserId);
            operation.Output["id"] = id;
            operation.Context.PrimaryEntityId = id;
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new CreateResponse { ResponseName = RequestName };
            response.Results["id"] = output["id"];
            return response;
        }
    }

    /// <summary>Retrieve: the requested columns of one row; OutputParameters["BusinessEntity"].</summary>
    internal sealed class RetrieveHandler : MessageHandler
    {
        public override string RequestName => "Retrieve";

        public override void Execute(CoreOperation operation)
        {
            var target = Required<EntityReference>(operation.Input, "Target");
            if (operation.Input.TryGetValue("RelatedEntitiesQuery", out var related) && related is System.Collections.ICollection { Count: > 0 })
            {
                throw new NotSupportedException("RetrieveRequest.RelatedEntitiesQuery is not supported by the in-memory Dataverse; query the related rows with RetrieveMultiple.");
            }
            operation.Input.TryGetValue("ColumnSet", out var columns);
            operation.Output["BusinessEntity"] = operation.World.Records.Retrieve(operation.Transaction, target.LogicalName, target.Id, columns as ColumnSet);
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new RetrieveResponse { ResponseName = RequestName };
            response.Results["Entity"] = output["BusinessEntity"];
            return response;
        }
    }

    /// <summary>
    /// Update. One Update that sets statecode/statuscode together with other columns runs PreOperation → core →
    /// PostOperation twice, first for the other columns, then for the state columns (special-update-operation-behavior).
    /// </summary>
    internal sealed class UpdateHandler : MessageHandler
    {
        private static readonly HashSet<string> StateColumns = new(StringComparer.Ordinal) { "statecode", "statuscode" };

        public override string RequestName => "Update";

        public override bool SeparatePreValidationContext => true;

        public override IReadOnlyList<ParameterCollection> Passes(ParameterCollection input)
        {
            if (!input.TryGetValue("Target", out var value) || value is not Entity target) return new[] { input };
            var hasState = false;
            var hasOther = false;
            foreach (var attribute in target.Attributes)
            {
                if (StateColumns.Contains(attribute.Key)) hasState = true;
                else hasOther = true;
            }
            if (!(hasState && hasOther)) return new[] { input };
            return new[] { WithTarget(input, target, state: false), WithTarget(input, target, state: true) };
        }

        public override void Execute(CoreOperation operation)
        {
            var target = Required<Entity>(operation.Input, "Target");
            var concurrency = Optional<ConcurrencyBehavior>(operation.Input, "ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
            operation.World.Records.Update(operation.Transaction, target, operation.UserId, concurrency);
        }

        public override OrganizationResponse Respond(ParameterCollection output) => new UpdateResponse { ResponseName = RequestName };

        private static ParameterCollection WithTarget(ParameterCollection input, Entity target, bool state)
        {
            var part = new Entity(target.LogicalName, target.Id) { RowVersion = target.RowVersion };
            foreach (var attribute in target.Attributes)
            {
                if (StateColumns.Contains(attribute.Key) == state) part.Attributes[attribute.Key] = attribute.Value;
            }
            var parameters = new ParameterCollection();
            foreach (var parameter in input) parameters[parameter.Key] = parameter.Value;
            parameters["Target"] = part;
            return parameters;
        }
    }

    /// <summary>
    /// Delete: applies the relationships' delete behavior to the rows pointing to it (CascadeDelete), then removes the
    /// row (an activity also loses its parties and its activitypointer row).
    /// </summary>
    internal sealed class DeleteHandler : MessageHandler
    {
        public override string RequestName => "Delete";

        public override bool SeparatePreValidationContext => true;

        public override void Execute(CoreOperation operation)
        {
            var target = Required<EntityReference>(operation.Input, "Target");
            var concurrency = Optional<ConcurrencyBehavior>(operation.Input, "ConcurrencyBehavior") ?? ConcurrencyBehavior.Default;
            // The relationships' delete behavior (Restrict, Cascade, RemoveLink) applies before the row goes.
            if (!string.IsNullOrEmpty(target.LogicalName) && operation.Transaction.Get(target.LogicalName, target.Id) != null) CascadeDelete.Apply(operation, target);
            operation.World.Records.Delete(operation.Transaction, target, concurrency);
        }

        public override OrganizationResponse Respond(ParameterCollection output) => new DeleteResponse { ResponseName = RequestName };
    }

    /// <summary>RetrieveMultiple: runs the query engine over committed rows plus the transaction's own writes.</summary>
    internal sealed class RetrieveMultipleHandler : MessageHandler
    {
        public override string RequestName => "RetrieveMultiple";

        public override PrimaryRecord? Primary(ParameterCollection input) =>
            input.TryGetValue("Query", out var query) && QueryTable(query) is string table ? new PrimaryRecord(table, Guid.Empty) : null;

        public override void Execute(CoreOperation operation)
        {
            var query = Required<QueryBase>(operation.Input, "Query");
            operation.Output["BusinessEntityCollection"] = operation.World.Query(operation.Transaction, query, operation.UserId);
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new RetrieveMultipleResponse { ResponseName = RequestName };
            response.Results["EntityCollection"] = output["BusinessEntityCollection"];
            return response;
        }

        private static string? QueryTable(object? query) => query switch
        {
            QueryExpression q => q.EntityName,
            QueryByAttribute q => q.EntityName,
            FetchExpression f => FetchEntityName(f.Query),
            _ => null,
        };

        private static string? FetchEntityName(string? fetchXml)
        {
            if (string.IsNullOrEmpty(fetchXml)) return null;
            var start = fetchXml.IndexOf("<entity", StringComparison.Ordinal);
            if (start < 0) return null;
            var name = fetchXml.IndexOf("name=", start, StringComparison.Ordinal);
            if (name < 0) return null;
            var quote = fetchXml[name + 5];
            var end = fetchXml.IndexOf(quote, name + 6);
            return end < 0 ? null : fetchXml.Substring(name + 6, end - name - 6);
        }
    }
}
