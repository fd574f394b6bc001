using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;

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

        public int TimelineRunLength { get; set; } = Timeline.DefaultRunLength;
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
        public static BacktestResult Run(string activitiesPath, IReadOnlyDictionary<Guid, ContactRecord> contacts, IReadOnlyDictionary<string, AccountRecord>? accounts,
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
            var contactIndex = new Dictionary<Guid, int>(contacts.Count);
            var contactRecords = new ContactRecord[contacts.Count];
            foreach (var c in contacts.Values.OrderBy(c => c.Id))
            {
                contactRecords[contactIndex.Count] = c;
                contactIndex.Add(c.Id, contactIndex.Count);
            }
            var owners = new List<string>();
            var ownerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var notCompleted = new Counter();

            using var timeline = new Timeline(options.TimelineRunLength);
            foreach (var a in ExportReader.ReadActivities(activitiesPath, problems, notCompleted))
            {
                if (!contactIndex.TryGetValue(a.ContactId, out var ci))
                {
                    result.UnknownContact++;
                    continue;
                }
                if (!ownerIndex.TryGetValue(a.Owner, out var oi))
                {
                    oi = owners.Count;
                    owners.Add(a.Owner);
                    ownerIndex.Add(a.Owner, oi);
                }
                timeline.Add(new TimelineEvent(a.Time.Ticks, a.Line, a.ActivityId, ci, oi, a.Channel, a.Origin, a.Incoming));
                if (timeline.Count % 100000 == 0) progress?.Invoke("read", timeline.Count);
            }
            result.Rows = problems.Rows;
            result.BadRows = problems.BadRows;
            result.NotCompleted = notCompleted.Value;

            var states = new ContactState?[contactRecords.Length];
            var accountStates = new Dictionary<string, AccountState>(StringComparer.Ordinal);
            var touches = new int[contactRecords.Length];
            var overBudget = new int[contactRecords.Length];
            var peak = new double[contactRecords.Length];
            var lowest = new double[contactRecords.Length];
            var cells = new Dictionary<long, DecisionCounts>();
            var reasons = new long[Enum.GetValues(typeof(ReasonCode)).Length + 8];
            long replayed = 0;
            foreach (var e in timeline.ReadInOrder())
            {
                if (++replayed % 100000 == 0) progress?.Invoke("replay", replayed);
                var state = states[e.Contact] ??= NewContact(contactRecords[e.Contact], accounts, policy);
                var time = e.Time;
                if (e.Incoming)
                {
                    result.Responses++;
                    AttentionRecorder.RecordResponse(state, e.Channel, time, e.ActivityId, policy);
                    continue;
                }
                var account = AccountOf(contactRecords[e.Contact], accountStates);
                var touch = new Touch(e.Channel, e.Origin, time, e.ActivityId);
                var decision = AttentionEngine.Evaluate(touch, state, account, policy, time);
                result.Touches++;
                var week = ISOWeek.GetYear(time) * 100 + ISOWeek.GetWeekOfYear(time);
                var key = ((long)e.Owner << 32) | (uint)week;
                if (!cells.TryGetValue(key, out var cell))
                {
                    cell = new DecisionCounts();
                    cells.Add(key, cell);
                }
                cell.Add(decision);
                if ((int)decision.Reason < reasons.Length) reasons[(int)decision.Reason]++;
                if (e.Origin != Origin.Transactional)
                {
                    touches[e.Contact]++;
                    if (decision.HasViolation) overBudget[e.Contact]++;
                    if (decision.Pressure > peak[e.Contact]) peak[e.Contact] = decision.Pressure;
                    if (touches[e.Contact] == 1 || decision.Score < lowest[e.Contact]) lowest[e.Contact] = decision.Score;
                }
                if (options.Replay == ReplayMode.Actual || decision.Proceeds) AttentionRecorder.RecordTouch(state, account, touch, policy, time);
            }

            foreach (var pair in cells.OrderBy(p => owners[(int)(p.Key >> 32)], StringComparer.Ordinal).ThenBy(p => (int)(p.Key & 0xffffffff)))
            {
                var week = (int)(pair.Key & 0xffffffff);
                result.OwnerWeeks.Add(new OwnerWeek
                {
                    Owner = owners[(int)(pair.Key >> 32)],
                    Week = (week / 100).ToString(CultureInfo.InvariantCulture) + "-W" + (week % 100).ToString("00", CultureInfo.InvariantCulture),
                    Decisions = pair.Value,
                });
                result.Totals.Add(pair.Value);
            }
            for (var r = 0; r < reasons.Length; r++)
            {
                if (reasons[r] > 0) result.Reasons[((ReasonCode)r).ToString()] = reasons[r];
            }
            result.MostOverTouched = Enumerable.Range(0, contactRecords.Length)
                .Where(i => overBudget[i] > 0)
                .OrderByDescending(i => overBudget[i]).ThenByDescending(i => peak[i]).ThenBy(i => contactRecords[i].Id)
                .Take(options.TopContacts)
                .Select(i => new OverTouchedContact
                {
                    ContactId = contactRecords[i].Id,
                    Name = contactRecords[i].Name,
                    Owner = contactRecords[i].Owner,
                    Touches = touches[i],
                    OverBudget = overBudget[i],
                    PeakPressure = Math.Round(peak[i], 3),
                    LowestScore = Math.Round(lowest[i], 1),
                })
                .ToList();
            return result;
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
            };
        }

        private static AccountState? AccountOf(ContactRecord record, Dictionary<string, AccountState> accountStates)
        {
            if (record.AccountKey is null) return null;
            if (!accountStates.TryGetValue(record.AccountKey, out var state))
            {
                state = new AccountState { DisplayName = record.AccountKey };
                accountStates.Add(record.AccountKey, state);
            }
            return state;
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
