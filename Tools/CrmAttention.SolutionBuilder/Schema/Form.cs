using System;
using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>
    /// A main form. Dataverse imports a form as a whole (an unmanaged solution cannot carry a partial change
    /// to a Microsoft form), so the solution adds its own forms to contact and the activity tables rather than
    /// replacing the out-of-the-box ones.
    /// </summary>
    public sealed class Form
    {
        public Form(string key, Label name, Label description, params FormTab[] tabs)
        {
            Key = key;
            Name = name;
            Description = description;
            Tabs = tabs;
        }

        /// <summary>Stable key the ids are derived from. "main" is what the web resources manifest refers to.</summary>
        public string Key { get; }

        public Label Name { get; }

        public Label Description { get; }

        public IReadOnlyList<FormTab> Tabs { get; }

        /// <summary>Every field on the form is read-only (the decision log).</summary>
        public bool ReadOnly { get; init; }

        /// <summary>Fields shown in the form header.</summary>
        public IReadOnlyList<string> HeaderFields { get; init; } = Array.Empty<string>();
    }

    public sealed class FormTab
    {
        public FormTab(string key, Label label, params FormSection[] sections)
        {
            Key = key;
            Label = label;
            Sections = sections;
        }

        public string Key { get; }

        public Label Label { get; }

        public IReadOnlyList<FormSection> Sections { get; }
    }

    public sealed class FormSection
    {
        public FormSection(string key, Label label, params FormCell[] cells)
        {
            Key = key;
            Label = label;
            Cells = cells;
        }

        public string Key { get; }

        public Label Label { get; }

        public IReadOnlyList<FormCell> Cells { get; }
    }

    public abstract record FormCell;

    /// <summary>A column on the form; its label comes from the column's display name.</summary>
    public sealed record FieldCell(string Attribute) : FormCell
    {
        public bool ReadOnly { get; init; }

        /// <summary>Label of a platform column the model does not label itself.</summary>
        public Label? Label { get; init; }
    }

    /// <summary>A grid of related rows through <paramref name="RelationshipName"/>, showing one of the target table's views.</summary>
    public sealed record SubgridCell(string Key, Label Label, string TargetTable, string ViewKey, string RelationshipName) : FormCell;

    /// <summary>A chart of <paramref name="Table"/> (on dashboards).</summary>
    public sealed record ChartCell(string Key, Label Label, string Table, string ChartKey, string ViewKey) : FormCell;

    /// <summary>A view of <paramref name="Table"/> as a list (on dashboards).</summary>
    public sealed record ViewCell(string Key, Label Label, string Table, string ViewKey) : FormCell;

    /// <summary>An HTML web resource (by its name from WebResources/webresources.json).</summary>
    public sealed record WebResourceCell(string Key, Label Label, string WebResourceName, int Rows) : FormCell;

    /// <summary>The sales-ops dashboard: a system form of type dashboard, not bound to a table.</summary>
    public sealed class Dashboard
    {
        public Dashboard(string key, Label name, Label description, params FormSection[] sections)
        {
            Key = key;
            Name = name;
            Description = description;
            Sections = sections;
        }

        public string Key { get; }

        public Label Name { get; }

        public Label Description { get; }

        /// <summary>Each section is one row of the dashboard; its cells sit side by side.</summary>
        public IReadOnlyList<FormSection> Sections { get; }
    }
}
