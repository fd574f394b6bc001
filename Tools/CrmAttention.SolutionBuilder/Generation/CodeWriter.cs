using System.Text;

namespace CrmAttention.SolutionBuilder.Generation
{
    /// <summary>Builds C# text with four-space indentation and "\n" line endings, so generated files are byte-stable.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public void Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
        }

        public void Open()
        {
            Line("{");
            _indent++;
        }

        public void Close()
        {
            _indent--;
            Line("}");
        }

        public void Summary(string text) => Line("/// <summary>" + text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") + "</summary>");

        public override string ToString() => _text.ToString();
    }
}
