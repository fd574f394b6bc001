using System;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The event execution pipeline. Every request — from a test or from a plugin — goes through
    /// <see cref="Execute"/>: PreValidation (10) → PreOperation (20) → core operation (30) → PostOperation (40),
    /// with the platform's transaction boundary, images, depth, shared variables and error translation.
    /// </summary>
    internal sealed class PluginPipeline : ICorePipeline
    {
        /// <summary>The platform's default maximum depth (WorkflowSettings.MaxDepth).</summary>
        public const int MaxDepth = 8;

        private readonly RowStore store;
        private readonly Organization organization;
        private readonly StepRegistry steps;
        private readonly MessageHandlers handlers;
        private readonly ExecutionContexts contexts;
        private readonly PluginRunner runner;
        private readonly AsyncQueue asyncQueue;
        private readonly CoreServices core;
        private readonly Instrumentation instrumentation;
        private readonly IRequestAuthorizer authorizer;

        public PluginPipeline(RowStore store, Organization organization, StepRegistry steps, MessageHandlers handlers, ExecutionContexts contexts,
            PluginRunner runner, AsyncQueue asyncQueue, CoreServices core, Instrumentation instrumentation, IRequestAuthorizer? authorizer = null)
        {
            this.authorizer = authorizer ?? NoAuthorization.Instance;
            this.store = store;
            this.organization = organization;
            this.steps = steps;
            this.handlers = handlers;
            this.contexts = contexts;
            this.runner = runner;
            this.asyncQueue = asyncQueue;
            this.core = core;
            this.instrumentation = instrumentation;
        }

        public OrganizationResponse Execute(OrganizationRequest request, CallerScope caller)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrEmpty(request.RequestName)) throw DataverseFault.MissingField("RequestName");
            if (caller.Transaction is { IsCompleted: true })
            {
                throw new InvalidOperationException("This organization service belongs to a plugin execution that has ended; plugins must not keep services between executions.");
            }
            if (caller.IsPlugin)
            {
                caller.Metrics?.CountCall(request.RequestName);
                return Dispatch(request, caller);
            }
            // Faults are written in the UI language of the user who sent the request, as Dataverse answers.
            using (DataverseFault.UseLanguage(organization.LanguageOf(caller.Transaction ?? (IRowReader)store, caller.UserId)))
            {
                return Dispatch(request, caller);
            }
        }

        /// <summary>The core operation of a custom API: its plugin at stage 30, inside the transaction.</summary>
        public void RunMainOperation(PluginStep implementation, CoreOperation operation)
        {
            var metrics = operation.NestedScope.Metrics ?? throw new InvalidOperationException("A core operation runs without request metrics.");
            RunStep(operation.Context, implementation, PipelineStage.MainOperation, operation.Transaction, operation.Context.InputParameters, null, null, metrics);
        }

        // Requests the platform issues on behalf of one request (SetState's Update, the items of ExecuteMultiple)
        // are not counted again as calls made by plugins.
        private OrganizationResponse Dispatch(OrganizationRequest request, CallerScope caller)
        {
            // A failed call inside a transaction has already ended it in SQL: nothing more can run in it.
            if (caller.Transaction is { IsDoomed: true }) throw DataverseFault.NoActiveTransaction();
            if (handlers.Composite(request.RequestName) is { } composite) return composite.Execute(request, caller, Dispatch);

            var handler = handlers.Handler(request.RequestName);
            // Each request a plugin sends runs one level deeper; past MaxDepth the platform assumes an infinite loop.
            var depth = caller.Depth + 1;
            if (depth > MaxDepth) throw DataverseFault.InfiniteLoop();
            var run = contexts.Start(handler, request, caller, depth);
            try
            {
                return caller.Transaction == null ? RunInOwnTransaction(run) : RunInCallersTransaction(run, caller.Transaction);
            }
            finally
            {
                if (caller.Metrics == null) instrumentation.Add(run.Metrics);
            }
        }

        // ── Top-level request: PreValidation outside the transaction, then stages 20–40 in a new one ──
        private OrganizationResponse RunInOwnTransaction(PipelineRun run)
        {
            // PreValidation of a top-level request runs before the transaction starts; what its plugins write
            // commits on its own and stays even if the request fails later.
            RunPreValidation(run, null);
            var tx = store.Begin();
            try
            {
                RunTransactionalStages(run, tx);
                if (tx.IsDoomed) throw DataverseFault.ReducedTransactionCount();
                tx.Commit();
            }
            catch
            {
                tx.Rollback();
                throw;
            }
            // Asynchronous steps are queued only once the transaction has committed.
            foreach (var queue in tx.AfterCommit) queue();
            return run.Handler.Respond(run.MainContext.OutputParameters);
        }

        // ── Nested request: everything inside the caller's transaction; a failure dooms it even if the plugin catches it ──
        private OrganizationResponse RunInCallersTransaction(PipelineRun run, StoreTransaction tx)
        {
            try
            {
                RunPreValidation(run, tx);
                RunTransactionalStages(run, tx);
                return run.Handler.Respond(run.MainContext.OutputParameters);
            }
            catch
            {
                tx.Doom();
                throw;
            }
        }

        // ── Stage 10: PreValidation. Only synchronous steps; a nested request's run inside the caller's transaction ──
        private void RunPreValidation(PipelineRun run, StoreTransaction? tx)
        {
            var context = run.PreValidationContext;
            var stageSteps = steps.For(context.MessageName, context.PrimaryEntityName, PipelineStage.PreValidation);
            if (stageSteps.Length == 0) return;
            IRowReader reader = tx ?? (IRowReader)store;
            var preRow = StepImages.Needed(stageSteps, pre: true) ? StepImages.Row(run.Handler, context, reader) : null;
            context.Transaction = tx;
            context.IsInTransaction = tx != null;
            foreach (var step in stageSteps)
            {
                if (!PassesFilter(step, context) || step.Mode == StepMode.Asynchronous) continue;
                RunStep(context, step, PipelineStage.PreValidation, tx, context.InputParameters, preRow, null, run.Metrics);
            }
        }

        // ── Stages 20, 30 and 40: one pass per part of the request (two for an Update that also changes state) ──
        private void RunTransactionalStages(PipelineRun run, StoreTransaction tx)
        {
            var context = run.MainContext;
            context.Transaction = tx;
            context.IsInTransaction = true;
            // The security checks come after PreValidation and before PreOperation, once for the whole request.
            authorizer.Authorize(context.MessageName, context.InputParameters, run.UserId, tx);
            foreach (var input in run.Handler.Passes(context.InputParameters))
            {
                context.InputParameters = input;
                var pass = new StagePass(input,
                    steps.For(context.MessageName, context.PrimaryEntityName, PipelineStage.PreOperation),
                    steps.For(context.MessageName, context.PrimaryEntityName, PipelineStage.PostOperation));
                // The pre image is the row as it is before the core operation, for stage 20 and for stage 40.
                if (StepImages.Needed(pass.PreOperation, pre: true) || StepImages.Needed(pass.PostOperation, pre: true))
                {
                    pass.PreRow = StepImages.Row(run.Handler, context, tx);
                }
                RunPreOperation(run, tx, pass);
                RunCoreOperation(run, tx);
                RunPostOperation(run, tx, pass);
            }
        }

        // ── Stage 20: PreOperation. Changes to the Target made here are saved by the core operation ──
        private void RunPreOperation(PipelineRun run, StoreTransaction tx, StagePass pass)
        {
            foreach (var step in pass.PreOperation)
            {
                if (PassesFilter(step, run.MainContext)) RunStep(run.MainContext, step, PipelineStage.PreOperation, tx, pass.Input, pass.PreRow, null, run.Metrics);
            }
        }

        // ── Stage 30: the core operation (the platform's own work, or a custom API's plugin) ──
        private void RunCoreOperation(PipelineRun run, StoreTransaction tx)
        {
            var context = run.MainContext;
            context.Stage = (int)PipelineStage.MainOperation;
            run.Handler.Execute(new CoreOperation(core, this, tx, context, run.UserId, run.NestedScope(context, tx)));
        }

        // ── Stage 40: PostOperation. OutputParameters are filled now; async steps wait for the commit ──
        private void RunPostOperation(PipelineRun run, StoreTransaction tx, StagePass pass)
        {
            var context = run.MainContext;
            var postRow = StepImages.Needed(pass.PostOperation, pre: false) ? StepImages.Row(run.Handler, context, tx) : null;
            foreach (var step in pass.PostOperation)
            {
                if (!PassesFilter(step, context)) continue;
                if (step.Mode == StepMode.Asynchronous)
                {
                    asyncQueue.QueueAfterCommit(tx, context, step, StepImages.For(step, pass.PreRow, pre: true), StepImages.For(step, postRow, pre: false));
                }
                else
                {
                    RunStep(context, step, PipelineStage.PostOperation, tx, pass.Input, pass.PreRow, postRow, run.Metrics);
                }
            }
        }

        // One synchronous step: the shared context is set up for it (stage, images, impersonation) before it runs.
        private void RunStep(PluginExecutionContext context, PluginStep step, PipelineStage stage, StoreTransaction? tx, ParameterCollection input, Entity? preRow, Entity? postRow, RequestMetrics metrics)
        {
            context.Stage = (int)stage;
            context.Mode = (int)StepMode.Synchronous;
            context.InputParameters = input;
            // "Run in User's Context": an impersonating step runs as its user; otherwise as the caller.
            context.UserId = step.ImpersonatingUserId ?? context.CallerUserId;
            context.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id);
            context.PreEntityImages = StepImages.For(step, preRow, pre: true);
            context.PostEntityImages = StepImages.For(step, postRow, pre: false);
            context.Transaction = tx;
            context.IsInTransaction = tx != null;

            var failure = runner.Invoke(step, context, metrics, out var trace);
            if (failure != null) throw PluginRunner.Translate(failure, trace);
            // A plugin that caught a failed call and returned normally leaves a transaction SQL has already ended.
            if (tx is { IsDoomed: true }) throw DataverseFault.ReducedTransactionCount();
        }

        // Filtering attributes: an Update step runs only when the Target carries one of its columns.
        private static bool PassesFilter(PluginStep step, PluginExecutionContext context)
        {
            if (step.FilteringAttributes.Count == 0) return true;
            if (!context.InputParameters.TryGetValue("Target", out var value) || value is not Entity target) return true;
            foreach (var attribute in step.FilteringAttributes)
            {
                if (target.Attributes.ContainsKey(attribute)) return true;
            }
            return false;
        }
    }
}
