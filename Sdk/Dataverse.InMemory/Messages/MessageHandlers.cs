using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Dataverse.InMemory.Faults;

namespace Dataverse.InMemory.Messages
{
    /// <summary>
    /// The request types the organization answers, by request name: the platform's messages, the composite ones
    /// (answered by issuing other requests) and the registered custom APIs. An unknown name faults as Dataverse
    /// answers an unknown request.
    /// </summary>
    internal sealed class MessageHandlers
    {
        private readonly Dictionary<string, MessageHandler> platform = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, CompositeMessageHandler> composites = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, CustomApiHandler> customApis = new(StringComparer.OrdinalIgnoreCase);

        public MessageHandlers(IEnumerable<MessageHandler> platformHandlers, IEnumerable<CompositeMessageHandler> compositeHandlers)
        {
            foreach (var handler in platformHandlers) platform.Add(handler.RequestName, handler);
            foreach (var handler in compositeHandlers) composites.Add(handler.RequestName, handler);
        }

        /// <summary>Registers (or replaces) a custom API; a platform message name cannot be reused.</summary>
        public void RegisterCustomApi(CustomApi api)
        {
            if (platform.ContainsKey(api.UniqueName) || composites.ContainsKey(api.UniqueName))
            {
                throw new ArgumentException($"'{api.UniqueName}' is a platform message, not a custom API name.");
            }
            customApis[api.UniqueName] = new CustomApiHandler(api);
        }

        /// <summary>The composite handler for <paramref name="requestName"/>, or null when the request runs through the stages itself.</summary>
        public CompositeMessageHandler? Composite(string requestName) =>
            composites.TryGetValue(requestName, out var handler) ? handler : null;

        /// <summary>The handler of a platform message or custom API.</summary>
        public MessageHandler Handler(string requestName)
        {
            if (platform.TryGetValue(requestName, out var handler)) return handler;
            if (customApis.TryGetValue(requestName, out var api)) return api;
            throw DataverseFault.UnknownRequest(requestName);
        }
    }
}
