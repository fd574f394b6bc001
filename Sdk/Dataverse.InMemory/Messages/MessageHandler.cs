using System;
using System.Collections.Generic;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Messages
{
    /// <summary>The record an operation is about: the primary entity of the context and of its images.</summary>
    internal readonly record struct PrimaryRecord(string LogicalName, Guid Id);

    /// <summary>
    /// What a handler's core operation works with: the transaction, the main context, the caller, the platform's
    /// services and the pipeline, for the requests the platform issues itself as part of this one.
    /// </summary>
    internal sealed class CoreOperation
    {
        private readonly ICorePipeline pipeline;

        public CoreOperation(CoreServices world, ICorePipeline pipeline, StoreTransaction transaction, PluginExecutionContext context, Guid userId, CallerScope nestedScope)
        {
            World = world;
            this.pipeline = pipeline;
            Transaction = transaction;
            Context = context;
            UserId = userId;
            NestedScope = nestedScope;
        }

        /// <summary>The platform's rules for rows, queries, metadata, ids and users (not the whole organization).</summary>
        public CoreServices World { get; }

        public StoreTransaction Transaction { get; }

        public PluginExecutionContext Context { get; }

        /// <summary>The user the request runs as (createdby/modifiedby).</summary>
        public Guid UserId { get; }

        /// <summary>The scope for requests the platform itself issues as part of this one (Upsert's Create or Update).</summary>
        public CallerScope NestedScope { get; }

        public ParameterCollection Input => Context.InputParameters;

        public ParameterCollection Output => Context.OutputParameters;

        /// <summary>Runs a request the platform issues as part of this one through the pipeline: its steps fire, in this transaction.</summary>
        public OrganizationResponse ExecuteNested(OrganizationRequest request) => pipeline.Execute(request, NestedScope);

        /// <summary>Runs a custom API's implementing plugin as this operation's stage 30.</summary>
        public void RunImplementation(PluginStep implementation) => pipeline.RunMainOperation(implementation, this);
    }

    /// <summary>What a core operation may ask of the pipeline that runs it.</summary>
    internal interface ICorePipeline
    {
        OrganizationResponse Execute(OrganizationRequest request, CallerScope caller);

        void RunMainOperation(PluginStep implementation, CoreOperation operation);
    }

    /// <summary>
    /// One request type: how its parameters name the primary record, its core operation (what the platform does
    /// at stage 30) and how its response is built from the OutputParameters.
    /// </summary>
    internal abstract class MessageHandler
    {
        /// <summary>OrganizationRequest.RequestName, e.g. "SendEmail".</summary>
        public abstract string RequestName { get; }

        /// <summary>The SDK message steps register on, e.g. "Send" for SendEmail.</summary>
        public virtual string MessageName => RequestName;

        /// <summary>
        /// Create, Update and Delete run PreValidation in a context of its own, the parent of the PreOperation and
        /// PostOperation context; that is why those steps read PreValidation's SharedVariables through ParentContext.
        /// </summary>
        public virtual bool SeparatePreValidationContext => false;

        /// <summary>The primary table and id; (null, Guid.Empty) for messages without one.</summary>
        public virtual PrimaryRecord? Primary(ParameterCollection input) => TargetRecord(input, "Target");

        /// <summary>The record whose images steps get; by default the primary record.</summary>
        public virtual PrimaryRecord? ImageRecord(PluginExecutionContext context) =>
            context.PrimaryEntityId == Guid.Empty ? null : new PrimaryRecord(context.PrimaryEntityName, context.PrimaryEntityId);

        /// <summary>The passes of PreOperation → core → PostOperation; more than one only for Update with state and other columns.</summary>
        public virtual IReadOnlyList<ParameterCollection> Passes(ParameterCollection input) => new[] { input };

        public abstract void Execute(CoreOperation operation);

        public abstract OrganizationResponse Respond(ParameterCollection output);

        protected static PrimaryRecord? TargetRecord(ParameterCollection input, string property)
        {
            if (!input.TryGetValue(property, out var value) || value == null) return null;
            return value switch
            {
                Entity e => new PrimaryRecord(e.LogicalName, e.Id),
                EntityReference r => new PrimaryRecord(r.LogicalName, r.Id),
                _ => null,
            };
        }

        protected static T Required<T>(ParameterCollection input, string name)
            where T : class
        {
            if (input.TryGetValue(name, out var value) && value is T typed) return typed;
            throw DataverseFault.MissingField(name);
        }

        protected static T? Optional<T>(ParameterCollection input, string name)
            where T : struct =>
            input.TryGetValue(name, out var value) && value is T typed ? typed : null;
    }
}
