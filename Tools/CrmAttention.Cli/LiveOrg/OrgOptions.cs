using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Spectre.Console;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>
    /// The command-line options that name an org and how to sign in to it, shared by export, backtest, calibrate and
    /// policy push: --org, --token, or --auth with its settings; --days / --since for the activity window.
    /// </summary>
    public sealed class OrgOptions
    {
        /// <summary>The environment variable a client secret may come from instead of the command line (which shells keep in history).</summary>
        public const string ClientSecretVariable = "CRM_ATTENTION_CLIENT_SECRET";

        private OrgOptions(bool required, bool window)
        {
            Org = new Option<Uri?>("--org")
            {
                Description = Text.T("The environment's URL, e.g. https://contoso.crm4.dynamics.com (or http://127.0.0.1:5555 for crm-attention serve)",
                    "URL der Umgebung, z. B. https://contoso.crm4.dynamics.com (oder http://127.0.0.1:5555 für crm-attention serve)"),
                Required = required,
                CustomParser = r => Uri.TryCreate(r.Tokens.Count > 0 ? r.Tokens[0].Value : "", UriKind.Absolute, out var u) ? u : ParseError(r),
            };
            Token = new Option<string?>("--token") { Description = Text.T("A bearer token obtained elsewhere (az account get-access-token --resource <org>), instead of signing in", "Ein anderweitig bezogenes Bearer-Token (az account get-access-token --resource <org>), statt sich anzumelden") };
            Auth = new Option<AuthMode>("--auth")
            {
                Description = Text.T("How to sign in: Interactive (browser, default), DeviceCode, ClientSecret or Certificate (application user)", "Art der Anmeldung: Interactive (Browser, Standard), DeviceCode, ClientSecret oder Certificate (Anwendungsbenutzer)"),
                DefaultValueFactory = _ => AuthMode.Interactive,
            };
            Tenant = new Option<string?>("--tenant") { Description = Text.T("Microsoft Entra tenant id or domain (default: organizations; required for an application user)", "Microsoft-Entra-Mandanten-ID oder Domäne (Standard: organizations; Pflicht für einen Anwendungsbenutzer)") };
            ClientId = new Option<string?>("--client-id") { Description = Text.T("App registration (client) id (default: Microsoft's sample public client for Dataverse)", "App-Registrierung (Client-ID) (Standard: Microsofts öffentlicher Beispiel-Client für Dataverse)") };
            ClientSecret = new Option<string?>("--client-secret") { Description = Text.T("Client secret of the application user (better: the " + ClientSecretVariable + " environment variable)", "Client-Geheimnis des Anwendungsbenutzers (besser: die Umgebungsvariable " + ClientSecretVariable + ")") };
            Certificate = new Option<FileInfo?>("--certificate") { Description = Text.T("Certificate (.pfx) of the application user", "Zertifikat (.pfx) des Anwendungsbenutzers") };
            CertificatePassword = new Option<string?>("--certificate-password") { Description = Text.T("Password of the .pfx file", "Kennwort der .pfx-Datei") };
            PageSize = new Option<int>("--page-size") { Description = Text.T("Rows per Web API page (at most 5,000, Dataverse's limit)", "Zeilen je Web-API-Seite (höchstens 5.000, die Grenze von Dataverse)"), DefaultValueFactory = _ => 5000 };
            if (window)
            {
                Days = new Option<int>("--days") { Description = Text.T("Read the activities of the last N days (by the org's clock)", "Die Aktivitäten der letzten N Tage lesen (nach der Uhr der Organisation)"), DefaultValueFactory = _ => 180 };
                Since = new Option<DateTime?>("--since") { Description = Text.T("Read the activities from this UTC date on (instead of --days), e.g. 2025-01-01", "Die Aktivitäten ab diesem UTC-Datum lesen (statt --days), z. B. 2025-01-01") };
            }
        }

        public Option<Uri?> Org { get; }

        public Option<string?> Token { get; }

        public Option<AuthMode> Auth { get; }

        public Option<string?> Tenant { get; }

        public Option<string?> ClientId { get; }

        public Option<string?> ClientSecret { get; }

        public Option<FileInfo?> Certificate { get; }

        public Option<string?> CertificatePassword { get; }

        public Option<int> PageSize { get; }

        public Option<int>? Days { get; }

        public Option<DateTime?>? Since { get; }

        /// <summary>The options for a command; <paramref name="window"/> adds --days and --since.</summary>
        public static OrgOptions Create(bool required, bool window) => new OrgOptions(required, window);

        public IEnumerable<Option> All()
        {
            yield return Org;
            yield return Token;
            yield return Auth;
            yield return Tenant;
            yield return ClientId;
            yield return ClientSecret;
            yield return Certificate;
            yield return CertificatePassword;
            yield return PageSize;
            if (Days is not null) yield return Days;
            if (Since is not null) yield return Since;
        }

        public void AddTo(Command command)
        {
            foreach (var option in All()) command.Options.Add(option);
        }

        /// <summary>True when the command line names an org.</summary>
        public bool IsGiven(ParseResult parse) => parse.GetValue(Org) is not null;

        /// <summary>The activity window: --since, else the last --days days by the org's clock.</summary>
        public ActivityWindow Window(ParseResult parse)
        {
            // --since is a UTC date (and time): taken as written, whatever the machine's time zone.
            if (Since is not null && parse.GetValue(Since) is DateTime since) return ActivityWindow.Since(since);
            return ActivityWindow.Days(Days is null ? 180 : parse.GetValue(Days));
        }

        /// <summary>The client for the org on the command line, signed in as the options say.</summary>
        public WebApiClient Connect(ParseResult parse, IAnsiConsole console, WebApiClientOptions? clientOptions = null)
        {
            var org = parse.GetValue(Org) ?? throw new CliException("--org is required.", "--org ist erforderlich.");
            var pageSize = parse.GetValue(PageSize);
            if (pageSize < 1 || pageSize > 5000) throw new CliException("--page-size must be between 1 and 5000.", "--page-size muss zwischen 1 und 5000 liegen.");
            clientOptions ??= new WebApiClientOptions();
            clientOptions.PageSize = pageSize;
            clientOptions.OnRetry ??= message => console.MarkupLine("[yellow]" + Markup.Escape(message) + "[/]");
            ITokenProvider tokens;
            if (parse.GetValue(Token) is string token)
            {
                tokens = new StaticTokenProvider(token);
            }
            else
            {
                var settings = new MsalSettings
                {
                    Mode = parse.GetValue(Auth),
                    ClientSecret = parse.GetValue(ClientSecret) ?? Environment.GetEnvironmentVariable(ClientSecretVariable),
                    CertificatePath = parse.GetValue(Certificate)?.FullName,
                    CertificatePassword = parse.GetValue(CertificatePassword),
                };
                if (parse.GetValue(Tenant) is string tenant) settings.Tenant = tenant;
                if (parse.GetValue(ClientId) is string clientId) settings.ClientId = clientId;
                tokens = new MsalTokenProvider(org, settings, message => console.MarkupLine(Markup.Escape(message)));
            }
            return new WebApiClient(org, tokens, clientOptions);
        }

        private static Uri? ParseError(System.CommandLine.Parsing.ArgumentResult result)
        {
            result.AddError(Text.T("--org must be a URL, e.g. https://contoso.crm4.dynamics.com.", "--org muss eine URL sein, z. B. https://contoso.crm4.dynamics.com."));
            return null;
        }
    }
}
