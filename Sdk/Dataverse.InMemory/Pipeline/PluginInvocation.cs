using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The context for running one plugin directly (<see cref="InMemoryDataverse.ExecutePlugin"/>): what the
    /// pipeline would have put in the IPluginExecutionContext at that stage. Unset users default to the
    /// organization's default user.
    /// </summary>
    public sealed class PluginInvocation
    {
        public PluginInvocation(string messageName, string? primaryEntityName = null, Guid primaryEntityId = default)
        {
            MessageName = string.IsNullOrWhiteSpace(messageName) ? throw new ArgumentException("A message name is required.", nameof(messageName)) : messageName;
            PrimaryEntityName = primaryEntityName ?? "none";
            PrimaryEntityId = primaryEntityId;
        }

        /// <summary>A Create, Update or Delete invocation for <paramref name="target"/> (an Entity, or an EntityReference for Delete).</summary>
        public static PluginInvocation For(string messageName, object target)
        {
            var invocation = target switch
            {
                Entity entity => new PluginInvocation(messageName, entity.LogicalName, entity.Id),
                EntityReference reference => new PluginInvocation(messageName, reference.LogicalName, reference.Id),
                _ => throw new ArgumentException("The target must be an Entity or an EntityReference.", nameof(target)),
            };
            invocation.InputParameters["Target"] = target;
            return invocation;
        }

        public string MessageName { get; }

        public string PrimaryEntityName { get; }

        public Guid PrimaryEntityId { get; }

        public PipelineStage Stage { get; init; } = PipelineStage.PostOperation;

        public StepMode Mode { get; init; } = StepMode.Synchronous;

        /// <summary>The user the step runs as; null = the organization's default user.</summary>
        public Guid? UserId { get; init; }

        /// <summary>The user who started the operation; null = <see cref="UserId"/>.</summary>
        public Guid? InitiatingUserId { get; init; }

        public int Depth { get; init; } = 1;

        public ParameterCollection InputParameters { get; } = new();

        public ParameterCollection OutputParameters { get; } = new();

        public ParameterCollection SharedVariables { get; } = new();

        public IDictionary<string, Entity> PreEntityImages { get; } = new Dictionary<string, Entity>(StringComparer.Ordinal);

        public IDictionary<string, Entity> PostEntityImages { get; } = new Dictionary<string, Entity>(StringComparer.Ordinal);
    }
}
