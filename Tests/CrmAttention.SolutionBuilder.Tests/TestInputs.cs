using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Packaging;
using CrmAttention.SolutionBuilder.Schema;
using CrmAttention.SolutionBuilder.Tests.Fixtures;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>Inputs for packing in tests: the repository's real build outputs, or fixed fixtures for goldens.</summary>
    public static class TestInputs
    {
#if DEBUG
        public const string Configuration = "Debug";
#else
        public const string Configuration = "Release";
#endif

        public static string PluginDllPath => RepoPaths.Combine($"Plugins/CrmAttention.Plugins/bin/{Configuration}/net462/CrmAttention.Plugins.dll");

        /// <summary>The real net462 plugin assembly of this test run's configuration.</summary>
        public static string RequirePluginDll()
        {
            if (!File.Exists(PluginDllPath))
                throw new InvalidOperationException($"{PluginDllPath} is missing. Build the net462 plugin assembly first: dotnet build Plugins/CrmAttention.Plugins -c {Configuration}");
            return PluginDllPath;
        }

        /// <summary>
        /// The web resources manifest and build output. When WebResources/webresources.json exists its dist/ must
        /// be built (build.ps1 builds it before the tests).
        /// </summary>
        public static WebResourceManifest RealWebResources()
        {
            var root = RepoPaths.Combine("WebResources");
            var manifest = Path.Combine(root, "webresources.json");
            if (File.Exists(manifest))
            {
                var loaded = WebResourceManifest.Load(root);
                foreach (var entry in loaded.WebResources)
                {
                    var file = Path.Combine(root, entry.File);
                    if (!File.Exists(file))
                        throw new InvalidOperationException($"{file} is missing. Build the web resources first (cd WebResources && npm ci && npm run build, or dotnet pwsh ./build.ps1).");
                }
                return loaded;
            }
            return FixtureWebResources();
        }

        /// <summary>
        /// A small manifest with the contract web resources and form events, written to a temp folder:
        /// what the goldens are built from, and what the pack tests use while the web resources branch has not
        /// been merged into this one.
        /// </summary>
        public static WebResourceManifest FixtureWebResources() => FixtureManifest.Value;

        // Written once per test run: test classes run in parallel and must not rewrite the files under each other.
        private static readonly Lazy<WebResourceManifest> FixtureManifest = new Lazy<WebResourceManifest>(WriteFixtureWebResources);

        private static WebResourceManifest WriteFixtureWebResources()
        {
            var root = Path.Combine(Path.GetTempPath(), "crmattention-webresources-fixture-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(root, "dist"));
            var files = new Dictionary<string, string>
            {
                ["dist/contactform.js"] = "var CrmAttention = CrmAttention || {}; CrmAttention.ContactForm = { onLoad: function (context) { return context; } };\n",
                ["dist/emailform.js"] = "var CrmAttention = CrmAttention || {}; CrmAttention.EmailForm = { onSave: function (context) { return context; } };\n",
                ["dist/attention.html"] = "<!DOCTYPE html><html><head><script src=\"attentionpage.js\"></script></head><body></body></html>\n",
                ["dist/attentionpage.js"] = "var CrmAttention = CrmAttention || {}; CrmAttention.AttentionPage = { start: function () { return 1; } };\n",
                ["dist/worklist.html"] = "<!DOCTYPE html><html><head><script src=\"worklistpage.js\"></script></head><body></body></html>\n",
            };
            foreach (var (path, content) in files) File.WriteAllText(Path.Combine(root, path), content, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(root, "webresources.json"), """
                {"webResources":[
                 {"name":"cat_/scripts/contactform.js","file":"dist/contactform.js","type":"JavaScript","displayName":{"1033":"Contact form script","1031":"Skript Kontaktformular"},"description":{"1033":"Shows attention on the contact form.","1031":"Zeigt die Aufmerksamkeit im Kontaktformular."}},
                 {"name":"cat_/scripts/emailform.js","file":"dist/emailform.js","type":"JavaScript","displayName":{"1033":"Email form script","1031":"Skript E-Mail-Formular"},"description":{"1033":"Warns about recipients over budget.","1031":"Warnt vor Empfängern über dem Budget."}},
                 {"name":"cat_/pages/attention.html","file":"dist/attention.html","type":"Html","displayName":{"1033":"Attention page","1031":"Aufmerksamkeitsseite"},"description":{"1033":"Sales ops page.","1031":"Seite für Sales Ops."}},
                 {"name":"cat_/scripts/attentionpage.js","file":"dist/attentionpage.js","type":"JavaScript","displayName":{"1033":"Attention page script","1031":"Skript Aufmerksamkeitsseite"},"description":{"1033":"Script of the attention page.","1031":"Skript der Aufmerksamkeitsseite."}},
                 {"name":"cat_/pages/worklist.html","file":"dist/worklist.html","type":"Html","displayName":{"1033":"Worklist page","1031":"Arbeitslistenseite"},"description":{"1033":"Sellers' worklist.","1031":"Arbeitsliste der Verkäufer."}}],
                 "formEvents":[
                 {"table":"contact","form":"main","event":"onload","library":"cat_/scripts/contactform.js","function":"CrmAttention.ContactForm.onLoad","passExecutionContext":true},
                 {"table":"contact","event":"onchange","attribute":"cat_policyid","library":"cat_/scripts/contactform.js","function":"CrmAttention.ContactForm.onPolicyChange","passExecutionContext":true},
                 {"table":"email","event":"onsave","library":"cat_/scripts/emailform.js","function":"CrmAttention.EmailForm.onSave","passExecutionContext":true}]}
                """, new UTF8Encoding(false));
            return WebResourceManifest.Load(root);
        }

        /// <summary>The real solution: the model, the net462 plugin build and the web resources.</summary>
        public static PackInputs Real()
        {
            var dll = RequirePluginDll();
            var assembly = PluginAssemblyReader.Read(dll);
            var model = CrmAttentionSolution.Build();
            return new PackInputs(model, assembly, File.ReadAllBytes(dll), RealWebResources())
            {
                // Steps on Send cannot be exported until its sdkmessageid is known (docs/solution.md); the other
                // checks still run on everything else. SdkMessageGapTests pins which messages may be missing.
                OmitStepsOnUnknownMessages = true,
            };
        }

        /// <summary>
        /// Fixed inputs for the golden files: the model with its custom APIs bound to this assembly's fixture
        /// types, this strong-named test assembly as plugin assembly, and the fixture web resources. Goldens
        /// therefore change only when the model or the writers change.
        /// </summary>
        public static PackInputs Fixture()
        {
            var model = FixtureModel();
            var path = typeof(FixtureActivityPlugin).Assembly.Location;
            var assembly = PluginAssemblyReader.Read(path);
            assembly = assembly with { Name = model.PluginAssemblyName, Types = assembly.Types.Where(t => t.FullName != typeof(FixtureUninstantiablePlugin).FullName).ToList() };
            return new PackInputs(model, assembly, Encoding.ASCII.GetBytes("fixture assembly bytes"), FixtureWebResources());
        }

        public static SolutionDefinition FixtureModel()
        {
            var model = CrmAttentionSolution.Build();
            Rebind(model, "cat_EvaluateTouch", typeof(FixtureEvaluateTouchApi).FullName!);
            Rebind(model, "cat_RecalculateAttention", typeof(FixtureRecalculateAttentionApi).FullName!);
            Rebind(model, "cat_GetWorklist", typeof(FixtureGetWorklistApi).FullName!);
            Rebind(model, "cat_PurgeDecisions", typeof(FixturePurgeDecisionsApi).FullName!);
            return model;
        }

        public static void Rebind(SolutionDefinition model, string api, string pluginType)
        {
            var index = model.CustomApis.FindIndex(a => a.UniqueName == api);
            var old = model.CustomApis[index];
            var rebound = new CustomApi(old.UniqueName, old.ConstantsName, pluginType, old.DisplayName, old.Description)
            {
                IsFunction = old.IsFunction,
                AllowedCustomProcessingStepType = old.AllowedCustomProcessingStepType,
                ExecutePrivilegeName = old.ExecutePrivilegeName,
            };
            rebound.RequestParameters.AddRange(old.RequestParameters);
            rebound.ResponseProperties.AddRange(old.ResponseProperties);
            model.CustomApis[index] = rebound;
        }

        public static Dictionary<string, byte[]> Unzip(byte[] zip)
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            return archive.Entries.ToDictionary(e => e.FullName, e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
        }

        public static List<string> EntryNames(byte[] zip)
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            return archive.Entries.Select(e => e.FullName).ToList();
        }
    }
}
