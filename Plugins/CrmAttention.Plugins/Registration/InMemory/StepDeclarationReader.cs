using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;

namespace CrmAttention.Plugins.Registration
{
    /// <summary>
    /// The in-memory Dataverse's step discovery for CrmAttention: reads the <see cref="PluginStepAttribute"/> and
    /// <see cref="PluginImageAttribute"/> declarations on handler methods of IPlugin classes, exactly as the solution
    /// builder writes them as SdkMessageProcessingStep XML, with the same <see cref="DeterministicId"/> step ids, so a
    /// test runs the registered steps. Not part of the plugin assembly (which ships alone): the test projects and
    /// the CLI compile this file in next to their reference to Dataverse.InMemory.
    /// </summary>
    public sealed class StepDeclarationReader : IStepDiscovery
    {
        /// <summary>The discovery to give an InMemoryDataverse (<c>StepDiscovery = StepDeclarationReader.Instance</c>).</summary>
        public static readonly StepDeclarationReader Instance = new();

        private StepDeclarationReader()
        {
        }

        /// <summary>
        /// The steps declared in <paramref name="assembly"/>, by plugin type and method name (ordinal).
        /// <paramref name="secureConfiguration"/> supplies the secure configuration of a step (by step id).
        /// </summary>
        public static IReadOnlyList<PluginStep> Read(Assembly assembly, Func<Guid, string?>? secureConfiguration = null)
        {
            if (assembly == null) throw new ArgumentNullException(nameof(assembly));
            var result = new List<PluginStep>();
            var ids = new HashSet<Guid>();
            foreach (var type in LoadableTypes(assembly).Where(IsPlugin).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
                foreach (var method in methods.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    var images = method.GetCustomAttributes<PluginImageAttribute>().ToList();
                    foreach (var declaration in method.GetCustomAttributes<PluginStepAttribute>())
                    {
                        var step = ReadStep(type, method, declaration, images, secureConfiguration);
                        if (!ids.Add(step.Id))
                        {
                            throw new ArgumentException($"{type.FullName}.{method.Name}: the step {step.Message} of {step.PrimaryEntity ?? "no table"} at stage {(int)step.Stage} is declared twice.");
                        }
                        result.Add(step);
                    }
                }
            }
            return result;
        }

        IReadOnlyList<PluginStep> IStepDiscovery.Discover(Assembly assembly, Func<Guid, string?>? secureConfiguration) => Read(assembly, secureConfiguration);

        private static PluginStep ReadStep(Type type, MethodInfo method, PluginStepAttribute declaration, List<PluginImageAttribute> images, Func<Guid, string?>? secureConfiguration)
        {
            var message = declaration.Message;
            if (string.IsNullOrEmpty(message)) throw new ArgumentException($"{type.FullName}.{method.Name}: a PluginStep declaration has no Message.");
            var entity = declaration.PrimaryEntity;
            var stage = (int)declaration.Stage;
            var id = DeterministicId.ForStep(type.FullName!, message, entity, stage);
            var name = $"{type.Name}.{method.Name} ({message} of {entity ?? "no table"}, {stage})";
            return new PluginStep(message, type)
            {
                Id = id,
                Name = declaration.Description is { Length: > 0 } description ? $"{name}: {description}" : name,
                PrimaryEntity = entity,
                Stage = (PipelineStage)stage,
                Mode = (StepMode)(int)declaration.Mode,
                Rank = declaration.Rank,
                FilteringAttributes = NonEmpty(declaration.FilteringAttributes),
                UnsecureConfiguration = declaration.UnsecureConfiguration,
                SecureConfiguration = secureConfiguration?.Invoke(id),
                DeleteAsyncOperationOnSuccess = declaration.DeleteAsyncOperationOnSuccess,
                // An image narrowed to a table belongs only to that table's step of the method.
                Images = images
                    .Where(i => i.PrimaryEntity == null || string.Equals(i.PrimaryEntity, entity, StringComparison.Ordinal))
                    .Select(i => new StepImage((ImageType)(int)i.ImageType, i.Alias ?? "", NonEmpty(i.Attributes)) { MessagePropertyName = i.MessagePropertyName })
                    .ToArray(),
            };
        }

        private static string[] NonEmpty(string[]? values) =>
            values == null ? Array.Empty<string>() : values.Where(v => !string.IsNullOrEmpty(v)).ToArray();

        private static bool IsPlugin(Type type) =>
            type.IsClass && !type.IsAbstract && typeof(IPlugin).IsAssignableFrom(type);

        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                var missing = e.LoaderExceptions.FirstOrDefault()?.Message ?? "unknown";
                throw new InvalidOperationException($"Cannot read the types of {assembly.FullName}: {missing}", e);
            }
        }
    }
}
