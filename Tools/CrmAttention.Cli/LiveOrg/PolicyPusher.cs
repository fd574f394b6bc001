using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CrmAttention.Engine;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using F = CrmAttention.Model.AttentionPolicy.Fields;
using P = CrmAttention.Model.AttentionPolicy;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>What policy push did.</summary>
    public sealed class PushResult
    {
        public Guid Id { get; set; }

        public bool Created { get; set; }

        /// <summary>The columns the push changed (all of them on a create); empty when the row already said the same.</summary>
        public List<string> Changed { get; } = new();
    }

    /// <summary>
    /// Writes a policy to the org's cat_attentionpolicy table over the Web API, as the columns PolicyMapper maps: the
    /// row of the same name is updated (only the columns that differ), or created when there is none. Two rows of
    /// that name already are refused rather than guessed between. Whether the row is the org's default and its
    /// priority are the org's choice, not the file's: they are written only on a create (not default) or with
    /// <c>makeDefault</c>.
    /// </summary>
    public sealed class PolicyPusher
    {
        /// <summary>Columns a policy file does not carry; an update leaves them as the org has them.</summary>
        private static readonly HashSet<string> OrgOwned = new(StringComparer.Ordinal) { F.CatAttentionPolicyId, F.CatIsDefault, F.CatPriority };

        private readonly WebApiClient _client;

        public PolicyPusher(WebApiClient client) => _client = client;

        public async Task<PushResult> PushAsync(AttentionPolicy policy, bool makeDefault, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(policy.Name))
                throw new CliException("The policy file gives no \"name\": the name says which policy of the org to update.", "Die Richtliniendatei nennt keinen \"name\": der Name bestimmt, welche Richtlinie der Organisation geändert wird.");
            var wanted = Body(policy);
            var columns = PolicyMapper.Columns.Where(c => !OrgOwned.Contains(c)).ToList();
            var filter = F.CatName + " eq '" + policy.Name.Replace("'", "''", StringComparison.Ordinal) + "'";
            var url = P.EntitySetName + "?$select=" + string.Join(",", columns.Append(F.CatIsDefault)) + "&$filter=" + Uri.EscapeDataString(filter);
            var existing = _client.Query(url, cancellationToken: cancellationToken).Select(r => r.Clone()).ToList();
            if (existing.Count > 1)
            {
                var ids = string.Join(", ", existing.Select(r => r.GetProperty(F.CatAttentionPolicyId).GetString()));
                throw new CliException($"The org has {existing.Count} policies named \"{policy.Name}\" ({ids}): remove or rename all but one, then push again.",
                    $"Die Organisation hat {existing.Count} Richtlinien namens \"{policy.Name}\" ({ids}): alle bis auf eine löschen oder umbenennen, dann erneut übertragen.");
            }
            var result = new PushResult();
            if (existing.Count == 0)
            {
                wanted[F.CatIsDefault] = makeDefault;
                result.Id = await _client.CreateAsync(P.EntitySetName, wanted, cancellationToken).ConfigureAwait(false);
                result.Created = true;
                result.Changed.AddRange(wanted.Select(p => p.Key));
                return result;
            }
            var row = existing[0];
            result.Id = row.GetProperty(F.CatAttentionPolicyId).GetGuid();
            var patch = new JsonObject();
            foreach (var (column, value) in wanted)
            {
                if (Same(row.TryGetProperty(column, out var now) ? now : default, value)) continue;
                patch[column] = value?.DeepClone();
                result.Changed.Add(column);
            }
            if (makeDefault && !(row.TryGetProperty(F.CatIsDefault, out var isDefault) && isDefault.ValueKind == JsonValueKind.True))
            {
                patch[F.CatIsDefault] = true;
                result.Changed.Add(F.CatIsDefault);
            }
            if (patch.Count > 0) await _client.UpdateAsync(P.EntitySetName, result.Id, patch, cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>The Web API body of the policy's row: every column PolicyMapper maps, empty ones as null.</summary>
        public static JsonObject Body(AttentionPolicy policy)
        {
            var body = new JsonObject();
            foreach (var (column, value) in PolicyMapper.ToRow(policy).Attributes)
            {
                if (OrgOwned.Contains(column)) continue;
                body[column] = value switch
                {
                    null => null,
                    string s => JsonValue.Create(s),
                    bool b => JsonValue.Create(b),
                    int i => JsonValue.Create(i),
                    double d => JsonValue.Create(d),
                    decimal m => JsonValue.Create(m),
                    OptionSetValue o => JsonValue.Create(o.Value),
                    Money money => JsonValue.Create(money.Value),
                    _ => throw new NotSupportedException($"Column {column}: a {value.GetType().Name} value cannot be written by policy push."),
                };
            }
            return body;
        }

        /// <summary>Whether the org's value is the one to write: numbers by value (the org may write 0.5 as 0.5000000000), text exactly.</summary>
        private static bool Same(JsonElement now, JsonNode? wanted)
        {
            var empty = now.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
            if (wanted is null) return empty;
            if (empty) return false;
            var element = JsonSerializer.Deserialize<JsonElement>(wanted.ToJsonString());
            return (now.ValueKind, element.ValueKind) switch
            {
                (JsonValueKind.Number, JsonValueKind.Number) => now.GetDecimal() == element.GetDecimal(),
                (JsonValueKind.String, JsonValueKind.String) => now.GetString() == element.GetString(),
                (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) => true,
                _ => false,
            };
        }

        internal static string Describe(PushResult result) => string.Join(", ", result.Changed);
    }
}
