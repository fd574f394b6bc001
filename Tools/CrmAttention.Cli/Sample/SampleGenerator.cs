using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CrmAttention.Cli.Csv;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;
using Newtonsoft.Json;

namespace CrmAttention.Cli.Sample
{
    /// <summary>What `sample` generates.</summary>
    public sealed class SampleOptions
    {
        public int Contacts { get; set; } = 2000;

        public int Accounts { get; set; } = 250;

        public int Sellers { get; set; } = 12;

        public int Days { get; set; } = 180;

        public int Seed { get; set; } = 1;

        /// <summary>First day of the history (UTC); a fixed date, so the same seed gives the same files on any day.</summary>
        public DateTime Start { get; set; } = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Mean outbound touches per contact and week; each contact's own rate varies around it (log-normal), so pressure spreads widely.</summary>
        public double TouchesPerWeek { get; set; } = 1.1;
    }

    /// <summary>Counts of what was written.</summary>
    public sealed class SampleSummary
    {
        public int Contacts { get; set; }

        public int Accounts { get; set; }

        public long Touches { get; set; }

        public long Responses { get; set; }

        public long OtherRows { get; set; }
    }

    /// <summary>
    /// Writes contacts.csv, accounts.csv and activities.csv as a Dataverse export would (logical-name headers, ISO
    /// 8601 UTC times, one activity row per contact) plus truth.json. Recipients answer by the engine's own model
    /// with <see cref="SampleTruth"/>: each touch is answered with probability p₀(c,o)·e^(−αP), P being the pressure
    /// the engine computes just before the touch; an answer comes within the response window and before the next
    /// touch (the attribution `calibrate` uses), and damps the pressure as a response does in the engine.
    /// </summary>
    public static class SampleGenerator
    {
        public static readonly string[] ActivityHeader =
            { "activityid", "activitytypecode", "subject", "regardingobjectid", "directioncode", "statecode", "cat_origin", "actualend", "createdon", "ownerid" };

        public static readonly string[] ContactHeader =
            { "contactid", "fullname", "parentcustomerid", "ownerid", "donotemail", "donotphone", "donotbulkemail", "donotpostalmail", "cat_value" };

        public static readonly string[] AccountHeader = { "accountid", "name", "revenue", "ownerid" };

        private static readonly string[] FirstNames =
        {
            "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hannah", "Ida", "Jonas", "Katrin", "Lukas", "Marie", "Nils", "Olivia", "Paul",
            "Rosa", "Simon", "Tara", "Uwe", "Vera", "William", "Yusuf", "Zoe", "Aylin", "Bernd", "Chloe", "Dennis", "Emma", "Frank", "Grace", "Henrik",
        };

        private static readonly string[] LastNames =
        {
            "Berger", "Schmidt", "Meyer", "Novak", "Okafor", "Petersen", "Quinn", "Rossi", "Santos", "Tanaka", "Ullrich", "Vogel", "Walsh", "Young",
            "Zimmermann", "Adler", "Brandt", "Costa", "Dietrich", "Evans", "Fischer", "Garcia", "Hoffmann", "Ivanova", "Jansen", "Keller", "Lang", "Moreau",
        };

        private static readonly string[] CompanyStems =
        {
            "Nordwind", "Alpen", "Rhein", "Blue Harbor", "Contoso", "Fabrikam", "Litware", "Northwind", "Adatum", "Tailspin", "Woodgrove", "Proseware",
            "Fourth Coffee", "Lucerne", "Margie", "Trey", "Wingtip", "Humongous", "Coho", "Graphic",
        };

        private static readonly string[] CompanyKinds = { "Logistics", "Energy", "Systems", "Foods", "Bank", "Health", "Media", "Tools", "Labs", "Retail" };

        private static readonly string[] CompanyForms = { "GmbH", "AG", "Ltd", "Inc.", "SE", "KG" };

        public static SampleSummary Write(SampleOptions options, SampleTruth truth, string directory, Action<double>? progress = null)
        {
            if (options.Contacts < 1 || options.Accounts < 1 || options.Sellers < 1 || options.Days < 1)
                throw new CliException("Contacts, accounts, sellers and days must be at least 1.", "Kontakte, Firmen, Verkäufer und Tage müssen mindestens 1 sein.");
            if (options.Start.Year < 2000) throw new CliException("The start date must be in 2000 or later.", "Das Startdatum muss im Jahr 2000 oder später liegen.");
            Directory.CreateDirectory(directory);
            var random = new Random(options.Seed);
            var ids = new GuidSource(random);
            var summary = new SampleSummary { Contacts = options.Contacts, Accounts = options.Accounts };
            var policy = AttentionPolicy.CreateDefault();
            policy.HalfLifeDays = truth.HalfLifeDays;
            policy.ResponseDamping = truth.ResponseDamping;

            var sellers = new string[options.Sellers];
            for (var i = 0; i < sellers.Length; i++) sellers[i] = FirstNames[(i * 7) % FirstNames.Length] + " " + LastNames[(i * 11 + 3) % LastNames.Length];

            var accountIds = new Guid[options.Accounts];
            using (var accounts = CsvWriter.Create(Path.Combine(directory, "accounts.csv")))
            {
                accounts.WriteRow(AccountHeader);
                for (var i = 0; i < options.Accounts; i++)
                {
                    accountIds[i] = ids.Next();
                    var name = CompanyStems[random.Next(CompanyStems.Length)] + " " + CompanyKinds[random.Next(CompanyKinds.Length)] + " " + CompanyForms[random.Next(CompanyForms.Length)];
                    if (i >= CompanyStems.Length * CompanyKinds.Length) name += " " + (i + 1).ToString(CultureInfo.InvariantCulture);
                    var revenue = Math.Round(Math.Exp(15 + 1.5 * Gaussian(random)), 0);
                    accounts.WriteRow(accountIds[i].ToString("D"), name, revenue.ToString("0", CultureInfo.InvariantCulture), sellers[random.Next(sellers.Length)]);
                }
            }

            using var contacts = CsvWriter.Create(Path.Combine(directory, "contacts.csv"));
            using var activities = CsvWriter.Create(Path.Combine(directory, "activities.csv"));
            contacts.WriteRow(ContactHeader);
            activities.WriteRow(ActivityHeader);
            var end = options.Start.AddDays(options.Days);
            var windowTicks = (long)(truth.ResponseWindowDays * TimeSpan.TicksPerDay);
            var row = new string[ActivityHeader.Length];
            for (var c = 0; c < options.Contacts; c++)
            {
                var contactId = ids.Next();
                var owner = sellers[random.Next(sellers.Length)];
                var account = accountIds[random.Next(accountIds.Length)];
                var name = FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)];
                var doNotBulk = random.NextDouble() < 0.04;
                var value = Math.Round(Math.Exp(8.5 + 1.0 * Gaussian(random)), 0);
                contacts.WriteRow(contactId.ToString("D"), name, account.ToString("D"), owner, No(random.NextDouble() < 0.01), No(random.NextDouble() < 0.03),
                    No(doNotBulk), No(random.NextDouble() < 0.02), value.ToString("0", CultureInfo.InvariantCulture));

                // Touch times: a Poisson process at this contact's own rate, moved into working hours on weekdays.
                var rate = options.TouchesPerWeek * Math.Exp(0.8 * Gaussian(random) - 0.32) / 7.0;
                var times = new List<DateTime>();
                var t = options.Start.AddDays(random.NextDouble() * 7);
                while (true)
                {
                    t = t.AddDays(-Math.Log(1 - random.NextDouble()) / rate);
                    if (t >= end) break;
                    var slot = WorkingTime(t, random);
                    if (slot < end) times.Add(slot);
                }
                times.Sort();

                var state = new ContactState { Id = contactId };
                for (var i = 0; i < times.Count; i++)
                {
                    var at = times[i];
                    var (channel, origin) = PickTouch(random, doNotBulk);
                    var touchId = ids.Next();
                    var pressure = AttentionModel.PressureAt(state, policy, at);
                    AttentionRecorder.RecordTouch(state, null, new Touch(channel, origin, at, touchId), policy, at);
                    WriteActivity(activities, row, touchId, channel, origin, incoming: false, at, contactId, owner, random);
                    summary.Touches++;

                    var p0 = truth.RateOf(channel, origin);
                    if (p0 > 0 && random.NextDouble() < p0 * Math.Exp(-truth.Alpha * pressure))
                    {
                        var limit = Math.Min(windowTicks, (i + 1 < times.Count ? times[i + 1] : end).Ticks - at.Ticks);
                        var delay = (long)(limit * (0.02 + 0.9 * random.NextDouble()));
                        var answeredAt = new DateTime(at.Ticks + delay - delay % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                        if (answeredAt > at && answeredAt < end)
                        {
                            var responseId = ids.Next();
                            var responseChannel = channel == Channel.Phone ? Channel.Phone : Channel.Email;
                            AttentionRecorder.RecordResponse(state, responseChannel, answeredAt, responseId, policy);
                            WriteActivity(activities, row, responseId, responseChannel, Origin.Human, incoming: true, answeredAt, contactId, owner, random);
                            summary.Responses++;
                        }
                    }
                }
                // Drafts and cancelled tasks are in every export; they are not touches and the tools skip them.
                if (random.NextDouble() < 0.05)
                {
                    WriteOpenActivity(activities, row, ids.Next(), contactId, owner, WorkingTime(options.Start.AddDays(random.NextDouble() * options.Days), random), random);
                    summary.OtherRows++;
                }
                progress?.Invoke((c + 1) / (double)options.Contacts);
            }
            File.WriteAllText(Path.Combine(directory, "truth.json"), JsonConvert.SerializeObject(truth, Formatting.Indented) + "\n", new UTF8Encoding(false));
            // A starting policy to backtest with: every default, enforced, so the backtest shows what would be stopped.
            var starter = AttentionPolicy.CreateDefault();
            starter.Name = "Default (Enforce)";
            starter.Mode = PolicyMode.Enforce;
            starter.Description = "The product defaults in Enforce mode, written by crm-attention sample.";
            Policies.PolicyFile.Save(starter, Path.Combine(directory, "policy.json"));
            return summary;
        }

        private static (Channel, Origin) PickTouch(Random random, bool doNotBulk)
        {
            var u = random.NextDouble();
            if (u < 0.40) return doNotBulk ? (Channel.Email, Origin.Human) : (Channel.Email, Origin.Automated);
            if (u < 0.68) return (Channel.Email, Origin.Human);
            if (u < 0.86) return (Channel.Phone, Origin.Human);
            if (u < 0.91) return (Channel.Meeting, Origin.Human);
            if (u < 0.96) return (Channel.Letter, Origin.Human);
            return (Channel.Email, Origin.Transactional);
        }

        private static void WriteActivity(CsvWriter writer, string[] row, Guid id, Channel channel, Origin origin, bool incoming, DateTime at, Guid contact, string owner, Random random)
        {
            row[0] = id.ToString("D");
            row[1] = TypeCode(channel);
            row[2] = Subject(channel, origin, incoming, random);
            row[3] = contact.ToString("D");
            row[4] = channel == Channel.Meeting ? "" : incoming ? "Incoming" : "Outgoing";
            row[5] = "Completed";
            row[6] = origin.ToString();
            row[7] = ValueParsers.FormatTime(at);
            // Dataverse stamps createdon when the row is created: before the touch happened (a draft, a scheduled call).
            row[8] = ValueParsers.FormatTime(at.AddMinutes(-5 - random.Next(600)));
            row[9] = owner;
            writer.WriteRow(row);
        }

        private static void WriteOpenActivity(CsvWriter writer, string[] row, Guid id, Guid contact, string owner, DateTime at, Random random)
        {
            row[0] = id.ToString("D");
            row[1] = random.NextDouble() < 0.5 ? "email" : "task";
            row[2] = row[1] == "email" ? "Draft: follow-up" : "Prepare proposal";
            row[3] = contact.ToString("D");
            row[4] = row[1] == "email" ? "Outgoing" : "";
            row[5] = random.NextDouble() < 0.5 ? "Open" : "Canceled";
            row[6] = "Human";
            row[7] = "";
            row[8] = ValueParsers.FormatTime(at);
            row[9] = owner;
            writer.WriteRow(row);
        }

        private static string TypeCode(Channel channel)
        {
            switch (channel)
            {
                case Channel.Email: return "email";
                case Channel.Phone: return "phonecall";
                case Channel.Meeting: return "appointment";
                case Channel.Letter: return "letter";
                default: return "task";
            }
        }

        private static string Subject(Channel channel, Origin origin, bool incoming, Random random)
        {
            if (incoming) return channel == Channel.Phone ? "Call back from customer" : "RE: " + (random.NextDouble() < 0.5 ? "Your proposal" : "Follow-up, next steps");
            if (origin == Origin.Transactional) return "Your invoice";
            if (origin == Origin.Automated) return "Sequence step " + (1 + random.Next(6)).ToString(CultureInfo.InvariantCulture) + ": " + (random.NextDouble() < 0.5 ? "Quick question" : "Case study for you");
            switch (channel)
            {
                case Channel.Phone: return "Discovery call";
                case Channel.Meeting: return "Needs analysis";
                case Channel.Letter: return "Product brochure";
                default: return random.NextDouble() < 0.5 ? "Following up on our call" : "Proposal";
            }
        }

        private static DateTime WorkingTime(DateTime t, Random random)
        {
            var day = t.Date;
            if (day.DayOfWeek == DayOfWeek.Saturday) day = day.AddDays(2);
            else if (day.DayOfWeek == DayOfWeek.Sunday) day = day.AddDays(1);
            var seconds = 8 * 3600 + random.Next(10 * 3600);
            return DateTime.SpecifyKind(day.AddSeconds(seconds), DateTimeKind.Utc);
        }

        private static string No(bool flag) => flag ? "true" : "false";

        internal static double Gaussian(Random random)
        {
            // Box–Muller: two uniforms make one standard normal.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>GUIDs from the seeded generator, so that the same seed writes the same ids.</summary>
        internal sealed class GuidSource
        {
            private readonly Random _random;
            private readonly byte[] _bytes = new byte[16];

            public GuidSource(Random random)
            {
                _random = random;
            }

            public Guid Next()
            {
                _random.NextBytes(_bytes);
                // Version 4 and RFC 4122 variant bits, as Dataverse's own ids have.
                _bytes[7] = (byte)((_bytes[7] & 0x0F) | 0x40);
                _bytes[8] = (byte)((_bytes[8] & 0x3F) | 0x80);
                return new Guid(_bytes);
            }
        }
    }
}
