using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.ServiceModel;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The event execution pipeline. Every request — from a test or from a plugin — goes through
    /// <see cref="Execute"/>: PreValidation (10) → PreOperation (20) → core operation (30) → PostOperation (40),
    /// with the platform's transaction boundary, images, depth, shared variables and error translation.
    /// </summary>
    internal sealed class PluginPipeline
    {
        /// <summary>The platform's default maximum depth (WorkflowSettings.MaxDepth).</summary>
        public const int MaxDepth = 8;

        private readonly InMemoryDataverse world;
        private readonly Dictionary<string, MessageHandler> handlers = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, CustomApiHandler> customApis = new(StringComparer.OrdinalIgnoreCase);
        private readonly object stepsGate = new();
        private readonly List<PluginStep> steps = new();
        private readonly ConcurrentDictionary<(string Message, string Entity, PipelineStage Stage), PluginStep[]> stepCache = new();
        private readonly ConcurrentQueue<AsyncJob> asyncQueue = new();
        private readonly ConcurrentQueue<AsyncJob> asyncHistory = new();

        public PluginPipeline(InMemoryDataverse world)
        {
            this.world = world;
            var solutions = new Solutions.SolutionServices(() => world.Registration, RegisterCustomApi);
            foreach (var handler in new MessageHandler[]
            {
                new CreateHandler(), new RetrieveHandler(), new UpdateHandler(), new DeleteHandler(), new RetrieveMultipleHandler(),
                new UpsertHandler(), new AssociateHandler(associate: true), new AssociateHandler(associate: false),
                new SendEmailHandler(), new WhoAmIHandler(),
                new Solutions.ImportSolutionHandler(solutions), new Solutions.ImportSolutionAsyncHandler(solutions),
                new Solutions.AddSolutionComponentHandler(), new Solutions.PublishAllXmlHandler(),
            })
            {
                handlers.Add(handler.RequestName, handler);
            }
        }

        public IReadOnlyList<PluginStep> Steps
        {
            get
            {
                lock (stepsGate) return steps.ToArray();
            }
        }

        public IEnumerable<CustomApi> CustomApis => customApis.Values.Select(h => h.Api);

        public int PendingAsyncJobs => asyncQueue.Count;

        public IReadOnlyList<AsyncJob> AsyncJobs => asyncHistory.ToArray();

        public void Register(PluginStep step)
        {
            step.Validate();
            if (step.Stage == PipelineStage.MainOperation)
            {
                RegisterCustomApi(new CustomApi(step.Message, step));
                return;
            }
            lock (stepsGate)
            {
                steps.Add(step);
                stepCache.Clear();
            }
        }

        /// <summary>Removes the step with this id; false when none is registered.</summary>
        public bool Unregister(Guid stepId)
        {
            lock (stepsGate)
            {
                var removed = steps.RemoveAll(s => s.Id == stepId) > 0;
                if (removed) stepCache.Clear();
                return removed;
            }
        }

        public void RegisterCustomApi(CustomApi api)
        {
            if (handlers.ContainsKey(api.UniqueName)) throw new ArgumentException($"'{api.UniqueName}' is a platform message, not a custom API name.");
            customApis[api.UniqueName] = new CustomApiHandler(api);
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
                return ExecuteUncounted(request, caller);
            }
            // Faults are written in the UI language of the user who sent the request, as Dataverse answers.
            using (DataverseFault.UseLanguage(world.LanguageOf(caller.Transaction ?? (IRowReader)world.Store, caller.UserId)))
            {
                return ExecuteUncounted(request, caller);
            }
        }

        // Requests the platform issues on behalf of one request (SetState's Update, the items of ExecuteMultiple)
        // are not counted again as calls made by plugins.
        private OrganizationResponse ExecuteUncounted(OrganizationRequest request, CallerScope caller)
        {
            if (caller.Transaction is { IsDoomed: true }) throw DataverseFault.NoActiveTransaction();
            switch (request.RequestName)
            {
                case "ExecuteMultiple": return ExecuteMultiple(request, caller);
                case "ExecuteTransaction": return ExecuteTransaction(request, caller);
                case "SetState":
                case "SetStateDynamicEntity":
                    // SetState is the deprecated form of an Update of statecode/statuscode: Update steps run.
                    ExecuteUncounted(SetStateAsUpdate(request), caller);
                    return new OrganizationResponse { ResponseName = request.RequestName };
            }

            var handler = Handler(request.RequestName);
            var depth = caller.Depth + 1;
            if (depth > MaxDepth) throw DataverseFault.InfiniteLoop();
            var run = Start(handler, request, caller, depth);
            try
            {
                return caller.Transaction == null ? RunInOwnTransaction(run) : RunInCallersTransaction(run, caller.Transaction);
            }
            finally
            {
                if (caller.Metrics == null) world.Instrumentation.Add(run.Metrics);
            }
        }

        /// <summary>Runs the queued asynchronous steps (and any they queue) in order; returns the jobs that ran.</summary>
        public IReadOnlyList<AsyncJob> DrainAsyncQueue()
        {
            var ran = new List<AsyncJob>();
            while (asyncQueue.TryDequeue(out var job))
            {
                RunAsyncJob(job);
                ran.Add(job);
            }
            return ran;
        }

        /// <summary>
        /// Runs one plugin with a context built from <paramref name="invocation"/>: inside a transaction of its own
        /// (committed when the plugin succeeds, rolled back when it throws) unless the stage is PreValidation or the
        /// mode asynchronous. Its service calls run through the pipeline. Exceptions reach the caller as the faults
        /// the platform reports.
        /// </summary>
        public PluginExecutionContext ExecutePlugin(IPlugin plugin, PluginInvocation invocation)
        {
            var step = new PluginStep(invocation.MessageName, plugin) { PrimaryEntity = invocation.PrimaryEntityName, Stage = invocation.Stage, Mode = invocation.Mode };
            var userId = invocation.UserId ?? world.DefaultUserId;
            var context = new PluginExecutionContext
            {
                MessageName = invocation.MessageName,
                PrimaryEntityName = invocation.PrimaryEntityName,
                PrimaryEntityId = invocation.PrimaryEntityId,
                RequestId = world.NewId(),
                InputParameters = invocation.InputParameters,
                OutputParameters = invocation.OutputParameters,
                SharedVariables = invocation.SharedVariables,
                UserId = userId,
                CallerUserId = userId,
                InitiatingUserId = invocation.InitiatingUserId ?? userId,
                BusinessUnitId = world.BusinessUnitOf(world.Store, userId),
                OrganizationId = world.OrganizationId,
                OrganizationName = world.OrganizationName,
                Depth = invocation.Depth,
                CorrelationId = world.NewId(),
                OperationId = world.NewId(),
                OperationCreatedOn = world.Clock.UtcNow,
                Stage = (int)invocation.Stage,
                Mode = (int)invocation.Mode,
                OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id),
            };
            foreach (var image in invocation.PreEntityImages) context.PreEntityImages[image.Key] = image.Value;
            foreach (var image in invocation.PostEntityImages) context.PostEntityImages[image.Key] = image.Value;
            var metrics = new RequestMetrics(invocation.MessageName, invocation.PrimaryEntityName, context.CorrelationId, invocation.Mode == StepMode.Asynchronous);
            var transactional = invocation.Stage != PipelineStage.PreValidation && invocation.Mode == StepMode.Synchronous;
            var tx = transactional ? world.Store.Begin() : null;
            context.Transaction = tx;
            context.IsInTransaction = tx != null;
            using var language = DataverseFault.UseLanguage(world.LanguageOf(world.Store, context.InitiatingUserId));
            try
            {
                var failure = Invoke(step, context, metrics, out var trace);
                if (failure != null) throw Translate(failure, trace);
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
                world.Instrumentation.Add(metrics);
            }
            if (tx != null)
            {
                foreach (var queue in tx.AfterCommit) queue();
            }
            return context;
        }

        /// <summary>The core operation of a custom API: its plugin at stage 30, inside the transaction.</summary>
        internal void RunMainOperation(PluginStep implementation, CoreOperation operation)
        {
            RunStep(operation.Context, implementation, PipelineStage.MainOperation, operation.Transaction, operation.Context.InputParameters, null, null, CurrentMetrics(operation));
        }

        private RequestMetrics CurrentMetrics(CoreOperation operation) =>
            operation.NestedScope.Metrics ?? throw new InvalidOperationException("A core operation runs without request metrics.");

        // ── Top-level request: PreValidation outside the transaction, then stages 20–40 in a new one ──
        private OrganizationResponse RunInOwnTransaction(PipelineRun run)
        {
            // PreValidation of a top-level request runs before the transaction starts; what its plugins write
            // commits on its own and stays even if the request fails later.
            RunPreValidation(run, null);
            var tx = world.Store.Begin();
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

        // ── Stage 10: PreValidation ──
        private void RunPreValidation(PipelineRun run, StoreTransaction? tx)
        {
            var context = run.PreValidationContext;
            var stageSteps = StepsFor(context, PipelineStage.PreValidation);
            if (stageSteps.Length == 0) return;
            IRowReader reader = tx ?? (IRowReader)world.Store;
            var preRow = NeedsImages(stageSteps, pre: true) ? ImageRow(run, context, reader) : null;
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
            foreach (var input in run.Handler.Passes(context.InputParameters))
            {
                context.InputParameters = input;
                var pass = new Pass(input, StepsFor(context, PipelineStage.PreOperation), StepsFor(context, PipelineStage.PostOperation));
                // The pre image is the row as it is before the core operation, for stage 20 and for stage 40.
                if (NeedsImages(pass.PreOperation, pre: true) || NeedsImages(pass.PostOperation, pre: true)) pass.PreRow = ImageRow(run, context, tx);
                RunPreOperation(run, tx, pass);
                RunCoreOperation(run, tx);
                RunPostOperation(run, tx, pass);
            }
        }

        // ── Stage 20: PreOperation. Changes to the Target made here are saved by the core operation ──
        private void RunPreOperation(PipelineRun run, StoreTransaction tx, Pass pass)
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
            run.Handler.Execute(new CoreOperation(world, tx, context, run.UserId, run.NestedScope(context, tx)));
        }

        // ── Stage 40: PostOperation. OutputParameters are filled now; async steps wait for the commit ──
        private void RunPostOperation(PipelineRun run, StoreTransaction tx, Pass pass)
        {
            var context = run.MainContext;
            var postRow = NeedsImages(pass.PostOperation, pre: false) ? ImageRow(run, context, tx) : null;
            foreach (var step in pass.PostOperation)
            {
                if (!PassesFilter(step, context)) continue;
                if (step.Mode == StepMode.Asynchronous) QueueAfterCommit(tx, context, step, pass.PreRow, postRow);
                else RunStep(context, step, PipelineStage.PostOperation, tx, pass.Input, pass.PreRow, postRow, run.Metrics);
            }
        }

        private void RunStep(PluginExecutionContext context, PluginStep step, PipelineStage stage, StoreTransaction? tx, ParameterCollection input, Entity? preRow, Entity? postRow, RequestMetrics metrics)
        {
            context.Stage = (int)stage;
            context.Mode = (int)StepMode.Synchronous;
            context.InputParameters = input;
            context.UserId = step.ImpersonatingUserId ?? context.CallerUserId;
            context.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id);
            context.PreEntityImages = Images(step, preRow, pre: true);
            context.PostEntityImages = Images(step, postRow, pre: false);
            context.Transaction = tx;
            context.IsInTransaction = tx != null;

            var failure = Invoke(step, context, metrics, out var trace);
            if (failure != null) throw Translate(failure, trace);
            // A plugin that caught a failed call and returned normally leaves a transaction SQL has already ended.
            if (tx is { IsDoomed: true }) throw DataverseFault.ReducedTransactionCount();
        }

        private Exception? Invoke(PluginStep step, PluginExecutionContext context, RequestMetrics metrics, out string trace)
        {
            var tracing = new CapturingTracingService();
            var services = new PluginServiceProvider(context, tracing, new PluginOrganizationServiceFactory(world, context, metrics));
            var started = Stopwatch.GetTimestamp();
            Exception? failure = null;
            try
            {
                step.Plugin.Execute(services);
            }
            catch (Exception e)
            {
                failure = e;
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            trace = tracing.ToString();
            metrics.AddStep(new StepTiming(step.DisplayName, step.PluginType.FullName ?? step.PluginType.Name, context.MessageName, context.PrimaryEntityName, context.Stage, context.Mode, context.Depth, elapsed));
            if (tracing.HasText || failure != null)
            {
                world.Instrumentation.Add(new PluginTrace(step.DisplayName, step.PluginType.FullName ?? step.PluginType.Name, context.MessageName,
                    context.PrimaryEntityName, context.Stage, context.Mode, context.Depth, context.CorrelationId, trace, failure?.ToString()));
            }
            return failure;
        }

        // InvalidPluginExecutionException reaches the caller as IsvAborted with the plugin's own message; a fault from
        // a nested call passes through unchanged; anything else is IsvUnExpected.
        private static Exception Translate(Exception failure, string trace)
        {
            switch (failure)
            {
                case InvalidPluginExecutionException abort:
                    var fault = DataverseFault.Create(ErrorCodes.IsvAborted, abort.Message, trace);
                    fault.Detail.ErrorDetails["OperationStatus"] = (int)abort.Status;
                    fault.Detail.ErrorDetails["SubErrorCode"] = abort.ErrorCode;
                    return fault;
                case FaultException<OrganizationServiceFault>:
                    ExceptionDispatchInfo.Capture(failure).Throw();
                    return failure;
                default:
                    var unexpected = DataverseFault.Localized(ErrorCodes.IsvUnexpected,
                        "An unexpected error occurred from ISV code. (ErrorType = ClientError) Unexpected exception from plug-in (Execute): {0}: {1}",
                        "Unerwarteter Fehler im ISV-Code. (ErrorType = ClientError) Unerwartete Ausnahme vom Plug-In (Execute): {0}: {1}",
                        failure.GetType().FullName, failure.Message);
                    unexpected.Detail.TraceText = trace;
                    return unexpected;
            }
        }

        private void QueueAfterCommit(StoreTransaction tx, PluginExecutionContext context, PluginStep step, Entity? preRow, Entity? postRow)
        {
            var job = new AsyncJob(world.NewId(), step, context.SnapshotForAsync(step, Images(step, preRow, pre: true), Images(step, postRow, pre: false), Guid.Empty), world.Clock.UtcNow);
            job.Context.OperationId = job.Id;
            tx.AfterCommit.Add(() => asyncQueue.Enqueue(job));
        }

        private void RunAsyncJob(AsyncJob job)
        {
            var context = job.Context;
            var metrics = new RequestMetrics(context.MessageName, context.PrimaryEntityName, context.CorrelationId, isAsyncJob: true);
            using var language = DataverseFault.UseLanguage(world.LanguageOf(world.Store, context.InitiatingUserId));
            try
            {
                // The async service runs a job again when the plugin asks for a retry, four attempts in all.
                while (true)
                {
                    job.Attempts++;
                    var failure = Invoke(job.Step, context, metrics, out var trace);
                    job.TraceText = trace;
                    if (failure == null)
                    {
                        job.Status = AsyncJobStatus.Succeeded;
                        break;
                    }
                    if (failure is InvalidPluginExecutionException { Status: OperationStatus.Retry } && job.Attempts < 4) continue;
                    job.Status = AsyncJobStatus.Failed;
                    job.Message = failure is FaultException<OrganizationServiceFault> f ? f.Detail.Message : failure.Message;
                    break;
                }
            }
            finally
            {
                job.CompletedOn = world.Clock.UtcNow;
                asyncHistory.Enqueue(job);
                world.Instrumentation.Add(metrics);
            }
            if (job.Status == AsyncJobStatus.Failed || !job.Step.DeleteAsyncOperationOnSuccess) world.RecordSystemJob(job);
        }

        private PipelineRun Start(MessageHandler handler, OrganizationRequest request, CallerScope caller, int depth)
        {
            var input = PluginExecutionContext.CopyParameters(request.Parameters);
            var primary = handler.Primary(input);
            var correlationId = caller.CorrelationId ?? world.NewId();
            var context = new PluginExecutionContext
            {
                MessageName = handler.MessageName,
                PrimaryEntityName = primary?.LogicalName ?? "none",
                PrimaryEntityId = primary?.Id ?? Guid.Empty,
                RequestId = request.RequestId ?? world.NewId(),
                InputParameters = input,
                UserId = caller.UserId,
                InitiatingUserId = caller.InitiatingUserId,
                BusinessUnitId = world.BusinessUnitOf(caller.Transaction ?? (IRowReader)world.Store, caller.UserId),
                OrganizationId = world.OrganizationId,
                OrganizationName = world.OrganizationName,
                Depth = depth,
                CorrelationId = correlationId,
                OperationId = world.NewId(),
                OperationCreatedOn = world.Clock.UtcNow,
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

        private MessageHandler Handler(string requestName)
        {
            if (handlers.TryGetValue(requestName, out var handler)) return handler;
            if (customApis.TryGetValue(requestName, out var api)) return api;
            throw DataverseFault.UnknownRequest(requestName);
        }

        private PluginStep[] StepsFor(PluginExecutionContext context, PipelineStage stage)
        {
            var key = (context.MessageName, context.PrimaryEntityName, stage);
            if (stepCache.TryGetValue(key, out var cached)) return cached;
            lock (stepsGate)
            {
                var matching = steps
                    .Select((step, order) => (step, order))
                    .Where(s => s.step.Matches(context.MessageName, context.PrimaryEntityName, stage))
                    .OrderBy(s => s.step.Rank)
                    .ThenBy(s => s.order)
                    .Select(s => s.step)
                    .ToArray();
                stepCache[key] = matching;
                return matching;
            }
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

        private static bool NeedsImages(PluginStep[] stageSteps, bool pre)
        {
            foreach (var step in stageSteps)
            {
                foreach (var image in step.Images)
                {
                    if (pre ? image.IsPre : image.IsPost) return true;
                }
            }
            return false;
        }

        private static Entity? ImageRow(PipelineRun run, PluginExecutionContext context, IRowReader reader)
        {
            var record = run.Handler.ImageRecord(context);
            return record is { } r ? reader.Get(r.LogicalName, r.Id) : null;
        }

        // An image holds only the registered columns (all when none are listed) and, like Retrieve, no null values.
        private static EntityImageCollection Images(PluginStep step, Entity? row, bool pre)
        {
            var images = new EntityImageCollection();
            if (row == null) return images;
            foreach (var image in step.Images)
            {
                if (pre ? !image.IsPre : !image.IsPost) continue;
                var columns = image.Attributes.Count == 0 ? null : new HashSet<string>(image.Attributes, StringComparer.Ordinal);
                var snapshot = ValueCopier.CopyNonNull(row, name => columns == null || columns.Contains(name));
                snapshot.RowVersion = Platform.Records.RowVersionOf(row);
                images[image.Alias] = snapshot;
            }
            return images;
        }

        private static OrganizationRequest SetStateAsUpdate(OrganizationRequest request)
        {
            var parameters = request.Parameters;
            if (!parameters.TryGetValue("EntityMoniker", out var moniker) || moniker is not EntityReference record)
            {
                throw DataverseFault.MissingField("EntityMoniker");
            }
            if (!parameters.TryGetValue("State", out var state) || state is not OptionSetValue stateValue)
            {
                throw DataverseFault.MissingField("State");
            }
            var target = new Entity(record.LogicalName, record.Id) { ["statecode"] = new OptionSetValue(stateValue.Value) };
            // Status -1 asks for the state's default status.
            if (parameters.TryGetValue("Status", out var status) && status is OptionSetValue statusValue && statusValue.Value != -1)
            {
                target["statuscode"] = new OptionSetValue(statusValue.Value);
            }
            return new UpdateRequest { Target = target, RequestId = request.RequestId };
        }

        // ── ExecuteMultiple: each request on its own (its own transaction unless the caller is in one) ──
        private OrganizationResponse ExecuteMultiple(OrganizationRequest request, CallerScope caller)
        {
            var requests = request.Parameters.TryGetValue("Requests", out var r) && r is OrganizationRequestCollection list
                ? list : throw DataverseFault.MissingField("Requests");
            var settings = request.Parameters.TryGetValue("Settings", out var s) && s is ExecuteMultipleSettings given
                ? given : throw DataverseFault.MissingField("Settings");
            if (requests.Count > 1000)
            {
                throw DataverseFault.Localized(ErrorCodes.UnexpectedError,
                    "The request collection has {0} requests; ExecuteMultiple accepts at most 1000.",
                    "Die Anforderungsauflistung enthält {0} Anforderungen; ExecuteMultiple akzeptiert höchstens 1000.", requests.Count);
            }
            var items = new ExecuteMultipleResponseItemCollection();
            var faulted = false;
            for (var i = 0; i < requests.Count; i++)
            {
                try
                {
                    if (requests[i].RequestName is "ExecuteMultiple")
                    {
                        throw DataverseFault.InvalidArgument("ExecuteMultiple cannot contain another ExecuteMultiple request.", "ExecuteMultiple kann keine weitere ExecuteMultiple-Anforderung enthalten.");
                    }
                    var response = ExecuteUncounted(requests[i], caller);
                    if (settings.ReturnResponses) items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
                catch (FaultException<OrganizationServiceFault> fault)
                {
                    faulted = true;
                    items.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Detail });
                    if (!settings.ContinueOnError) break;
                }
            }
            var result = new ExecuteMultipleResponse { ResponseName = "ExecuteMultiple" };
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = items;
            return result;
        }

        // ── ExecuteTransaction: all requests in one transaction; the first failure rolls everything back ──
        private OrganizationResponse ExecuteTransaction(OrganizationRequest request, CallerScope caller)
        {
            var requests = request.Parameters.TryGetValue("Requests", out var r) && r is OrganizationRequestCollection list
                ? list : throw DataverseFault.MissingField("Requests");
            var returnResponses = request.Parameters.TryGetValue("ReturnResponses", out var rr) && rr is bool b && b;
            var responses = new OrganizationResponseCollection();
            var tx = caller.Transaction ?? world.Store.Begin();
            var scope = caller.WithTransaction(tx);
            try
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    if (requests[i].RequestName is "ExecuteMultiple" or "ExecuteTransaction")
                    {
                        throw DataverseFault.InvalidArgument("ExecuteTransaction cannot contain a {0} request.", "ExecuteTransaction kann keine {0}-Anforderung enthalten.", requests[i].RequestName);
                    }
                    try
                    {
                        responses.Add(ExecuteUncounted(requests[i], scope));
                    }
                    catch (FaultException<OrganizationServiceFault> fault)
                    {
                        var wrapped = DataverseFault.Create(fault.Detail.ErrorCode, fault.Detail.Message, fault.Detail.TraceText);
                        wrapped.Detail.ErrorDetails["FaultedRequestIndex"] = i;
                        wrapped.Detail.InnerFault = fault.Detail;
                        throw wrapped;
                    }
                }
                if (caller.Transaction == null)
                {
                    if (tx.IsDoomed) throw DataverseFault.ReducedTransactionCount();
                    tx.Commit();
                }
            }
            catch
            {
                if (caller.Transaction == null) tx.Rollback();
                else tx.Doom();
                throw;
            }
            if (caller.Transaction == null)
            {
                foreach (var queue in tx.AfterCommit) queue();
            }
            var result = new ExecuteTransactionResponse { ResponseName = "ExecuteTransaction" };
            result.Results["Responses"] = returnResponses ? responses : new OrganizationResponseCollection();
            return result;
        }

        /// <summary>One PreOperation → core → PostOperation pass: its input, the steps of its stages and the pre image row.</summary>
        private sealed class Pass
        {
            public Pass(ParameterCollection input, PluginStep[] preOperation, PluginStep[] postOperation)
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

        private sealed class PipelineRun
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

            public PluginExecutionContext PreValidationContext { get; }

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
    }
}
