using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Cli.Export;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Calibration
{
    /// <summary>Settings of a calibration.</summary>
    public sealed class CalibrationOptions
    {
        /// <summary>A touch counts as answered when the contact's next inbound activity comes within this many days and before the next outbound touch.</summary>
        public double ResponseWindowDays { get; set; } = 7;

        /// <summary>Groups with fewer touches, or fewer answered or unanswered touches, keep the base policy's p₀.</summary>
        public int MinimumTouches { get; set; } = 100;

        public int MinimumResponses { get; set; } = 10;

        /// <summary>Activities the partitions' timelines hold in memory together before one that holds at least its share writes a sorted run to disk (TimelineBudget).</summary>
        public int TimelineRunLength { get; set; } = Timeline.DefaultRunLength;

        /// <summary>
        /// How many partitions of contacts replay, as many at a time as there are processors; null: <see cref="Backtest.Backtester.DefaultPartitions"/>
        /// (at most 64). The result is the same for any number.
        /// </summary>
        public int? Partitions { get; set; }
    }

    /// <summary>The fit of one (channel, origin).</summary>
    public sealed class GroupEstimate
    {
        public Channel Channel { get; set; }

        public Origin Origin { get; set; }

        public int Touches { get; set; }

        public int Responses { get; set; }

        /// <summary>False when the group had too little data; the policy keeps the base p₀ then.</summary>
        public bool Fitted { get; set; }

        /// <summary>p₀ with the α shared by all groups: the value written to the policy.</summary>
        public double BaseRate { get; set; }

        public double BaseRateLow { get; set; }

        public double BaseRateHigh { get; set; }

        /// <summary>This group's own fit: p₀ and α, with 95% intervals (Wald for p₀ on the log scale, profile likelihood for α).</summary>
        public double OwnBaseRate { get; set; }

        public double OwnBaseRateLow { get; set; }

        public double OwnBaseRateHigh { get; set; }

        public double OwnAlpha { get; set; }

        public double OwnAlphaLow { get; set; }

        public double OwnAlphaHigh { get; set; }
    }

    /// <summary>Everything a calibration found.</summary>
    public sealed class CalibrationResult
    {
        public long Rows { get; set; }

        public long BadRows { get; set; }

        public long Touches { get; set; }

        public long Responses { get; set; }

        /// <summary>Touches whose response window runs past the end of the history: neither answered nor unanswered yet.</summary>
        public long Censored { get; set; }

        public double Alpha { get; set; }

        public double AlphaWaldLow { get; set; }

        public double AlphaWaldHigh { get; set; }

        public double AlphaProfileLow { get; set; }

        public double AlphaProfileHigh { get; set; }

        public double LogLikelihood { get; set; }

        public List<GroupEstimate> Groups { get; set; } = new List<GroupEstimate>();

        /// <summary>Observations per group (not serialised), for the chart.</summary>
        [Newtonsoft.Json.JsonIgnore]
        public Dictionary<(Channel, Origin), Observations> Observations { get; } = new Dictionary<(Channel, Origin), Observations>();
    }

    /// <summary>
    /// Fits p₀ per (channel, origin) and the decay α from exported history. Every contact's activities are replayed in
    /// time order through the engine's own recorder (the same weights, half-life and response damping as the base
    /// policy), so "pressure at a touch" is exactly what the plugins would have computed. Each outbound touch is
    /// labelled answered when the contact's next inbound activity (incoming email or call) comes within the response
    /// window and before the next outbound touch — last-touch attribution, so one reply is never credited to several
    /// touches. Touches whose window is cut off by the end of the history are left out (censored).
    /// </summary>
    public static class Calibrator
    {
        public static CalibrationResult Run(string activitiesPath, AttentionPolicy basePolicy, CalibrationOptions options, RowProblems problems, Action<long>? progress = null) =>
            Run(new CsvActivitySource(activitiesPath), basePolicy, options, problems, progress);

        public static CalibrationResult Run(IActivitySource activities, AttentionPolicy basePolicy, CalibrationOptions options, RowProblems problems, Action<long>? progress = null)
        {
            var result = new CalibrationResult();
            var contacts = new Dictionary<Guid, int>();
            var notCompleted = new Counter();
            // Contacts share nothing here (no account ledger), so they replay in partitions on their own threads; the
            // observations are put back into time order before they are counted, so the fit sees them exactly as one
            // replay in time order would have made them, whatever the number of partitions.
            var partitionCount = Backtest.Backtester.PartitionCount(options.Partitions);
            var budget = new TimelineBudget(Math.Max(2, options.TimelineRunLength), partitionCount);
            var timelines = new Timeline[partitionCount];
            var states = Array.Empty<ContactReplay?>();
            var lastTicks = 0L;
            var windowTicks = (long)(options.ResponseWindowDays * TimeSpan.TicksPerDay);
            try
            {
                for (var p = 0; p < partitionCount; p++) timelines[p] = new Timeline(budget);
                long read = 0;
                var lastContact = Guid.Empty;
                var index = -1;
                foreach (var a in activities.ReadActivities(problems, notCompleted))
                {
                    // An export sorted by contact (regarding) gives a contact's rows one after another: one lookup for them all.
                    if (a.ContactId != lastContact || index < 0)
                    {
                        lastContact = a.ContactId;
                        if (!contacts.TryGetValue(a.ContactId, out index))
                        {
                            index = contacts.Count;
                            contacts.Add(a.ContactId, index);
                        }
                    }
                    timelines[index % partitionCount].Add(new TimelineEvent(a.Time.Ticks, a.Line, a.ActivityId, index, 0, a.Channel, a.Origin, a.Incoming));
                    if (++read % 100000 == 0) progress?.Invoke(read);
                }
                result.Rows = problems.Rows;
                result.BadRows = problems.BadRows;

                states = new ContactReplay?[contacts.Count];
                var replays = new PartitionReplay[partitionCount];
                for (var p = 0; p < partitionCount; p++) replays[p] = new PartitionReplay(states, basePolicy, windowTicks);
                if (partitionCount == 1) replays[0].Run(timelines[0]);
                else System.Threading.Tasks.Parallel.For(0, partitionCount, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p => replays[p].Run(timelines[p]));
                foreach (var r in replays)
                {
                    result.Touches += r.Touches;
                    result.Responses += r.Responses;
                    lastTicks = Math.Max(lastTicks, r.LastTicks);
                }
                ObserveInTimeOrder(result, replays);
            }
            finally
            {
                foreach (var t in timelines) t?.Dispose();
            }
            foreach (var s in states)
            {
                if (s?.OpenGroup is not (Channel, Origin) open) continue;
                if (lastTicks - s.OpenTicks >= windowTicks) Observe(result, open, s.OpenPressure, false);
                else result.Censored++;
            }
            if (result.Touches == 0)
                throw new CliException(activities.Name + ": no completed outbound touches to calibrate on.", activities.Name + ": keine abgeschlossenen ausgehenden Kontakte zum Kalibrieren.");
            Fit(result, basePolicy, options);
            return result;
        }

        // Each partition's observations are in time order; merging them by the event that closed each one (its time, then
        // its line: an event closes at most one touch; then the partition, should two sources ever share a line) gives the
        // order of a single replay.
        private static void ObserveInTimeOrder(CalibrationResult result, PartitionReplay[] replays)
        {
            var next = new int[replays.Length];
            var heads = new PriorityQueue<int, (long Ticks, long Line, int Partition)>(replays.Length);
            for (var p = 0; p < replays.Length; p++)
            {
                if (replays[p].Closed.Count > 0) heads.Enqueue(p, (replays[p].Closed[0].Ticks, replays[p].Closed[0].Line, p));
            }
            while (heads.TryDequeue(out var p, out _))
            {
                var closed = replays[p].Closed;
                var o = closed[next[p]++];
                Observe(result, (o.Channel, o.Origin), o.Pressure, o.Answered);
                if (next[p] < closed.Count) heads.Enqueue(p, (closed[next[p]].Ticks, closed[next[p]].Line, p));
            }
        }

        private static void Observe(CalibrationResult result, (Channel, Origin) group, double pressure, bool answered)
        {
            if (!result.Observations.TryGetValue(group, out var o))
            {
                o = new Observations();
                result.Observations.Add(group, o);
            }
            o.Add(pressure, answered);
        }

        private static void Fit(CalibrationResult result, AttentionPolicy basePolicy, CalibrationOptions options)
        {
            var keys = result.Observations.Keys.OrderBy(k => (int)k.Item1).ThenBy(k => (int)k.Item2).ToList();
            var eligible = keys.Where(k =>
            {
                var o = result.Observations[k];
                return o.Count >= options.MinimumTouches && o.Responses >= options.MinimumResponses && o.Count - o.Responses >= options.MinimumResponses;
            }).ToList();
            if (eligible.Count == 0)
            {
                throw new CliException(
                    "Too little history to calibrate: no channel and origin has at least " + options.MinimumTouches + " touches with " + options.MinimumResponses + " answered and unanswered ones.",
                    "Zu wenig Historie zum Kalibrieren: kein Kanal mit Herkunft hat mindestens " + options.MinimumTouches + " Kontakte mit je " + options.MinimumResponses + " beantworteten und unbeantworteten.");
            }
            var groups = eligible.Select(k => result.Observations[k]).ToList();
            // The shared fit and each group's own fit use the same observations and nothing of each other, so they run at
            // once; then the two sides of each fit's profile interval, which need only that fit. Two flat rounds of
            // independent work, biggest first, so no pool thread waits for work nested in another and both cores stay busy.
            // Every number is what it is in turn.
            var sets = new IReadOnlyList<Observations>[groups.Count + 1];
            sets[0] = groups;
            for (var g = 0; g < groups.Count; g++) sets[g + 1] = new[] { groups[g] };
            var fits = new FitResult[sets.Length];
            RunLargestFirst(sets.Length, i => Cost(sets[i]), i => fits[i] = ResponseModelFit.Fit(sets[i]));
            var bounds = new double[2 * sets.Length];
            RunLargestFirst(bounds.Length, i => Cost(sets[i / 2]), i => bounds[i] = ResponseModelFit.AlphaProfileBound(sets[i / 2], fits[i / 2], low: i % 2 == 0));
            var pooled = fits[0];
            var profileLow = bounds[0];
            var profileHigh = bounds[1];
            var own = new FitResult[groups.Count];
            var ownAlpha = new (double Low, double High)[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                own[g] = fits[g + 1];
                ownAlpha[g] = (bounds[2 * (g + 1)], bounds[2 * (g + 1) + 1]);
            }
            result.Alpha = pooled.Alpha;
            (result.AlphaWaldLow, result.AlphaWaldHigh) = pooled.AlphaWaldInterval;
            result.AlphaProfileLow = profileLow;
            result.AlphaProfileHigh = profileHigh;
            result.LogLikelihood = pooled.LogLikelihood;
            foreach (var key in keys)
            {
                var o = result.Observations[key];
                var estimate = new GroupEstimate { Channel = key.Item1, Origin = key.Item2, Touches = o.Count, Responses = o.Responses };
                var index = eligible.IndexOf(key);
                if (index >= 0)
                {
                    estimate.Fitted = true;
                    estimate.BaseRate = pooled.BaseRate(index);
                    (estimate.BaseRateLow, estimate.BaseRateHigh) = pooled.BaseRateInterval(index);
                    estimate.OwnBaseRate = own[index].BaseRate(0);
                    (estimate.OwnBaseRateLow, estimate.OwnBaseRateHigh) = own[index].BaseRateInterval(0);
                    estimate.OwnAlpha = own[index].Alpha;
                    (estimate.OwnAlphaLow, estimate.OwnAlphaHigh) = ownAlpha[index];
                }
                else
                {
                    estimate.BaseRate = basePolicy.Model.BaseResponseRate(key.Item1, key.Item2);
                }
                result.Groups.Add(estimate);
            }
        }

        private static long Cost(IReadOnlyList<Observations> set) => set.Sum(o => (long)o.Entries);

        // Runs work items on as many threads as there are processors, each thread taking the next item when it is done
        // with one, the most costly first: the shared fit's items, as big as all the groups' together, start at once
        // instead of waiting behind a chunk of small ones.
        private static void RunLargestFirst(int count, Func<int, long> cost, Action<int> work)
        {
            var order = Enumerable.Range(0, count).OrderByDescending(cost).ThenBy(i => i).ToArray();
            var options = new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            System.Threading.Tasks.Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(order, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering), options, work);
        }

        /// <summary>
        /// The base policy with the fitted α and p₀. α below the validator's minimum (the history shows no fall of the
        /// response rate with pressure) is raised to that minimum and reported by the command.
        /// </summary>
        public static AttentionPolicy ToPolicy(CalibrationResult result, AttentionPolicy basePolicy, string description)
        {
            var policy = basePolicy.Clone();
            policy.Alpha = Math.Min(MaximumAlpha, Math.Max(MinimumAlpha, result.Alpha));
            foreach (var g in result.Groups.Where(g => g.Fitted))
            {
                var m = policy.Model;
                m.Set(g.Channel, g.Origin, m.Weight(g.Channel, g.Origin), Math.Min(1.0, g.BaseRate), m.Cost(g.Channel, g.Origin));
            }
            policy.Description = description;
            return policy;
        }

        /// <summary>The range PolicyValidator accepts for α.</summary>
        public const double MinimumAlpha = 0.001;

        public const double MaximumAlpha = 10;

        /// <summary>The replay of one partition's contacts in time order: the touches it closed (answered or not), in that order.</summary>
        private sealed class PartitionReplay
        {
            private readonly ContactReplay?[] _states;
            private readonly AttentionPolicy _policy;
            private readonly long _windowTicks;

            public PartitionReplay(ContactReplay?[] states, AttentionPolicy policy, long windowTicks)
            {
                _states = states;
                _policy = policy;
                _windowTicks = windowTicks;
            }

            public List<ClosedTouch> Closed { get; } = new List<ClosedTouch>();

            public long Touches { get; private set; }

            public long Responses { get; private set; }

            public long LastTicks { get; private set; }

            public void Run(Timeline timeline)
            {
                foreach (var e in timeline.ReadInOrder())
                {
                    LastTicks = e.Ticks;
                    var s = _states[e.Contact] ??= new ContactReplay();
                    if (e.Incoming)
                    {
                        Responses++;
                        if (s.OpenGroup is (Channel, Origin) open)
                        {
                            Closed.Add(new ClosedTouch(e, open, s.OpenPressure, e.Ticks - s.OpenTicks <= _windowTicks));
                            s.OpenGroup = null;
                        }
                        AttentionRecorder.RecordResponse(s.State, e.Channel, e.Time, e.ActivityId, _policy);
                        continue;
                    }
                    if (s.OpenGroup is (Channel, Origin) previous)
                    {
                        Closed.Add(new ClosedTouch(e, previous, s.OpenPressure, false));
                        s.OpenGroup = null;
                    }
                    if (e.Origin != Origin.Transactional)
                    {
                        Touches++;
                        s.OpenGroup = (e.Channel, e.Origin);
                        s.OpenPressure = AttentionModel.PressureAt(s.State, _policy, e.Time);
                        s.OpenTicks = e.Ticks;
                    }
                    AttentionRecorder.RecordTouch(s.State, null, new Touch(e.Channel, e.Origin, e.Time, e.ActivityId), _policy, e.Time);
                }
            }
        }

        /// <summary>A touch whose outcome is known, and the event (time, line) that settled it.</summary>
        private readonly struct ClosedTouch
        {
            public ClosedTouch(in TimelineEvent closedBy, (Channel Channel, Origin Origin) group, double pressure, bool answered)
            {
                Ticks = closedBy.Ticks;
                Line = closedBy.Line;
                Channel = group.Channel;
                Origin = group.Origin;
                Pressure = pressure;
                Answered = answered;
            }

            public long Ticks { get; }

            public long Line { get; }

            public Channel Channel { get; }

            public Origin Origin { get; }

            public double Pressure { get; }

            public bool Answered { get; }
        }

        private sealed class ContactReplay
        {
            public ContactState State { get; } = new ContactState();

            public (Channel, Origin)? OpenGroup { get; set; }

            public double OpenPressure { get; set; }

            public long OpenTicks { get; set; }
        }
    }
}
