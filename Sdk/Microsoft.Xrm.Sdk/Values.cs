using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A currency amount. Equal to another Money of the same value.</summary>
    [DataContract(Name = "Money", Namespace = XrmContracts.V2011)]
    public sealed class Money : IExtensibleDataObject
    {
        public Money()
        {
        }

        public Money(decimal value)
        {
            Value = value;
        }

        [DataMember]
        public decimal Value { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj)
        {
            return obj is Money other && Value == other.Value;
        }

        public override int GetHashCode()
        {
            return Value.GetHashCode();
        }
    }

    /// <summary>The value of a choice (option set) column. Equal to another OptionSetValue of the same value.</summary>
    [DataContract(Name = "OptionSetValue", Namespace = XrmContracts.V2011)]
    public sealed class OptionSetValue : IExtensibleDataObject
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value)
        {
            Value = value;
        }

        [DataMember]
        public int Value { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj)
        {
            return obj is OptionSetValue other && Value == other.Value;
        }

        public override int GetHashCode()
        {
            return Value.GetHashCode();
        }
    }

    /// <summary>
    /// A value read through a link-entity or an aggregate: the platform returns it under the alias
    /// (<c>alias.column</c>) wrapped with the table and column it came from.
    /// </summary>
    [DataContract(Name = "AliasedValue", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public sealed class AliasedValue : IExtensibleDataObject
    {
        public AliasedValue()
        {
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        [DataMember]
        public string AttributeLogicalName { get; private set; }

        [DataMember]
        public string EntityLogicalName { get; private set; }

        [DataMember]
        public object Value { get; private set; }

        public ExtensionDataObject ExtensionData { get; set; }

        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }
}
