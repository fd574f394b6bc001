using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// customizations.xml: entities (with their forms, views and charts), roles, field security profiles,
    /// relationships, global choices, the dashboard, web resources, the plugin assembly and its steps, in the
    /// element order real exports use.
    /// </summary>
    public static class CustomizationsWriter
    {
        public static XElement Write(SolutionDefinition model, PluginAssemblyInfo assembly, WebResourceManifest web, SdkMessageIds? messageIds = null)
        {
            var tables = model.Tables.Where(t => t.InSolution).OrderBy(t => t.SchemaName, StringComparer.OrdinalIgnoreCase).ToList();
            return new XElement("ImportExportXml",
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                E("Entities", tables.Select(t => Entity(model, t, web))),
                E("Roles", model.Roles.Select(Role)),
                E("Workflows"),
                E("FieldSecurityProfiles", model.FieldSecurityProfiles.Select(FieldSecurityProfile)),
                E("Templates"),
                E("EntityMaps"),
                E("EntityRelationships", Relationships(model).OrderBy(r => (string)r.Attribute("Name")!, StringComparer.Ordinal)),
                E("OrganizationSettings"),
                E("optionsets", model.Choices.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => OptionSet(model, c))),
                E("Dashboards", model.Dashboards.Select(d => FormXml.Dashboard(model, d, web))),
                E("WebResources", web.WebResources.OrderBy(w => w.Name, StringComparer.Ordinal).Select(WebResource)),
                E("CustomControls"),
                E("SolutionPluginAssemblies", PluginAssembly(model, assembly)),
                E("SdkMessageProcessingSteps", Steps(assembly, messageIds ?? SdkMessageIds.WellKnown)),
                model.Apps.Count == 0 ? null : E("AppModuleSiteMaps", model.Apps.Select(AppXml.SiteMap)),
                model.Apps.Count == 0 ? null : E("AppModules", model.Apps.Select(a => AppXml.AppModule(model, a))),
                E("EntityDataProviders"),
                E("Languages", V("Language", Label.English), V("Language", Label.German)));
        }

        /// <summary>Zip path of the plugin assembly, as exports name it: /PluginAssemblies/&lt;Name&gt;-&lt;ID&gt;/&lt;Name&gt;.dll.</summary>
        public static string AssemblyFileName(PluginAssemblyInfo assembly) =>
            $"/PluginAssemblies/{assembly.Name}-{Ids.Upper(Ids.PluginAssembly(assembly.Name))}/{assembly.Name}.dll";

        /// <summary>Zip path of a web resource: its name without non-alphanumeric characters, then its id in upper case.</summary>
        public static string WebResourceFileName(WebResourceEntry entry) =>
            "/WebResources/" + new string(entry.Name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray()) + Ids.Upper(Ids.WebResource(entry.Name));

        private static XElement Entity(SolutionDefinition model, Table table, WebResourceManifest web)
        {
            var name = table.DisplayName ?? throw new PackagingException($"Table {table.LogicalName} has no display name.");
            var attributes = table.AllColumns
                .Where(c => table.IsCustom ? !SystemColumns.NotExported.Contains(c.LogicalName) : !c.IsPlatform)
                .OrderBy(c => c.SchemaName, StringComparer.OrdinalIgnoreCase)
                .Select(c => AttributeXml.Write(model, table, c));
            var entity = E("entity", A("Name", table.SchemaName));
            if (table.IsCustom)
            {
                entity.Add(Labels("LocalizedNames", "LocalizedName", name));
                entity.Add(Labels("LocalizedCollectionNames", "LocalizedCollectionName", table.CollectionName!));
                entity.Add(Labels("Descriptions", "Description", table.Description!));
                entity.Add(E("attributes", attributes));
                foreach (var flag in EntityFlags(table)) entity.Add(flag);
            }
            else
            {
                // A Microsoft table carries only the columns we add: writing its table-level settings would
                // overwrite the environment's own (auditing, change tracking, mobile) on import.
                entity.Add(E("attributes", attributes));
            }
            var forms = new List<XElement>();
            if (table.IsCustom) forms.Add(E("forms", A("type", "card"), FormXml.CardForm(table)));
            if (table.Forms.Count > 0) forms.Add(E("forms", A("type", "main"), table.Forms.Select(f => FormXml.MainForm(model, table, f, web))));
            if (table.IsCustom) forms.Add(E("forms", A("type", "quick"), FormXml.QuickForm(table)));
            var views = (table.IsCustom ? ViewXml.SystemViews(table) : Enumerable.Empty<XElement>()).Concat(table.Views.Select(v => ViewXml.ModelView(table, v))).ToList();
            return E("Entity",
                E("Name", A("LocalizedName", name.En), A("OriginalName", table.IsCustom ? name.En : ""), table.SchemaName),
                E("EntityInfo", entity),
                forms.Count > 0 ? E("FormXml", forms) : null,
                views.Count > 0 ? E("SavedQueries", E("savedqueries", views)) : null,
                table.Charts.Count > 0 ? E("Visualizations", table.Charts.Select(c => ChartXml.Write(table, c))) : null,
                RibbonDiff());
        }

        private static IEnumerable<XElement> EntityFlags(Table table) => new[]
        {
            V("EntitySetName", table.EntitySetName),
            V("IsDuplicateCheckSupported", "1"),
            V("IsBusinessProcessEnabled", "0"),
            V("IsRequiredOffline", "0"),
            V("IsInteractionCentricEnabled", "0"),
            V("IsCollaboration", "0"),
            V("AutoRouteToOwnerQueue", "0"),
            V("IsConnectionsEnabled", "0"),
            V("IsDocumentManagementEnabled", "0"),
            V("AutoCreateAccessTeams", "0"),
            V("IsOneNoteIntegrationEnabled", "0"),
            V("IsKnowledgeManagementEnabled", "0"),
            V("IsSLAEnabled", "0"),
            V("IsDocumentRecommendationsEnabled", "0"),
            V("IsBPFEntity", "0"),
            V("OwnershipTypeMask", table.Ownership.ToString()),
            V("IsAuditEnabled", "1"),
            V("IsRetrieveAuditEnabled", "0"),
            V("IsRetrieveMultipleAuditEnabled", "0"),
            V("IsActivity", "0"),
            V("ActivityTypeMask", ""),
            V("IsActivityParty", "0"),
            V("IsReplicated", "0"),
            V("IsReplicationUserFiltered", "0"),
            V("IsMailMergeEnabled", "0"),
            V("IsVisibleInMobile", "0"),
            V("IsVisibleInMobileClient", "1"),
            V("IsReadOnlyInMobileClient", "0"),
            V("IsOfflineInMobileClient", "0"),
            V("DaysSinceRecordLastModified", "0"),
            V("MobileOfflineFilters", ""),
            V("IsMapiGridEnabled", "1"),
            V("IsReadingPaneEnabled", "1"),
            V("IsQuickCreateEnabled", "0"),
            V("SyncToExternalSearchIndex", "0"),
            V("IntroducedVersion", "1.0.0.0"),
            V("IsCustomizable", "1"),
            V("IsRenameable", "1"),
            V("IsMappable", "1"),
            V("CanModifyAuditSettings", "1"),
            V("CanModifyMobileVisibility", "1"),
            V("CanModifyMobileClientVisibility", "1"),
            V("CanModifyMobileClientReadOnly", "1"),
            V("CanModifyMobileClientOffline", "1"),
            V("CanModifyConnectionSettings", "1"),
            V("CanModifyDuplicateDetectionSettings", "1"),
            V("CanModifyMailMergeSettings", "1"),
            V("CanModifyQueueSettings", "1"),
            V("CanCreateAttributes", "1"),
            V("CanCreateForms", "1"),
            V("CanCreateCharts", "1"),
            V("CanCreateViews", "1"),
            V("CanModifyAdditionalSettings", "1"),
            V("CanEnableSyncToExternalSearchIndex", "1"),
            V("EnforceStateTransitions", "0"),
            V("CanChangeHierarchicalRelationship", "1"),
            V("EntityHelpUrlEnabled", "0"),
            V("ChangeTrackingEnabled", "1"),
            V("CanChangeTrackingBeEnabled", "1"),
            V("IsEnabledForExternalChannels", "0"),
            V("IsSolutionAware", "0"),
        };

        private static XElement RibbonDiff() =>
            E("RibbonDiffXml",
                E("CustomActions"),
                E("Templates", E("RibbonTemplates", A("Id", "Mscrm.Templates"), "")),
                E("CommandDefinitions"),
                E("RuleDefinitions", E("TabDisplayRules"), E("DisplayRules"), E("EnableRules")),
                E("LocLabels"));

        /// <summary>
        /// The six system relationships a new user-owned table comes with, and one one-to-many relationship per
        /// custom lookup (named cat_&lt;table&gt;_&lt;lookup&gt; without prefixes).
        /// </summary>
        public static IEnumerable<XElement> Relationships(SolutionDefinition model)
        {
            foreach (var table in model.Tables.Where(t => t.IsCustom))
            {
                var e = table.LogicalName;
                foreach (var name in new[] { "owningbusinessunit", "createdby", "modifiedby", "ownerid", "owningteam", "owninguser" })
                {
                    var column = table.Column(name);
                    var system = SystemColumns.For(table, column);
                    var relationship = name switch
                    {
                        "owningbusinessunit" => "business_unit_" + e,
                        "createdby" => "lk_" + e + "_createdby",
                        "modifiedby" => "lk_" + e + "_modifiedby",
                        "ownerid" => "owner_" + e,
                        "owningteam" => "team_" + e,
                        _ => "user_" + e,
                    };
                    var referenced = name switch
                    {
                        "owningbusinessunit" => "BusinessUnit",
                        "ownerid" => "Owner",
                        "owningteam" => "Team",
                        _ => "SystemUser",
                    };
                    yield return SystemRelationship(relationship, table, referenced, column.SchemaName, system.Description);
                }
            }
            foreach (var table in model.Tables.Where(t => t.InSolution))
            {
                foreach (var lookup in table.SolutionColumns.Where(c => c.Type == ColumnType.Lookup))
                {
                    var target = model.Table(lookup.Targets.Single());
                    yield return E("EntityRelationship", A("Name", RelationshipName(table, lookup)),
                        V("EntityRelationshipType", "OneToMany"),
                        V("IsCustomizable", "1"),
                        V("IntroducedVersion", "1.0.0.0"),
                        V("IsHierarchical", "0"),
                        V("ReferencingEntityName", table.SchemaName),
                        V("ReferencedEntityName", target.SchemaName),
                        V("CascadeAssign", "NoCascade"),
                        V("CascadeDelete", lookup.OnDelete.ToString()),
                        V("CascadeReparent", "NoCascade"),
                        V("CascadeShare", "NoCascade"),
                        V("CascadeUnshare", "NoCascade"),
                        V("CascadeRollupView", "NoCascade"),
                        V("IsValidForAdvancedFind", "1"),
                        V("ReferencingAttributeName", lookup.SchemaName),
                        E("RelationshipDescription", Labels("Descriptions", "Description", lookup.Description!)),
                        E("EntityRelationshipRoles",
                            E("EntityRelationshipRole",
                                V("NavPaneDisplayOption", "UseCollectionName"),
                                V("NavPaneArea", "Details"),
                                V("NavPaneOrder", "10000"),
                                V("NavigationPropertyName", lookup.SchemaName),
                                V("RelationshipRoleType", "1")),
                            E("EntityRelationshipRole",
                                V("NavigationPropertyName", RelationshipName(table, lookup)),
                                V("RelationshipRoleType", "0"))));
                }
            }
        }

        public static string RelationshipName(Table table, Column lookup) =>
            "cat_" + Unprefixed(table.LogicalName) + "_" + Unprefixed(lookup.LogicalName);

        private static string Unprefixed(string name) => name.StartsWith("cat_", StringComparison.Ordinal) ? name.Substring(4) : name;

        private static XElement SystemRelationship(string name, Table table, string referenced, string attribute, Label description) =>
            E("EntityRelationship", A("Name", name),
                V("EntityRelationshipType", "OneToMany"),
                V("IsCustomizable", "1"),
                V("IntroducedVersion", "1.0"),
                V("IsHierarchical", "0"),
                V("ReferencingEntityName", table.SchemaName),
                V("ReferencedEntityName", referenced),
                V("CascadeAssign", "NoCascade"),
                V("CascadeDelete", "NoCascade"),
                V("CascadeReparent", "NoCascade"),
                V("CascadeShare", "NoCascade"),
                V("CascadeUnshare", "NoCascade"),
                V("ReferencingAttributeName", attribute),
                E("RelationshipDescription", Labels("Descriptions", "Description", description)));

        private static XElement OptionSet(SolutionDefinition model, Choice choice) =>
            E("optionset", A("Name", choice.Name), A("localizedName", choice.DisplayName.En), A("description", choice.Description.En),
                V("OptionSetType", "picklist"),
                V("IsGlobal", "1"),
                V("IntroducedVersion", "1.0.0.0"),
                V("IsCustomizable", "1"),
                V("ExternalTypeName", ""),
                Labels("displaynames", "displayname", choice.DisplayName),
                Labels("Descriptions", "Description", choice.Description),
                E("options", choice.Options.Select(o =>
                    E("option", A("value", o.Value(model.Publisher.OptionValuePrefix)), A("ExternalValue", ""), A("IsHidden", 0),
                        Labels("labels", "label", o.Label),
                        o.Description == null ? null : Labels("Descriptions", "Description", o.Description)))));

        private static XElement Role(Role role) =>
            E("Role", A("id", Ids.Braced(Ids.Role(role.Key))), A("name", role.Name),
                V("IsCustomizable", "1"),
                // 0: Dataverse does not give the role to every new user of a business unit; an administrator assigns it.
                V("IsAutoAssigned", "0"),
                V("IntroducedVersion", "1.0.0.0"),
                E("RolePrivileges", role.Privileges.OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => E("RolePrivilege", A("name", p.Name), A("level", p.Depth.ToString())))));

        /// <summary>
        /// A field security profile as exports write it: the profile's name, description and id as attributes, each
        /// permission as child elements in the order EntityName, AttributeName, CanRead, CanUpdate, CanCreate,
        /// CanReadUnmasked. Rights are 4 (allowed) or 0 (not allowed), as the fieldpermission table stores them;
        /// CanReadUnmasked 0 because no column of ours is masked.
        /// </summary>
        private static XElement FieldSecurityProfile(FieldSecurityProfile profile) =>
            E("FieldSecurityProfile", A("name", profile.Name), A("description", profile.Description.En), A("fieldsecurityprofileid", Ids.Braced(Ids.FieldSecurityProfile(profile.Key))),
                E("FieldPermissions", profile.Permissions.Select(p => E("FieldPermission",
                    V("EntityName", p.Table),
                    V("AttributeName", p.Column),
                    V("CanRead", p.CanRead ? 4 : 0),
                    V("CanUpdate", p.CanUpdate ? 4 : 0),
                    V("CanCreate", p.CanCreate ? 4 : 0),
                    V("CanReadUnmasked", 0)))));

        private static XElement WebResource(WebResourceEntry entry) =>
            E("WebResource",
                V("WebResourceId", Ids.Braced(Ids.WebResource(entry.Name))),
                V("Name", entry.Name),
                V("DisplayName", entry.DisplayName.En),
                V("Description", entry.Description.En),
                V("WebResourceType", entry.TypeCode),
                V("IntroducedVersion", "1.0.0.0"),
                V("IsEnabledForMobileClient", "0"),
                V("IsAvailableForMobileOffline", "0"),
                V("DependencyXml", "<Dependencies><Dependency componentType=\"WebResource\"/></Dependencies>"),
                V("IsCustomizable", "1"),
                V("CanBeDeleted", "1"),
                V("IsHidden", "0"),
                V("FileName", WebResourceFileName(entry)));

        private static XElement PluginAssembly(SolutionDefinition model, PluginAssemblyInfo assembly)
        {
            if (assembly.Name != model.PluginAssemblyName)
                throw new PackagingException($"The plugin assembly is named {assembly.Name}; the model expects {model.PluginAssemblyName}.");
            return E("PluginAssembly", A("FullName", assembly.FullName), A("PluginAssemblyId", Ids.PluginAssembly(assembly.Name)), A("CustomizationLevel", 1),
                V("IsolationMode", 2),
                V("SourceType", 0),
                V("IntroducedVersion", "1.0.0.0"),
                V("FileName", AssemblyFileName(assembly)),
                E("PluginTypes", assembly.Types.Select(type =>
                    E("PluginType",
                        A("AssemblyQualifiedName", type.FullName + ", " + assembly.FullName),
                        A("PluginTypeId", Ids.PluginType(type.FullName)),
                        A("Name", type.FullName),
                        V("FriendlyName", FriendlyName(type))))));
        }

        /// <summary>
        /// What the Plugin Registration Tool and the maker portal show for a type. Registering by hand stores a GUID
        /// here; a readable name is allowed (the column is free text) and says what the type is: its class name
        /// without namespace, e.g. DecisionLogGuardPlugin.
        /// </summary>
        public static string FriendlyName(PluginTypeInfo type)
        {
            var dot = type.FullName.LastIndexOf('.');
            return dot < 0 ? type.FullName : type.FullName.Substring(dot + 1);
        }

        /// <summary>
        /// One step per registration attribute, except MainOperation (30): that is a custom API's implementation,
        /// bound through the custom API's plugin type, not registered as a step.
        /// </summary>
        public static IEnumerable<(PluginTypeInfo Type, PluginStepInfo Step)> RegisteredSteps(PluginAssemblyInfo assembly) =>
            assembly.Types.SelectMany(t => t.Steps.Select(s => (t, s)))
                .Where(x => x.s.Stage != 30)
                .OrderBy(x => Ids.Step(x.t.FullName, x.s.Message, x.s.PrimaryEntity, x.s.Stage).ToString("D"), StringComparer.Ordinal);

        public static string StepName(PluginTypeInfo type, PluginStepInfo step) =>
            $"{type.FullName}: {step.Message} of {(string.IsNullOrEmpty(step.PrimaryEntity) ? "any Entity" : step.PrimaryEntity)}";

        private static IEnumerable<XElement> Steps(PluginAssemblyInfo assembly, SdkMessageIds messageIds)
        {
            foreach (var (type, step) in RegisteredSteps(assembly))
            {
                var id = Ids.Step(type.FullName, step.Message, step.PrimaryEntity, step.Stage);
                var name = StepName(type, step);
                if (!type.IsInstantiable)
                    throw new PackagingException($"Step '{name}': {type.FullName} has neither a public parameterless nor a public (string, string) constructor, so Dataverse cannot create it.");
                var element = E("SdkMessageProcessingStep", A("Name", name), A("SdkMessageProcessingStepId", Ids.Braced(id)),
                    V("SdkMessageId", messageIds.IdOf(step.Message, name)),
                    V("PluginTypeName", type.FullName + ", " + assembly.FullName),
                    V("PluginTypeId", Ids.PluginType(type.FullName)),
                    string.IsNullOrEmpty(step.PrimaryEntity) ? null : V("PrimaryEntity", step.PrimaryEntity),
                    V("AsyncAutoDelete", Bit(step.Mode == 1 && step.DeleteAsyncOperationOnSuccess)),
                    step.UnsecureConfiguration == null ? null : V("Configuration", step.UnsecureConfiguration),
                    V("Description", step.Description ?? name),
                    V("FilteringAttributes", string.Join(",", step.FilteringAttributes)),
                    V("InvocationSource", 0),
                    V("Mode", step.Mode),
                    V("Rank", step.Rank),
                    V("EventHandlerTypeCode", 4602),
                    V("Stage", step.Stage),
                    V("IsCustomizable", "1"),
                    V("IsHidden", "0"),
                    V("SupportedDeployment", 0),
                    V("IntroducedVersion", "1.0.0.0"));
                // Exports write the images element on every step, empty when the step has none.
                element.Add(E("SdkMessageProcessingStepImages", step.Images.Select(image => E("SdkMessageProcessingStepImage", A("Name", image.Alias),
                    V("SdkMessageProcessingStepImageId", Ids.Braced(Ids.Image(id, image.Alias))),
                    V("Attributes", string.Join(",", image.Attributes)),
                    V("EntityAlias", image.Alias),
                    V("ImageType", image.ImageType),
                    V("MessagePropertyName", image.MessagePropertyName ?? DefaultImageProperty(step.Message)),
                    V("IsCustomizable", "1")))));
                yield return element;
            }
        }

        /// <summary>The request property an image is taken from when the attribute does not name one.</summary>
        private static string DefaultImageProperty(string message) => message switch
        {
            "Create" => "id",
            "SetState" or "SetStateDynamicEntity" => "EntityMoniker",
            "Send" => "EmailId",
            _ => "Target",
        };
    }
}
