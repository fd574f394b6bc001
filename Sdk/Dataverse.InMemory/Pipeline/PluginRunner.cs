using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.ServiceModel;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// Runs one plugin's Execute with the services the platform gives it (context, tracing, organization service
    /// factory), times it, keeps its trace, and translates what it throws into the fault the caller sees.
    /// </summary>
    internal sealed class PluginRunner
    {
        private readonly Instrumentation instrumentation;
        private readonly Func<CallerScope, IOrganizationService> serviceFor;
        private readonly Guid systemUserId;

        public PluginRunner(Instrumentation instrumentation, Func<CallerScope, IOrganizationService> serviceFor, Guid systemUserId)
        {
            this.instrumentation = instrumentation;
            this.serviceFor = serviceFor;
            this.systemUserId = systemUserId;
        }

        /// <summary>Runs the step's plugin; returns what it threw (null when it returned) and the trace it wrote.</summary>
        public Exception? Invoke(PluginStep step, PluginExecutionContext context, RequestMetrics metrics, out string trace)
        {
            var tracing = new CapturingTracingService();
            var services = new PluginServiceProvider(context, tracing, new PluginOrganizationServiceFactory(serviceFor, systemUserId, context, metrics));
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
            // The trace log keeps what a plugin traced, and every failure, even when the transaction rolls back.
            if (tracing.HasText || failure != null)
            {
                instrumentation.Add(new PluginTrace(step.DisplayName, step.PluginType.FullName ?? step.PluginType.Name, context.MessageName,
                    context.PrimaryEntityName, context.Stage, context.Mode, context.Depth, context.CorrelationId, trace, failure?.ToString()));
            }
            return failure;
        }

        // InvalidPluginExecutionException reaches the caller as IsvAborted with the plugin's own message; a fault from
        // a nested call passes through unchanged; anything else is IsvUnExpected.
        public static Exception Translate(Exception failure, string trace)
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
    }
}
