using System;
using System.Globalization;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;

namespace CrmAttention.Plugins.Infrastructure
{
    /// <summary>
    /// The narrow view of one plugin execution: the execution context, tracing, the organization services named by
    /// whose identity they run as, the Target and images, and the operation's time. Built per execution, never cached.
    /// </summary>
    public sealed class LocalPluginContext
    {
        private readonly IOrganizationServiceFactory _factory;
        private IOrganizationService? _system;
        private IOrganizationService? _initiatingUser;
        private MessageFormat? _userFormat;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            Context = (IPluginExecutionContext)(serviceProvider.GetService(typeof(IPluginExecutionContext))
                ?? throw new InvalidPluginExecutionException("The platform provided no plugin execution context."));
            Tracing = (ITracingService?)serviceProvider.GetService(typeof(ITracingService));
            _factory = (IOrganizationServiceFactory)(serviceProvider.GetService(typeof(IOrganizationServiceFactory))
                ?? throw new InvalidPluginExecutionException("The platform provided no organization service factory."));
        }

        public IPluginExecutionContext Context { get; }

        public ITracingService? Tracing { get; }

        /// <summary>
        /// Runs as SYSTEM. CrmAttention's own bookkeeping (contact and account state, the decision log, routed calls) must
        /// not depend on the privileges of whoever happened to send an email.
        /// </summary>
        public IOrganizationService SystemService => _system ??= _factory.CreateOrganizationService(null);

        /// <summary>Runs as the user who started the operation (for anything that must respect that user's access).</summary>
        public IOrganizationService InitiatingUserService => _initiatingUser ??= _factory.CreateOrganizationService(Context.InitiatingUserId);

        /// <summary>
        /// The operation's time from the platform (OperationCreatedOn), UTC: every decision in one operation uses the same
        /// instant, and tests control it through the in-memory Dataverse's clock.
        /// </summary>
        public DateTime Now => Instants.Utc(Context.OperationCreatedOn);

        public Guid CorrelationId => Context.CorrelationId;

        public string MessageName => Context.MessageName;

        public string PrimaryEntityName => Context.PrimaryEntityName;

        public int Stage => Context.Stage;

        /// <summary>The Target of Create/Update as an entity; null when the message has none.</summary>
        public Entity? Target => Context.InputParameters.Contains("Target") ? Context.InputParameters["Target"] as Entity : null;

        /// <summary>The Target of Delete (or an entity-bound message) as a reference; null when it has none.</summary>
        public EntityReference? TargetReference => Context.InputParameters.Contains("Target") ? Context.InputParameters["Target"] as EntityReference : null;

        public Entity? PreImage(string alias) => Context.PreEntityImages != null && Context.PreEntityImages.Contains(alias) ? Context.PreEntityImages[alias] : null;

        public Entity? PostImage(string alias) => Context.PostEntityImages != null && Context.PostEntityImages.Contains(alias) ? Context.PostEntityImages[alias] : null;

        public T? Input<T>(string name) => Context.InputParameters.Contains(name) && Context.InputParameters[name] is T value ? value : default;

        public bool HasInput(string name) => Context.InputParameters.Contains(name) && Context.InputParameters[name] != null;

        public void SetOutput(string name, object? value) => Context.OutputParameters[name] = value;

        /// <summary>The language the initiating user reads (usersettings.uilanguageid), from the per-user cache once loaded.</summary>
        public MessageFormat UserFormat()
        {
            if (_userFormat != null) return _userFormat;
            try
            {
                _userFormat = MessageFormat.FromLcid(UserFacts().UiLanguageId);
            }
            catch (Exception e) when (!(e is System.ServiceModel.FaultException))
            {
                // Reading the language must never hide the real failure: fall back to English and say why.
                Trace("Could not read the user's language ({0}); using English.", e.GetType().Name);
                _userFormat = MessageFormat.English;
            }
            return _userFormat;
        }

        /// <summary>Facts about the initiating user (application user, UI language, team names), cached per organization and user.</summary>
        public UserFacts UserFacts() => UserFactsCache.Shared.Get(Context.OrganizationId, Context.InitiatingUserId, Now, () => UserFactsReader.Read(SystemService, Context.InitiatingUserId));

        public void Trace(string format, params object[] args)
        {
            if (Tracing == null) return;
            Tracing.Trace("{0}", args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args));
        }
    }
}
