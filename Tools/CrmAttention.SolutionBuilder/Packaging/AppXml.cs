using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>The model-driven app and its site map, shaped like an exported app (AppModuleSiteMaps, AppModules).</summary>
    internal static class AppXml
    {
        /// <summary>The platform's default app icon (web resource msdyn_/Images/AppModule_Default_Icon.png), present in every environment.</summary>
        public const string DefaultIconWebResourceId = "953b9fac-1e5e-e611-80d6-00155ded156f";

        public const string DefaultIconName = "msdyn_/Images/AppModule_Default_Icon.png";

        private const string Clients = "All,Outlook,OutlookLaptopClient,OutlookWorkstationClient,Web";
        private const string Skus = "All,OnPremise,Live,SPLA";

        public static XElement SiteMap(App app) =>
            E("AppModuleSiteMap",
                V("SiteMapUniqueName", app.UniqueName),
                E("SiteMap", A("IntroducedVersion", "7.0.0.0"), app.Areas.Select(area =>
                    E("Area", A("Id", area.Id), A("ShowGroups", "true"), A("IntroducedVersion", "7.0.0.0"),
                        Titles(area.Title),
                        area.Groups.Select(group =>
                            E("Group", A("Id", group.Id), A("IntroducedVersion", "7.0.0.0"), A("IsProfile", "false"),
                                Titles(group.Title),
                                group.SubAreas.Select(SubArea)))))),
                Labels("LocalizedNames", "LocalizedName", app.Name));

        public static XElement AppModule(SolutionDefinition model, App app)
        {
            var tables = app.Areas.SelectMany(a => a.Groups).SelectMany(g => g.SubAreas).Select(s => s.Table).OfType<string>().Distinct().OrderBy(t => t, System.StringComparer.Ordinal);
            var dashboards = app.Areas.SelectMany(a => a.Groups).SelectMany(g => g.SubAreas).Select(s => s.DashboardKey).OfType<string>().Distinct();
            var webResources = app.Areas.SelectMany(a => a.Groups).SelectMany(g => g.SubAreas).Select(s => s.WebResource).OfType<string>().Distinct();
            return E("AppModule",
                V("UniqueName", app.UniqueName),
                V("IntroducedVersion", "1.0.0.0"),
                V("WebResourceId", DefaultIconWebResourceId),
                V("OptimizedFor", ""),
                V("statecode", 0),
                V("statuscode", 1),
                V("FormFactor", 1),
                V("ClientType", 4),
                V("NavigationType", 0),
                E("AppModuleComponents",
                    E("AppModuleComponent", A("type", 62), A("schemaName", app.UniqueName)),
                    dashboards.Select(d => E("AppModuleComponent", A("type", 60), A("id", Ids.Braced(Ids.Dashboard(d))))),
                    webResources.Select(w => E("AppModuleComponent", A("type", 61), A("id", Ids.Braced(Ids.WebResource(w))))),
                    tables.Select(t => E("AppModuleComponent", A("type", 1), A("schemaName", t)))),
                E("AppModuleRoleMaps", app.RoleKeys.Select(k => E("Role", A("id", Ids.Braced(Ids.Role(k)))))),
                Labels("LocalizedNames", "LocalizedName", app.Name),
                Labels("Descriptions", "Description", app.Description));
        }

        private static XElement SubArea(AppSubArea subArea)
        {
            if (subArea.DashboardKey != null)
            {
                return E("SubArea", A("Id", subArea.Id), A("Icon", "/_imgs/imagestrips/transparent_spacer.gif"), A("Url", "/workplace/home_dashboards.aspx"),
                    A("DefaultDashboard", Ids.Dashboard(subArea.DashboardKey).ToString("D")), A("Client", Clients), A("AvailableOffline", "true"),
                    A("PassParams", "false"), A("Sku", Skus), Titles(subArea.Title));
            }
            if (subArea.WebResource != null)
            {
                // An HTML web resource opens in the app's main area through the $webresource: directive.
                return E("SubArea", A("Id", subArea.Id), A("Icon", "/_imgs/imagestrips/transparent_spacer.gif"), A("Url", "$webresource:" + subArea.WebResource),
                    A("Client", Clients), A("AvailableOffline", "true"), A("PassParams", "false"), A("Sku", Skus), Titles(subArea.Title));
            }
            return E("SubArea", A("Id", subArea.Id), A("Entity", subArea.Table!), A("Client", Clients), A("AvailableOffline", "true"),
                A("PassParams", "false"), A("Sku", Skus), Titles(subArea.Title));
        }

        private static XElement Titles(Label label) =>
            E("Titles", label.All.Select(l => E("Title", A("LCID", l.Language), A("Title", l.Text))));
    }
}
