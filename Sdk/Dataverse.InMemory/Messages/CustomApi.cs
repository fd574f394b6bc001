using System;
using Dataverse.InMemory.Pipeline;

namespace Dataverse.InMemory.Messages
{
    /// <summary>A custom API registered by unique name: its implementing plugin and the request parameters it requires.</summary>
    public sealed class CustomApi
    {
        public CustomApi(string uniqueName, PluginStep? implementation)
        {
            if (string.IsNullOrWhiteSpace(uniqueName)) throw new ArgumentException("A custom API needs a unique name.", nameof(uniqueName));
            UniqueName = uniqueName;
            Implementation = implementation;
        }

        public string UniqueName { get; }

        /// <summary>The plugin that runs at stage 30, or null for an API without implementation.</summary>
        public PluginStep? Implementation { get; }

        /// <summary>Request parameters that must be present (customapirequestparameter.isoptional = false).</summary>
        public string[] RequiredParameters { get; init; } = Array.Empty<string>();

        /// <summary>For an entity-bound API, the bound table; the implicit Target parameter names the record.</summary>
        public string? BoundEntity { get; init; }
    }
}
