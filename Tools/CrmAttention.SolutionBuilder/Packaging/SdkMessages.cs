using System;
using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// An exported step names its message only by sdkmessageid. Platform messages have the same id in every
    /// Dataverse environment; these are the ones Microsoft documents and real exports show. A step on a message
    /// missing here cannot be exported faithfully, so the builder refuses it with the way to look the id up.
    /// </summary>
    public static class SdkMessages
    {
        private static readonly Dictionary<string, Guid> Known = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["Assign"] = new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Create"] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Delete"] = new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["GrantAccess"] = new Guid("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Merge"] = new Guid("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["ModifyAccess"] = new Guid("dcbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Retrieve"] = new Guid("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["RetrieveMultiple"] = new Guid("03bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["RevokeAccess"] = new Guid("11bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["SetState"] = new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["SetStateDynamicEntity"] = new Guid("1dbebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Update"] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        };

        public static bool TryGetId(string message, out Guid id) => Known.TryGetValue(message, out id);

        public static Guid IdOf(string message, string stepName) =>
            Known.TryGetValue(message, out var id)
                ? id
                : throw new PackagingException(
                    $"Step '{stepName}' is on the message '{message}', whose sdkmessageid the builder does not know. An exported step names " +
                    "its message by id only. Look it up once in any environment (GET [org]/api/data/v9.2/sdkmessages?$filter=name eq '" + message +
                    "'&$select=sdkmessageid) and add it to Tools/CrmAttention.SolutionBuilder/Packaging/SdkMessages.cs.");
    }

    /// <summary>The solution cannot be packed as modelled; the message says what and where.</summary>
    public sealed class PackagingException : Exception
    {
        public PackagingException(string message) : base(message)
        {
        }
    }
}
