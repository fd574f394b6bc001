using System;
using System.Globalization;
using System.Text;
using CrmAttention.Cli.Csv;
using CrmAttention.Cli.Export;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    /// <summary>activities.csv read in two parts at once (cut by CsvSplit) against the same file read front to back.</summary>
    public class ParallelReadTests
    {
        private const string Header = "activityid,activitytypecode,regardingobjectid,directioncode,statecode,cat_origin,actualend,ownerid,description";

        // Every row has a quoted description with a line break, a separator and doubled quotes, so the middle of the file is
        // as likely inside a quoted field as not; some rows are bad, some are open, some lines are blank.
        private static string Activities(string newline, int rows, Func<int, bool> bad, bool notes = true)
        {
            var sb = new StringBuilder(Header).Append(newline);
            for (var i = 1; i <= rows; i++)
            {
                var time = bad(i) ? "not a date" : new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(37 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var state = i % 6 == 0 ? "Open" : "Completed";
                var contact = "11111111-1111-4111-8111-" + (i % 40).ToString("000000000000", CultureInfo.InvariantCulture);
                sb.Append("00000000-0000-4000-8000-").Append(i.ToString("000000000000", CultureInfo.InvariantCulture)).Append(",email,").Append(contact)
                    .Append(i % 5 == 0 ? ",Incoming," : ",Outgoing,").Append(state).Append(",Human,").Append(time).Append(",Seller ").Append(i % 3)
                    .Append(notes ? ",\"Note " + i + ", \"\"quoted\"\"" + newline + "second line\"" : ",").Append(newline);
                if (i % 9 == 0) sb.Append(newline);
            }
            return sb.ToString();
        }

        private static string Read(string path, long parallelFrom)
        {
            var problems = new RowProblems("activities.csv");
            var notCompleted = new Counter();
            var sb = new StringBuilder();
            try
            {
                foreach (var a in ExportReader.ReadActivities(path, problems, notCompleted, parallelFrom))
                    sb.Append(a.Line).Append(' ').Append(a.ActivityId).Append(' ').Append(a.ContactId).Append(' ').Append(a.Incoming).Append(' ').Append(a.Time.Ticks).Append(' ').Append(a.Owner).Append('\n');
            }
            catch (CliException e)
            {
                sb.Append("stopped: ").Append(e.Message).Append('\n');
            }
            sb.Append("rows ").Append(problems.Rows).Append(", bad ").Append(problems.BadRows).Append(", not completed ").Append(notCompleted.Value).Append('\n');
            foreach (var (line, message) in problems.Shown) sb.Append(line).Append(": ").Append(message).Append('\n');
            return sb.ToString();
        }

        [Theory]
        [InlineData("\r\n", true)]
        [InlineData("\n", false)]
        public void Two_parts_give_the_records_line_numbers_and_problems_of_one_front_to_back_read(string newline, bool byteOrderMark)
        {
            using var run = new CliRunner();
            var path = run.PathOf("activities.csv");
            System.IO.File.WriteAllText(path, Activities(newline, 400, i => i % 10 == 3), new UTF8Encoding(byteOrderMark));

            Assert.True(CsvSplit.TryFindMiddle(path, out var offset, out var linesBefore));
            Assert.True(linesBefore > 400 && offset > 0);
            var front = Read(path, long.MaxValue);
            Assert.Contains("rows 400, bad 40, not completed 66", front);
            Assert.Equal(front, Read(path, 0));
        }

        [Fact]
        public void A_second_part_that_is_mostly_bad_stops_the_read_with_the_same_message_at_the_same_row()
        {
            using var run = new CliRunner();
            var path = run.PathOf("activities.csv");
            System.IO.File.WriteAllText(path, Activities("\r\n", 3000, i => i > 1200), new UTF8Encoding(true));

            var front = Read(path, long.MaxValue);
            Assert.Contains("stopped: ", front);
            Assert.Equal(front, Read(path, 0));
        }

        [Fact]
        public void A_quote_left_open_in_the_first_half_leaves_no_row_start_after_the_middle_and_the_file_is_read_in_one_part()
        {
            using var run = new CliRunner();
            var path = run.PathOf("activities.csv");
            var text = Activities("\n", 50, i => false, notes: false);
            System.IO.File.WriteAllText(path, text.Insert(text.Length / 4, "\""));

            Assert.False(CsvSplit.TryFindMiddle(path, out _, out _));
            Assert.Equal(Read(path, long.MaxValue), Read(path, 0));
        }

        [Fact]
        public void A_file_opened_before_it_is_read_reads_as_one_opened_when_read()
        {
            using var run = new CliRunner();
            var path = run.PathOf("activities.csv");
            System.IO.File.WriteAllText(path, Activities("\r\n", 400, i => i % 10 == 3), new UTF8Encoding(true));
            var expected = Read(path, long.MaxValue);

            // Opened in two parts, the second part parsing while nothing reads yet.
            using (var file = ExportReader.ActivityFile.Open(path, 0))
            {
                var problems = new RowProblems("activities.csv");
                var notCompleted = new Counter();
                var sb = new StringBuilder();
                foreach (var a in file.Read(problems, notCompleted))
                    sb.Append(a.Line).Append(' ').Append(a.ActivityId).Append(' ').Append(a.ContactId).Append(' ').Append(a.Incoming).Append(' ').Append(a.Time.Ticks).Append(' ').Append(a.Owner).Append('\n');
                sb.Append("rows ").Append(problems.Rows).Append(", bad ").Append(problems.BadRows).Append(", not completed ").Append(notCompleted.Value).Append('\n');
                foreach (var (line, message) in problems.Shown) sb.Append(line).Append(": ").Append(message).Append('\n');
                Assert.Equal(expected, sb.ToString());
                Assert.Throws<InvalidOperationException>(() => file.Read(problems, notCompleted).GetEnumerator().MoveNext());
            }

            using var source = new CsvActivitySource(path);
            source.Open();
            Assert.Equal(expected.Split('\n')[0], Line(source.ReadActivities(new RowProblems("activities.csv"), new Counter())));
        }

        [Fact]
        public void Opening_a_file_without_a_time_column_fails_at_once_naming_the_columns()
        {
            using var run = new CliRunner();
            var path = run.PathOf("activities.csv");
            System.IO.File.WriteAllText(path, "activityid,activitytypecode,regardingobjectid,directioncode,statecode\r\n");

            using var source = new CsvActivitySource(path);
            var error = Assert.Throws<CliException>(() => source.Open());
            Assert.Contains("no time column: one of actualend (\"Actual End\"), senton (\"Date Sent\") or createdon (\"Created On\") is required.", error.Message);
        }

        private static string Line(System.Collections.Generic.IEnumerable<ActivityRecord> records)
        {
            foreach (var a in records) return a.Line + " " + a.ActivityId + " " + a.ContactId + " " + a.Incoming + " " + a.Time.Ticks + " " + a.Owner;
            return "";
        }
    }
}
