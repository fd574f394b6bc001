using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

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

        public static Guid IdOf(string message, string stepName) => SdkMessageIds.WellKnown.IdOf(message, stepName);

        /// <summary>The documented ids (message name → sdkmessageid).</summary>
        public static IReadOnlyDictionary<string, Guid> WellKnown => Known;
    }

    /// <summary>
    /// The sdkmessageids a pack may use: the well-known ones plus those given as pack inputs for messages no public
    /// source documents (Send). An id given for a well-known message must be that message's id, so a typo or a guess
    /// cannot replace a documented one.
    /// </summary>
    public sealed class SdkMessageIds
    {
        public const string LookupHint = "Look it up once in any environment: GET [org]/api/data/v9.2/sdkmessages?$filter=name eq '{0}'&$select=sdkmessageid";

        private readonly IReadOnlyDictionary<string, Guid> _ids;

        private SdkMessageIds(IReadOnlyDictionary<string, Guid> ids, IReadOnlyDictionary<string, Guid> supplied)
        {
            _ids = ids;
            Supplied = supplied;
        }

        public static SdkMessageIds WellKnown { get; } = new SdkMessageIds(SdkMessages.WellKnown, new Dictionary<string, Guid>());

        /// <summary>The ids given as pack inputs (for the build log).</summary>
        public IReadOnlyDictionary<string, Guid> Supplied { get; }

        public bool TryGetId(string message, out Guid id) => _ids.TryGetValue(message, out id);

        public Guid IdOf(string message, string stepName) =>
            _ids.TryGetValue(message, out var id)
                ? id
                : throw new PackagingException(
                    $"Step '{stepName}' is on the message '{message}', whose sdkmessageid the builder does not know. An exported step names " +
                    "its message by id only. " + string.Format(System.Globalization.CultureInfo.InvariantCulture, LookupHint, message) +
                    $", then pack with --message-id {message}=<id> (build.ps1 -MessageIds {message}=<id>) or put it in Solution/messageids.json.");

        /// <summary>The well-known ids plus <paramref name="supplied"/>; refuses an empty id and a different id for a well-known message.</summary>
        public SdkMessageIds With(IReadOnlyDictionary<string, Guid> supplied, string source)
        {
            var ids = new Dictionary<string, Guid>(_ids, StringComparer.Ordinal);
            var all = new Dictionary<string, Guid>(Supplied, StringComparer.Ordinal);
            foreach (var (message, id) in supplied)
            {
                if (string.IsNullOrWhiteSpace(message) || message.Trim() != message)
                    throw new PackagingException($"{source}: '{message}' is not a message name.");
                if (id == Guid.Empty)
                    throw new PackagingException($"{source}: the sdkmessageid of {message} is the empty GUID.");
                if (SdkMessages.WellKnown.TryGetValue(message, out var known) && known != id)
                    throw new PackagingException($"{source}: {message} has the sdkmessageid {known:D} in every environment, not {id:D}.");
                if (Supplied.TryGetValue(message, out var earlier) && earlier != id)
                    throw new PackagingException($"{source}: {message} was already given the sdkmessageid {earlier:D}, not {id:D}.");
                ids[message] = id;
                all[message] = id;
            }
            return new SdkMessageIds(ids, all);
        }

        /// <summary>Parses command-line pairs "Send=&lt;guid&gt;".</summary>
        public static IReadOnlyDictionary<string, Guid> ParsePairs(IEnumerable<string> pairs)
        {
            var result = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0 || !Guid.TryParse(pair.Substring(equals + 1).Trim(), out var id))
                    throw new PackagingException($"--message-id expects <message>=<sdkmessageid>, e.g. Send=<guid>; got '{pair}'.");
                var message = pair.Substring(0, equals).Trim();
                if (result.TryGetValue(message, out var earlier) && earlier != id)
                    throw new PackagingException($"--message-id names {message} twice with different ids.");
                result[message] = id;
            }
            return result;
        }

        /// <summary>Reads a messageids.json: one object, message name → sdkmessageid, e.g. {"Send": "…"}.</summary>
        public static IReadOnlyDictionary<string, Guid> ReadJson(string path)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(path));
            }
            catch (JsonException e)
            {
                throw new PackagingException($"{path} is not valid JSON: {e.Message}");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new PackagingException($"{path} must be one JSON object of message name → sdkmessageid, e.g. {{\"Send\": \"<guid>\"}}.");
                var result = new Dictionary<string, Guid>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String || !Guid.TryParse(property.Value.GetString(), out var id))
                        throw new PackagingException($"{path}: the value of \"{property.Name}\" is not a GUID.");
                    result[property.Name] = id;
                }
                return result;
            }
        }
    }

    /// <summary>The solution cannot be packed as modelled; the message says what and where.</summary>
    public sealed class PackagingException : Exception
    {
        public PackagingException(string message) : base(message)
        {
        }
    }
}
