using System;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>
    /// How recipients behave (product.md §1). Each contact feels a recency-weighted inbound pressure P (the engine's
    /// form, half-life 14 days) and has a filter hardness F that every delivered email raises and that relaxes only
    /// slowly; the whole market adds a noise level N that rises with the org's automated volume per contact. An email is
    /// seen with probability e^(−(F+N)) (a person's email, being personal, e^(−(F+N)/2)); a seen touch is answered with
    /// p₀ · e^(−αP). A call is not filtered, but willingness to talk to unknown callers falls with N; calls are answered
    /// more often than emails, and cost the seller time. The constants are the simulation's assumptions, stated here so
    /// that the report can be read against them.
    /// </summary>
    public sealed class RecipientModel
    {
        public double Alpha { get; set; } = 0.3;

        public double HalfLifeDays { get; set; } = 14;

        public double FilterHalfLifeDays { get; set; } = 45;

        /// <summary>Filter hardness added by each delivered email.</summary>
        public double FilterStep { get; set; } = 0.05;

        /// <summary>Market noise per automated email per contact and week above <see cref="QuietVolume"/>.</summary>
        public double NoiseGain { get; set; } = 0.9;

        /// <summary>Automated emails per contact and week the market absorbs without hardening.</summary>
        public double QuietVolume { get; set; } = 0.25;

        public double AutomatedEmailRate { get; set; } = 0.06;

        public double HumanEmailRate { get; set; } = 0.14;

        public double CallAnswerRate { get; set; } = 0.30;

        /// <summary>Share of conversations that lead to a meeting a few days later.</summary>
        public double MeetingShare { get; set; } = 0.3;

        public static double Weight(Channel channel, Origin origin)
        {
            switch (channel)
            {
                case Channel.Email: return origin == Origin.Automated ? 1.0 : 0.8;
                case Channel.Phone: return 0.6;
                case Channel.Meeting: return 0.3;
                default: return 0.7;
            }
        }
    }

    /// <summary>One recipient's state: felt pressure and filter hardness, each stored with the time it was computed for.</summary>
    public sealed class RecipientState
    {
        private double _pressure;
        private double _filter;
        private long _asOf;

        public double Pressure(RecipientModel m, long ticks) => _pressure * Decay(ticks - _asOf, m.HalfLifeDays);

        public double Filter(RecipientModel m, long ticks) => _filter * Decay(ticks - _asOf, m.FilterHalfLifeDays);

        public void Receive(RecipientModel m, Channel channel, Origin origin, long ticks)
        {
            Bring(m, ticks);
            _pressure += RecipientModel.Weight(channel, origin);
            if (channel == Channel.Email) _filter += m.FilterStep;
        }

        /// <summary>A conversation relieves the felt pressure as a response damps the engine's.</summary>
        public void Converse(RecipientModel m, long ticks)
        {
            Bring(m, ticks);
            _pressure *= 0.25;
        }

        private void Bring(RecipientModel m, long ticks)
        {
            if (ticks <= _asOf) return;
            _pressure *= Decay(ticks - _asOf, m.HalfLifeDays);
            _filter *= Decay(ticks - _asOf, m.FilterHalfLifeDays);
            _asOf = ticks;
        }

        private static double Decay(long deltaTicks, double halfLifeDays) => deltaTicks <= 0 ? 1 : Math.Pow(2, -deltaTicks / (halfLifeDays * TimeSpan.TicksPerDay));
    }
}
