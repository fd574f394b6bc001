using System;
using CrmAttention.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmAttention.SolutionBuilder.Tests.Fixtures
{
    // Plugin types with registration attributes, compiled into this (strong-named) test assembly so the
    // metadata reader and the step writer are tested on every attribute shape, independent of which steps the
    // real plugin assembly declares today. They are read through metadata, never executed.

    public abstract class FixturePluginBase : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }

    /// <summary>A plugin reached through a base class, with configuration constructor and two steps plus images.</summary>
    public sealed class FixtureActivityPlugin : FixturePluginBase
    {
        public FixtureActivityPlugin(string unsecureConfiguration, string secureConfiguration)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        public string UnsecureConfiguration { get; }

        public string SecureConfiguration { get; }

        [PluginStep(Message = "Create", PrimaryEntity = "email", Stage = PluginStage.PreOperation, Rank = 5,
            Description = "Evaluates an outbound email before it is saved.", UnsecureConfiguration = "mode=strict")]
        [PluginStep(Message = "Create", PrimaryEntity = "phonecall", Stage = PluginStage.PreOperation)]
        public void OnCreate()
        {
        }

        [PluginStep(Message = "Update", PrimaryEntity = "email", Stage = PluginStage.PostOperation, Mode = PluginMode.Asynchronous,
            FilteringAttributes = new[] { "statecode" }, DeleteAsyncOperationOnSuccess = false)]
        [PluginStep(Message = "Update", PrimaryEntity = "task", Stage = PluginStage.PostOperation, FilteringAttributes = new[] { "statecode", "statuscode" })]
        [PluginImage(ImageType = PluginImageType.PreImage, Alias = "pre", Attributes = new[] { "statecode", "subject" })]
        [PluginImage(ImageType = PluginImageType.PostImage, Alias = "post", PrimaryEntity = "task")]
        public void OnCompleted()
        {
        }
    }

    /// <summary>Implements a custom API: a MainOperation declaration, which is bound through the API, not registered.</summary>
    public sealed class FixtureEvaluateTouchApi : IPlugin
    {
        [PluginStep(Message = "cat_EvaluateTouch", Stage = PluginStage.MainOperation)]
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }

    public sealed class FixtureRecalculateAttentionApi : IPlugin
    {
        [PluginStep(Message = "cat_RecalculateAttention", Stage = PluginStage.MainOperation)]
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }

    public sealed class FixtureGetWorklistApi : IPlugin
    {
        [PluginStep(Message = "cat_GetWorklist", Stage = PluginStage.MainOperation)]
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }

    public sealed class FixturePurgeDecisionsApi : IPlugin
    {
        [PluginStep(Message = "cat_PurgeDecisions", Stage = PluginStage.MainOperation)]
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }

    /// <summary>Dataverse cannot create this one: its only constructor takes one string.</summary>
    public sealed class FixtureUninstantiablePlugin : IPlugin
    {
        public FixtureUninstantiablePlugin(string configuration)
        {
            Configuration = configuration;
        }

        public string Configuration { get; }

        [PluginStep(Message = "Delete", PrimaryEntity = "contact", Stage = PluginStage.PreValidation)]
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidOperationException("Fixture plugin types only carry registration attributes for the solution builder tests.");
    }
}
