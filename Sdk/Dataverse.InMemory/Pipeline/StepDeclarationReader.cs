using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// Reads the step declarations of a plugin assembly — <c>CrmAttention.Plugins.Registration.PluginStepAttribute</c>
    /// and <c>PluginImageAttribute</c> on handler methods of IPlugin classes — by attribute type name through
    /// <see cref="CustomAttributeData"/>, so this library needs no reference to the plugin assembly. The same
    /// declarations produce the solution's SdkMessageProcessingStep XML, so a test runs exactly the registered steps.
    /// Step ids are the declarations' deterministic ids (name-based GUIDs of type, message, table and stage).
    /// </summary>
    public static class StepDeclarationReader
    {
        public const string StepAttributeName = "CrmAttention.Plugins.Registration.PluginStepAttribute";
        public const string ImageAttributeName = "CrmAttention.Plugins.Registration.PluginImageAttribute";

        // DeterministicId.Namespace of the plugin assembly: every CrmAttention id is derived in it.
        private static readonly Guid IdNamespace = new("5d3b8f0e-6f1c-4a53-9a57-7468c1a9e2b4");

        /// <summary>
        /// The steps declared in <paramref name="assembly"/>. <paramref name="secureConfiguration"/> supplies the
        /// secure configuration of a step (by step id), which never lives in code.
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
                    var attributes = CustomAttributeData.GetCustomAttributes(method);
                    var images = attributes.Where(a => a.AttributeType.FullName == ImageAttributeName).Select(ReadImage).ToList();
                    foreach (var declaration in attributes.Where(a => a.AttributeType.FullName == StepAttributeName))
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

        /// <summary>The step id the solution uses: a version 5 (SHA-1, name-based) GUID of "step|type|message|table|stage".</summary>
        public static Guid StepId(string pluginTypeFullName, string message, string? primaryEntity, int stage) =>
            NameBasedGuid(IdNamespace, "step|" + pluginTypeFullName + "|" + message + "|" + (primaryEntity ?? "") + "|" + stage);

        private static PluginStep ReadStep(Type type, MethodInfo method, CustomAttributeData declaration, List<ImageDeclaration> images, Func<Guid, string?>? secureConfiguration)
        {
            var message = Named<string>(declaration, "Message");
            if (string.IsNullOrEmpty(message)) throw new ArgumentException($"{type.FullName}.{method.Name}: a PluginStep declaration has no Message.");
            var entity = Named<string>(declaration, "PrimaryEntity");
            var stage = (PipelineStage)Named(declaration, "Stage", (int)PipelineStage.PostOperation);
            var id = StepId(type.FullName!, message!, entity, (int)stage);
            return new PluginStep(message!, type)
            {
                Id = id,
                Name = Named<string>(declaration, "Description") is { Length: > 0 } description
                    ? $"{type.Name}.{method.Name} ({message} of {entity ?? "no table"}, {(int)stage}): {description}"
                    : $"{type.Name}.{method.Name} ({message} of {entity ?? "no table"}, {(int)stage})",
                PrimaryEntity = entity,
                Stage = stage,
                Mode = (StepMode)Named(declaration, "Mode", (int)StepMode.Synchronous),
                Rank = Named(declaration, "Rank", 1),
                FilteringAttributes = Strings(declaration, "FilteringAttributes"),
                UnsecureConfiguration = Named<string>(declaration, "UnsecureConfiguration"),
                SecureConfiguration = secureConfiguration?.Invoke(id),
                DeleteAsyncOperationOnSuccess = Named(declaration, "DeleteAsyncOperationOnSuccess", true),
                Images = images
                    .Where(i => i.PrimaryEntity == null || string.Equals(i.PrimaryEntity, entity, StringComparison.Ordinal))
                    .Select(i => new StepImage(i.Type, i.Alias, i.Attributes) { MessagePropertyName = i.MessagePropertyName })
                    .ToArray(),
            };
        }

        private static ImageDeclaration ReadImage(CustomAttributeData declaration) => new(
            (ImageType)Named(declaration, "ImageType", (int)ImageType.PreImage),
            Named<string>(declaration, "Alias") ?? "",
            Strings(declaration, "Attributes"),
            Named<string>(declaration, "MessagePropertyName"),
            Named<string>(declaration, "PrimaryEntity"));

        private static T? Named<T>(CustomAttributeData declaration, string name)
            where T : class =>
            declaration.NamedArguments.FirstOrDefault(a => a.MemberName == name).TypedValue.Value as T;

        private static T Named<T>(CustomAttributeData declaration, string name, T fallback)
            where T : struct
        {
            foreach (var argument in declaration.NamedArguments)
            {
                if (argument.MemberName == name && argument.TypedValue.Value is T value) return value;
            }
            return fallback;
        }

        private static string[] Strings(CustomAttributeData declaration, string name)
        {
            foreach (var argument in declaration.NamedArguments)
            {
                if (argument.MemberName != name) continue;
                if (argument.TypedValue.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items)
                {
                    return items.Select(i => i.Value as string).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
                }
            }
            return Array.Empty<string>();
        }

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

        // RFC 4122 section 4.3: SHA-1 over the namespace id (network byte order) followed by the name, then the
        // version (5) and variant bits.
        private static Guid NameBasedGuid(Guid namespaceId, string name)
        {
            var ns = namespaceId.ToByteArray();
            ToNetworkOrder(ns);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var input = new byte[ns.Length + nameBytes.Length];
            ns.CopyTo(input, 0);
            nameBytes.CopyTo(input, ns.Length);
            var hash = SHA1.HashData(input);
            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            ToNetworkOrder(bytes);
            return new Guid(bytes);
        }

        // System.Guid keeps its first three fields little-endian; RFC 4122 orders them big-endian.
        private static void ToNetworkOrder(byte[] guid)
        {
            (guid[0], guid[3]) = (guid[3], guid[0]);
            (guid[1], guid[2]) = (guid[2], guid[1]);
            (guid[4], guid[5]) = (guid[5], guid[4]);
            (guid[6], guid[7]) = (guid[7], guid[6]);
        }

        private sealed record ImageDeclaration(ImageType Type, string Alias, string[] Attributes, string? MessagePropertyName, string? PrimaryEntity);
    }
}
