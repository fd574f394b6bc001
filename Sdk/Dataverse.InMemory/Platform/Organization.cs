using System;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Platform
{
    /// <summary>
    /// The organization's identity and what the platform reads about its users: the ids every execution context
    /// carries, and a user's UI language, business unit and name as stored in systemuser and usersettings.
    /// </summary>
    internal sealed class Organization
    {
        public Organization(Guid id, string name, Guid rootBusinessUnitId, Guid systemUserId, Guid defaultUserId)
        {
            Id = id;
            Name = name;
            RootBusinessUnitId = rootBusinessUnitId;
            SystemUserId = systemUserId;
            DefaultUserId = defaultUserId;
        }

        public Guid Id { get; }

        public string Name { get; }

        public Guid RootBusinessUnitId { get; }

        /// <summary>The SYSTEM user (what CreateOrganizationService(null) runs as inside a plugin).</summary>
        public Guid SystemUserId { get; }

        /// <summary>The user a directly run plugin runs as when the invocation names none.</summary>
        public Guid DefaultUserId { get; }

        /// <summary>The user's UI language (usersettings.uilanguageid), 1033 when unknown.</summary>
        public int LanguageOf(IRowReader reader, Guid userId) =>
            reader.Get("usersettings", userId)?.GetAttributeValue<int?>("uilanguageid") ?? 1033;

        public Guid BusinessUnitOf(IRowReader reader, Guid userId) =>
            reader.Get("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? RootBusinessUnitId;

        public string? UserName(IRowReader reader, Guid userId) =>
            reader.Get("systemuser", userId)?.GetAttributeValue<string>("fullname");
    }
}
