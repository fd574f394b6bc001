using System;
using System.Collections.Generic;
using CrmAttention.Cli.Sample;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// The size and seed of a simulated org. The defaults are the org: 5,000 contacts at 600 accounts, 20
    /// sellers, 4 sequences over 120 days, which run through the plugins on the in-memory Dataverse in well under a
    /// minute on a two-core machine (docs/cli.md), and in seconds with --engine-only.
    /// </summary>
    public sealed class SimulationOptions
    {
        public int Contacts { get; set; } = 5000;

        public int Accounts { get; set; } = 600;

        public int Sellers { get; set; } = 20;

        public int Sequences { get; set; } = 4;

        public int Days { get; set; } = 120;

        public int Seed { get; set; } = 1;

        /// <summary>Monday the simulation starts; fixed so the same seed gives the same report on any day.</summary>
        public DateTime Start { get; set; } = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

        public void Validate()
        {
            if (Contacts < 10 || Accounts < 1 || Sellers < 1 || Sequences < 0 || Days < 7)
                throw new CliException("simulate needs at least 10 contacts, 1 account, 1 seller, 0 sequences and 7 days.",
                    "simulate braucht mindestens 10 Kontakte, 1 Firma, 1 Verkäufer, 0 Sequenzen und 7 Tage.");
            if (Accounts > Contacts) throw new CliException("There cannot be more accounts than contacts.", "Es kann nicht mehr Firmen als Kontakte geben.");
        }
    }

    public sealed class SimContact
    {
        public int Index { get; set; }

        public Guid Id { get; set; }

        public string FirstName { get; set; } = "";

        public string LastName { get; set; } = "";

        public int Account { get; set; }

        public int Owner { get; set; }

        public decimal Value { get; set; }

        public ConsentFlags Consent { get; set; }

        public string Email => (FirstName + "." + LastName + "." + Index).ToLowerInvariant() + "@customer.example";
    }

    public sealed class SimAccount
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public int Owner { get; set; }
    }

    public sealed class SimSeller
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";
    }

    /// <summary>An automated sequence: a step every <see cref="CadenceDays"/> days, <see cref="Steps"/> steps, sent by an application user.</summary>
    public sealed class SimSequence
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public int Steps { get; set; }

        public int CadenceDays { get; set; }
    }

    /// <summary>
    /// The org both runs share: the same contacts, accounts, sellers and sequences, generated from the seed alone, so
    /// that "without" and "with CrmAttention" differ only by CrmAttention.
    /// </summary>
    public sealed class SimulatedOrg
    {
        public SimulatedOrg(SimulationOptions options)
        {
            options.Validate();
            Options = options;
            var random = new Random(options.Seed);
            var ids = new SampleGenerator.GuidSource(random);
            for (var s = 0; s < options.Sellers; s++)
                Sellers.Add(new SimSeller { Id = ids.Next(), Name = Names.First[(s * 5 + 1) % Names.First.Length] + " " + Names.Last[(s * 7 + 2) % Names.Last.Length] });
            for (var q = 0; q < options.Sequences; q++)
                Sequences.Add(new SimSequence { Id = ids.Next(), Name = "Sequence " + (char)('A' + q % 26), Steps = 5 + q % 3, CadenceDays = 2 + q % 3 });
            for (var a = 0; a < options.Accounts; a++)
                Accounts.Add(new SimAccount { Id = ids.Next(), Name = Names.Company(a), Owner = random.Next(options.Sellers) });
            for (var c = 0; c < options.Contacts; c++)
            {
                var account = c < options.Accounts ? c : random.Next(options.Accounts);
                var consent = ConsentFlags.None;
                if (random.NextDouble() < 0.05) consent |= ConsentFlags.DoNotBulkEmail;
                if (random.NextDouble() < 0.02) consent |= ConsentFlags.DoNotPhone;
                Contacts.Add(new SimContact
                {
                    Index = c,
                    Id = ids.Next(),
                    FirstName = Names.First[random.Next(Names.First.Length)],
                    LastName = Names.Last[random.Next(Names.Last.Length)],
                    Account = account,
                    Owner = Accounts[account].Owner,
                    // Log-normal contact values, median about 6,000: roughly one contact in five is above the default 10,000 threshold.
                    Value = Math.Round((decimal)Math.Exp(8.7 + 0.85 * SampleGenerator.Gaussian(random)), 0),
                    Consent = consent,
                });
            }
        }

        public SimulationOptions Options { get; }

        public List<SimContact> Contacts { get; } = new List<SimContact>();

        public List<SimAccount> Accounts { get; } = new List<SimAccount>();

        public List<SimSeller> Sellers { get; } = new List<SimSeller>();

        public List<SimSequence> Sequences { get; } = new List<SimSequence>();

        /// <summary>The application user all sequences send as (an integration such as a sales-engagement tool).</summary>
        public Guid SequencerUserId { get; } = new Guid("5e9e0ce5-0000-4000-8000-000000000001");
    }

    internal static class Names
    {
        public static readonly string[] First =
        {
            "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hannah", "Ida", "Jonas", "Katrin", "Lukas", "Marie", "Nils", "Olivia", "Paul",
            "Rosa", "Simon", "Tara", "Uwe", "Vera", "William", "Yusuf", "Zoe", "Aylin", "Bernd", "Chloe", "Dennis", "Emma", "Frank", "Grace", "Henrik",
        };

        public static readonly string[] Last =
        {
            "Berger", "Schmidt", "Meyer", "Novak", "Okafor", "Petersen", "Quinn", "Rossi", "Santos", "Tanaka", "Ullrich", "Vogel", "Walsh", "Young",
            "Zimmermann", "Adler", "Brandt", "Costa", "Dietrich", "Evans", "Fischer", "Garcia", "Hoffmann", "Ivanova", "Jansen", "Keller", "Lang", "Moreau",
        };

        private static readonly string[] Stems = { "Nordwind", "Alpen", "Rhein", "Blue Harbor", "Contoso", "Fabrikam", "Litware", "Adatum", "Tailspin", "Woodgrove", "Proseware", "Lucerne" };

        private static readonly string[] Kinds = { "Logistics", "Energy", "Systems", "Foods", "Bank", "Health", "Media", "Tools", "Labs", "Retail" };

        public static string Company(int i) => Stems[i % Stems.Length] + " " + Kinds[(i / Stems.Length) % Kinds.Length] + (i >= Stems.Length * Kinds.Length ? " " + (i + 1) : "");
    }
}
