using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Whether an ExecuteMultiple batch goes on after a fault and whether it returns responses.</summary>
    [DataContract(Name = "ExecuteMultipleSettings", Namespace = XrmContracts.V2012)]
    public sealed class ExecuteMultipleSettings : IExtensibleDataObject
    {
        [DataMember]
        public bool ContinueOnError { get; set; }

        [DataMember]
        public bool ReturnResponses { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>The result of one request of an ExecuteMultiple batch: its index and a response or a fault.</summary>
    [DataContract(Name = "ExecuteMultipleResponseItem", Namespace = XrmContracts.V2012)]
    [KnownType("GetKnownTypes")]
    public sealed class ExecuteMultipleResponseItem : IExtensibleDataObject
    {
        [DataMember]
        public int RequestIndex { get; set; }

        [DataMember]
        public OrganizationResponse Response { get; set; }

        [DataMember]
        public OrganizationServiceFault Fault { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        // Response holds a typed response (CreateResponse…) that the serializer must know to write and read.
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Messages;
    }
}
