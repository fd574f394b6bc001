using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// A discrete-event simulation of one org over its days: sequences enrol contacts and send their steps, sellers work
    /// their day (routed calls first, then their own calls and emails, meetings after conversations), recipients answer
    /// by <see cref="RecipientModel"/>. Every touch goes through the org under test at its own time, in time order.
    /// The org reacts to falling conversations as orgs do: each week below its target, the sequences enrol 20% more
    /// contacts (up to four times the start) — the sender's half of the spiral. Random streams are seeded from the
    /// seed alone and kept apart per actor, so that both runs see the same people making the same choices until
    /// CrmAttention's decisions make them differ.
    /// </summary>
    public sealed class Simulator
    {
        private const double SellerCapacityHours = 5.0;
        private const double EmailHours = 0.15;
        private const double CallHours = 0.2;
        private const double ConversationHours = 0.4;
        private const double MeetingHours = 1.0;
        private const double BlockedHours = 0.03;
        private const double MaxMultiplier = 4.0;
        private const int WorklistCount = 25;

        private readonly SimulatedOrg _org;
        private readonly IOrgUnderTest _under;
        private readonly RecipientModel _model;
        private readonly Random _recipients;
        private readonly Random _sellersRandom;
        private readonly Random _sequencesRandom;
        private readonly PriorityQueue<SimEvent, (long, long)> _queue = new PriorityQueue<SimEvent, (long, long)>();
        private readonly RecipientState[] _states;
        private readonly int[][] _contactsBySeller;
        private readonly int[,] _enrolment;
        private readonly long[] _lastConversation;
        private readonly bool[] _meetingPlanned;
        private readonly Dictionary<Guid, RoutedCall> _routedSeen = new Dictionary<Guid, RoutedCall>();
        private readonly List<Queue<RoutedCall>> _routedQueues = new List<Queue<RoutedCall>>();
        private readonly HashSet<Guid> _routedDone = new HashSet<Guid>();
        private readonly double[] _sellerHoursToday;
        private readonly Queue<WorklistItem>[] _worklists;
        private readonly int[] _worklistDay;
        private readonly RunResult _result;
        private long _sequenceNumber;
        private double _multiplier = 1.0;
        private double _target;
        private double _noise;
        private double _automatedThisWeek;
        private WeekFigures _week;
        private double _hoursToCallSum;
        private long _callsMade;

        public Simulator(SimulatedOrg org, IOrgUnderTest under, RecipientModel? model = null)
        {
            _org = org;
            _under = under;
            _model = model ?? new RecipientModel();
            var seed = org.Options.Seed;
            _recipients = new Random(unchecked(seed * 7919 + 1));
            _sellersRandom = new Random(unchecked(seed * 7919 + 2));
            _sequencesRandom = new Random(unchecked(seed * 7919 + 3));
            _states = org.Contacts.Select(_ => new RecipientState()).ToArray();
            _contactsBySeller = Enumerable.Range(0, org.Sellers.Count).Select(s => org.Contacts.Where(c => c.Owner == s).Select(c => c.Index).ToArray()).ToArray();
            _enrolment = new int[org.Sequences.Count, org.Contacts.Count];
            _lastConversation = Enumerable.Repeat(long.MinValue, org.Contacts.Count).ToArray();
            _meetingPlanned = new bool[org.Contacts.Count];
            _sellerHoursToday = new double[org.Sellers.Count];
            _worklists = Enumerable.Range(0, org.Sellers.Count).Select(_ => new Queue<WorklistItem>()).ToArray();
            _worklistDay = Enumerable.Repeat(-1, org.Sellers.Count).ToArray();
            for (var s = 0; s < org.Sellers.Count; s++) _routedQueues.Add(new Queue<RoutedCall>());
            _result = new RunResult { Name = under.Name };
            _week = new WeekFigures { Week = 1, VolumeMultiplier = 1 };
        }

        public RunResult Run(Action<double>? progress = null)
        {
            _under.Build(_org);
            var days = _org.Options.Days;
            for (var day = 0; day < days; day++)
            {
                var date = _org.Options.Start.AddDays(day);
                if (day > 0 && day % 7 == 0) CloseWeek(date);
                if (date.DayOfWeek != DayOfWeek.Saturday && date.DayOfWeek != DayOfWeek.Sunday) PlanWorkday(day, date);
                var end = date.AddDays(1).Ticks;
                while (_queue.TryPeek(out _, out var priority) && priority.Item1 < end)
                {
                    var e = _queue.Dequeue();
                    Handle(e);
                }
                progress?.Invoke((day + 1) / (double)days);
            }
            CloseWeek(_org.Options.Start.AddDays(days), days % 7 == 0 ? 7 : days % 7);
            Finish();
            return _result;
        }

        private void PlanWorkday(int day, DateTime date)
        {
            // Morning: sellers see their open routed calls (the "my open calls" view), oldest first.
            if (_under.HasCrmAttention)
            {
                // With CrmAttention the calls reach the sellers through their worklist; this view only counts them.
                foreach (var call in _under.OpenRoutedCalls()) See(call);
            }
            for (var s = 0; s < _org.Sellers.Count; s++)
            {
                _sellerHoursToday[s] = 0;
                Schedule(date.AddHours(9).AddMinutes(_sellersRandom.Next(30)), new SimEvent(EventKind.SellerSlot, s, -1, -1, 0));
            }
            var enrol = (int)Math.Round(Math.Max(1, _org.Contacts.Count * 0.0025) * _multiplier);
            for (var q = 0; q < _org.Sequences.Count; q++)
            {
                var sequence = _org.Sequences[q];
                for (var i = 0; i < enrol; i++)
                {
                    var c = _sequencesRandom.Next(_org.Contacts.Count);
                    if (_enrolment[q, c] > day) continue;
                    // Sales-engagement tools leave out contacts who answered in the last 30 days.
                    if (_lastConversation[c] > date.AddDays(-30).Ticks) continue;
                    var stepDay = day;
                    for (var step = 0; step < sequence.Steps; step++)
                    {
                        var at = WorkingDay(_org.Options.Start.AddDays(stepDay)).AddHours(7).AddMinutes(_sequencesRandom.Next(300));
                        Schedule(at, new SimEvent(EventKind.SequenceStep, -1, c, q, step) { Enrolled = date.Ticks });
                        stepDay = (int)(at.Date - _org.Options.Start).TotalDays + sequence.CadenceDays;
                    }
                    _enrolment[q, c] = stepDay;
                }
            }
        }

        private void Handle(SimEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.SequenceStep: SequenceStep(e); break;
                case EventKind.SellerSlot: SellerSlot(e); break;
                case EventKind.Reply: Reply(e); break;
                case EventKind.Meeting: Meeting(e); break;
            }
        }

        private void SequenceStep(SimEvent e)
        {
            // A reply stops every sequence for the contact.
            if (_lastConversation[e.Contact] >= e.Enrolled) return;
            var sequence = _org.Sequences[e.Sequence];
            _result.AutomatedAttempts++;
            _week.AutomatedAttempts++;
            var r = _under.AutomatedEmail(e.Contact, sequence, e.Step, e.At);
            Count(r);
            if (r.Outcome != TouchOutcome.Delivered) return;
            _result.AutomatedTouches++;
            _week.AutomatedTouches++;
            _automatedThisWeek++;
            Deliver(e.Contact, Channel.Email, Origin.Automated, e.At, _model.AutomatedEmailRate, Math.Exp(-(Filter(e.Contact, e.At) + _noise)), "reply to a sequence email");
        }

        private void SellerSlot(SimEvent e)
        {
            var s = e.Seller;
            if (_sellerHoursToday[s] >= SellerCapacityHours || e.At.TimeOfDay > TimeSpan.FromHours(17.5)) return;
            double spent;
            if (_under.HasCrmAttention)
            {
                // Nothing on the worklist: nobody a person may or should touch now; the seller's outreach ends for the day.
                if (WorkFromWorklist(s, e.At) is not double worked) return;
                spent = worked;
            }
            else if (_routedQueues[s].Count > 0)
            {
                var call = _routedQueues[s].Dequeue();
                spent = RoutedCall(call, e.At);
            }
            else if (_contactsBySeller[s].Length == 0)
            {
                // A seller without contacts has nobody to reach out to: no outreach hours that day.
                return;
            }
            else
            {
                spent = Prospect(s, e.At);
            }
            _sellerHoursToday[s] += spent;
            _result.SellerHours += spent;
            // Outreach is about 60% of a seller's day: a slot of outreach time takes 1.7 times as long on the clock.
            Schedule(e.At.AddHours(spent * 1.7), new SimEvent(EventKind.SellerSlot, s, -1, -1, 0));
        }

        /// <summary>
        /// With CrmAttention sellers work down their worklist (cat_GetWorklist), opened in the morning and again when they
        /// reach its end: routed calls first, then the contacts worth a person's touch most, on the channel it names.
        /// Returns the hours spent, or null when the worklist is empty.
        /// </summary>
        private double? WorkFromWorklist(int seller, DateTime at)
        {
            var day = (int)(at.Date - _org.Options.Start).TotalDays;
            var list = _worklists[seller];
            if (_worklistDay[seller] != day || list.Count == 0)
            {
                list.Clear();
                foreach (var item in _under.Worklist(seller, at, WorklistCount)) list.Enqueue(item);
                _worklistDay[seller] = day;
            }
            if (list.Count == 0) return null;
            var next = list.Dequeue();
            if (next.Call is RoutedCall call)
            {
                See(call);
                return RoutedCall(call, at);
            }
            return Touch(seller, next.Contact, next.Channel == Channel.Phone, at);
        }

        /// <summary>Counts a routed call the first time a seller or the "open calls" view sees it.</summary>
        private void See(RoutedCall call)
        {
            if (_routedSeen.ContainsKey(call.Id) || _routedDone.Contains(call.Id)) return;
            _routedSeen.Add(call.Id, call);
            _result.RoutedCalls.Created++;
            if (!_under.HasCrmAttention) _routedQueues[call.Seller].Enqueue(call);
        }

        private double RoutedCall(RoutedCall call, DateTime at)
        {
            _routedDone.Add(call.Id);
            _routedSeen.Remove(call.Id);
            // The contact picks up or not while the seller is on the line; the completed call carries the result.
            var answered = Deliver(call.Contact, Channel.Phone, Origin.Human, at, _model.CallAnswerRate, Math.Exp(-0.3 * _noise), "answered routed call", immediate: true);
            _under.CompleteRoutedCall(call, at, answered);
            _hoursToCallSum += (at - call.CreatedOn).TotalHours;
            _callsMade++;
            _result.HumanAttempts++;
            _result.HumanTouches++;
            _week.HumanTouches++;
            if (answered) _result.RoutedCalls.Answered++;
            else _result.RoutedCalls.NotAnswered++;
            return CallHours + (answered ? ConversationHours : 0);
        }

        private double Prospect(int seller, DateTime at)
        {
            var own = _contactsBySeller[seller];
            // Without CrmAttention sellers favour valuable contacts: the better of two random picks.
            var a = own[_sellersRandom.Next(own.Length)];
            var b = own[_sellersRandom.Next(own.Length)];
            var contact = _org.Contacts[a].Value >= _org.Contacts[b].Value ? a : b;
            // The contact form shows "Do not allow Phone Calls"; sellers write instead.
            var call = _sellersRandom.NextDouble() < 0.5 && (_org.Contacts[contact].Consent & ConsentFlags.DoNotPhone) == 0;
            return Touch(seller, contact, call, at);
        }

        /// <summary>A seller's own call or email to the contact; returns the hours it took.</summary>
        private double Touch(int seller, int contact, bool call, DateTime at)
        {
            _result.HumanAttempts++;
            var answered = false;
            var r = call
                ? _under.HumanCall(seller, contact, at, () => answered = Deliver(contact, Channel.Phone, Origin.Human, at, _model.CallAnswerRate, Math.Exp(-0.3 * _noise), "answered call", immediate: true))
                : _under.HumanEmail(seller, contact, at);
            Count(r);
            if (r.Outcome != TouchOutcome.Delivered) return BlockedHours;
            _result.HumanTouches++;
            _week.HumanTouches++;
            if (call) return CallHours + (answered ? ConversationHours : 0);
            Deliver(contact, Channel.Email, Origin.Human, at, _model.HumanEmailRate, Math.Exp(-0.5 * (Filter(contact, at) + _noise)), "reply to a seller's email");
            return EmailHours;
        }

        /// <summary>The recipient receives a delivered touch and perhaps answers: at once for a call, later for an email.</summary>
        private bool Deliver(int contact, Channel channel, Origin origin, DateTime at, double baseRate, double visibility, string source, bool immediate = false)
        {
            var state = _states[contact];
            var pressure = state.Pressure(_model, at.Ticks);
            state.Receive(_model, channel, origin, at.Ticks);
            var answers = _recipients.NextDouble() < visibility * baseRate * Math.Exp(-_model.Alpha * pressure);
            if (!answers) return false;
            if (immediate)
            {
                Conversation(contact, at, source);
                return true;
            }
            var delay = TimeSpan.FromHours(1 + Math.Min(120, -18 * Math.Log(1 - _recipients.NextDouble())));
            Schedule(at + delay, new SimEvent(EventKind.Reply, -1, contact, -1, 0) { Source = source });
            return true;
        }

        private void Reply(SimEvent e)
        {
            _under.IncomingEmail(e.Contact, e.At);
            _result.Responses++;
            Conversation(e.Contact, e.At, e.Source);
        }

        private void Conversation(int contact, DateTime at, string source)
        {
            _states[contact].Converse(_model, at.Ticks);
            _lastConversation[contact] = at.Ticks;
            _result.Conversations++;
            _week.Conversations++;
            _result.ConversationsBySource[source] = _result.ConversationsBySource.TryGetValue(source, out var n) ? n + 1 : 1;
            if (!_meetingPlanned[contact] && _recipients.NextDouble() < _model.MeetingShare)
            {
                _meetingPlanned[contact] = true;
                var day = WorkingDay(at.Date.AddDays(2 + _recipients.Next(4)));
                Schedule(day.AddHours(10 + _recipients.Next(7)), new SimEvent(EventKind.Meeting, _org.Contacts[contact].Owner, contact, -1, 0));
            }
        }

        private void Meeting(SimEvent e)
        {
            _meetingPlanned[e.Contact] = false;
            _result.HumanAttempts++;
            var r = _under.Meeting(e.Seller, e.Contact, e.At);
            Count(r);
            if (r.Outcome != TouchOutcome.Delivered) return;
            _states[e.Contact].Receive(_model, Channel.Meeting, Origin.Human, e.At.Ticks);
            _result.HumanTouches++;
            _week.HumanTouches++;
            _result.SellerHours += MeetingHours;
            _result.Responses++;
            Conversation(e.Contact, e.At, "meeting held");
        }

        private void CloseWeek(DateTime at, int days = 7)
        {
            // Market noise follows the org's automated volume per contact and week (smoothed over about four weeks);
            // a shorter last week counts at its weekly rate and with its share of the smoothing weight.
            var perContact = _automatedThisWeek / _org.Contacts.Count * 7.0 / days;
            var level = _model.NoiseGain * Math.Max(0, perContact - _model.QuietVolume);
            var weight = 0.25 * days / 7.0;
            _noise = (1 - weight) * _noise + weight * level;
            _automatedThisWeek = 0;
            var filter = 0.0;
            for (var c = 0; c < _states.Length; c++) filter += _states[c].Filter(_model, at.Ticks);
            _week.FilterHardness = Math.Round(filter / _states.Length + _noise, 4);
            _week.VolumeMultiplier = Math.Round(_multiplier, 4);
            _week.Days = days;
            _result.Weeks.Add(_week);
            // The org's reaction: weeks 2 and 3 set the conversation target; below it, more outreach (full weeks only).
            if (_week.Week == 2 || _week.Week == 3) _target += _week.Conversations / 2.0;
            else if (_week.Week > 3 && days == 7)
            {
                if (_week.Conversations < 0.95 * _target) _multiplier = Math.Min(MaxMultiplier, _multiplier * 1.2);
                else if (_week.Conversations > 1.1 * _target) _multiplier = Math.Max(1.0, _multiplier * 0.95);
            }
            _week = new WeekFigures { Week = _week.Week + 1 };
        }

        private void Finish()
        {
            if (_under.HasCrmAttention)
            {
                foreach (var call in _under.OpenRoutedCalls()) See(call);
            }
            _result.RoutedCalls.OpenAtEnd = _routedSeen.Count;
            _result.RoutedCalls.MeanHoursToCall = _callsMade == 0 ? 0 : Math.Round(_hoursToCallSum / _callsMade, 2);
            _result.SellerHours = Math.Round(_result.SellerHours, 2);
            if (_week.AutomatedTouches + _week.HumanTouches > 0)
            {
                // Touches counted after the last day (late replies, routed calls made at the end) belong to no whole week.
                _week.Days = 0;
                _result.Weeks.Add(_week);
            }
        }

        private void Count(TouchResult r)
        {
            if (r.Decision is DecisionKind kind) _result.Decisions[kind.ToString()] = _result.Decisions.TryGetValue(kind.ToString(), out var n) ? n + 1 : 1;
            switch (r.Outcome)
            {
                case TouchOutcome.Blocked: _week.Blocked++; break;
                case TouchOutcome.Suppressed: _week.Suppressed++; break;
                case TouchOutcome.Routed: _week.Routed++; break;
            }
        }

        private double Filter(int contact, DateTime at) => _states[contact].Filter(_model, at.Ticks);

        private DateTime WorkingDay(DateTime day)
        {
            if (day.DayOfWeek == DayOfWeek.Saturday) return day.AddDays(2);
            if (day.DayOfWeek == DayOfWeek.Sunday) return day.AddDays(1);
            return day;
        }

        private void Schedule(DateTime at, SimEvent e)
        {
            e.At = at;
            _queue.Enqueue(e, (at.Ticks, _sequenceNumber++));
        }

        private enum EventKind
        {
            SequenceStep,
            SellerSlot,
            Reply,
            Meeting,
        }

        private sealed class SimEvent
        {
            public SimEvent(EventKind kind, int seller, int contact, int sequence, int step)
            {
                Kind = kind;
                Seller = seller;
                Contact = contact;
                Sequence = sequence;
                Step = step;
            }

            public EventKind Kind { get; }

            public int Seller { get; }

            public int Contact { get; }

            public int Sequence { get; }

            public int Step { get; }

            public DateTime At { get; set; }

            public long Enrolled { get; set; }

            public string Source { get; set; } = "";
        }
    }
}
