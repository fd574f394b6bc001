using System;
using System.IO;
using System.Linq;
using CrmAttention.Cli.Calibration;
using CrmAttention.Cli.Export;
using CrmAttention.Cli.Policies;
using CrmAttention.Cli.Sample;
using CrmAttention.Engine;
using Xunit;

namespace CrmAttention.Cli.Tests
{
    public class CalibrationTests
    {
        [Fact]
        public void Fisher_scoring_recovers_p0_and_alpha_of_direct_bernoulli_data_and_the_intervals_cover_them()
        {
            var random = new Random(11);
            var o = new Observations();
            for (var i = 0; i < 40000; i++)
            {
                var p = 8.0 * random.NextDouble();
                o.Add(p, random.NextDouble() < 0.2 * Math.Exp(-0.3 * p));
            }
            var fit = ResponseModelFit.Fit(new[] { o });
            Assert.InRange(fit.BaseRate(0), 0.19, 0.21);
            Assert.InRange(fit.Alpha, 0.28, 0.32);
            var (low, high) = ResponseModelFit.AlphaProfileInterval(new[] { o }, fit);
            Assert.True(low < 0.3 && 0.3 < high, $"profile interval {low}–{high} should cover 0.3");
            var (waldLow, waldHigh) = fit.AlphaWaldInterval;
            Assert.True(Math.Abs((high - low) - (waldHigh - waldLow)) < 0.2 * (waldHigh - waldLow), "with this much data the profile and Wald intervals agree");
        }

        [Fact]
        public void Single_touches_give_the_same_profile_bits_as_the_general_sums_over_buckets()
        {
            var random = new Random(5);
            var single = new Observations();
            var buckets = new Observations();
            for (var i = 0; i < 5000; i++)
            {
                var p = 6.0 * random.NextDouble();
                var answered = random.NextDouble() < 0.15 * Math.Exp(-0.25 * p);
                single.Add(p, answered);
                buckets.Add(p, answered);
            }
            // An empty bucket at a pressure already there adds exact zeros to every sum, and makes the general path run.
            buckets.Add(single.Pressure(0), 0, 0);
            Assert.True(single.AllSingle);
            Assert.False(buckets.AllSingle);

            var fit = ResponseModelFit.Fit(new[] { single });
            foreach (var alpha in new[] { fit.Alpha, 0.1, 0.4 })
            {
                var decay = new double[buckets.Entries];
                for (var i = 0; i < decay.Length; i++) decay[i] = Math.Exp(-alpha * buckets.Pressure(i));
                foreach (var a in new[] { fit.LogBaseRates[0], -2.5, -1.0 })
                {
                    var llSingle = ResponseModelFit.GroupLogLikelihoodAndScore(single, decay, alpha, a, out var scoreSingle, out var infoSingle);
                    var llBuckets = ResponseModelFit.GroupLogLikelihoodAndScore(buckets, decay, alpha, a, out var scoreBuckets, out var infoBuckets);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(llBuckets), BitConverter.DoubleToInt64Bits(llSingle));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(scoreBuckets), BitConverter.DoubleToInt64Bits(scoreSingle));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(infoBuckets), BitConverter.DoubleToInt64Bits(infoSingle));
                }
                Assert.Equal(BitConverter.DoubleToInt64Bits(ResponseModelFit.ProfileLogLikelihood(new[] { buckets }, fit, alpha)),
                    BitConverter.DoubleToInt64Bits(ResponseModelFit.ProfileLogLikelihood(new[] { single }, fit, alpha)));
            }
            Assert.Equal(ResponseModelFit.AlphaProfileInterval(new[] { buckets }, fit), ResponseModelFit.AlphaProfileInterval(new[] { single }, fit));
        }

        /// <summary>The cases the attention page's curve fit (WebResources/tests/unit/curveFit.test.ts) is tested against too.</summary>
        public static TheoryData<string> VectorCases()
        {
            var data = new TheoryData<string>();
            foreach (var c in ResponseCurveVector()) data.Add((string)c["name"]!);
            return data;
        }

        private static Newtonsoft.Json.Linq.JArray ResponseCurveVector()
        {
            var path = Repository.Path("Tests", "Vectors", "response-curve-fit.json");
            return (Newtonsoft.Json.Linq.JArray)Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path))["cases"]!;
        }

        private static Observations Buckets(Newtonsoft.Json.Linq.JToken c)
        {
            var o = new Observations();
            foreach (var p in c["points"]!) o.Add((double)p["pressure"]!, (int)p["touched"]!, (int)p["answered"]!);
            return o;
        }

        [Theory]
        [MemberData(nameof(VectorCases))]
        public void The_fit_of_bucketed_touches_matches_the_shared_vector_the_attention_page_is_tested_against(string name)
        {
            var c = ResponseCurveVector().Single(v => (string)v["name"]! == name);
            var fit = ResponseModelFit.Fit(new[] { Buckets(c) });
            Assert.InRange(Math.Abs(fit.BaseRate(0) - (double)c["p0"]!), 0, 1e-6);
            Assert.InRange(Math.Abs(fit.Alpha - (double)c["alpha"]!), 0, 1e-6);
        }

        [Fact]
        public void A_bucket_fits_exactly_like_the_same_touches_one_by_one()
        {
            var c = ResponseCurveVector().Single(v => (string)v["name"]! == "uneven page buckets");
            var single = new Observations();
            foreach (var p in c["points"]!)
            {
                var touched = (int)p["touched"]!;
                var answered = (int)p["answered"]!;
                for (var i = 0; i < touched; i++) single.Add((double)p["pressure"]!, i < answered);
            }
            var buckets = ResponseModelFit.Fit(new[] { Buckets(c) });
            var touches = ResponseModelFit.Fit(new[] { single });
            Assert.Equal(single.Count, Buckets(c).Count);
            Assert.InRange(Math.Abs(buckets.Alpha - touches.Alpha), 0, 1e-9);
            Assert.InRange(Math.Abs(buckets.BaseRate(0) - touches.BaseRate(0)), 0, 1e-9);
        }

        [Fact]
        public void Answers_only_below_some_pressure_cannot_identify_alpha_and_are_refused()
        {
            var o = new Observations();
            o.Add(1, 50, 20);
            o.Add(10, 50, 0);
            Assert.Throws<InvalidOperationException>(() => ResponseModelFit.Fit(new[] { o }));
        }

        [Fact]
        public void Calibration_recovers_the_parameters_the_sample_was_generated_with_within_ten_percent()
        {
            using var run = new CliRunner();
            var truth = new SampleTruth();
            SampleGenerator.Write(new SampleOptions { Contacts = 3000, Seed = 5 }, truth, run.Directory);
            var result = Calibrator.Run(run.PathOf("activities.csv"), AttentionPolicy.CreateDefault(), new CalibrationOptions(), new RowProblems("activities.csv"));

            Assert.InRange(result.Alpha, truth.Alpha * 0.9, truth.Alpha * 1.1);
            Assert.True(result.AlphaProfileLow < truth.Alpha && truth.Alpha < result.AlphaProfileHigh);
            foreach (var rate in truth.BaseResponseRates)
            {
                var g = result.Groups.Single(x => x.Channel == rate.Channel && x.Origin == rate.Origin);
                Assert.True(g.Fitted);
                if (g.Responses >= 400)
                {
                    // Groups with enough answers are pinned to within 10%.
                    Assert.InRange(g.BaseRate, rate.P0 * 0.9, rate.P0 * 1.1);
                }
                else
                {
                    // Letters get few answers (about 130 here): the 95% interval, some ±17% wide, must still cover the truth.
                    Assert.InRange(rate.P0, g.BaseRateLow, g.BaseRateHigh);
                }
            }
            Assert.Equal(4, result.Groups.Count(g => g.Responses >= 400));
        }

        [Fact]
        public void Calibrating_in_one_or_several_contact_partitions_gives_the_same_fit_to_the_last_bit()
        {
            using var run = new CliRunner();
            SampleGenerator.Write(new SampleOptions { Contacts = 1500, Seed = 7 }, new SampleTruth(), run.Directory);
            string Json(int partitions) => Newtonsoft.Json.JsonConvert.SerializeObject(Calibrator.Run(run.PathOf("activities.csv"), AttentionPolicy.CreateDefault(),
                new CalibrationOptions { Partitions = partitions, MinimumTouches = 50, MinimumResponses = 5 }, new RowProblems("activities.csv")));
            var one = Json(1);
            Assert.Contains("\"Fitted\":true", one);
            Assert.Equal(one, Json(2));
            Assert.Equal(one, Json(3));
        }

        [Fact]
        public void Calibrate_command_writes_a_valid_policy_with_the_fitted_alpha_a_report_and_the_chart()
        {
            using var run = new CliRunner();
            SampleGenerator.Write(new SampleOptions { Contacts = 1500, Seed = 3 }, new SampleTruth(), run.Directory);
            var (code, output) = run.Run("calibrate", "--activities", run.PathOf("activities.csv"), "--out", run.PathOf("fitted.json"), "--report", run.PathOf("report"));
            Assert.Equal(0, code);
            Assert.Contains("α = 0.2", output);
            var policy = PolicyFile.Load(run.PathOf("fitted.json"));
            Assert.InRange(policy.Alpha, 0.2, 0.36);
            Assert.InRange(policy.Model.BaseResponseRate(Channel.Phone, Origin.Human), 0.16, 0.24);
            Assert.Equal(new ModelParameters().BaseResponseRate(Channel.Sms, Origin.Human), policy.Model.BaseResponseRate(Channel.Sms, Origin.Human));
            Assert.True(File.Exists(run.PathOf("report/calibrate-curve.png")));
            Assert.Contains("| Phone | Human |", File.ReadAllText(run.PathOf("report/calibration.md")));
        }

        [Fact]
        public void Calibrate_with_too_little_history_stops_with_a_clear_message()
        {
            using var run = new CliRunner();
            SampleGenerator.Write(new SampleOptions { Contacts = 5, Seed = 3, Days = 30 }, new SampleTruth(), run.Directory);
            var (code, output) = run.Run("calibrate", "--activities", run.PathOf("activities.csv"), "--out", run.PathOf("fitted.json"), "--report", run.PathOf("report"));
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("Too little history to calibrate", output);
            Assert.False(File.Exists(run.PathOf("fitted.json")));
        }
    }
}
