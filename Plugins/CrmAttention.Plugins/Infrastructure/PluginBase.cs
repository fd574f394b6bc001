using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using CrmAttention.Engine;
using CrmAttention.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmAttention.Plugins.Infrastructure
{
    /// <summary>
    /// The one place where a plugin meets the platform: builds the narrow <see cref="LocalPluginContext"/>, traces entry
    /// and exit with the correlation id, dispatches to the handler method whose <see cref="PluginStepAttribute"/> matches
    /// the message, table and stage, and turns every failure into an <see cref="InvalidPluginExecutionException"/> once.
    /// </summary>
    /// <remarks>
    /// The platform caches one instance per step and calls it from several threads at once, so an instance holds only
    /// what the constructor computes (configuration and the handler table built from the type's own attributes).
    /// </remarks>
    public abstract class PluginBase : IPlugin
    {
        private readonly Dictionary<StepKey, Action<LocalPluginContext>> _handlers = new Dictionary<StepKey, Action<LocalPluginContext>>();

        protected PluginBase(string? unsecureConfiguration = null, string? secureConfiguration = null)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
            foreach (var method in GetType().GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                foreach (var step in method.GetCustomAttributes<PluginStepAttribute>(false))
                {
                    var key = new StepKey(step.Message, step.PrimaryEntity, (int)step.Stage);
                    if (_handlers.ContainsKey(key))
                        throw new InvalidOperationException(GetType().FullName + " declares two handlers for " + key + ".");
                    _handlers.Add(key, (Action<LocalPluginContext>)method.CreateDelegate(typeof(Action<LocalPluginContext>), this));
                }
            }
        }

        protected string? UnsecureConfiguration { get; }

        protected string? SecureConfiguration { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider is null) throw new InvalidPluginExecutionException("The platform passed no service provider.");
            var local = new LocalPluginContext(serviceProvider);
            var context = local.Context;
            var name = GetType().Name;
            local.Trace("{0} entered: {1} of {2}, stage {3}, depth {4}, correlation {5}.",
                name, context.MessageName, context.PrimaryEntityName, ((IPluginExecutionContext)context).Stage, context.Depth, context.CorrelationId);
            try
            {
                var key = new StepKey(context.MessageName, context.PrimaryEntityName, context.Stage);
                if (!_handlers.TryGetValue(key, out var handler) && !_handlers.TryGetValue(key.WithoutEntity(), out handler))
                {
                    // A step registered in the org that this build does not declare: say so instead of doing nothing quietly.
                    throw new InvalidPluginExecutionException(string.Format(CultureInfo.InvariantCulture,
                        "{0} has no handler for {1} of {2} at stage {3}; the registered steps do not match this assembly.", GetType().FullName, key.Message, key.Entity, key.Stage));
                }
                handler(local);
                local.Trace("{0} finished.", name);
            }
            catch (InvalidPluginExecutionException)
            {
                local.Trace("{0} refused the operation.", name);
                throw;
            }
            catch (AttentionEngineException e)
            {
                local.Trace("{0} failed: {1}", name, e.Message);
                throw new InvalidPluginExecutionException(e.GetMessage(local.UserFormat()), e);
            }
            catch (Exception e) when (!(e is System.ServiceModel.FaultException))
            {
                // The user gets a readable message with the correlation id; the details (type, stack) go to the trace log.
                local.Trace("{0} failed unexpectedly: {1}", name, e.ToString());
                var text = local.UserFormat().Pick(
                    "CrmAttention could not process this operation because of an unexpected error. Please give your administrator the correlation id " + context.CorrelationId.ToString("D") + ".",
                    "CrmAttention konnte diesen Vorgang wegen eines unerwarteten Fehlers nicht verarbeiten. Bitte nennen Sie Ihrem Administrator die Korrelations-ID " + context.CorrelationId.ToString("D") + ".");
                throw new InvalidPluginExecutionException(text, e);
            }
        }

        private readonly struct StepKey : IEquatable<StepKey>
        {
            public StepKey(string message, string? entity, int stage)
            {
                Message = message ?? "";
                Entity = string.IsNullOrEmpty(entity) || entity == "none" ? "" : entity!;
                Stage = stage;
            }

            public string Message { get; }

            public string Entity { get; }

            public int Stage { get; }

            public StepKey WithoutEntity() => new StepKey(Message, null, Stage);

            public bool Equals(StepKey other) =>
                string.Equals(Message, other.Message, StringComparison.OrdinalIgnoreCase) && string.Equals(Entity, other.Entity, StringComparison.OrdinalIgnoreCase) && Stage == other.Stage;

            public override bool Equals(object? obj) => obj is StepKey k && Equals(k);

            public override int GetHashCode() =>
                (StringComparer.OrdinalIgnoreCase.GetHashCode(Message) * 397) ^ (StringComparer.OrdinalIgnoreCase.GetHashCode(Entity) * 31) ^ Stage;

            public override string ToString() => Message + " of " + (Entity.Length == 0 ? "(no table)" : Entity) + " at stage " + Stage.ToString(CultureInfo.InvariantCulture);
        }
    }
}
