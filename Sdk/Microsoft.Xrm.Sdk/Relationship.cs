using System;
using System.Globalization;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// A relationship by schema name. PrimaryEntityRole is only needed for self-referencing relationships,
    /// where it says which side the primary record is on.
    /// </summary>
    [DataContract(Name = "Relationship", Namespace = XrmContracts.V2011)]
    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        [DataMember]
        public string SchemaName { get; set; }

        [DataMember]
        public EntityRole? PrimaryEntityRole { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj)
        {
            return obj is Relationship other
                && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal)
                && PrimaryEntityRole == other.PrimaryEntityRole;
        }

        public override int GetHashCode()
        {
            int hash = StringComparer.Ordinal.GetHashCode(SchemaName ?? string.Empty);
            return PrimaryEntityRole.HasValue ? hash ^ PrimaryEntityRole.Value.GetHashCode() : hash;
        }

        /// <summary>"SchemaName.Role", or "SchemaName." without a role.</summary>
        public override string ToString()
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}.{1}", SchemaName ?? string.Empty, PrimaryEntityRole.HasValue ? PrimaryEntityRole.Value.ToString() : string.Empty);
        }
    }
}
