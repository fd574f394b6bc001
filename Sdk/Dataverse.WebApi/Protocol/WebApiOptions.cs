using System;
using System.Collections.Generic;

namespace Dataverse.WebApi.Protocol
{
    /// <summary>
    /// Service protection limits, as Dataverse applies them per user: at most <see cref="MaxRequests"/> requests in a
    /// sliding <see cref="Window"/>; past that the Web API answers 429 Too Many Requests with Retry-After.
    /// </summary>
    public sealed record ServiceProtectionLimits(int MaxRequests, TimeSpan Window);

    /// <summary>How the Web API host authenticates and limits callers.</summary>
    public sealed class WebApiOptions
    {
        private readonly Dictionary<string, Guid?> tokens = new(StringComparer.Ordinal);

        /// <summary>
        /// Accepts <paramref name="token"/> as a bearer token for <paramref name="userId"/> (null: the organization's
        /// default user). This is the host's test authority: there is no identity provider, only the tokens given here.
        /// </summary>
        public WebApiOptions AddToken(string token, Guid? userId = null)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("A bearer token must not be empty.", nameof(token));
            tokens[token] = userId;
            return this;
        }

        internal IReadOnlyDictionary<string, Guid?> Tokens => tokens;

        /// <summary>Null (the default) applies no limits.</summary>
        public ServiceProtectionLimits? ServiceProtection { get; set; }

        /// <summary>The clock the service-protection window reads; the system clock unless a test gives its own.</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>
        /// The largest page the host returns (Prefer: odata.maxpagesize is honoured up to it). Dataverse's is 5,000.
        /// </summary>
        public int MaxPageSize { get; set; } = 5000;

        /// <summary>
        /// A lower aggregate limit for aggregate FetchXML that sets none (as its aggregatelimit attribute would), so the
        /// 50,000-row limit's error (0x8004E023) can be seen on a small org. Null: the platform's limit.
        /// </summary>
        public int? AggregateLimit { get; set; }

        /// <summary>
        /// Who holds prvActOnBehalfOfAnotherUser, the privilege Dataverse requires of a caller that sends MSCRMCallerID or
        /// CallerObjectId (given the calling user's systemuserid). Null (the default): while the org enforces security
        /// (<c>InMemoryDataverse.EnforceSecurity</c>) the privilege is read from the roles assigned to the user directly,
        /// as Dataverse requires; otherwise every caller may impersonate, as a System Administrator may.
        /// <see cref="AllowImpersonationBy"/> and <see cref="AllowImpersonationByRoles"/> set it.
        /// </summary>
        public Func<Guid, bool>? CanImpersonate
        {
            get => canImpersonate;
            set
            {
                canImpersonate = value;
                ImpersonatorRoles = null;
            }
        }

        private Func<Guid, bool>? canImpersonate;

        /// <summary>Only these users hold prvActOnBehalfOfAnotherUser.</summary>
        public WebApiOptions AllowImpersonationBy(params Guid[] userIds)
        {
            var holders = new HashSet<Guid>(userIds ?? throw new ArgumentNullException(nameof(userIds)));
            CanImpersonate = holders.Contains;
            return this;
        }

        /// <summary>
        /// Only users with one of these security roles (by name, assigned to the user directly in systemuserroles)
        /// hold prvActOnBehalfOfAnotherUser, as the Delegate role grants it. A role held through a team does not count:
        /// Dataverse requires the privilege to be assigned to the user directly.
        /// </summary>
        public WebApiOptions AllowImpersonationByRoles(params string[] roleNames)
        {
            canImpersonate = null;
            ImpersonatorRoles = new HashSet<string>(roleNames ?? throw new ArgumentNullException(nameof(roleNames)), StringComparer.OrdinalIgnoreCase);
            return this;
        }

        internal IReadOnlySet<string>? ImpersonatorRoles { get; private set; }

        /// <summary>
        /// Web resources served at /WebResources/&lt;name&gt; (for example cat_/pages/attention.html → a file), as
        /// Dataverse serves them to a signed-in browser, with /WebResources/ClientGlobalContext.js.aspx.
        /// </summary>
        public IDictionary<string, string> WebResources { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}
