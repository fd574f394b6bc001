using System;
using System.Collections.Generic;
using CrmAttention.Engine.Workflow;
using CrmAttention.Plugins.Services;

namespace CrmAttention.Cli.Simulation.Workflow
{
    /// <summary>
    /// The workflow's <see cref="IAttentionStateStore"/> in memory: each contact's state, its account's state (one object
    /// per account, shared by its contacts as the account row is) and its policy. Saving brings the state up to the
    /// time of the change exactly as the Dataverse store does before it writes the columns; the columns themselves are
    /// not kept. One thread drives it, so there is nothing to lock.
    /// </summary>
    public sealed class MemoryAttentionStore : IAttentionStateStore
    {
        private readonly Dictionary<Guid, LoadedContact> _contacts = new Dictionary<Guid, LoadedContact>();

        public void Add(LoadedContact contact)
        {
            if (contact is null) throw new ArgumentNullException(nameof(contact));
            _contacts.Add(contact.Contact.Id, contact);
        }

        /// <summary>The stored contact; the workflow changes it in place, as a later read of the row would show.</summary>
        public LoadedContact Get(Guid contactId) =>
            _contacts.TryGetValue(contactId, out var loaded) ? loaded : throw new KeyNotFoundException("The contact " + contactId.ToString("D") + " is not in the store.");

        public IReadOnlyList<LoadedContact> Load(IReadOnlyCollection<Guid> contactIds)
        {
            var result = new List<LoadedContact>(contactIds.Count);
            foreach (var id in contactIds)
            {
                // As the Dataverse query: each contact once, those that do not exist left out.
                if (_contacts.TryGetValue(id, out var loaded) && !result.Contains(loaded)) result.Add(loaded);
            }
            return result;
        }

        public IReadOnlyList<LoadedContact> LoadForUpdate(IReadOnlyCollection<Guid> contactIds, bool recipientsOfThisOperation) => Load(contactIds);

        /// <summary>
        /// Brings the state up to <paramref name="now"/> as every store does, and keeps pressure as precisely as the
        /// cat_pressure columns do, so that the next touch sees what it would read back from Dataverse.
        /// </summary>
        public void Save(IReadOnlyList<LoadedContact> contacts, DateTime now) => LoadedContact.BringUpTo(contacts, now,
            (c, s) => c.Contact.Pressure = (double)AttentionStore.PressureColumn(s.Pressure),
            (c, s) => c.Account!.Pressure = (double)AttentionStore.PressureColumn(s.Pressure));
    }
}
