using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Side of a self-referencing relationship.</summary>
    [DataContract(Name = "EntityRole", Namespace = XrmContracts.V2011)]
    public enum EntityRole
    {
        [EnumMember]
        Referencing = 0,

        [EnumMember]
        Referenced = 1,
    }

    /// <summary>Change state of a record sent to or returned from the service.</summary>
    [DataContract(Name = "EntityState", Namespace = XrmContracts.V2011)]
    public enum EntityState
    {
        [EnumMember]
        Unchanged = 0,

        [EnumMember]
        Created = 1,

        [EnumMember]
        Changed = 2,
    }

    /// <summary>Optimistic-concurrency choice of Update and Delete.</summary>
    [DataContract(Name = "ConcurrencyBehavior", Namespace = XrmContracts.V71)]
    public enum ConcurrencyBehavior
    {
        [EnumMember]
        Default = 0,

        [EnumMember]
        IfRowVersionMatches = 1,

        [EnumMember]
        AlwaysOverwrite = 2,
    }

    /// <summary>Outcome a plugin reports through InvalidPluginExecutionException.Status.</summary>
    public enum OperationStatus
    {
        Failed = 0,
        Canceled = 1,
        Retry = 2,
        Suspended = 3,
        Succeeded = 4,
    }
}
