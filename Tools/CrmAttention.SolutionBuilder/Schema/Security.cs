using System;
using System.Collections.Generic;

namespace CrmAttention.SolutionBuilder.Schema
{
    /// <summary>Privilege depth as security role XML spells it: user, business unit, parent:child BU, organization.</summary>
    public enum Depth
    {
        Basic,
        Local,
        Deep,
        Global,
    }

    public sealed record RolePrivilege(string Name, Depth Depth);

    /// <summary>
    /// A security role. Role names are not localized in Dataverse (the role table has one name column), so the
    /// description carries the German text for customizers.
    /// </summary>
    public sealed class Role
    {
        public Role(string key, string name, Label description, IReadOnlyList<RolePrivilege> privileges)
        {
            Key = key;
            Name = name;
            Description = description;
            Privileges = privileges;
        }

        public string Key { get; }

        public string Name { get; }

        public Label Description { get; }

        public IReadOnlyList<RolePrivilege> Privileges { get; }
    }

    public sealed record FieldPermission(string Table, string Column, bool CanRead, bool CanCreate, bool CanUpdate);

    /// <summary>A field security profile: who may read or set secured columns.</summary>
    public sealed class FieldSecurityProfile
    {
        public FieldSecurityProfile(string key, string name, Label description, IReadOnlyList<FieldPermission> permissions)
        {
            Key = key;
            Name = name;
            Description = description;
            Permissions = permissions;
        }

        public string Key { get; }

        public string Name { get; }

        public Label Description { get; }

        public IReadOnlyList<FieldPermission> Permissions { get; }
    }

    /// <summary>environmentvariabledefinition.type.</summary>
    public enum EnvironmentVariableType
    {
        String = 100000000,
        Number = 100000001,
        Boolean = 100000002,
        Json = 100000003,
    }

    public sealed class EnvironmentVariable
    {
        public EnvironmentVariable(string schemaName, string constantName, EnvironmentVariableType type, string defaultValue, Label displayName, Label description)
        {
            SchemaName = schemaName;
            ConstantName = constantName;
            Type = type;
            DefaultValue = defaultValue;
            DisplayName = displayName;
            Description = description;
        }

        public string SchemaName { get; }

        public string ConstantName { get; }

        public EnvironmentVariableType Type { get; }

        public string DefaultValue { get; }

        public Label DisplayName { get; }

        public Label Description { get; }
    }

    /// <summary>customapirequestparameter.type / customapiresponseproperty.type.</summary>
    public enum CustomApiFieldType
    {
        Boolean = 0,
        DateTime = 1,
        Decimal = 2,
        Entity = 3,
        EntityCollection = 4,
        EntityReference = 5,
        Float = 6,
        Integer = 7,
        Money = 8,
        Picklist = 9,
        String = 10,
        StringArray = 11,
        Guid = 12,
    }

    public sealed class CustomApiField
    {
        public CustomApiField(string uniqueName, CustomApiFieldType type, Label displayName, Label description)
        {
            UniqueName = uniqueName;
            Type = type;
            DisplayName = displayName;
            Description = description;
        }

        public string UniqueName { get; }

        public CustomApiFieldType Type { get; }

        public Label DisplayName { get; }

        public Label Description { get; }

        /// <summary>Request parameters only.</summary>
        public bool IsOptional { get; init; }

        /// <summary>EntityReference/Entity: the table, when it is always the same.</summary>
        public string? LogicalEntityName { get; init; }

        public string ConstantName => UniqueName.StartsWith("cat_", StringComparison.Ordinal) ? UniqueName.Substring(4) : UniqueName;
    }

    /// <summary>
    /// A custom API. Unbound, not a function, so Power Automate's Dataverse connector lists it under
    /// "Perform an unbound action". Its implementation is the plugin type named here.
    /// </summary>
    public sealed class CustomApi
    {
        public CustomApi(string uniqueName, string constantsName, string pluginTypeName, Label displayName, Label description)
        {
            UniqueName = uniqueName;
            ConstantsName = constantsName;
            PluginTypeName = pluginTypeName;
            DisplayName = displayName;
            Description = description;
        }

        public string UniqueName { get; }

        public string ConstantsName { get; }

        /// <summary>Full name of the plugin type that implements it.</summary>
        public string PluginTypeName { get; }

        public Label DisplayName { get; }

        public Label Description { get; }

        public bool IsFunction { get; init; }

        /// <summary>customapi.executeprivilegename: the privilege Dataverse requires of a caller before it runs the API.</summary>
        public string? ExecutePrivilegeName { get; init; }

        /// <summary>0 none, 1 async only, 2 sync and async: whether others may register steps on it.</summary>
        public int AllowedCustomProcessingStepType { get; init; }

        public List<CustomApiField> RequestParameters { get; } = new List<CustomApiField>();

        public List<CustomApiField> ResponseProperties { get; } = new List<CustomApiField>();
    }
}
