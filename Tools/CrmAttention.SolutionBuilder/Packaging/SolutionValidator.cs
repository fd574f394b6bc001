using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// Cross-references the model before anything is written: every name a form, view, chart, dashboard, role,
    /// profile or custom API uses must exist, so a broken reference is a build error, not an import failure.
    /// </summary>
    public static class SolutionValidator
    {
        public static IReadOnlyList<string> Validate(PackInputs inputs)
        {
            var model = inputs.Model;
            var problems = new List<string>();
            var tables = model.Tables.ToDictionary(t => t.LogicalName);
            if (!inputs.Assembly.IsStrongNamed)
                problems.Add($"The plugin assembly {inputs.Assembly.Name} is not strong-named; Dataverse registers only signed plugin assemblies.");
            bool ViewExists(string table, string key) =>
                tables.TryGetValue(table, out var t) && (t.Views.Any(v => v.Key == key) || (t.IsCustom && ViewXml.SystemViewKeys.Any(s => s.Key == key)));

            foreach (var table in model.Tables)
            {
                foreach (var column in table.AllColumns)
                {
                    if (column.Type == ColumnType.Picklist && column.ChoiceName != null && model.Choices.All(c => c.Name != column.ChoiceName))
                        problems.Add($"{table.LogicalName}.{column.LogicalName} uses the choice {column.ChoiceName}, which the model does not define.");
                    foreach (var target in column.Targets.Where(_ => !column.IsPlatform))
                        if (!tables.ContainsKey(target)) problems.Add($"{table.LogicalName}.{column.LogicalName} points to {target}, which the model does not list.");
                    if (!column.IsPlatform && table.InSolution && (column.DisplayName == null || column.Description == null))
                        problems.Add($"{table.LogicalName}.{column.LogicalName} needs a display name and a description in English and German.");
                }
                foreach (var view in table.Views)
                    foreach (var attribute in view.Columns.Select(c => c.Attribute).Concat(view.Orders.Select(o => o.Attribute)).Concat(Conditions(view.Filter)))
                        if (!table.HasColumn(attribute)) problems.Add($"View {table.LogicalName}/{view.Key} uses {attribute}, which the table does not have.");
                foreach (var chart in table.Charts)
                    foreach (var attribute in new[] { chart.GroupBy, chart.SeriesBy }.OfType<string>().Concat(Conditions(chart.Filter)))
                        if (!table.HasColumn(attribute)) problems.Add($"Chart {table.LogicalName}/{chart.Key} uses {attribute}, which the table does not have.");
                foreach (var form in table.Forms)
                    foreach (var grid in form.Tabs.SelectMany(t => t.Sections).SelectMany(s => s.Cells).OfType<SubgridCell>())
                    {
                        if (!ViewExists(grid.TargetTable, grid.ViewKey)) problems.Add($"Form {table.LogicalName}/{form.Key}: the grid {grid.Key} shows the view {grid.TargetTable}/{grid.ViewKey}, which does not exist.");
                        var relationship = tables.TryGetValue(grid.TargetTable, out var target)
                            ? target.SolutionColumns.Where(c => c.Type == ColumnType.Lookup && c.Targets.Contains(table.LogicalName)).Select(c => CustomizationsWriter.RelationshipName(target, c))
                            : Enumerable.Empty<string>();
                        if (!relationship.Contains(grid.RelationshipName))
                            problems.Add($"Form {table.LogicalName}/{form.Key}: the grid {grid.Key} uses the relationship {grid.RelationshipName}, which does not link {grid.TargetTable} to {table.LogicalName}.");
                    }
            }
            foreach (var dashboard in model.Dashboards)
                foreach (var cell in dashboard.Sections.SelectMany(s => s.Cells))
                {
                    switch (cell)
                    {
                        case ChartCell chart:
                            if (!tables.TryGetValue(chart.Table, out var t) || t.Charts.All(c => c.Key != chart.ChartKey))
                                problems.Add($"Dashboard {dashboard.Key} shows the chart {chart.Table}/{chart.ChartKey}, which does not exist.");
                            if (!ViewExists(chart.Table, chart.ViewKey)) problems.Add($"Dashboard {dashboard.Key}: the chart {chart.Key} uses the view {chart.Table}/{chart.ViewKey}, which does not exist.");
                            break;
                        case ViewCell view:
                            if (!ViewExists(view.Table, view.ViewKey)) problems.Add($"Dashboard {dashboard.Key} shows the view {view.Table}/{view.ViewKey}, which does not exist.");
                            break;
                        case WebResourceCell resource:
                            if (inputs.WebResources.WebResources.All(w => w.Name != resource.WebResourceName))
                                problems.Add($"Dashboard {dashboard.Key} shows the web resource {resource.WebResourceName}, which WebResources/webresources.json does not list.");
                            break;
                    }
                }
            foreach (var app in model.Apps)
            {
                foreach (var subArea in app.Areas.SelectMany(a => a.Groups).SelectMany(g => g.SubAreas))
                {
                    if (subArea.Table != null && (!tables.TryGetValue(subArea.Table, out var t) || !t.InSolution))
                        problems.Add($"App {app.UniqueName}: the site map entry {subArea.Id} shows {subArea.Table}, which is not a table of the solution.");
                    if (subArea.DashboardKey != null && model.Dashboards.All(d => d.Key != subArea.DashboardKey))
                        problems.Add($"App {app.UniqueName}: the site map entry {subArea.Id} opens the dashboard {subArea.DashboardKey}, which does not exist.");
                    if (subArea.WebResource != null && inputs.WebResources.WebResources.All(w => w.Name != subArea.WebResource))
                        problems.Add($"App {app.UniqueName}: the site map entry {subArea.Id} opens the web resource {subArea.WebResource}, which WebResources/webresources.json does not list.");
                    if (new[] { subArea.Table, subArea.DashboardKey, subArea.WebResource }.Count(x => x != null) != 1)
                        problems.Add($"App {app.UniqueName}: the site map entry {subArea.Id} must open exactly one of a table, a dashboard or a web resource.");
                }
                foreach (var role in app.RoleKeys.Where(k => model.Roles.All(r => r.Key != k)))
                    problems.Add($"App {app.UniqueName} is given to the role {role}, which does not exist.");
            }
            var secured = model.Tables.SelectMany(t => t.AllColumns.Where(c => c.IsSecured).Select(c => (t.LogicalName, c.LogicalName))).ToHashSet();
            foreach (var profile in model.FieldSecurityProfiles)
                foreach (var permission in profile.Permissions)
                    if (!secured.Contains((permission.Table, permission.Column)))
                        problems.Add($"Field security profile {profile.Name} grants {permission.Table}.{permission.Column}, which is not a secured column.");
            foreach (var (table, column) in secured)
                if (!model.FieldSecurityProfiles.Any(p => p.Permissions.Any(x => x.Table == table && x.Column == column)))
                    problems.Add($"The secured column {table}.{column} is in no field security profile, so nobody but administrators could set it.");
            var privileges = Privileges.Valid(model);
            foreach (var role in model.Roles)
                foreach (var privilege in role.Privileges)
                    if (Privileges.Problem(model, privileges, role.Name, privilege.Name) is string problem) problems.Add(problem);
            foreach (var api in model.CustomApis)
            {
                var type = inputs.Assembly.Type(api.PluginTypeName);
                if (type == null)
                    problems.Add($"Custom API {api.UniqueName} is implemented by {api.PluginTypeName}, which the plugin assembly does not contain.");
                if (api.ExecutePrivilegeName != null && !privileges.ContainsKey(api.ExecutePrivilegeName))
                    problems.Add($"Custom API {api.UniqueName} requires the privilege {api.ExecutePrivilegeName}, which is not a privilege of a table of this solution or a known platform table.");
                if (type != null && !type.IsInstantiable)
                    problems.Add($"Custom API {api.UniqueName}: {api.PluginTypeName} has neither a public parameterless nor a public (string, string) constructor.");
            }
            foreach (var type in inputs.Assembly.Types)
                foreach (var step in type.Steps)
                {
                    if (step.Stage == 30 && model.CustomApis.All(a => a.UniqueName != step.Message))
                        problems.Add($"{type.FullName} declares a MainOperation step for {step.Message}, which is not a custom API of the model.");
                    if (step.Stage != 30 && !type.IsInstantiable)
                        problems.Add($"{type.FullName} has steps but neither a public parameterless nor a public (string, string) constructor.");
                    if (step.Stage != 30 && !inputs.MessageIds.TryGetId(step.Message, out _))
                        problems.Add($"Step {type.FullName}: {step.Message} of {step.PrimaryEntity}: the builder knows no sdkmessageid for {step.Message} (give it as a pack input: --message-id {step.Message}=<id> or Solution/messageids.json).");
                }
            return problems;
        }

        private static IEnumerable<string> Conditions(Filter? filter) =>
            filter == null ? Enumerable.Empty<string>() : filter.Conditions.Where(c => c.EntityName == null).Select(c => c.Attribute).Concat(filter.Filters.SelectMany(Conditions));
    }
}
