using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>How a filter joins its conditions and child filters.</summary>
    [DataContract(Name = "LogicalOperator", Namespace = XrmContracts.V2011)]
    public enum LogicalOperator
    {
        [EnumMember]
        And = 0,

        [EnumMember]
        Or = 1,
    }

    /// <summary>Sort direction.</summary>
    [DataContract(Name = "OrderType", Namespace = XrmContracts.V2011)]
    public enum OrderType
    {
        [EnumMember]
        Ascending = 0,

        [EnumMember]
        Descending = 1,
    }

    /// <summary>Join kind of a LinkEntity.</summary>
    [DataContract(Name = "JoinOperator", Namespace = XrmContracts.V2011)]
    public enum JoinOperator
    {
        [EnumMember]
        Inner = 0,

        [EnumMember]
        LeftOuter = 1,

        [EnumMember]
        Natural = 2,

        [EnumMember]
        MatchFirstRowUsingCrossApply = 3,

        [EnumMember]
        In = 4,

        [EnumMember]
        Exists = 5,

        [EnumMember]
        Any = 6,

        [EnumMember]
        NotAny = 7,

        [EnumMember]
        All = 8,

        [EnumMember]
        NotAll = 9,
    }
}
