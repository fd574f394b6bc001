using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// The component files that live in folders next to customizations.xml: custom APIs with their request
    /// parameters and response properties, and environment variable definitions. Elements in alphabetical
    /// order, as Dataverse writes these files.
    /// </summary>
    internal static class ComponentFiles
    {
        public static IEnumerable<(string Path, XElement Xml)> CustomApi(CustomApi api, PluginAssemblyInfo assembly)
        {
            var type = assembly.Type(api.PluginTypeName)
                ?? throw new PackagingException($"Custom API {api.UniqueName} is implemented by {api.PluginTypeName}, which the plugin assembly {assembly.FullName} does not contain.");
            if (!type.IsInstantiable)
                throw new PackagingException($"Custom API {api.UniqueName}: {api.PluginTypeName} has neither a public parameterless nor a public (string, string) constructor.");
            var folder = "customapis/" + api.UniqueName;
            yield return (folder + "/customapi.xml", E("customapi", A("uniquename", api.UniqueName),
                V("allowedcustomprocessingsteptype", api.AllowedCustomProcessingStepType),
                V("bindingtype", 0),
                E("boundentitylogicalname"),
                DefaultLabels("description", api.Description),
                DefaultLabels("displayname", api.DisplayName),
                // The privilege a caller must hold to run the API; the platform refuses anyone without it.
                api.ExecutePrivilegeName == null ? E("executeprivilegename") : V("executeprivilegename", api.ExecutePrivilegeName),
                V("iscustomizable", 0),
                V("isfunction", Bit(api.IsFunction)),
                V("isprivate", 0),
                V("name", api.UniqueName),
                E("plugintypeid", V("plugintypeid", Ids.Braced(Ids.PluginType(type.FullName)))),
                V("workflowsdkstepenabled", 0)));
            foreach (var p in api.RequestParameters)
            {
                yield return ($"{folder}/customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml", E("customapirequestparameter", A("uniquename", p.UniqueName),
                    DefaultLabels("description", p.Description),
                    DefaultLabels("displayname", p.DisplayName),
                    V("iscustomizable", 0),
                    V("isoptional", Bit(p.IsOptional)),
                    p.LogicalEntityName == null ? E("logicalentityname") : V("logicalentityname", p.LogicalEntityName),
                    V("name", api.UniqueName + "." + p.UniqueName),
                    V("type", (int)p.Type)));
            }
            foreach (var p in api.ResponseProperties)
            {
                // A response property has no isoptional: the import rejects the element.
                yield return ($"{folder}/customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml", E("customapiresponseproperty", A("uniquename", p.UniqueName),
                    DefaultLabels("description", p.Description),
                    DefaultLabels("displayname", p.DisplayName),
                    V("iscustomizable", 0),
                    p.LogicalEntityName == null ? E("logicalentityname") : V("logicalentityname", p.LogicalEntityName),
                    V("name", api.UniqueName + "." + p.UniqueName),
                    V("type", (int)p.Type)));
            }
        }

        public static (string Path, XElement Xml) EnvironmentVariable(EnvironmentVariable variable) =>
            ($"environmentvariabledefinitions/{variable.SchemaName}/environmentvariabledefinition.xml",
                E("environmentvariabledefinition", A("schemaname", variable.SchemaName),
                    V("defaultvalue", variable.DefaultValue),
                    DefaultLabels("description", variable.Description),
                    DefaultLabels("displayname", variable.DisplayName),
                    V("introducedversion", "1.0.0.0"),
                    V("iscustomizable", 1),
                    V("isrequired", 0),
                    V("secretstore", 0),
                    V("type", (int)variable.Type)));

        /// <summary>[Content_Types].xml: one Default per file extension, one Override per extension-less part.</summary>
        public static XElement ContentTypes(IEnumerable<string> paths)
        {
            XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            var list = paths.ToList();
            var extensions = list.Select(p => p.Substring(p.LastIndexOf('/') + 1)).Where(n => n.Contains('.'))
                .Select(n => n.Substring(n.LastIndexOf('.') + 1)).Distinct().OrderBy(e => e == "xml" ? 0 : 1).ThenBy(e => e, System.StringComparer.Ordinal);
            return new XElement(ns + "Types",
                extensions.Select(e => new XElement(ns + "Default", new XAttribute("Extension", e), new XAttribute("ContentType", "application/octet-stream"))),
                list.Where(p => !p.Substring(p.LastIndexOf('/') + 1).Contains('.'))
                    .Select(p => new XElement(ns + "Override", new XAttribute("PartName", "/" + p), new XAttribute("ContentType", "application/octet-stream"))));
        }
    }
}
