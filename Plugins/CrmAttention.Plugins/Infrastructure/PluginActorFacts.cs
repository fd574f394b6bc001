using System;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;

namespace CrmAttention.Plugins.Infrastructure
{
    /// <summary>
    /// The workflow's <see cref="IActorFacts"/> in a plugin: facts about users from the per-user cache (read as SYSTEM on
    /// a miss), the initiating user's language with the context's fallback to English.
    /// </summary>
    public sealed class PluginActorFacts : IActorFacts
    {
        private readonly LocalPluginContext _ctx;

        public PluginActorFacts(LocalPluginContext ctx)
        {
            _ctx = ctx ?? throw new ArgumentNullException(nameof(ctx));
        }

        public UserFacts Initiator() => _ctx.UserFacts();

        public UserFacts User(Guid userId) =>
            UserFactsCache.Shared.Get(_ctx.Context.OrganizationId, userId, _ctx.Now, () => UserFactsReader.Read(_ctx.SystemService, userId));

        public MessageFormat InitiatorFormat() => _ctx.UserFormat();
    }
}
