using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using CrmAttention.Cli.Simulation;
using CrmAttention.Engine;
using Dataverse.WebApi.Hosting;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Spectre.Console;
using M = CrmAttention.Model;

namespace CrmAttention.Cli.Commands
{
    /// <summary>
    /// `serve`: a simulated org with the CrmAttention plugins, behind the Dataverse Web API on 127.0.0.1, with the web
    /// resources (attention page, form scripts) and a form harness that runs the contact and email form scripts over it.
    /// </summary>
    public static class ServeCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var port = new Option<int>("--port") { Description = Text.T("Port on 127.0.0.1 (0: any free port)", "Port auf 127.0.0.1 (0: ein freier Port)"), DefaultValueFactory = _ => 5555 };
            var token = new Option<string?>("--token") { Description = Text.T("The bearer token the Web API accepts (default: a random one, printed)", "Das Bearer-Token, das die Web API annimmt (Standard: ein zufälliges, wird ausgegeben)") };
            var from = new Option<DirectoryInfo?>("--from") { Description = Text.T("A folder written by `simulate`: serve the same org again (same options and seed)", "Ein von `simulate` geschriebener Ordner: dieselbe Organisation erneut bereitstellen (gleiche Optionen und Seed)") };
            var seed = new Option<int?>("--seed") { Description = Text.T("Random seed of a new simulated org (default 1)", "Zufalls-Seed einer neuen simulierten Organisation (Standard 1)") };
            var contacts = new Option<int>("--contacts") { Description = Text.T("Contacts of a new simulated org", "Kontakte einer neuen simulierten Organisation"), DefaultValueFactory = _ => 400 };
            var days = new Option<int>("--days") { Description = Text.T("Days a new simulated org has run", "Tage, die eine neue simulierte Organisation gelaufen ist"), DefaultValueFactory = _ => 56 };
            var aggregateLimit = new Option<int?>("--aggregate-limit") { Description = Text.T("Answer aggregate queries over more rows than this with Dataverse's aggregate-limit error (to see it on a small org)", "Aggregatabfragen über mehr Zeilen mit dem Aggregatgrenzen-Fehler von Dataverse beantworten (um ihn an einer kleinen Organisation zu sehen)") };
            var webResources = new Option<DirectoryInfo?>("--web-resources") { Description = Text.T("The WebResources folder with webresources.json and the built dist/ (default: found from the current folder)", "Der Ordner WebResources mit webresources.json und dem gebauten dist/ (Standard: vom aktuellen Ordner aus gesucht)") };
            var open = new Option<bool>("--open") { Description = Text.T("Open the attention page in the browser", "Die Aufmerksamkeitsseite im Browser öffnen") };
            var command = new Command("serve", Text.T(
                "Serve a simulated org through the Dataverse Web API on 127.0.0.1, with the attention page and a form harness for the contact and email form scripts; Ctrl+C stops.",
                "Eine simulierte Organisation über die Dataverse Web API auf 127.0.0.1 bereitstellen, mit der Aufmerksamkeitsseite und einer Formularumgebung für die Kontakt- und E-Mail-Formularskripte; Strg+C beendet."))
            {
                port, token, from, seed, contacts, days, aggregateLimit, webResources, open,
            };
            command.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                var folder = parse.GetValue(from);
                if (folder is not null && parse.GetValue(seed) is not null) throw new CliException(Text.T("Give either --from or --seed, not both.", "Entweder --from oder --seed angeben, nicht beide."));
                var options = folder is not null ? OptionsFrom(folder) : new SimulationOptions
                {
                    Seed = parse.GetValue(seed) ?? 1,
                    Contacts = parse.GetValue(contacts),
                    Accounts = Math.Max(1, parse.GetValue(contacts) / 8),
                    Sellers = Math.Clamp(parse.GetValue(contacts) / 60, 2, 20),
                    Sequences = 2,
                    Days = parse.GetValue(days),
                };
                options.Validate();
                var resources = parse.GetValue(webResources)?.FullName ?? FindWebResources();
                var output = console.Profile.Out.Writer;
                output.WriteLine(Text.T(
                    $"Simulating {options.Contacts} contacts over {options.Days} days (seed {options.Seed}) through the CrmAttention plugins…",
                    $"Simuliere {options.Contacts} Kontakte über {options.Days} Tage (Seed {options.Seed}) über die CrmAttention-Plugins…"));
                var policy = AttentionPolicy.CreateDefault();
                policy.Name = "Default";
                policy.Mode = PolicyMode.Enforce;
                var org = new DataverseOrg(policy);
                var simulated = new SimulatedOrg(options);
                new Simulator(simulated, org, new RecipientModel()).Run();
                var dataverse = org.Dataverse;
                dataverse.DrainAsyncQueue();
                // Registration as data, as on an org: `deploy` can import the solution and register the Send steps here.
                dataverse.EnablePluginRegistration();
                // Served the morning after the last simulated day, as a seller opens the app: the org's clock says so.
                var morningAfter = options.Start.Date.AddDays(options.Days).AddHours(7);
                if (dataverse.Clock.UtcNow < morningAfter) dataverse.Clock.Set(morningAfter);

                var accepted = parse.GetValue(token) ?? RandomToken();
                // The token signs in as the seller who owns the most contacts: the worklist is a seller's own.
                var seller = simulated.Sellers[simulated.Contacts.GroupBy(c => c.Owner).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key];
                var apiOptions = new WebApiOptions { AggregateLimit = parse.GetValue(aggregateLimit) }.AddToken(accepted, seller.Id);
                foreach (var (name, file) in WebResourceFiles(resources)) apiOptions.WebResources[name] = file;
                var model = ServiceModel.FromMetadataJson(DataverseOrg.Metadata());
                var host = DataverseWebApiHost.StartAsync(dataverse, model, apiOptions, parse.GetValue(port), MapHarness).GetAwaiter().GetResult();
                try
                {
                    var b = host.BaseAddress.ToString().TrimEnd('/');
                    string SignIn(string path) => $"{b}/signin?token={Uri.EscapeDataString(accepted)}&redirect={Uri.EscapeDataString(path)}";
                    var contact = simulated.Contacts[0].Id.ToString("D");
                    var recipients = string.Join(",", simulated.Contacts.Take(2).Select(c => c.Id.ToString("D")));
                    output.WriteLine(Text.T("Listening on ", "Bereit auf ") + b + "/");
                    output.WriteLine(Text.T("Web API:         ", "Web API:         ") + host.ApiRoot);
                    output.WriteLine(Text.T("Bearer token:    ", "Bearer-Token:    ") + accepted + Text.T(" (signs in as ", " (angemeldet als ") + seller.Name + ")");
                    foreach (var page in apiOptions.WebResources.Keys.Where(n => n.EndsWith(".html", StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.Ordinal))
                    {
                        output.WriteLine((Text.T("Page ", "Seite ") + Path.GetFileNameWithoutExtension(page) + ":").PadRight(17) + SignIn("/WebResources/" + page));
                    }
                    output.WriteLine(Text.T("Contact form:    ", "Kontaktformular: ") + SignIn("/harness/contact.html?id=" + contact));
                    output.WriteLine(Text.T("Email form:      ", "E-Mail-Formular: ") + SignIn("/harness/email.html?to=" + recipients));
                    output.WriteLine(Text.T("Try:             ", "Probieren:       ") + $"curl -H 'Authorization: Bearer {accepted}' '{host.ApiRoot}contacts?$top=3'");
                    output.WriteLine(Text.T("Press Ctrl+C to stop.", "Strg+C beendet."));
                    output.Flush();
                    if (parse.GetValue(open)) OpenBrowser(SignIn("/WebResources/" + AttentionPage));
                    host.WaitForShutdownAsync().GetAwaiter().GetResult();
                }
                finally
                {
                    host.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                output.WriteLine(Text.T("Stopped.", "Beendet."));
                return ExitCodes.Success;
            }));
            return command;
        }

        private const string AttentionPage = "cat_/pages/attention.html";

        /// <summary>The options of a `simulate` run, read from its simulation.json, so the same org is built again.</summary>
        internal static SimulationOptions OptionsFrom(DirectoryInfo folder)
        {
            var file = Path.Combine(folder.FullName, "simulation.json");
            if (!File.Exists(file)) throw new CliException(Text.T($"{file} does not exist: give a folder written by `simulate`.", $"{file} existiert nicht: einen von `simulate` geschriebenen Ordner angeben."));
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (!document.RootElement.TryGetProperty("Options", out var o)) throw new CliException(Text.T($"{file} has no Options.", $"{file} enthält keine Options."));
            int Int(string name, int fallback) => o.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : fallback;
            var d = new SimulationOptions();
            return new SimulationOptions
            {
                Contacts = Int(nameof(d.Contacts), d.Contacts),
                Accounts = Int(nameof(d.Accounts), d.Accounts),
                Sellers = Int(nameof(d.Sellers), d.Sellers),
                Sequences = Int(nameof(d.Sequences), d.Sequences),
                Days = Int(nameof(d.Days), d.Days),
                Seed = Int(nameof(d.Seed), d.Seed),
                Start = o.TryGetProperty(nameof(d.Start), out var s) && s.TryGetDateTime(out var start) ? start.ToUniversalTime() : d.Start,
            };
        }

        /// <summary>Web resource name → built file, from webresources.json.</summary>
        internal static (string Name, string File)[] WebResourceFiles(string root)
        {
            var manifest = Path.Combine(root, "webresources.json");
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var files = document.RootElement.GetProperty("webResources").EnumerateArray()
                .Select(w => (w.GetProperty("name").GetString()!, Path.Combine(root, w.GetProperty("file").GetString()!)))
                .ToArray();
            var missing = files.Where(f => !File.Exists(f.Item2)).Select(f => f.Item2).ToList();
            if (missing.Count > 0)
            {
                throw new CliException(Text.T($"Build the web resources first (cd WebResources && npm ci && npm run build): {string.Join(", ", missing)} missing.",
                    $"Zuerst die Webressourcen bauen (cd WebResources && npm ci && npm run build): {string.Join(", ", missing)} fehlt."));
            }
            return files;
        }

        private static string FindWebResources()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "WebResources");
                    if (File.Exists(Path.Combine(candidate, "webresources.json"))) return candidate;
                    if (File.Exists(Path.Combine(dir.FullName, "webresources.json"))) return dir.FullName;
                }
            }
            throw new CliException(Text.T("The WebResources folder was not found; give it with --web-resources.", "Der Ordner WebResources wurde nicht gefunden; mit --web-resources angeben."));
        }

        /// <summary>/harness/…: the form harness pages, embedded in this assembly.</summary>
        private static void MapHarness(WebApplication app)
        {
            app.MapGet("/harness/{file}", async (HttpContext http, string file) =>
            {
                using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrmAttention.Cli.Harness." + file);
                if (stream is null)
                {
                    http.Response.StatusCode = 404;
                    return;
                }
                http.Response.ContentType = file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-store";
                await stream.CopyToAsync(http.Response.Body);
            });
            app.MapGet("/", () => Results.Redirect("/WebResources/" + AttentionPage));
        }

        private static string RandomToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

        private static void OpenBrowser(string url)
        {
            var opener = OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
            try
            {
                Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false });
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Console.Error.WriteLine(Text.T($"Could not open a browser ({ex.Message}); open the URL above yourself.", $"Kein Browser zu öffnen ({ex.Message}); die URL oben selbst öffnen."));
            }
        }
    }
}
