using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// A root component of solution.xml. Behavior (RootComponentBehavior): 0 include subcomponents, 1 do not include
    /// subcomponents, 2 include as shell only.
    /// </summary>
    public sealed record RootComponent(int Type, string? SchemaName, Guid? Id, int Behavior = 0);

    /// <summary>
    /// solution.xml: the manifest with the publisher and the root components. Custom APIs and environment
    /// variable definitions travel in their folders and get no root component, as in real exports (their
    /// component types are per-environment object type codes).
    /// </summary>
    internal static class SolutionManifestWriter
    {
        public static XElement Write(SolutionDefinition model, PluginAssemblyInfo assembly, WebResourceManifest web, bool managed)
        {
            var publisher = model.Publisher;
            return new XElement("ImportExportXml",
                A("version", "9.2.24045.212"),
                A("SolutionPackageVersion", "9.2"),
                A("languagecode", Label.English),
                A("generatedBy", "CrmLive"),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                E("SolutionManifest",
                    V("UniqueName", model.UniqueName),
                    Labels("LocalizedNames", "LocalizedName", model.DisplayName),
                    Labels("Descriptions", "Description", model.Description),
                    V("Version", model.Version),
                    V("Managed", managed ? 1 : 0),
                    E("Publisher",
                        V("UniqueName", publisher.UniqueName),
                        Labels("LocalizedNames", "LocalizedName", publisher.DisplayName),
                        Labels("Descriptions", "Description", publisher.Description),
                        Nil("EMailAddress"),
                        publisher.SupportingWebsiteUrl == null ? Nil("SupportingWebsiteUrl") : V("SupportingWebsiteUrl", publisher.SupportingWebsiteUrl),
                        V("CustomizationPrefix", publisher.Prefix),
                        V("CustomizationOptionValuePrefix", publisher.OptionValuePrefix),
                        E("Addresses", Address(1), Address(2))),
                    E("RootComponents", RootComponents(model, assembly, web).Select(c =>
                    {
                        var e = E("RootComponent", A("type", c.Type));
                        if (c.Id.HasValue) e.Add(A("id", Ids.Braced(c.Id.Value)));
                        if (c.SchemaName != null) e.Add(A("schemaName", c.SchemaName));
                        e.Add(A("behavior", c.Behavior));
                        return e;
                    })),
                    E("MissingDependencies", model.Apps.Select(app =>
                        // The app's icon is the platform's default icon, which lives in Microsoft's
                        // AppModuleWebResources solution: exports list it as a dependency they do not carry, naming
                        // the solution and the package with their versions.
                        E("MissingDependency",
                            E("Required", A("type", 61), A("schemaName", AppXml.DefaultIconName), A("displayName", AppXml.DefaultIconName), A("solution", AppModuleWebResources.Solution),
                                E("package", A("appName", AppModuleWebResources.PackageAppName), A("version", AppModuleWebResources.Version), AppModuleWebResources.Solution)),
                            E("Dependent", A("type", 80), A("schemaName", app.UniqueName), A("displayName", app.Name.En)))))));
        }

        /// <summary>Microsoft's solution that carries the default app icon, as real 2026 exports name it.</summary>
        internal static class AppModuleWebResources
        {
            public const string Version = "2.5";
            public const string Solution = "AppModuleWebResources (" + Version + ")";
            public const string PackageAppName = "AppModule Web Resources Package";
        }

        public static IReadOnlyList<RootComponent> RootComponents(SolutionDefinition model, PluginAssemblyInfo assembly, WebResourceManifest web)
        {
            var components = new List<RootComponent>();
            // Tables the solution creates carry everything (behavior 0). Microsoft's tables travel as a shell
            // (behavior 2): only what customizations.xml lists for them — the added columns, forms, views and charts —
            // is ours, so the import neither claims nor overwrites Microsoft's columns, forms and views. The forms,
            // views and charts are root components of their own, by the ids customizations.xml gives them.
            components.AddRange(model.Tables.Where(t => t.InSolution).Select(t => new RootComponent(1, t.LogicalName, null, t.IsCustom ? 0 : 2)));
            components.AddRange(model.Choices.Select(c => new RootComponent(9, c.Name, null)));
            components.AddRange(model.Roles.Select(r => new RootComponent(20, null, Ids.Role(r.Key))));
            var microsoftTables = model.Tables.Where(t => t.InSolution && !t.IsCustom).ToList();
            components.AddRange(microsoftTables.SelectMany(t => t.Views.Select(v => new RootComponent(26, null, Ids.View(t.LogicalName, v.Key)))));
            components.AddRange(microsoftTables.SelectMany(t => t.Charts.Select(c => new RootComponent(59, null, Ids.Chart(t.LogicalName, c.Key)))));
            components.AddRange(microsoftTables.SelectMany(t => t.Forms.Select(f => new RootComponent(60, null, Ids.Form(t.LogicalName, f.Key)))));
            components.AddRange(model.Dashboards.Select(d => new RootComponent(60, null, Ids.Dashboard(d.Key))));
            components.AddRange(web.WebResources.Select(w => new RootComponent(61, w.Name, null)));
            components.AddRange(model.Apps.Select(a => new RootComponent(62, a.UniqueName, null)));
            components.AddRange(model.FieldSecurityProfiles.Select(p => new RootComponent(70, null, Ids.FieldSecurityProfile(p.Key))));
            components.Add(new RootComponent(91, assembly.FullName, Ids.PluginAssembly(assembly.Name)));
            components.AddRange(model.Apps.Select(a => new RootComponent(80, a.UniqueName, null)));
            components.AddRange(CustomizationsWriter.RegisteredSteps(assembly).Select(x => new RootComponent(92, null, Ids.Step(x.Type.FullName, x.Step.Message, x.Step.PrimaryEntity, x.Step.Stage))));
            return components
                .OrderBy(c => c.Type)
                .ThenBy(c => c.SchemaName ?? "", StringComparer.Ordinal)
                .ThenBy(c => c.Id?.ToString("D") ?? "", StringComparer.Ordinal)
                .ToList();
        }

        private static XElement Nil(string name) => new XElement(name, new XAttribute(Xsi + "nil", "true"), "");

        private static XElement Address(int number) =>
            E("Address",
                V("AddressNumber", number),
                V("AddressTypeCode", 1),
                Nil("City"), Nil("County"), Nil("Country"), Nil("Fax"), Nil("FreightTermsCode"), Nil("ImportSequenceNumber"),
                Nil("Latitude"), Nil("Line1"), Nil("Line2"), Nil("Line3"), Nil("Longitude"), Nil("Name"), Nil("PostalCode"),
                Nil("PostOfficeBox"), Nil("PrimaryContactName"),
                V("ShippingMethodCode", 1),
                Nil("StateOrProvince"), Nil("Telephone1"), Nil("Telephone2"), Nil("Telephone3"), Nil("TimeZoneRuleVersionNumber"),
                Nil("UPSZone"), Nil("UTCOffset"), Nil("UTCConversionTimeZoneCode"));
    }
}
