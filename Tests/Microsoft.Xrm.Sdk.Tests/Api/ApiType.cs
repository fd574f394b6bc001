using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk.Tests.Api
{
    /// <summary>
    /// One public type described in the notation of the API baseline (Baseline/xrm-sdk-9.0-api.md): kind, base
    /// type, implemented interfaces, data contract, member signatures and enum values. Built both from the
    /// baseline text and, by reflection, from a loaded assembly, so the two can be compared line by line.
    /// </summary>
    internal sealed class ApiType
    {
        internal ApiType(string fullName)
        {
            FullName = fullName;
        }

        internal string FullName { get; }

        /// <summary>interface, enum, class, sealed class, abstract class, static class or struct.</summary>
        internal string? Kind { get; set; }

        /// <summary>The base type, or null for object, System.Enum, System.ValueType and interfaces.</summary>
        internal string? BaseType { get; set; }

        internal HashSet<string> Interfaces { get; } = new HashSet<string>();

        /// <summary>e.g. <c>DataContract(Name=Entity, Namespace=…)</c>; null when the type has none.</summary>
        internal string? Contract { get; set; }

        /// <summary>Signatures such as <c>ctor(string entityName, Guid id)</c> or <c>Guid Id { get; set; }</c>.</summary>
        internal HashSet<string> Members { get; } = new HashSet<string>();

        internal Dictionary<string, long> EnumValues { get; } = new Dictionary<string, long>();
    }
}
