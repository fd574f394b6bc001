using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>Small helpers that keep the writers close to the XML they produce.</summary>
    internal static class Xml
    {
        public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        public static XElement E(string name, params object?[] content) => new XElement(name, content.Where(c => c != null).ToArray());

        /// <summary>An element with text; an empty string writes &lt;X&gt;&lt;/X&gt; as exports do.</summary>
        public static XElement V(string name, object? value) => new XElement(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

        public static XAttribute A(string name, object value) => new XAttribute(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);

        public static string Bit(bool value) => value ? "1" : "0";

        public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>&lt;LocalizedNames&gt;&lt;LocalizedName description="…" languagecode="1033" /&gt;…, one per language.</summary>
        public static XElement Labels(string container, string item, Label label) =>
            E(container, label.All.Select(l => E(item, A("description", l.Text), A("languagecode", l.Language))));

        /// <summary>Custom API and environment variable files: &lt;displayname default="…"&gt;&lt;label …/&gt;&lt;/displayname&gt;.</summary>
        public static XElement DefaultLabels(string container, Label label) =>
            E(container, A("default", label.En), label.All.Select(l => E("label", A("description", l.Text), A("languagecode", l.Language))));

        /// <summary>
        /// Serializes like a Dataverse export: no XML declaration, no byte order mark, two-space indentation,
        /// CRLF line endings, UTF-8.
        /// </summary>
        public static byte[] ExportBytes(XElement root)
        {
            var settings = new XmlWriterSettings
            {
                OmitXmlDeclaration = true,
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\r\n",
                NewLineHandling = NewLineHandling.Replace,
                Encoding = new UTF8Encoding(false),
            };
            using var buffer = new MemoryStream();
            using (var writer = XmlWriter.Create(buffer, settings)) root.WriteTo(writer);
            return buffer.ToArray();
        }

        /// <summary>[Content_Types].xml style: byte order mark, XML declaration, one line.</summary>
        public static byte[] PackagePartBytes(XElement root)
        {
            var settings = new XmlWriterSettings { Indent = false, Encoding = new UTF8Encoding(true) };
            using var buffer = new MemoryStream();
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                writer.WriteStartDocument();
                root.WriteTo(writer);
                writer.WriteEndDocument();
            }
            return buffer.ToArray();
        }
    }
}
