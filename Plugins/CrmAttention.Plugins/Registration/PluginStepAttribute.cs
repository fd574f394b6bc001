using System;

namespace CrmAttention.Plugins.Registration
{
    /// <summary>
    /// Declares one step of the Dataverse event pipeline on the handler method that runs for it. This is the only
    /// place a step is written down: the plugin base dispatches by it, the in-memory Dataverse registers from it,
    /// and the solution builder emits SdkMessageProcessingStep XML from it (both read it through reflection
    /// metadata, by name, without loading this assembly). A method may carry several steps, e.g. one per table.
    /// A step with <see cref="PluginStage.MainOperation"/> is the implementation of a custom API, not a
    /// registered step: the solution binds it through the custom API's plugin type.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
    public sealed class PluginStepAttribute : Attribute
    {
        /// <summary>SDK message name, e.g. "Create", "Update", "Send", or a custom API unique name.</summary>
        public string Message { get; set; } = "";

        /// <summary>Logical name of the primary table; null for a message that has none (custom APIs, Send has "email").</summary>
        public string? PrimaryEntity { get; set; }

        public PluginStage Stage { get; set; } = PluginStage.PostOperation;

        public PluginMode Mode { get; set; } = PluginMode.Synchronous;

        /// <summary>Execution order within the stage; lower runs first.</summary>
        public int Rank { get; set; } = 1;

        /// <summary>Update only: the step runs only when at least one of these columns is in the Target.</summary>
        public string[] FilteringAttributes { get; set; } = Array.Empty<string>();

        /// <summary>Optional unsecure configuration passed to the plugin's (string, string) constructor.</summary>
        public string? UnsecureConfiguration { get; set; }

        /// <summary>What the step does, in one sentence, shown to customizers in the registration.</summary>
        public string? Description { get; set; }

        /// <summary>Async only: delete the system job when it succeeds.</summary>
        public bool DeleteAsyncOperationOnSuccess { get; set; } = true;
    }

    /// <summary>
    /// An entity image for the step(s) declared on the same method. Repeat the attribute for several images.
    /// <see cref="PrimaryEntity"/> narrows the image to the steps of one table when a method handles several.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
    public sealed class PluginImageAttribute : Attribute
    {
        public PluginImageType ImageType { get; set; } = PluginImageType.PreImage;

        /// <summary>Key under which the image appears in PreEntityImages / PostEntityImages.</summary>
        public string Alias { get; set; } = "";

        /// <summary>Columns in the image; empty means all columns.</summary>
        public string[] Attributes { get; set; } = Array.Empty<string>();

        /// <summary>Request property that names the image's record; null means the platform's default for the message
        /// (Target; EntityMoniker for SetState; EmailId for Send).</summary>
        public string? MessagePropertyName { get; set; }

        public string? PrimaryEntity { get; set; }
    }

    /// <summary>Pipeline stage numbers as the platform stores them (sdkmessageprocessingstep.stage).</summary>
    public enum PluginStage
    {
        PreValidation = 10,
        PreOperation = 20,
        MainOperation = 30,
        PostOperation = 40,
    }

    /// <summary>sdkmessageprocessingstep.mode.</summary>
    public enum PluginMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    /// <summary>sdkmessageprocessingstepimage.imagetype.</summary>
    public enum PluginImageType
    {
        PreImage = 0,
        PostImage = 1,
        Both = 2,
    }
}
