using System;
using System.Collections.Generic;

namespace Dataverse.InMemory.Query.Values
{
    /// <summary>
    /// SQL Server's sort order for uniqueidentifier: it compares bytes 10-15 first, then 8-9, 6-7, 4-5 and 0-3
    /// (in the Guid's byte-array layout). Dataverse orders by the primary key this way, so paging over an
    /// unordered query returns rows in that order.
    /// </summary>
    internal sealed class SqlGuidOrder : IComparer<Guid>
    {
        public static readonly SqlGuidOrder Instance = new SqlGuidOrder();

        public int Compare(Guid x, Guid y) => Key(x).CompareTo(Key(y));

        /// <summary>A 128-bit number whose natural order is SQL Server's order of the Guid.</summary>
        public static UInt128 Key(Guid value)
        {
            Span<byte> b = stackalloc byte[16];
            value.TryWriteBytes(b);
            ulong high = ((ulong)b[10] << 56) | ((ulong)b[11] << 48) | ((ulong)b[12] << 40) | ((ulong)b[13] << 32)
                | ((ulong)b[14] << 24) | ((ulong)b[15] << 16) | ((ulong)b[8] << 8) | b[9];
            ulong low = ((ulong)b[6] << 56) | ((ulong)b[7] << 48) | ((ulong)b[4] << 40) | ((ulong)b[5] << 32)
                | ((ulong)b[0] << 24) | ((ulong)b[1] << 16) | ((ulong)b[2] << 8) | b[3];
            return new UInt128(high, low);
        }
    }

    /// <summary>A Guid as a sort key, carrying its SQL Server order.</summary>
    internal sealed class GuidKey : IComparable<GuidKey>
    {
        public GuidKey(Guid id)
        {
            Id = id;
            Order = SqlGuidOrder.Key(id);
        }

        public Guid Id { get; }

        public UInt128 Order { get; }

        public int CompareTo(GuidKey? other) => other == null ? 1 : Order.CompareTo(other.Order);
    }
}
