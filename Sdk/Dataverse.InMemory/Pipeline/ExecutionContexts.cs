using System;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>Builds the IPluginExecutionContext of a request, or of one plugin run directly, as the platform fills it.</summary>
    internal sealed class ExecutionContexts
    {
        private readonly RowStore store;
        private readonly Organization organization;
        private readonly DataverseClock clock;
        private readonly Func<Guid> newId;

        public ExecutionContexts(RowStore store, Organization organization, DataverseClock clock, Func<Guid> newId)
        {
            this.store = store;
            this.organization = organization;
            this.clock = clock;
            this.newId = newId;
        }

        /// <summary>The contexts of a request at <paramref name="depth"/>, sent by <paramref name="caller"/>.</summary>
        public PipelineRun Start(MessageHandler handler, OrganizationRequest request, CallerScope caller, int depth)
        {
            var input = PluginExecutionContext.CopyParameters(request.Parameters);
            var primary = handler.Primary(input);
            var correlationId = caller.CorrelationId ?? newId();
            var context = new PluginExecutionContext
            {
                MessageName = handler.MessageName,
                PrimaryEntityName = primary?.LogicalName ?? "none",
                PrimaryEntityId = primary?.Id ?? Guid.Empty,
                RequestId = request.RequestId ?? newId(),
                InputParameters = input,
                UserId = caller.UserId,
                InitiatingUserId = caller.InitiatingUserId,
                BusinessUnitId = organization.BusinessUnitOf(caller.Transaction ?? (IRowReader)store, caller.UserId),
                OrganizationId = organization.Id,
                OrganizationName = organization.Name,
                Depth = depth,
                CorrelationId = correlationId,
                OperationId = newId(),
                OperationCreatedOn = clock.UtcNow,
                ParentContext = caller.ParentContext,
            };
            context.CallerUserId = caller.UserId;
            // A caller's "tag" parameter reaches every step as a shared variable (understand-the-data-context).
            if (input.TryGetValue("tag", out var tag)) context.SharedVariables["tag"] = tag;

            var main = context;
            if (handler.SeparatePreValidationContext)
            {
                main = context.Sibling();
                main.ParentContext = context;
                if (tag != null) main.SharedVariables["tag"] = tag;
            }
            var metrics = caller.Metrics ?? new RequestMetrics(handler.MessageName, context.PrimaryEntityName, correlationId, isAsyncJob: false);
            return new PipelineRun(handler, context, main, caller.UserId, metrics);
        }

        /// <summary>The context <paramref name="step"/> gets when run directly with <paramref name="invocation"/>.</summary>
        public PluginExecutionContext ForInvocation(PluginInvocation invocation, PluginStep step)
        {
            var userId = invocation.UserId ?? organization.DefaultUserId;
            var context = new PluginExecutionContext
            {
                MessageName = invocation.MessageName,
                PrimaryEntityName = invocation.PrimaryEntityName,
                PrimaryEntityId = invocation.PrimaryEntityId,
                RequestId = newId(),
                InputParameters = invocation.InputParameters,
                OutputParameters = invocation.OutputParameters,
                SharedVariables = invocation.SharedVariables,
                UserId = userId,
                CallerUserId = userId,
                InitiatingUserId = invocation.InitiatingUserId ?? userId,
                BusinessUnitId = organization.BusinessUnitOf(store, userId),
                OrganizationId = organization.Id,
                OrganizationName = organization.Name,
                Depth = invocation.Depth,
                CorrelationId = newId(),
                OperationId = newId(),
                OperationCreatedOn = clock.UtcNow,
                Stage = (int)invocation.Stage,
                Mode = (int)invocation.Mode,
                OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id),
            };
            foreach (var image in invocation.PreEntityImages) context.PreEntityImages[image.Key] = image.Value;
            foreach (var image in invocation.PostEntityImages) context.PostEntityImages[image.Key] = image.Value;
            return context;
        }
    }
}
