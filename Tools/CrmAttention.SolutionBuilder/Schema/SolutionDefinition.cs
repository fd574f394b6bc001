using System.Collections.Generic;
using System.Linq;

namespace CrmAttention.SolutionBuilder.Schema
{
    public sealed class Publisher
    {
        public Publisher(string uniqueName, Label displayName, Label description, string prefix, int optionValuePrefix)
        {
            UniqueName = uniqueName;
            DisplayName = displayName;
            Description = description;
            Prefix = prefix;
            OptionValuePrefix = optionValuePrefix;
        }

        public string UniqueName { get; }

        public Label DisplayName { get; }

        public Label Description { get; }

        public string Prefix { get; }

        public int OptionValuePrefix { get; }

        public string? SupportingWebsiteUrl { get; init; }
    }

    /// <summary>The whole solution as one object graph: what Solution/Model declares.</summary>
    public sealed class SolutionDefinition
    {
        public SolutionDefinition(string uniqueName, string version, Label displayName, Label description, Publisher publisher)
        {
            UniqueName = uniqueName;
            Version = version;
            DisplayName = displayName;
            Description = description;
            Publisher = publisher;
        }

        public string UniqueName { get; }

        /// <summary>Four-part solution version; the only place it is written down.</summary>
        public string Version { get; }

        public Label DisplayName { get; }

        public Label Description { get; }

        public Publisher Publisher { get; }

        /// <summary>Simple name of the plugin assembly (CrmAttention.Plugins).</summary>
        public string PluginAssemblyName { get; init; } = "";

        public List<Choice> Choices { get; } = new List<Choice>();

        public List<Table> Tables { get; } = new List<Table>();

        public List<Dashboard> Dashboards { get; } = new List<Dashboard>();

        public List<App> Apps { get; } = new List<App>();

        public List<Role> Roles { get; } = new List<Role>();

        public List<FieldSecurityProfile> FieldSecurityProfiles { get; } = new List<FieldSecurityProfile>();

        public List<EnvironmentVariable> EnvironmentVariables { get; } = new List<EnvironmentVariable>();

        public List<CustomApi> CustomApis { get; } = new List<CustomApi>();

        public Table Table(string logicalName) =>
            Tables.FirstOrDefault(t => t.LogicalName == logicalName)
            ?? throw new KeyNotFoundException($"The model has no table {logicalName}.");

        public Choice Choice(string name) =>
            Choices.FirstOrDefault(c => c.Name == name)
            ?? throw new KeyNotFoundException($"The model has no choice {name}.");
    }
}
