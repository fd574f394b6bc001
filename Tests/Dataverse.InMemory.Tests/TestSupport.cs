using System;
using System.ServiceModel;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests
{
    /// <summary>A plugin whose Execute is a lambda, so a test declares the step and its behaviour in one place.</summary>
    internal sealed class DelegatePlugin : IPlugin
    {
        private readonly Action<PluginServices> body;

        public DelegatePlugin(Action<PluginServices> body)
        {
            this.body = body;
        }

        public void Execute(IServiceProvider serviceProvider) => body(new PluginServices(serviceProvider));
    }

    /// <summary>The services a plugin gets, unwrapped.</summary>
    internal sealed class PluginServices
    {
        private readonly IServiceProvider provider;

        public PluginServices(IServiceProvider provider)
        {
            this.provider = provider;
            Context = (IPluginExecutionContext)provider.GetService(typeof(IPluginExecutionContext))!;
            Tracing = (ITracingService)provider.GetService(typeof(ITracingService))!;
        }

        public IPluginExecutionContext Context { get; }

        public ITracingService Tracing { get; }

        public Entity Target => (Entity)Context.InputParameters["Target"];

        /// <summary>A service as the calling user (CreateOrganizationService(context.UserId)).</summary>
        public IOrganizationService Service => ServiceAs(Context.UserId);

        public IOrganizationService ServiceAs(Guid? userId) =>
            ((IOrganizationServiceFactory)provider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(userId);
    }

    internal static class Steps
    {
        public static PluginStep On(string message, string? table, PipelineStage stage, Action<PluginServices> body, int rank = 1) =>
            new(message, new DelegatePlugin(body)) { PrimaryEntity = table, Stage = stage, Rank = rank };
    }

    internal static class Assertions
    {
        /// <summary>Asserts that <paramref name="action"/> faults with <paramref name="errorCode"/>; returns the fault.</summary>
        public static OrganizationServiceFault Faults(int errorCode, Action action)
        {
            var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(action);
            Assert.Equal(errorCode, fault.Detail.ErrorCode);
            return fault.Detail;
        }
    }
}
