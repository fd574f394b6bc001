using System;
using System.Collections.Generic;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;

namespace CrmAttention.Cli.Simulation.Workflow
{
    /// <summary>The workflow's <see cref="IActorFacts"/> in memory: the user an operation runs as, and every known user.</summary>
    public sealed class MemoryActorFacts : IActorFacts
    {
        private readonly UserFacts _initiator;
        private readonly IReadOnlyDictionary<Guid, UserFacts> _users;

        public MemoryActorFacts(UserFacts initiator, IReadOnlyDictionary<Guid, UserFacts> users)
        {
            _initiator = initiator ?? throw new ArgumentNullException(nameof(initiator));
            _users = users ?? throw new ArgumentNullException(nameof(users));
        }

        public UserFacts Initiator() => _initiator;

        public UserFacts User(Guid userId) =>
            _users.TryGetValue(userId, out var facts) ? facts : throw new KeyNotFoundException("The user " + userId.ToString("D") + " is not known.");

        public MessageFormat InitiatorFormat() => MessageFormat.FromLcid(_initiator.UiLanguageId);
    }
}
