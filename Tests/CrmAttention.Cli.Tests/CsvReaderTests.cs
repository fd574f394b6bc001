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

        [Fact]
        public void A_byte_order_mark_is_not_part_of_the_first_header()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "activityid,ownerid\r\n1,Sam\r\n", new System.Text.UTF8Encoding(true));
                using var csv = CsvReader.Open(path);
                Assert.True(csv.Read());
                Assert.Equal("activityid", csv.GetString(0));
                Assert.True(csv.Read());
                Assert.Equal("Sam", csv.GetString(1));
                Assert.Equal(2, csv.LineNumber);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Text_after_a_closing_quote_is_kept_and_an_empty_quoted_field_is_empty()
        {
            var rows = ReadAll("a,b,c\r\n\"quoted\"tail,\"\",x\r\n");
            Assert.Equal(new[] { "quotedtail", "", "x" }, rows[1].Fields);
        }

        [Fact]
        public void A_crlf_inside_quotes_is_one_line_and_rows_wider_than_the_first_are_read_whole()
        {
            var wide = string.Join(",", System.Linq.Enumerable.Range(0, 40));
            var rows = ReadAll("h\r\n\"one\r\ntwo\",x\r\n" + wide + "\r\nlast\r\n");
            Assert.Equal("one\r\ntwo", rows[1].Fields[0]);
            Assert.Equal(40, rows[2].Fields.Length);
            Assert.Equal("39", rows[2].Fields[39]);
            Assert.Equal(new long[] { 1, 2, 4, 5 }, rows.ConvertAll(r => r.Line).ToArray());
        }
    }
}
