using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>Where the bearer token for the org comes from.</summary>
    public interface ITokenProvider
    {
        /// <summary>A token for the org; <paramref name="forceRefresh"/> after the org refused the last one (401).</summary>
        Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);

        /// <summary>True when a refresh can give a different token (a static --token cannot).</summary>
        bool CanRefresh { get; }

        /// <summary>How the user signed in, for the 401 message ("--token", "interactive sign-in", …).</summary>
        string Describe();
    }

    /// <summary>A token obtained elsewhere (--token): `az account get-access-token`, a pipeline secret, the loopback host's token.</summary>
    public sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly string _token;

        public StaticTokenProvider(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new CliException("--token is empty.", "--token ist leer.");
            _token = token.Trim();
        }

        public bool CanRefresh => false;

        public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult(_token);

        public string Describe() => "--token";
    }

    /// <summary>How a person or an application user signs in with Microsoft Entra ID (MSAL).</summary>
    public enum AuthMode
    {
        /// <summary>A person, in the system browser (authorization code with PKCE, redirect to http://localhost).</summary>
        Interactive,

        /// <summary>A person, on another device: the tool prints a code to enter at microsoft.com/devicelogin.</summary>
        DeviceCode,

        /// <summary>An application user (server-to-server) with a client secret.</summary>
        ClientSecret,

        /// <summary>An application user with a certificate (a .pfx file).</summary>
        Certificate,
    }

    /// <summary>The MSAL sign-in settings of one run.</summary>
    public sealed class MsalSettings
    {
        /// <summary>
        /// Microsoft's sample public client registered for Dataverse (its Web API quick starts use it, with the redirect
        /// URI http://localhost); an organization that blocks it registers its own and passes --client-id.
        /// </summary>
        public const string SampleClientId = "51f81489-12ee-4a9e-aaae-a2591f45987d";

        public AuthMode Mode { get; set; } = AuthMode.Interactive;

        /// <summary>The tenant id or domain; "organizations" (any work account) by default for a person.</summary>
        public string Tenant { get; set; } = "organizations";

        public string ClientId { get; set; } = SampleClientId;

        public string? ClientSecret { get; set; }

        public string? CertificatePath { get; set; }

        public string? CertificatePassword { get; set; }

        /// <summary>The folder of the persistent token cache (per user: the local application data folder by default).</summary>
        public string CacheDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "CrmAttention");
    }

    /// <summary>
    /// Tokens from Microsoft Entra ID through MSAL, for the scope &lt;org&gt;/.default (Dataverse's documented scope for
    /// an app that calls the Web API). Tokens are cached per user in a file protected by the operating system (DPAPI on
    /// Windows, the keychain on macOS, the keyring on Linux; an unprotected file in the user's own folder where Linux has
    /// no keyring), so a second run signs in silently until the refresh token expires.
    /// </summary>
    public sealed class MsalTokenProvider : ITokenProvider
    {
        private readonly MsalSettings _settings;
        private readonly string[] _scopes;
        private readonly Action<string> _say;
        private readonly SemaphoreSlim _lock = new SemaphoreSlim(1, 1);
        private IPublicClientApplication? _public;
        private IConfidentialClientApplication? _confidential;

        public MsalTokenProvider(Uri orgUrl, MsalSettings settings, Action<string> say)
        {
            _settings = settings;
            _say = say;
            _scopes = new[] { orgUrl.GetLeftPart(UriPartial.Authority) + "/.default" };
            if ((settings.Mode == AuthMode.ClientSecret || settings.Mode == AuthMode.Certificate) && (settings.Tenant == "organizations" || settings.Tenant == "common"))
            {
                throw new CliException(
                    "An application user signs in to one tenant: pass --tenant with the tenant id or domain (e.g. contoso.onmicrosoft.com).",
                    "Ein Anwendungsbenutzer meldet sich bei einem Mandanten an: --tenant mit der Mandanten-ID oder Domäne angeben (z. B. contoso.onmicrosoft.com).");
            }
            if (settings.Mode == AuthMode.ClientSecret && string.IsNullOrEmpty(settings.ClientSecret))
                throw new CliException("--auth client-secret needs --client-secret (or the CRM_ATTENTION_CLIENT_SECRET environment variable).", "--auth client-secret braucht --client-secret (oder die Umgebungsvariable CRM_ATTENTION_CLIENT_SECRET).");
            if (settings.Mode == AuthMode.Certificate && string.IsNullOrEmpty(settings.CertificatePath))
                throw new CliException("--auth certificate needs --certificate <file.pfx>.", "--auth certificate braucht --certificate <datei.pfx>.");
            if ((settings.Mode == AuthMode.ClientSecret || settings.Mode == AuthMode.Certificate) && settings.ClientId == MsalSettings.SampleClientId)
                throw new CliException("An application user needs its own app registration: pass --client-id.", "Ein Anwendungsbenutzer braucht eine eigene App-Registrierung: --client-id angeben.");
        }

        public bool CanRefresh => true;

        public string Describe() => _settings.Mode switch
        {
            AuthMode.DeviceCode => Text.T("device-code sign-in", "Anmeldung mit Gerätecode"),
            AuthMode.ClientSecret => Text.T("the application user's client secret", "das Client-Geheimnis des Anwendungsbenutzers"),
            AuthMode.Certificate => Text.T("the application user's certificate", "das Zertifikat des Anwendungsbenutzers"),
            _ => Text.T("interactive sign-in", "interaktive Anmeldung"),
        };

        public async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return _settings.Mode is AuthMode.ClientSecret or AuthMode.Certificate
                    ? await ApplicationTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false)
                    : await PersonTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            }
            catch (MsalException ex)
            {
                throw new CliException("Sign-in failed: " + ex.Message + " (MSAL " + ex.ErrorCode + ")", "Anmeldung fehlgeschlagen: " + ex.Message + " (MSAL " + ex.ErrorCode + ")");
            }
            finally
            {
                _lock.Release();
            }
        }

        private async Task<string> PersonTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (_public is null)
            {
                _public = PublicClientApplicationBuilder.Create(_settings.ClientId)
                    .WithAuthority(AzureCloudInstance.AzurePublic, _settings.Tenant)
                    .WithRedirectUri("http://localhost")
                    .Build();
                await RegisterCacheAsync(_public.UserTokenCache, "msal-user.cache").ConfigureAwait(false);
            }
            var account = (await _public.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault();
            if (account is not null)
            {
                try
                {
                    var silent = await _public.AcquireTokenSilent(_scopes, account).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return silent.AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // The refresh token expired or consent changed: sign in again below.
                }
            }
            if (_settings.Mode == AuthMode.DeviceCode)
            {
                var result = await _public.AcquireTokenWithDeviceCode(_scopes, code =>
                {
                    _say(code.Message);
                    return Task.CompletedTask;
                }).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return result.AccessToken;
            }
            _say(Text.T("Signing in in the browser…", "Anmeldung im Browser…"));
            var interactive = await _public.AcquireTokenInteractive(_scopes).WithUseEmbeddedWebView(false).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return interactive.AccessToken;
        }

        private async Task<string> ApplicationTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (_confidential is null)
            {
                var builder = ConfidentialClientApplicationBuilder.Create(_settings.ClientId).WithAuthority(AzureCloudInstance.AzurePublic, _settings.Tenant);
                if (_settings.Mode == AuthMode.ClientSecret) builder = builder.WithClientSecret(_settings.ClientSecret);
                else builder = builder.WithCertificate(LoadCertificate(_settings.CertificatePath!, _settings.CertificatePassword));
                _confidential = builder.Build();
                await RegisterCacheAsync(_confidential.AppTokenCache, "msal-app-" + _settings.ClientId + ".cache").ConfigureAwait(false);
            }
            var result = await _confidential.AcquireTokenForClient(_scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return result.AccessToken;
        }

        private static X509Certificate2 LoadCertificate(string path, string? password)
        {
            if (!File.Exists(path)) throw new CliException("Certificate file not found: " + path, "Zertifikatsdatei nicht gefunden: " + path);
            try
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new CliException(path + ": the certificate cannot be read (" + ex.Message + "); pass --certificate-password if it has one.",
                    path + ": Das Zertifikat kann nicht gelesen werden (" + ex.Message + "); --certificate-password angeben, falls es eines hat.");
            }
        }

        private async Task RegisterCacheAsync(ITokenCache cache, string fileName)
        {
            Directory.CreateDirectory(_settings.CacheDirectory);
            var protectedStorage = new StorageCreationPropertiesBuilder(fileName, _settings.CacheDirectory)
                .WithMacKeyChain("CrmAttention", fileName)
                .WithLinuxKeyring("crm-attention.tokencache", MsalCacheHelper.LinuxKeyRingDefaultCollection, "CrmAttention token cache",
                    new System.Collections.Generic.KeyValuePair<string, string>("Application", "crm-attention"),
                    new System.Collections.Generic.KeyValuePair<string, string>("Cache", fileName))
                .Build();
            var helper = await MsalCacheHelper.CreateAsync(protectedStorage).ConfigureAwait(false);
            try
            {
                helper.VerifyPersistence();
            }
            catch (MsalCachePersistenceException)
            {
                // A Linux machine without a keyring (a server, a container): the cache is a file in a folder only this user can open.
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_settings.CacheDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                _say(Text.T("No keyring: tokens are cached in " + Path.Combine(_settings.CacheDirectory, fileName) + " (readable by this user only).",
                    "Kein Schlüsselbund: Tokens werden in " + Path.Combine(_settings.CacheDirectory, fileName) + " zwischengespeichert (nur für diesen Benutzer lesbar)."));
                var plain = new StorageCreationPropertiesBuilder(fileName, _settings.CacheDirectory).WithUnprotectedFile().Build();
                helper = await MsalCacheHelper.CreateAsync(plain).ConfigureAwait(false);
            }
            helper.RegisterCache(cache);
        }
    }
}
