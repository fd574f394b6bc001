using System;
using System.Security.Cryptography;
using System.Text;

namespace Dataverse.InMemory.Security
{
    /// <summary>
    /// Stable ids for rows the organization defines by name (roles defined in code, privileges). Dataverse's own
    /// privilege ids are fixed GUIDs of the platform; these are not those, only stable from run to run.
    /// </summary>
    internal static class NameBasedId
    {
        public static Guid For(string kind, string name)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + name.ToLowerInvariant()));
            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
