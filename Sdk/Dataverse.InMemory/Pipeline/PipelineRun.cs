using System;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>One request on its way through the stages: its handler, its contexts, its user and its metrics.</summary>
    internal sealed class PipelineRun
    {
        public PipelineRun(MessageHandler handler, PluginExecutionContext preValidation, PluginExecutionContext main, Guid userId, RequestMetrics metrics)
        {
            Handler = handler;
            PreValidationContext = preValidation;
            MainContext = main;
            UserId = userId;
            Metrics = metrics;
        }

        public MessageHandler Handler { get; }

        /// <summary>The context of stage 10; for Create, Update and Delete the parent of <see cref="MainContext"/>.</summary>
        public PluginExecutionContext PreValidationContext { get; }

        /// <summary>The context of stages 20, 30 and 40.</summary>
        public PluginExecutionContext MainContext { get; }

        public Guid UserId { get; }

        public RequestMetrics Metrics { get; }

        /// <summary>Requests the platform issues itself (Upsert's Create/Update) run at the same depth, inside the transaction.</summary>
        public CallerScope NestedScope(PluginExecutionContext context, StoreTransaction tx) => new()
        {
            UserId = UserId,
            InitiatingUserId = context.InitiatingUserId,
            Depth = context.Depth - 1,
            ParentContext = context,
            CorrelationId = context.CorrelationId,
            Transaction = tx,
            Metrics = Metrics,
            IsPlugin = false,
        };
    }

    /// <summary>One PreOperation → core → PostOperation pass: its input, the steps of its stages and the pre image row.</summary>
    internal sealed class StagePass
    {
        public StagePass(ParameterCollection input, PluginStep[] preOperation, PluginStep[] postOperation)
        {
            Input = input;
            PreOperation = preOperation;
            PostOperation = postOperation;
        }

        public ParameterCollection Input { get; }

        public PluginStep[] PreOperation { get; }

        public PluginStep[] PostOperation { get; }

        public Entity? PreRow { get; set; }
    }
}
