using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// Runs one plugin directly with a context built from a <see cref="PluginInvocation"/> — the "context → Execute
    /// → assert" tier of plugin tests — under the rules a registered step of that stage and mode runs by.
    /// </summary>
    internal sealed class DirectExecution
    {
        private readonly RowStore store;
        private readonly Organization organization;
        private readonly ExecutionContexts contexts;
        private readonly PluginRunner runner;
        private readonly Instrumentation instrumentation;

        public DirectExecution(RowStore store, Organization organization, ExecutionContexts contexts, PluginRunner runner, Instrumentation instrumentation)
        {
            this.store = store;
            this.organization = organization;
            this.contexts = contexts;
            this.runner = runner;
            this.instrumentation = instrumentation;
        }

        /// <summary>
        /// Runs <paramref name="plugin"/> inside a transaction of its own (committed when the plugin succeeds, rolled
        /// back when it throws) unless the stage is PreValidation or the mode asynchronous. Its service calls run
        /// through the pipeline. Exceptions reach the caller as the faults the platform reports.
        /// </summary>
        public PluginExecutionContext Run(IPlugin plugin, PluginInvocation invocation)
        {
            var step = new PluginStep(invocation.MessageName, plugin) { PrimaryEntity = invocation.PrimaryEntityName, Stage = invocation.Stage, Mode = invocation.Mode };
            var context = contexts.ForInvocation(invocation, step);
            var metrics = new RequestMetrics(invocation.MessageName, invocation.PrimaryEntityName, context.CorrelationId, invocation.Mode == StepMode.Asynchronous);
            // Only synchronous steps after PreValidation run inside the operation's transaction.
            var transactional = invocation.Stage != PipelineStage.PreValidation && invocation.Mode == StepMode.Synchronous;
            var tx = transactional ? store.Begin() : null;
            context.Transaction = tx;
            context.IsInTransaction = tx != null;
            using var language = DataverseFault.UseLanguage(organization.LanguageOf(store, context.InitiatingUserId));
            try
            {
                var failure = runner.Invoke(step, context, metrics, out var trace);
                if (failure != null) throw PluginRunner.Translate(failure, trace);
                if (tx is { IsDoomed: true }) throw DataverseFault.ReducedTransactionCount();
                tx?.Commit();
            }
            catch
            {
                tx?.Rollback();
                throw;
            }
            finally
            {
                instrumentation.Add(metrics);
            }
            if (tx != null)
            {
                foreach (var queue in tx.AfterCommit) queue();
            }
            return context;
        }
    }
}
