using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>
    /// A model-driven app with its site map: where sales ops and administrators find the dashboard, the policies
    /// and the decision log. Its tables and dashboards are its components; its roles decide who sees it.
    /// </summary>
    public sealed class App
    {
        public App(string uniqueName, Label name, Label description, params AppArea[] areas)
        {
            UniqueName = uniqueName;
            Name = name;
            Description = description;
            Areas = areas;
        }

        public string UniqueName { get; }

        public Label Name { get; }

        public Label Description { get; }

        public IReadOnlyList<AppArea> Areas { get; }

        /// <summary>Keys of the model's roles that may use the app.</summary>
        public IReadOnlyList<string> RoleKeys { get; init; } = new List<string>();
    }

    public sealed record AppArea(string Id, Label Title, params AppGroup[] Groups);

    public sealed record AppGroup(string Id, Label Title, params AppSubArea[] SubAreas);

    /// <summary>
    /// A site map entry: a table's default views (<see cref="Table"/>), a dashboard (<see cref="DashboardKey"/>) or an HTML
    /// web resource page (<see cref="WebResource"/>, its name, e.g. cat_/pages/worklist.html).
    /// </summary>
    public sealed record AppSubArea(string Id, Label Title)
    {
        public string? Table { get; init; }

        public string? DashboardKey { get; init; }

        public string? WebResource { get; init; }
    }
}
