using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dataverse.InMemory.Query.Values;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// The platform's paging cookie: &lt;cookie page="N"&gt; with one element per ordered column of the root
    /// table and one for the primary key, each carrying the page's last and first values
    /// (e.g. &lt;contactid last="{GUID}" first="{GUID}" /&gt;). The next page starts after the 'last' key, so
    /// rows inserted or deleted on earlier pages do not shift it, as on the platform.
    /// </summary>
    internal sealed class PagingCookie
    {
        private PagingCookie(int page, List<(string Column, string? Last, string? First)> values)
        {
            Page = page;
            Values = values;
        }

        public int Page { get; }

        public List<(string Column, string? Last, string? First)> Values { get; }

        public static string Write(int page, IReadOnlyList<string> columns, object?[] firstKey, object?[] lastKey)
        {
            var builder = new StringBuilder();
            builder.Append("<cookie page=\"").Append(page.ToString(CultureInfo.InvariantCulture)).Append("\">");
            for (var i = 0; i < columns.Count; i++)
            {
                builder.Append('<').Append(columns[i]);
                if (lastKey[i] != null)
                {
                    builder.Append(" last=\"").Append(Escape(Format(lastKey[i]!))).Append('"');
                }

                if (firstKey[i] != null)
                {
                    builder.Append(" first=\"").Append(Escape(Format(firstKey[i]!))).Append('"');
                }

                builder.Append(" />");
            }

            builder.Append("</cookie>");
            return builder.ToString();
        }

        /// <summary>Reads a cookie; null when it is not a cookie this engine can seek with (the caller then pages simply).</summary>
        public static PagingCookie? TryRead(string cookie)
        {
            XElement element;
            try
            {
                element = XElement.Parse(cookie);
            }
            catch (XmlException)
            {
                return null;
            }

            if (element.Name.LocalName != "cookie" || !int.TryParse((string?)element.Attribute("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page))
            {
                return null;
            }

            var values = new List<(string Column, string? Last, string? First)>();
            foreach (var child in element.Elements())
            {
                values.Add((child.Name.LocalName, (string?)child.Attribute("last"), (string?)child.Attribute("first")));
            }

            return new PagingCookie(page, values);
        }

        /// <summary>Converts a cookie value back to a sort key of the same kind as <paramref name="sample"/>.</summary>
        public static bool TryParseKey(string? text, object? sample, out object? key)
        {
            key = null;
            if (text == null)
            {
                return true;
            }

            switch (sample)
            {
                case string:
                    key = text;
                    return true;
                case decimal:
                    var ok = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                    key = number;
                    return ok;
                case double:
                    ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real);
                    key = real;
                    return ok;
                case DateTime:
                    ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date);
                    key = Literal.ToUtc(date);
                    return ok;
                case bool:
                    key = text == "1";
                    return text is "1" or "0";
                case GuidKey:
                    ok = Guid.TryParse(text, out var id);
                    key = new GuidKey(id);
                    return ok;
                default:
                    return false;
            }
        }

        private static string Format(object key) => key switch
        {
            GuidKey id => id.Id.ToString("B").ToUpperInvariant(),
            RowOrdering.LookupKey lookup => lookup.Id.ToString("B").ToUpperInvariant(),
            DateTime date => date.ToString("o", CultureInfo.InvariantCulture),
            bool b => b ? "1" : "0",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => key.ToString() ?? string.Empty,
        };

        private static string Escape(string value) =>
            value.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
