using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>Pipeline stage numbers as the platform stores them (sdkmessageprocessingstep.stage).</summary>
    public enum PipelineStage
    {
        /// <summary>Before the transaction and before security checks for a top-level request.</summary>
        PreValidation = 10,

        /// <summary>Inside the transaction, before the core operation; Target changes are saved.</summary>
        PreOperation = 20,

        /// <summary>The core operation; only custom API implementations run here.</summary>
        MainOperation = 30,

        /// <summary>Inside the transaction (sync steps) or after commit (async steps).</summary>
        PostOperation = 40,
    }

    /// <summary>sdkmessageprocessingstep.mode.</summary>
    public enum StepMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    /// <summary>sdkmessageprocessingstepimage.imagetype.</summary>
    public enum ImageType
    {
        PreImage = 0,
        PostImage = 1,
        Both = 2,
    }

    /// <summary>An entity image registered on a step: a snapshot of the row before and/or after the core operation.</summary>
    public sealed class StepImage
    {
        public StepImage(ImageType type, string alias, params string[] attributes)
        {
            if (string.IsNullOrWhiteSpace(alias)) throw new ArgumentException("An image needs an alias; plugins read it by alias.", nameof(alias));
            Type = type;
            Alias = alias;
            Attributes = attributes ?? Array.Empty<string>();
        }

        public ImageType Type { get; }

        /// <summary>The key in PreEntityImages / PostEntityImages.</summary>
        public string Alias { get; }

        /// <summary>The columns in the image; empty means all columns.</summary>
        public IReadOnlyList<string> Attributes { get; }

        /// <summary>The request property naming the image's record; null = the message's default (Target, EmailId for Send).</summary>
        public string? MessagePropertyName { get; init; }

        internal bool IsPre => Type is ImageType.PreImage or ImageType.Both;

        internal bool IsPost => Type is ImageType.PostImage or ImageType.Both;
    }

    /// <summary>
    /// A registered step (sdkmessageprocessingstep) as data: which plugin runs for which message, table, stage and
    /// mode, in which order, with which configuration, filtering attributes and images. The plugin is either a
    /// type (instantiated once through its (string unsecure, string secure) constructor, as the platform caches
    /// plugin instances) or a ready instance.
    /// </summary>
    public sealed class PluginStep
    {
        private readonly object instanceGate = new();
        private IPlugin? instance;

        public PluginStep(string message, Type pluginType)
        {
            Message = RequireMessage(message);
            PluginType = pluginType ?? throw new ArgumentNullException(nameof(pluginType));
            if (!typeof(IPlugin).IsAssignableFrom(pluginType)) throw new ArgumentException($"{pluginType.FullName} does not implement IPlugin.", nameof(pluginType));
        }

        public PluginStep(string message, IPlugin plugin)
        {
            Message = RequireMessage(message);
            instance = plugin ?? throw new ArgumentNullException(nameof(plugin));
            PluginType = plugin.GetType();
        }

        /// <summary>The step id (sdkmessageprocessingstepid); the context's OwningExtension points to it.</summary>
        public Guid Id { get; init; } = Guid.NewGuid();

        /// <summary>A readable name for traces and instrumentation; defaults to "Type: Message of table (stage)".</summary>
        public string? Name { get; init; }

        /// <summary>SDK message name: "Create", "Update", "Send", a custom API name …</summary>
        public string Message { get; }

        /// <summary>The primary table; null runs for every table (and for messages without one).</summary>
        public string? PrimaryEntity { get; init; }

        public PipelineStage Stage { get; init; } = PipelineStage.PostOperation;

        public StepMode Mode { get; init; } = StepMode.Synchronous;

        /// <summary>Execution order within the stage, lowest first; ties run in registration order.</summary>
        public int Rank { get; init; } = 1;

        /// <summary>Update only: run only when the Target contains at least one of these columns; empty = always.</summary>
        public IReadOnlyCollection<string> FilteringAttributes { get; init; } = Array.Empty<string>();

        public string? UnsecureConfiguration { get; init; }

        public string? SecureConfiguration { get; init; }

        /// <summary>"Run in User's Context": the step's UserId; null = the calling user.</summary>
        public Guid? ImpersonatingUserId { get; init; }

        /// <summary>Async only: delete the system job when it succeeds (default), otherwise keep it as a succeeded job.</summary>
        public bool DeleteAsyncOperationOnSuccess { get; init; } = true;

        public IReadOnlyList<StepImage> Images { get; init; } = Array.Empty<StepImage>();

        public Type PluginType { get; }

        public string DisplayName => Name ?? $"{PluginType.FullName}: {Message} of {PrimaryEntity ?? "any table"} ({(int)Stage}{(Mode == StepMode.Asynchronous ? ", async" : "")})";

        /// <summary>The plugin instance, created on first use and reused, as the platform reuses cached instances.</summary>
        internal IPlugin Plugin
        {
            get
            {
                if (instance != null) return instance;
                lock (instanceGate)
                {
                    return instance ??= Instantiate();
                }
            }
        }

        internal bool Matches(string message, string? primaryEntity, PipelineStage stage) =>
            Stage == stage
            && string.Equals(Message, message, StringComparison.OrdinalIgnoreCase)
            && (PrimaryEntity == null || string.Equals(PrimaryEntity, primaryEntity, StringComparison.Ordinal));

        /// <summary>Checks the rules the Plugin Registration Tool enforces, so a test cannot register what Dataverse refuses.</summary>
        internal void Validate()
        {
            if (Mode == StepMode.Asynchronous && Stage != PipelineStage.PostOperation)
            {
                throw new ArgumentException($"{DisplayName}: asynchronous steps are allowed only in PostOperation (40).");
            }
            if (FilteringAttributes.Count > 0 && !string.Equals(Message, "Update", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{DisplayName}: filtering attributes apply only to Update steps.");
            }
            foreach (var image in Images)
            {
                if (image.IsPost && Stage != PipelineStage.PostOperation)
                {
                    throw new ArgumentException($"{DisplayName}: post images exist only in PostOperation (image '{image.Alias}').");
                }
                if (string.Equals(Message, "Create", StringComparison.OrdinalIgnoreCase) && image.IsPre)
                {
                    throw new ArgumentException($"{DisplayName}: Create has no pre image (image '{image.Alias}').");
                }
                if (string.Equals(Message, "Delete", StringComparison.OrdinalIgnoreCase) && image.IsPost)
                {
                    throw new ArgumentException($"{DisplayName}: Delete has no post image (image '{image.Alias}').");
                }
                if (!ImageMessages.Supports(Message, image.MessagePropertyName))
                {
                    throw new ArgumentException($"{DisplayName}: the message {Message} does not support images on '{image.MessagePropertyName ?? "its default property"}'.");
                }
            }
        }

        private IPlugin Instantiate()
        {
            var unsecure = UnsecureConfiguration;
            var secure = SecureConfiguration;
            var twoStrings = PluginType.GetConstructor(new[] { typeof(string), typeof(string) });
            try
            {
                if (twoStrings != null) return (IPlugin)twoStrings.Invoke(new object?[] { unsecure, secure });
                var oneString = PluginType.GetConstructor(new[] { typeof(string) });
                if (oneString != null) return (IPlugin)oneString.Invoke(new object?[] { unsecure });
                var none = PluginType.GetConstructor(Type.EmptyTypes);
                if (none != null) return (IPlugin)none.Invoke(Array.Empty<object>());
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw new InvalidOperationException($"The constructor of plugin {PluginType.FullName} threw: {e.InnerException.Message}", e.InnerException);
            }
            throw new InvalidOperationException($"Plugin {PluginType.FullName} has no public constructor taking (string, string), (string) or ().");
        }

        private static string RequireMessage(string message) =>
            string.IsNullOrWhiteSpace(message) ? throw new ArgumentException("A step needs a message name.", nameof(message)) : message;
    }

    /// <summary>Which messages support entity images, and the request property holding the image's record (register-plug-in).</summary>
    internal static class ImageMessages
    {
        private static readonly Dictionary<string, string[]> Properties = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Create"] = new[] { "Target" },
            ["Update"] = new[] { "Target" },
            ["Delete"] = new[] { "Target" },
            ["Assign"] = new[] { "Target" },
            ["Merge"] = new[] { "Target", "SubordinateId" },
            ["Route"] = new[] { "Target" },
            ["Send"] = new[] { "EmailId", "FaxId", "TemplateId" },
            ["SetState"] = new[] { "EntityMoniker" },
            ["SetStateDynamicEntity"] = new[] { "EntityMoniker" },
            ["DeliverIncoming"] = new[] { "EmailId" },
            ["DeliverPromote"] = new[] { "EmailId" },
        };

        public static bool Supports(string message, string? property) =>
            Properties.TryGetValue(message, out var allowed) && (property == null || allowed.Contains(property, StringComparer.Ordinal));

        public static string DefaultProperty(string message) =>
            Properties.TryGetValue(message, out var allowed) ? allowed[0] : "Target";
    }
}
