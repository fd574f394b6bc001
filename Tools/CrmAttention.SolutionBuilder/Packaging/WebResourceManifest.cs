using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    public sealed record WebResourceEntry(string Name, string File, string Type, Label DisplayName, Label Description)
    {
        /// <summary>webresource.webresourcetype: 1 HTML, 2 CSS, 3 script, 4 XML, 5 PNG, 6 JPG, 7 GIF, 9 XSL, 10 ICO, 11 SVG, 12 RESX.</summary>
        public int TypeCode => Type switch
        {
            "Html" => 1,
            "Css" => 2,
            "JavaScript" => 3,
            "Xml" => 4,
            "Png" => 5,
            "Jpg" => 6,
            "Gif" => 7,
            "Xsl" => 9,
            "Ico" => 10,
            "Svg" => 11,
            "Resx" => 12,
            _ => throw new PackagingException($"Web resource {Name} has the type '{Type}', which the builder does not know (JavaScript, Html, Css, Png, Svg, Resx, Xml, Jpg, Gif, Xsl, Ico)."),
        };
    }

    public sealed record FormEvent(string Table, string? Form, string Event, string? Attribute, string Library, string Function, bool PassExecutionContext);

    /// <summary>WebResources/webresources.json (CONTRACTS.md): the web resources and the form events that call them.</summary>
    public sealed class WebResourceManifest
    {
        public WebResourceManifest(string root, IReadOnlyList<WebResourceEntry> webResources, IReadOnlyList<FormEvent> formEvents)
        {
            Root = root;
            WebResources = webResources;
            FormEvents = formEvents;
        }

        /// <summary>The folder the manifest's file paths are relative to (WebResources/).</summary>
        public string Root { get; }

        public IReadOnlyList<WebResourceEntry> WebResources { get; }

        public IReadOnlyList<FormEvent> FormEvents { get; }

        public static WebResourceManifest Empty(string root) => new WebResourceManifest(root, Array.Empty<WebResourceEntry>(), Array.Empty<FormEvent>());

        public static WebResourceManifest Load(string webResourcesRoot)
        {
            var path = Path.Combine(webResourcesRoot, "webresources.json");
            if (!System.IO.File.Exists(path)) throw new PackagingException($"The web resources manifest {path} does not exist.");
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            var resources = new List<WebResourceEntry>();
            foreach (var item in doc.RootElement.GetProperty("webResources").EnumerateArray())
            {
                var name = Required(item, "name", path);
                resources.Add(new WebResourceEntry(name, Required(item, "file", path), Required(item, "type", path),
                    LabelOf(item, "displayName", name, path), LabelOf(item, "description", name, path)));
            }
            var events = new List<FormEvent>();
            if (doc.RootElement.TryGetProperty("formEvents", out var formEvents))
            {
                foreach (var item in formEvents.EnumerateArray())
                {
                    events.Add(new FormEvent(
                        Required(item, "table", path),
                        Optional(item, "form"),
                        Required(item, "event", path),
                        Optional(item, "attribute"),
                        Required(item, "library", path),
                        Required(item, "function", path),
                        !item.TryGetProperty("passExecutionContext", out var pass) || pass.GetBoolean()));
                }
            }
            var duplicate = resources.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new PackagingException($"{path} lists the web resource {duplicate.Key} twice.");
            return new WebResourceManifest(webResourcesRoot, resources, events);
        }

        /// <summary>The built file of a web resource; missing build output is an error naming the build step.</summary>
        public byte[] Content(WebResourceEntry entry)
        {
            var path = Path.Combine(Root, entry.File.Replace('/', Path.DirectorySeparatorChar));
            if (!System.IO.File.Exists(path))
                throw new PackagingException($"Web resource {entry.Name}: {path} does not exist. Build the web resources first (cd WebResources && npm ci && npm run build).");
            return System.IO.File.ReadAllBytes(path);
        }

        private static string Required(JsonElement item, string property, string path) =>
            item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
                ? value.GetString()!
                : throw new PackagingException($"{path}: an entry lacks '{property}'.");

        private static string? Optional(JsonElement item, string property) =>
            item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static Label LabelOf(JsonElement item, string property, string name, string path)
        {
            if (!item.TryGetProperty(property, out var value))
                throw new PackagingException($"{path}: web resource {name} lacks '{property}' (English 1033 and German 1031).");
            var en = value.TryGetProperty("1033", out var e) ? e.GetString() : null;
            var de = value.TryGetProperty("1031", out var d) ? d.GetString() : null;
            if (string.IsNullOrWhiteSpace(en) || string.IsNullOrWhiteSpace(de))
                throw new PackagingException($"{path}: web resource {name} needs '{property}' in English (1033) and German (1031).");
            return new Label(en!, de!);
        }
    }
}
