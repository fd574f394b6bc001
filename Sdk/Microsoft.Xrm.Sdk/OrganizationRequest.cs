using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// A message to the organization service. Typed requests (CreateRequest…) are views over Parameters, so a
    /// generic OrganizationRequest with the same name and parameters is the same message on the wire.
    /// </summary>
    [DataContract(Name = "OrganizationRequest", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public class OrganizationRequest : IExtensibleDataObject
    {
        private ParameterCollection parameters;

        public OrganizationRequest()
        {
        }

        public OrganizationRequest(string requestName)
        {
            RequestName = requestName;
        }

        [DataMember]
        public string RequestName { get; set; }

        /// <summary>Reading a parameter that was never set throws KeyNotFoundException.</summary>
        public object this[string parameterName]
        {
            get => Parameters[parameterName];
            set => Parameters[parameterName] = value;
        }

        [DataMember]
        public ParameterCollection Parameters
        {
            get => parameters ??= new ParameterCollection();
            set => parameters = value;
        }

        [DataMember]
        public Guid? RequestId { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        // Lets a typed request (CreateRequest…) travel where an OrganizationRequest is declared.
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Messages;

        // A missing parameter reads as default(T); a present one is cast as it is, so a null stored under a
        // value-type property (CreateResponse.id, UpdateRequest.ConcurrencyBehavior) throws
        // NullReferenceException and a value of another type InvalidCastException, as in the real SDK.
        internal T GetParameter<T>(string name)
        {
            return Parameters.TryGetValue(name, out object value) ? (T)value : default;
        }
    }

    /// <summary>The reply to an OrganizationRequest; typed responses read their properties from Results.</summary>
    [DataContract(Name = "OrganizationResponse", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public class OrganizationResponse : IExtensibleDataObject
    {
        private ParameterCollection results;

        [DataMember]
        public string ResponseName { get; set; }

        /// <summary>Reading a result that is not present throws KeyNotFoundException.</summary>
        public object this[string parameterName]
        {
            get => Results[parameterName];
            set => Results[parameterName] = value;
        }

        [DataMember]
        public ParameterCollection Results
        {
            get => results ??= new ParameterCollection();
            set => results = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Messages;

        // Same reading rule as OrganizationRequest.GetParameter.
        internal T GetResult<T>(string name)
        {
            return Results.TryGetValue(name, out object value) ? (T)value : default;
        }
    }
}
