using System.Collections.Generic;
using System.IO;
using CrmAttention.Cli.Csv;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    public class CsvReaderTests
    {
        private static List<(long Line, string[] Fields)> ReadAll(string text)
        {
            var rows = new List<(long, string[])>();
            using var csv = new CsvReader(new StringReader(text));
            while (csv.Read())
            {
                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                rows.Add((csv.LineNumber, fields));
            }
            return rows;
        }

        [Fact]
        public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks()
        {
            var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,end\n");
            Assert.Equal(3, rows.Count);
            Assert.Equal(new[] { "x, y", "say \"hi\"", "two\nlines" }, rows[1].Fields);
            Assert.Equal(new[] { "last", "", "end" }, rows[2].Fields);
        }

        [Fact]
        public void Line_numbers_are_the_physical_lines_where_records_start_and_blank_lines_are_skipped()
        {
            var rows = ReadAll("h1,h2\n\"multi\nline\",1\n\nnext,2\n");
            Assert.Equal(new long[] { 1, 2, 5 }, rows.ConvertAll(r => r.Line).ToArray());
        }

        [Fact]
        public void A_file_ending_inside_a_quote_marks_the_record_malformed()
        {
            using var csv = new CsvReader(new StringReader("a\n\"open"));
            Assert.True(csv.Read());
            Assert.False(csv.IsMalformed);
            Assert.True(csv.Read());
            Assert.True(csv.IsMalformed);
        }
    }
}
