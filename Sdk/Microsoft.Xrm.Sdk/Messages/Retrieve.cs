using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    /// <summary>Reads one record with the given columns. Its properties are stored in Parameters under their own names.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
            Target = null;
            ColumnSet = null;
        }

        public EntityReference Target
        {
            get => GetParameter<EntityReference>("Target");
            set => Parameters["Target"] = value;
        }

        public ColumnSet ColumnSet
        {
            get => GetParameter<ColumnSet>("ColumnSet");
            set => Parameters["ColumnSet"] = value;
        }
    }

    /// <summary>Reply to RetrieveRequest; its properties read Results.</summary>
    [DataContract(Namespace = XrmContracts.V2011)]
    public sealed class RetrieveResponse : OrganizationResponse
    {
        public Entity Entity => GetResult<Entity>("Entity");
    }
}
