using System;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>
    /// Turns a Dataverse Web API error answer (<c>{"error":{"code":"0x…","message":"…"}}</c>, with the HTTP status) into
    /// one sentence in the run's language that says what to do: sign in again (401), which privilege is missing (403),
    /// what was not found (404), or what the org said.
    /// </summary>
    public static class WebApiErrors
    {
        // Dataverse's privilege error names the privilege: "… is missing prvReadcontact privilege (Id=…) on OTC=2 …".
        private static readonly Regex MissingPrivilege = new Regex(@"\b(prv[A-Za-z_]+)\b", RegexOptions.CultureInvariant);

        /// <summary>The error JSON's code and message; both null when the body is not Dataverse's error JSON.</summary>
        public static (string? Code, string? Message) Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return (null, null);
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    return (code, message);
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page): the status line says it all.
            }
            return (null, null);
        }

        /// <summary>The message for a failed request; <paramref name="signIn"/> says how this run signed in.</summary>
        public static CliException ToException(HttpStatusCode status, string? body, string method, Uri url, Uri org, string signIn)
        {
            var (code, message) = Parse(body);
            var what = method + " " + url.AbsolutePath;
            var said = message is null ? "" : " " + message.TrimEnd('.') + "." + (code is null ? "" : " (" + code + ")");
            switch (status)
            {
                case HttpStatusCode.Unauthorized:
                    return new CliException(
                        "The org " + org + " refused the sign-in (401 Unauthorized, " + signIn + "). Sign in again: without --token the tool signs you in in the browser "
                        + "(--auth DeviceCode on a machine without one); a token from --token must be for " + org.GetLeftPart(UriPartial.Authority) + " and not expired "
                        + "(az account get-access-token --resource " + org.GetLeftPart(UriPartial.Authority) + "); an application user needs --auth ClientSecret or Certificate "
                        + "with --tenant and --client-id, and must be added to the environment as an application user." + said,
                        "Die Organisation " + org + " hat die Anmeldung abgelehnt (401 Unauthorized, " + signIn + "). Erneut anmelden: ohne --token meldet das Werkzeug Sie im Browser an "
                        + "(--auth DeviceCode auf einem Rechner ohne Browser); ein Token für --token muss für " + org.GetLeftPart(UriPartial.Authority) + " ausgestellt und gültig sein "
                        + "(az account get-access-token --resource " + org.GetLeftPart(UriPartial.Authority) + "); ein Anwendungsbenutzer braucht --auth ClientSecret oder Certificate "
                        + "mit --tenant und --client-id und muss in der Umgebung als Anwendungsbenutzer angelegt sein." + said);
                case HttpStatusCode.Forbidden:
                    var privilege = message is null ? null : MissingPrivilege.Match(message) is { Success: true } match ? match.Groups[1].Value : null;
                    if (privilege is not null)
                    {
                        return new CliException(
                            "Your user lacks the privilege " + privilege + " in " + org + " (" + what + "). Ask an administrator for a security role that grants it "
                            + "(CrmAttention Analyst reads every table the export needs; CrmAttention Administrator writes policies)." + said,
                            "Ihrem Benutzer fehlt das Recht " + privilege + " in " + org + " (" + what + "). Bitten Sie einen Administrator um eine Sicherheitsrolle, die es gewährt "
                            + "(CrmAttention Analyst liest alle Tabellen, die der Export braucht; CrmAttention Administrator schreibt Richtlinien)." + said);
                    }
                    return new CliException(
                        "The org refused access (403 Forbidden) to " + what + "." + said + " Ask an administrator for a security role that allows it.",
                        "Die Organisation hat den Zugriff verweigert (403 Forbidden) auf " + what + "." + said + " Bitten Sie einen Administrator um eine passende Sicherheitsrolle.");
                case HttpStatusCode.NotFound:
                    return new CliException(
                        "Not found (404) in " + org + ": " + what + "." + said + " Is --org the environment's URL (https://<org>.crm.dynamics.com) and the CrmAttention solution imported?",
                        "Nicht gefunden (404) in " + org + ": " + what + "." + said + " Ist --org die URL der Umgebung (https://<org>.crm.dynamics.com) und die CrmAttention-Lösung importiert?");
                case HttpStatusCode.TooManyRequests:
                    return new CliException(
                        "The org's service protection limits stopped the run (429 Too Many Requests) and the retry budget is spent." + said + " Run it again later, or with a smaller --days.",
                        "Die Dienstschutzgrenzen der Organisation haben den Lauf gestoppt (429 Too Many Requests), und das Wiederholungsbudget ist aufgebraucht." + said + " Später erneut oder mit kleinerem --days ausführen.");
                default:
                    var number = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return new CliException(
                        "The org answered " + number + " " + status + " to " + what + "." + said,
                        "Die Organisation antwortete " + number + " " + status + " auf " + what + "." + said);
            }
        }
    }
}
