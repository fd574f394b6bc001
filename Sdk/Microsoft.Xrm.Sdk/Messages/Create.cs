using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Creates a record; the response carries the new id. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
            Target = null;
        }

        public Entity Target
        {
            get => GetParameter<Entity>("Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>Reply to CreateRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class CreateResponse : OrganizationResponse
    {
        /// <summary>The id of the created record.</summary>
        public Guid id => GetResult<Guid>("id");
    }
}
