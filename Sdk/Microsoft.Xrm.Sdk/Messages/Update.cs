using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Writes the attributes present in Target; absent attributes are left unchanged. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest()
        {
            RequestName = "Update";
            Target = null;
        }

        public Entity Target
        {
            get => GetParameter<Entity>("Target");
            set => Parameters["Target"] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => GetParameter<ConcurrencyBehavior>("ConcurrencyBehavior");
            set => Parameters["ConcurrencyBehavior"] = value;
        }
    }

    /// <summary>Reply to UpdateRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class UpdateResponse : OrganizationResponse
    {
    }
}
