using System;
using System.Globalization;
using System.Text;
using Dataverse.InMemory.Diagnostics;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>The IServiceProvider a plugin's Execute receives.</summary>
    internal sealed class PluginServiceProvider : IServiceProvider
    {
        private readonly PluginExecutionContext context;
        private readonly ITracingService tracing;
        private readonly IOrganizationServiceFactory factory;

        public PluginServiceProvider(PluginExecutionContext context, ITracingService tracing, IOrganizationServiceFactory factory)
        {
            this.context = context;
            this.tracing = tracing;
            this.factory = factory;
        }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)) return context;
            if (serviceType == typeof(ITracingService)) return tracing;
            if (serviceType == typeof(IOrganizationServiceFactory)) return factory;
            return null;
        }
    }

    /// <summary>
    /// ITracingService that buffers a plugin execution's lines. As the platform's MessageBlock, only the last
    /// 10 KB are kept.
    /// </summary>
    internal sealed class CapturingTracingService : ITracingService
    {
        private const int MaxLength = 10 * 1024;
        private readonly StringBuilder text = new();

        public bool HasText => text.Length > 0;

        public void Trace(string format, params object[] args)
        {
            var line = args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            text.AppendLine(line);
            if (text.Length > MaxLength) text.Remove(0, text.Length - MaxLength);
        }

        public override string ToString() => text.ToString();
    }

    /// <summary>
    /// IOrganizationServiceFactory inside a plugin. CreateOrganizationService(null) runs as SYSTEM, Guid.Empty as the
    /// context's UserId, any other id as that user; InitiatingUserId stays the user who started the operation.
    /// Services from here join the plugin's transaction and count as calls made by plugins.
    /// </summary>
    internal sealed class PluginOrganizationServiceFactory : IOrganizationServiceFactory
    {
        private readonly Func<CallerScope, IOrganizationService> serviceFor;
        private readonly Guid systemUserId;
        private readonly PluginExecutionContext context;
        private readonly RequestMetrics metrics;

        public PluginOrganizationServiceFactory(Func<CallerScope, IOrganizationService> serviceFor, Guid systemUserId, PluginExecutionContext context, RequestMetrics metrics)
        {
            this.serviceFor = serviceFor;
            this.systemUserId = systemUserId;
            this.context = context;
            this.metrics = metrics;
        }

        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            var user = userId == null ? systemUserId : userId.Value == Guid.Empty ? context.UserId : userId.Value;
            return serviceFor(new CallerScope
            {
                UserId = user,
                InitiatingUserId = context.InitiatingUserId,
                Depth = context.Depth,
                ParentContext = context,
                CorrelationId = context.CorrelationId,
                Transaction = context.Transaction,
                Metrics = metrics,
                IsPlugin = true,
            });
        }
    }
}
