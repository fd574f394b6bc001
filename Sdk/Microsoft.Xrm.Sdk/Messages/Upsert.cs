using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Updates the record identified by Target's id or alternate key, or creates it when none exists. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest()
        {
            RequestName = "Upsert";
            Target = null;
        }

        public Entity Target
        {
            get => GetParameter<Entity>("Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>Reply to UpsertRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class UpsertResponse : OrganizationResponse
    {
        /// <summary>True when Upsert created the record, false when it updated one.</summary>
        public bool RecordCreated => GetResult<bool>("RecordCreated");

        /// <summary>The record that was created or updated.</summary>
        public EntityReference Target => GetResult<EntityReference>("Target");
    }
}
