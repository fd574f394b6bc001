using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Microsoft.Xrm.Sdk.Tests.Api
{
    /// <summary>Reads the API baseline (a copy of shared/reference/xrm-sdk-9.0-api.md).</summary>
    internal static class ApiBaseline
    {
        // Overridability is not part of what the baseline pins (Entity.Id is virtual in the real assembly but
        // listed without the marker), so the marker is dropped on both sides.
        private const string VirtualMarker = "virtual/override ";

        internal static Dictionary<string, ApiType> Load(string path)
        {
            Dictionary<string, ApiType> types = new Dictionary<string, ApiType>(StringComparer.Ordinal);
            ApiType? current = null;
            foreach (string rawLine in File.ReadAllLines(path))
            {
                string line = rawLine.Trim();
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    current = Heading(line.Substring(4));
                    types.Add(current.FullName, current);
                }
                else if (current == null || line.Length == 0)
                {
                    continue;
                }
                else if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    string member = line.Substring(2);
                    current.Members.Add(member.StartsWith(VirtualMarker, StringComparison.Ordinal) ? member.Substring(VirtualMarker.Length) : member);
                }
                else if (current.Kind == "enum" && line.Contains('=') && !line.Contains('·') && !line.StartsWith("implements:", StringComparison.Ordinal))
                {
                    EnumValues(current, line);
                }
                else
                {
                    Header(current, line);
                }
            }

            return types;
        }

        private static ApiType Heading(string text)
        {
            int open = text.LastIndexOf('(');
            ApiType type = new ApiType(text.Substring(0, open).Trim())
            {
                Kind = text.Substring(open + 1, text.LastIndexOf(')') - open - 1),
            };
            return type;
        }

        private static void Header(ApiType type, string line)
        {
            foreach (string rawPart in line.Split('·'))
            {
                string part = rawPart.Trim();
                if (part.StartsWith("base:", StringComparison.Ordinal))
                {
                    type.BaseType = part.Substring(5).Trim();
                }
                else if (part.StartsWith("implements:", StringComparison.Ordinal))
                {
                    foreach (string name in SplitTopLevel(part.Substring(11).Trim()))
                    {
                        type.Interfaces.Add(name);
                    }
                }
                else if (part.StartsWith("DataContract(", StringComparison.Ordinal) || part.StartsWith("CollectionDataContract(", StringComparison.Ordinal))
                {
                    type.Contract = part;
                }
                else
                {
                    throw new FormatException($"Unrecognised baseline header part '{part}' of {type.FullName}.");
                }
            }
        }

        private static void EnumValues(ApiType type, string line)
        {
            foreach (string pair in line.Split(','))
            {
                string[] parts = pair.Trim().Split('=');
                type.EnumValues.Add(parts[0], long.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Splits "A, IEnumerable&lt;KeyValuePair&lt;K, V&gt;&gt;" at commas outside angle brackets.</summary>
        internal static IEnumerable<string> SplitTopLevel(string list)
        {
            int depth = 0;
            int start = 0;
            for (int i = 0; i < list.Length; i++)
            {
                switch (list[i])
                {
                    case '<':
                        depth++;
                        break;
                    case '>':
                        depth--;
                        break;
                    case ',' when depth == 0:
                        yield return list.Substring(start, i - start).Trim();
                        start = i + 1;
                        break;
                }
            }

            if (list.Length > start)
            {
                yield return list.Substring(start).Trim();
            }
        }
    }
}
