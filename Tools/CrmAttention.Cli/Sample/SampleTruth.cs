using System.Collections.Generic;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Sample
{
    /// <summary>
    /// The parameters the sample's recipients really follow. `sample` writes them to truth.json so that what
    /// `calibrate` recovers can be checked against them. They differ from PolicyDefaults on purpose: a calibration
    /// that only echoed the defaults would be caught.
    /// </summary>
    public sealed class SampleTruth
    {
        public double Alpha { get; set; } = 0.28;

        public double HalfLifeDays { get; set; } = PolicyDefaults.HalfLifeDays;

        public double ResponseDamping { get; set; } = PolicyDefaults.ResponseDamping;

        /// <summary>A response comes within this many days of the touch it answers (and before the next touch).</summary>
        public double ResponseWindowDays { get; set; } = 7;

        public List<TruthRate> BaseResponseRates { get; set; } = new List<TruthRate>
        {
            new TruthRate(Channel.Email, Origin.Human, 0.11),
            new TruthRate(Channel.Email, Origin.Automated, 0.045),
            new TruthRate(Channel.Phone, Origin.Human, 0.20),
            new TruthRate(Channel.Meeting, Origin.Human, 0.45),
            new TruthRate(Channel.Letter, Origin.Human, 0.07),
        };

        public double RateOf(Channel channel, Origin origin)
        {
            foreach (var r in BaseResponseRates)
            {
                if (r.Channel == channel && r.Origin == origin) return r.P0;
            }
            return 0;
        }
    }

    public sealed class TruthRate
    {
        public TruthRate(Channel channel, Origin origin, double p0)
        {
            Channel = channel;
            Origin = origin;
            P0 = p0;
        }

        [Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
        public Channel Channel { get; }

        [Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
        public Origin Origin { get; }

        public double P0 { get; }
    }
}
