using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Removes links between records. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class DisassociateRequest : OrganizationRequest
    {
        public DisassociateRequest()
        {
            RequestName = "Disassociate";
            Target = null;
            Relationship = null;
            RelatedEntities = null;
        }

        public EntityReference Target
        {
            get => GetParameter<EntityReference>("Target");
            set => Parameters["Target"] = value;
        }

        public Relationship Relationship
        {
            get => GetParameter<Relationship>("Relationship");
            set => Parameters["Relationship"] = value;
        }

        public EntityReferenceCollection RelatedEntities
        {
            get => GetParameter<EntityReferenceCollection>("RelatedEntities");
            set => Parameters["RelatedEntities"] = value;
        }
    }

    /// <summary>Reply to DisassociateRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class DisassociateResponse : OrganizationResponse
    {
    }
}
