using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;
using CrmAttention.Engine.Workflow;

namespace CrmAttention.Cli.Backtest
{
    /// <summary>What a blocked, suppressed or routed touch does to the replayed history.</summary>
    public enum ReplayMode
    {
        /// <summary>A touch the policy stops did not happen: it adds no pressure and uses no budget for later touches.</summary>
        Counterfactual = 0,

        /// <summary>Every touch is recorded as it happened: each decision is judged against the real history.</summary>
        Actual = 1,
    }

    public sealed class BacktestOptions
    {
        public ReplayMode Replay { get; set; } = ReplayMode.Counterfactual;

        /// <summary>Overrides the policy's mode (Audit, Warn, Enforce); null keeps the file's.</summary>
        public PolicyMode? Mode { get; set; }

        public int TopContacts { get; set; } = 20;

        /// <summary>Activities the partitions' timelines hold in memory together before one that holds at least its share writes a sorted run to disk (TimelineBudget).</summary>
        public int TimelineRunLength { get; set; } = Timeline.DefaultRunLength;

        /// <summary>
        /// How many partitions of accounts replay, as many at a time as there are processors; null: <see cref="Backtester.DefaultPartitions"/>
        /// (at most 64). The result is the same for any number.
        /// </summary>
        public int? Partitions { get; set; }
    }

    /// <summary>Decisions of one owner in one ISO week.</summary>
    public sealed class OwnerWeek
    {
        public string Owner { get; set; } = "";

        /// <summary>ISO 8601 week, e.g. 2025-W07.</summary>
        public string Week { get; set; } = "";

        public DecisionCounts Decisions { get; set; } = new DecisionCounts();
    }

    /// <summary>Touches by decision kind, and how many broke a rule (in Audit mode those are still allowed).</summary>
    public sealed class DecisionCounts
    {
        public long Allowed { get; set; }

        public long Warned { get; set; }

        public long Blocked { get; set; }

        public long Suppressed { get; set; }

        public long Routed { get; set; }

        public long Exempt { get; set; }

        public long OverBudget { get; set; }

        public long Total => Allowed + Warned + Blocked + Suppressed + Routed + Exempt;

        public void Add(Decision d)
        {
            switch (d.Kind)
            {
                case DecisionKind.Allow: Allowed++; break;
                case DecisionKind.Warn: Warned++; break;
                case DecisionKind.Block: Blocked++; break;
                case DecisionKind.Suppress: Suppressed++; break;
                case DecisionKind.RouteToHuman: Routed++; break;
                default: Exempt++; break;
            }
            if (d.HasViolation && d.Reason != ReasonCode.Override) OverBudget++;
        }

        public void Add(DecisionCounts other)
        {
            Allowed += other.Allowed;
            Warned += other.Warned;
            Blocked += other.Blocked;
            Suppressed += other.Suppressed;
            Routed += other.Routed;
            Exempt += other.Exempt;
            OverBudget += other.OverBudget;
        }

        /// <summary>Allowed, warned, blocked, suppressed, routed, exempt: the order of the charts' layers.</summary>
        public double[] ToArray() => new double[] { Allowed, Warned, Blocked, Suppressed, Routed, Exempt };
    }

    /// <summary>A contact touched beyond the policy's budgets.</summary>
    public sealed class OverTouchedContact
    {
        public Guid ContactId { get; set; }

        public string Name { get; set; } = "";

        public string Owner { get; set; } = "";

        public int Touches { get; set; }

        public int OverBudget { get; set; }

        public double PeakPressure { get; set; }

        public double LowestScore { get; set; }
    }

    public sealed class BacktestResult
    {
        public string PolicyName { get; set; } = "";

        public PolicyMode Mode { get; set; }

        public ReplayMode Replay { get; set; }

        public long Rows { get; set; }

        public long BadRows { get; set; }

        public long NotCompleted { get; set; }

        /// <summary>Activity rows whose contact is not in contacts.csv (regarding a lead or an account, or an incomplete export).</summary>
        public long UnknownContact { get; set; }

        public long Touches { get; set; }

        public long Responses { get; set; }

        public DecisionCounts Totals { get; set; } = new DecisionCounts();

        public SortedDictionary<string, long> Reasons { get; set; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

        public List<OwnerWeek> OwnerWeeks { get; set; } = new List<OwnerWeek>();

        public List<OverTouchedContact> MostOverTouched { get; set; } = new List<OverTouchedContact>();

        public IEnumerable<(string Week, DecisionCounts Counts)> Weeks()
        {
            foreach (var g in OwnerWeeks.GroupBy(o => o.Week).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var c = new DecisionCounts();
                foreach (var o in g) c.Add(o.Decisions);
                yield return (g.Key, c);
            }
        }

        public IEnumerable<(string Owner, DecisionCounts Counts)> Owners()
        {
            foreach (var g in OwnerWeeks.GroupBy(o => o.Owner).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var c = new DecisionCounts();
                foreach (var o in g) c.Add(o.Decisions);
                yield return (g.Key, c);
            }
        }
    }

    /// <summary>
    /// Replays exported history under a policy through the engine the plugins use: each outbound touch is evaluated
    /// at its own time (AttentionEngine.Evaluate) and, unless the policy stops it in a counterfactual replay, recorded
    /// (AttentionRecorder.RecordTouch) on the contact's and account's ledgers; inbound emails and calls are recorded
    /// as responses. The activities file is streamed into a <see cref="Timeline"/> (external merge sort, bounded
    /// memory) and replayed in time order; contacts and accounts are held in memory, as their state must be.
    /// </summary>
    public static class Backtester
    {
        /// <summary>
        /// Partitions a replay is cut into by default. More partitions than processors: a partition's contacts, accounts
        /// and ledgers, made as it replays, fit in the processor's cache, where a million touches spread over all of them
        /// would wait on memory at nearly every event.
        /// </summary>
        public const int DefaultPartitions = 48;

        /// <summary>The partitions a replay asked for <paramref name="requested"/> uses: the default when null, 1 to 64.</summary>
        internal static int PartitionCount(int? requested) => Math.Max(1, Math.Min(requested ?? DefaultPartitions, 64));

        public static BacktestResult Run(string activitiesPath, IReadOnlyDictionary<Guid, ContactRecord> contacts, IReadOnlyDictionary<string, AccountRecord>? accounts,
            AttentionPolicy policy, BacktestOptions options, RowProblems problems, Action<string, long>? progress = null) =>
            Run(new CsvActivitySource(activitiesPath), contacts, accounts, policy, options, problems, progress);

        public static BacktestResult Run(IActivitySource activities, IReadOnlyDictionary<Guid, ContactRecord> contacts, IReadOnlyDictionary<string, AccountRecord>? accounts,
            AttentionPolicy policy, BacktestOptions options, RowProblems problems, Action<string, long>? progress = null)
        {
            policy = policy.Clone();
            if (options.Mode is PolicyMode mode) policy.Mode = mode;
            if (policy.ValueSource == ValueSource.OpenOpportunities)
                throw new CliException("The value source OpenOpportunities is not supported by backtest: exports carry no open opportunities. Use ContactValue or AccountRevenue.",
                    "Die Wertquelle OpenOpportunities wird vom Backtest nicht unterstützt: Exporte enthalten keine offenen Verkaufschancen. ContactValue oder AccountRevenue verwenden.");
            if (policy.ValueSource == ValueSource.AccountRevenue && accounts is null)
                throw new CliException("The policy takes the contact's value from the account's revenue: pass --accounts.",
                    "Die Richtlinie nimmt den Kontaktwert aus dem Firmenumsatz: --accounts angeben.");

            var result = new BacktestResult { PolicyName = policy.Name, Mode = policy.Mode, Replay = options.Replay };
            // Contacts in id order, so their indexes do not depend on the order of the contacts file.
            var contactRecords = new ContactRecord[contacts.Count];
            var contactIds = new Guid[contacts.Count];
            var n = 0;
            foreach (var c in contacts.Values)
            {
                contactIds[n] = c.Id;
                contactRecords[n++] = c;
            }
            Array.Sort(contactIds, contactRecords);
            var contactIndex = new Dictionary<Guid, int>(contacts.Count);
            for (var i = 0; i < contactIds.Length; i++) contactIndex.Add(contactIds[i], i);
            // Each contact's account is looked up once, not per event; the replay works on indexes only.
            var accountKeys = new Dictionary<string, int>(StringComparer.Ordinal);
            var contactAccount = new int[contactRecords.Length];
            for (var i = 0; i < contactRecords.Length; i++)
            {
                var key = contactRecords[i].AccountKey;
                if (key is null)
                {
                    contactAccount[i] = -1;
                    continue;
                }
                if (!accountKeys.TryGetValue(key, out var ai))
                {
                    ai = accountKeys.Count;
                    accountKeys.Add(key, ai);
                }
                contactAccount[i] = ai;
            }
            var accountNames = new string[accountKeys.Count];
            foreach (var pair in accountKeys) accountNames[pair.Value] = pair.Key;

            // Contacts of one account share the account's ledger, so they replay in the same partition; partitions share
            // nothing else and run on their own threads. Every figure is a sum, a maximum or a per-contact value, so
            // the merged result does not depend on how many partitions there are or which finishes first.
            var partitionCount = PartitionCount(options.Partitions);
            var partitionOf = new byte[contactRecords.Length];
            for (var i = 0; i < contactRecords.Length; i++)
                partitionOf[i] = (byte)((contactAccount[i] >= 0 ? contactAccount[i] : accountKeys.Count + i) % partitionCount);

            var owners = new List<string>();
            var ownerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var notCompleted = new Counter();
            var budget = new TimelineBudget(Math.Max(2, options.TimelineRunLength), partitionCount);
            var timelines = new Timeline[partitionCount];
            try
            {
                for (var p = 0; p < partitionCount; p++) timelines[p] = new Timeline(budget);
                long read = 0;
                long minTicks = long.MaxValue, maxTicks = long.MinValue;
                string? lastOwner = null;
                var lastOwnerIndex = -1;
                var lastContact = Guid.Empty;
                var lastContactIndex = -1;
                foreach (var a in activities.ReadActivities(problems, notCompleted))
                {
                    // An export sorted by contact (regarding) gives a contact's rows one after another: one lookup for them all.
                    if (a.ContactId != lastContact || lastContactIndex < 0)
                    {
                        lastContact = a.ContactId;
                        if (!contactIndex.TryGetValue(a.ContactId, out lastContactIndex)) lastContactIndex = -1;
                    }
                    var ci = lastContactIndex;
                    if (ci < 0)
                    {
                        result.UnknownContact++;
                        continue;
                    }
                    // Owner names are interned by the reader: consecutive rows of one owner cost a reference comparison.
                    if (!ReferenceEquals(a.Owner, lastOwner))
                    {
                        if (!ownerIndex.TryGetValue(a.Owner, out lastOwnerIndex))
                        {
                            lastOwnerIndex = owners.Count;
                            owners.Add(a.Owner);
                            ownerIndex.Add(a.Owner, lastOwnerIndex);
                        }
                        lastOwner = a.Owner;
                    }
                    var ticks = a.Time.Ticks;
                    if (ticks < minTicks) minTicks = ticks;
                    if (ticks > maxTicks) maxTicks = ticks;
                    timelines[partitionOf[ci]].Add(new TimelineEvent(ticks, a.Line, a.ActivityId, ci, lastOwnerIndex, a.Channel, a.Origin, a.Incoming));
                    if (++read % 100000 == 0) progress?.Invoke("read", read);
                }
                result.Rows = problems.Rows;
                result.BadRows = problems.BadRows;
                result.NotCompleted = notCompleted.Value;

                var weeks = new WeekTable(read == 0 ? 0 : minTicks, read == 0 ? 0 : maxTicks);
                var shared = new ReplayShared(contactRecords, contactAccount, accountNames, accounts, policy, options.Replay, owners.Count, weeks);
                var replays = new PartitionReplay[partitionCount];
                long replayed = 0;
                Action<long> step = n =>
                {
                    var total = System.Threading.Interlocked.Add(ref replayed, n);
                    if (progress is not null && total / 100000 != (total - n) / 100000) progress("replay", total / 100000 * 100000);
                };
                if (partitionCount == 1)
                {
                    replays[0] = new PartitionReplay(shared);
                    replays[0].Run(timelines[0], step);
                }
                else
                {
                    System.Threading.Tasks.Parallel.For(0, partitionCount, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
                    {
                        replays[p] = new PartitionReplay(shared);
                        replays[p].Run(timelines[p], step);
                    });
                }
                Merge(result, replays, shared, owners, options);
            }
            finally
            {
                foreach (var t in timelines) t?.Dispose();
            }
            return result;
        }

        private static void Merge(BacktestResult result, PartitionReplay[] replays, ReplayShared shared, List<string> owners, BacktestOptions options)
        {
            var weeks = shared.Weeks;
            var reasons = new long[replays[0].Reasons.Length];
            foreach (var r in replays)
            {
                result.Touches += r.Touches;
                result.Responses += r.Responses;
                for (var i = 0; i < reasons.Length; i++) reasons[i] += r.Reasons[i];
            }
            foreach (var o in Enumerable.Range(0, owners.Count).OrderBy(o => owners[o], StringComparer.Ordinal))
            {
                for (var w = 0; w < weeks.Count; w++)
                {
                    DecisionCounts? cell = null;
                    foreach (var r in replays)
                    {
                        var c = r.Cells[o * weeks.Count + w];
                        if (c is null) continue;
                        cell ??= new DecisionCounts();
                        cell.Add(c);
                    }
                    if (cell is null) continue;
                    result.OwnerWeeks.Add(new OwnerWeek { Owner = owners[o], Week = weeks.Label(w), Decisions = cell });
                    result.Totals.Add(cell);
                }
            }
            for (var r = 0; r < reasons.Length; r++)
            {
                if (reasons[r] > 0) result.Reasons[((ReasonCode)r).ToString()] = reasons[r];
            }
            var records = shared.Contacts;
            var touches = shared.ContactTouches;
            var overBudget = shared.ContactOverBudget;
            var peak = shared.ContactPeak;
            var lowest = shared.ContactLowest;
            result.MostOverTouched = Enumerable.Range(0, records.Length)
                .Where(i => overBudget[i] > 0)
                .OrderByDescending(i => overBudget[i]).ThenByDescending(i => peak[i]).ThenBy(i => records[i].Id)
                .Take(options.TopContacts)
                .Select(i => new OverTouchedContact
                {
                    ContactId = records[i].Id,
                    Name = records[i].Name,
                    Owner = records[i].Owner,
                    Touches = touches[i],
                    OverBudget = overBudget[i],
                    PeakPressure = Math.Round(peak[i], 3),
                    LowestScore = Math.Round(lowest[i], 1),
                })
                .ToList();
        }

        /// <summary>
        /// ISO weeks of the replayed span as consecutive indexes: weeks start on Monday and 0001-01-01 was a Monday, so
        /// whole days since then divided by seven number the weeks; the ISO label is worked out once per week.
        /// </summary>
        internal sealed class WeekTable
        {
            private readonly long _first;

            public WeekTable(long minTicks, long maxTicks)
            {
                _first = minTicks / TimeSpan.TicksPerDay / 7;
                Count = (int)(maxTicks / TimeSpan.TicksPerDay / 7 - _first) + 1;
            }

            public int Count { get; }

            public int IndexOf(long ticks) => (int)(ticks / TimeSpan.TicksPerDay / 7 - _first);

            public string Label(int index)
            {
                var monday = new DateTime((_first + index) * 7 * TimeSpan.TicksPerDay, DateTimeKind.Utc);
                return ISOWeek.GetYear(monday).ToString(CultureInfo.InvariantCulture) + "-W" + ISOWeek.GetWeekOfYear(monday).ToString("00", CultureInfo.InvariantCulture);
            }
        }

        /// <summary>What every partition reads, and the per-contact figures each partition writes for its own contacts only.</summary>
        private sealed class ReplayShared
        {
            public ReplayShared(ContactRecord[] contacts, int[] contactAccount, string[] accountNames, IReadOnlyDictionary<string, AccountRecord>? accounts,
                AttentionPolicy policy, ReplayMode replay, int owners, WeekTable weeks)
            {
                Contacts = contacts;
                ContactAccount = contactAccount;
                AccountNames = accountNames;
                Accounts = accounts;
                Policy = policy;
                Replay = replay;
                Owners = owners;
                Weeks = weeks;
                ContactTouches = new int[contacts.Length];
                ContactOverBudget = new int[contacts.Length];
                ContactPeak = new double[contacts.Length];
                ContactLowest = new double[contacts.Length];
                States = new ContactState?[contacts.Length];
                AccountStates = new AccountState?[accountNames.Length];
            }

            /// <summary>The replayed state of each contact and account, made by the one partition that replays it.</summary>
            public ContactState?[] States { get; }

            public AccountState?[] AccountStates { get; }

            public ContactRecord[] Contacts { get; }

            public int[] ContactAccount { get; }

            public string[] AccountNames { get; }

            public IReadOnlyDictionary<string, AccountRecord>? Accounts { get; }

            public AttentionPolicy Policy { get; }

            public ReplayMode Replay { get; }

            public int Owners { get; }

            public WeekTable Weeks { get; }

            public int[] ContactTouches { get; }

            public int[] ContactOverBudget { get; }

            public double[] ContactPeak { get; }

            public double[] ContactLowest { get; }
        }

        /// <summary>The replay of one partition's contacts in time order, with its own counts.</summary>
        private sealed class PartitionReplay
        {
            private readonly ReplayShared _s;
            private readonly ContactState?[] _states;
            private readonly AccountState?[] _accounts;
            private readonly ReplayBuffer _buffer = new ReplayBuffer();

            public PartitionReplay(ReplayShared shared)
            {
                _s = shared;
                _states = shared.States;
                _accounts = shared.AccountStates;
                Cells = new DecisionCounts?[shared.Owners * shared.Weeks.Count];
                Reasons = new long[Enum.GetValues(typeof(ReasonCode)).Length + 8];
            }

            public DecisionCounts?[] Cells { get; }

            public long[] Reasons { get; }

            public long Touches { get; private set; }

            public long Responses { get; private set; }

            public void Run(Timeline timeline, Action<long> progress)
            {
                var policy = _s.Policy;
                var weeks = _s.Weeks;
                var touches = _s.ContactTouches;
                var overBudget = _s.ContactOverBudget;
                var peak = _s.ContactPeak;
                var lowest = _s.ContactLowest;
                var pending = 0L;
                foreach (var e in timeline.ReadInOrder())
                {
                    if (++pending == 10000)
                    {
                        progress(pending);
                        pending = 0;
                    }
                    var state = _states[e.Contact] ??= NewContact(_s.Contacts[e.Contact], _s.Accounts, policy);
                    var time = e.Time;
                    if (e.Incoming)
                    {
                        Responses++;
                        TouchWorkflow.ReplayResponse(state, e.Channel, time, e.ActivityId, policy);
                        continue;
                    }
                    var accountIndex = _s.ContactAccount[e.Contact];
                    var account = accountIndex < 0 ? null : _accounts[accountIndex] ??= new AccountState { DisplayName = _s.AccountNames[accountIndex] };
                    var decision = TouchWorkflow.Replay(_buffer, e.Channel, e.Origin, time, e.ActivityId, state, account, policy, recordAnyway: _s.Replay == ReplayMode.Actual);
                    Touches++;
                    var cellIndex = e.Owner * weeks.Count + weeks.IndexOf(e.Ticks);
                    var cell = Cells[cellIndex] ??= new DecisionCounts();
                    cell.Add(decision);
                    if ((int)decision.Reason < Reasons.Length) Reasons[(int)decision.Reason]++;
                    if (e.Origin != Origin.Transactional)
                    {
                        var c = e.Contact;
                        touches[c]++;
                        if (decision.HasViolation) overBudget[c]++;
                        if (decision.Pressure > peak[c]) peak[c] = decision.Pressure;
                        if (touches[c] == 1 || decision.Score < lowest[c]) lowest[c] = decision.Score;
                    }
                }
                if (pending > 0) progress(pending);
            }
        }

        private static ContactState NewContact(ContactRecord record, IReadOnlyDictionary<string, AccountRecord>? accounts, AttentionPolicy policy)
        {
            decimal? value = record.Value;
            if (policy.ValueSource == ValueSource.AccountRevenue)
                value = record.AccountKey is not null && accounts is not null && accounts.TryGetValue(record.AccountKey, out var a) ? a.Revenue : null;
            return new ContactState
            {
                Id = record.Id,
                DisplayName = record.Name,
                Consent = record.Consent,
                Value = value,
                OwnerId = OwnerId(record.Owner),
                // A contact enters the replay untouched: no unanswered touches. Stored as the plugins store them after a first
                // touch, so the engine reads the counters instead of counting them from the ledger on every evaluation.
                Ledger = new Ledger { UnansweredHuman = 0, UnansweredAutomated = 0 },
            };
        }

        /// <summary>
        /// Exports name the owner, not its id; routing only needs to know that there is a person to route to, so a
        /// stable id is derived from the name. Rows without an owner cannot be routed (as a team-owned contact in Dataverse).
        /// </summary>
        private static Guid? OwnerId(string owner)
        {
            if (owner == ExportReader.NoOwner) return null;
            var bytes = new byte[16];
            var h1 = 14695981039346656037UL;
            var h2 = 1099511628211UL;
            foreach (var ch in owner)
            {
                h1 = (h1 ^ ch) * 1099511628211UL;
                h2 = (h2 ^ ch) * 14695981039346656037UL + 1;
            }
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), h1);
            BitConverter.TryWriteBytes(bytes.AsSpan(8, 8), h2);
            return new Guid(bytes);
        }
    }
}
