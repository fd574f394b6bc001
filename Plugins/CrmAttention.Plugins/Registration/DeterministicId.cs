using System;
using System.Security.Cryptography;
using System.Text;

namespace CrmAttention.Plugins.Registration
{
    /// <summary>
    /// Name-based (RFC 4122 version 5, SHA-1) GUIDs, so that every id we put in a solution is the same on every
    /// build and a re-import updates instead of duplicating. Step ids use
    /// <c>ForStep(pluginTypeFullName, message, primaryEntity, stage)</c>; the solution builder links this file
    /// so both sides compute the same ids.
    /// </summary>
    public static class DeterministicId
    {
        /// <summary>The namespace all CrmAttention ids are derived in.</summary>
        public static readonly Guid Namespace = new Guid("5d3b8f0e-6f1c-4a53-9a57-7468c1a9e2b4");

        public static Guid ForStep(string pluginTypeFullName, string message, string? primaryEntity, int stage) =>
            Create(Namespace, "step|" + pluginTypeFullName + "|" + message + "|" + (primaryEntity ?? "") + "|" + stage);

        public static Guid ForImage(Guid stepId, string alias) => Create(Namespace, "image|" + stepId.ToString("D") + "|" + alias);

        public static Guid Create(Guid namespaceId, string name)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var ns = namespaceId.ToByteArray();
            SwapToNetworkOrder(ns);
            byte[] hash;
            using (var sha1 = SHA1.Create())
            {
                var input = new byte[ns.Length + nameBytes.Length];
                Buffer.BlockCopy(ns, 0, input, 0, ns.Length);
                Buffer.BlockCopy(nameBytes, 0, input, ns.Length, nameBytes.Length);
                hash = sha1.ComputeHash(input);
            }
            var result = new byte[16];
            Array.Copy(hash, result, 16);
            result[6] = (byte)((result[6] & 0x0F) | 0x50);
            result[8] = (byte)((result[8] & 0x3F) | 0x80);
            SwapToNetworkOrder(result);
            return new Guid(result);
        }

        // Guid's byte array stores the first three fields little-endian; RFC 4122 hashes them big-endian.
        private static void SwapToNetworkOrder(byte[] g)
        {
            Swap(g, 0, 3); Swap(g, 1, 2); Swap(g, 4, 5); Swap(g, 6, 7);
        }

        private static void Swap(byte[] b, int i, int j)
        {
            var t = b[i]; b[i] = b[j]; b[j] = t;
        }
    }
}
