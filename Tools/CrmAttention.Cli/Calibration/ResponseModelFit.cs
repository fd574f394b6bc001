using System;
using System.Collections.Generic;

namespace CrmAttention.Cli.Calibration
{
    /// <summary>
    /// Touches of one (channel, origin): the pressure before each and whether it was answered; or, as the attention
    /// page has them, buckets of touches at one pressure with how many were answered.
    /// </summary>
    public sealed class Observations
    {
        private double[] _pressure = new double[256];
        private int[] _touched = new int[256];
        private int[] _answered = new int[256];

        /// <summary>Entries (touches, or buckets).</summary>
        public int Entries { get; private set; }

        /// <summary>Touches in all entries.</summary>
        public int Count { get; private set; }

        public int Responses { get; private set; }

        public double Pressure(int i) => _pressure[i];

        public int Touched(int i) => _touched[i];

        public int AnsweredCount(int i) => _answered[i];

        /// <summary>Every entry holds one touch (none is a bucket): the sums need not multiply by the touches.</summary>
        internal bool AllSingle { get; private set; } = true;

        internal ReadOnlySpan<double> Pressures => _pressure.AsSpan(0, Entries);

        internal ReadOnlySpan<int> AnsweredCounts => _answered.AsSpan(0, Entries);

        public void Add(double pressure, bool answered) => Add(pressure, 1, answered ? 1 : 0);

        /// <summary>A bucket: <paramref name="touched"/> touches at <paramref name="pressure"/>, <paramref name="answered"/> of them answered.</summary>
        public void Add(double pressure, int touched, int answered)
        {
            if (touched < 0 || answered < 0 || answered > touched)
                throw new ArgumentOutOfRangeException(nameof(answered), answered, "A bucket at pressure " + pressure + " has " + answered + " answers from " + touched + " touches.");
            if (Entries == _pressure.Length)
            {
                Array.Resize(ref _pressure, Entries * 2);
                Array.Resize(ref _touched, Entries * 2);
                Array.Resize(ref _answered, Entries * 2);
            }
            _pressure[Entries] = pressure;
            _touched[Entries] = touched;
            if (touched != 1) AllSingle = false;
            _answered[Entries] = answered;
            Entries++;
            Count += touched;
            Responses += answered;
        }
    }

    /// <summary>The maximum-likelihood estimate for k groups sharing one decay α.</summary>
    public sealed class FitResult
    {
        public FitResult(double[] logBaseRates, double alpha, double[,] covariance, double logLikelihood, int iterations)
        {
            LogBaseRates = logBaseRates;
            Alpha = alpha;
            Covariance = covariance;
            LogLikelihood = logLikelihood;
            Iterations = iterations;
        }

        /// <summary>a_g = ln p₀ of each group.</summary>
        public IReadOnlyList<double> LogBaseRates { get; }

        public double Alpha { get; }

        /// <summary>Inverse Fisher information at the estimate; parameters in the order a_1 … a_k, α.</summary>
        public double[,] Covariance { get; }

        public double LogLikelihood { get; }

        public int Iterations { get; }

        public double BaseRate(int group) => Math.Exp(LogBaseRates[group]);

        public double AlphaStandardError => Math.Sqrt(Covariance[LogBaseRates.Count, LogBaseRates.Count]);

        public double LogBaseRateStandardError(int group) => Math.Sqrt(Covariance[group, group]);

        /// <summary>95% Wald interval of p₀, built on the log scale (where the likelihood is close to quadratic) so it stays positive.</summary>
        public (double Low, double High) BaseRateInterval(int group)
        {
            var se = LogBaseRateStandardError(group);
            return (Math.Exp(LogBaseRates[group] - ResponseModelFit.Z95 * se), Math.Exp(LogBaseRates[group] + ResponseModelFit.Z95 * se));
        }

        public (double Low, double High) AlphaWaldInterval => (Alpha - ResponseModelFit.Z95 * AlphaStandardError, Alpha + ResponseModelFit.Z95 * AlphaStandardError);
    }

    /// <summary>
    /// Maximum likelihood for the engine's response model: a touch at pressure P is answered with probability
    /// p = p₀ · e^(−αP) (product.md §3). With η = ln p₀ − αP the log-likelihood of n touches of which y were answered
    /// is y·η + (n−y)·ln(1 − e^η) (one touch: n = 1). Fisher scoring maximises it: the score of η is (y − n·p)/(1 − p)
    /// and its expected information n·p/(1 − p), so each
    /// step solves a small weighted least-squares system. Steps are halved whenever they would leave the region
    /// where every p is below 1 or lower the likelihood, so the iteration cannot diverge. Intervals: Wald from the
    /// inverse Fisher information, and for α also the profile likelihood (the α where twice the drop in the maximised
    /// log-likelihood reaches χ²₁(0.95) = 3.841), which does not assume a quadratic likelihood. The attention page's
    /// curve fit (WebResources/src/page/curveFit.ts) is the same method for one group; Tests/Vectors/response-curve-fit.json
    /// holds cases both are tested against.
    /// </summary>
    public static class ResponseModelFit
    {
        public const double Z95 = 1.959963984540054;
        public const double ChiSquare95 = 3.841458820694124;
        private const int MaxIterations = 200;

        /// <summary>Fits the groups with one shared α (one group: its own p₀ and α). Every group needs at least one response and one unanswered touch.</summary>
        public static FitResult Fit(IReadOnlyList<Observations> groups)
        {
            var k = groups.Count;
            if (k == 0) throw new ArgumentException("No groups to fit.", nameof(groups));
            var theta = new double[k + 1];
            for (var g = 0; g < k; g++)
            {
                var o = groups[g];
                if (o.Responses == 0 || o.Responses == o.Count) throw new ArgumentException("Group " + g + " has no variation in its responses.", nameof(groups));
                theta[g] = Math.Log(o.Responses / (double)o.Count);
            }
            var ll = LogLikelihood(groups, theta);
            var iterations = 0;
            for (; iterations < MaxIterations; iterations++)
            {
                var (score, info) = ScoreAndInformation(groups, theta);
                var step = Solve(info, score);
                var scale = 1.0;
                double[] next;
                double llNext;
                while (true)
                {
                    next = new double[k + 1];
                    for (var i = 0; i <= k; i++) next[i] = theta[i] + scale * step[i];
                    llNext = LogLikelihood(groups, next);
                    if (!double.IsNaN(llNext) && llNext >= ll - 1e-12) break;
                    scale /= 2;
                    if (scale < 1e-10) break;
                }
                if (scale < 1e-10) break;
                var change = 0.0;
                for (var i = 0; i <= k; i++) change = Math.Max(change, Math.Abs(next[i] - theta[i]));
                theta = next;
                ll = llNext;
                if (change < 1e-10) break;
            }
            var (_, finalInfo) = ScoreAndInformation(groups, theta);
            var covariance = Invert(finalInfo);
            var rates = new double[k];
            Array.Copy(theta, rates, k);
            return new FitResult(rates, theta[k], covariance, ll, iterations);
        }

        /// <summary>
        /// The 95% profile-likelihood interval of α: each side is where 2·(ℓ̂ − ℓ_profile(α)) = χ²₁(0.95), found between the
        /// estimate and a point beyond the Wald interval where the drop is already larger by regula falsi (Illinois
        /// variant): the profile is smooth there, so a handful of profile evaluations replace a bisection's twenty. The
        /// two sides are independent and are worked out on two threads.
        /// </summary>
        public static (double Low, double High) AlphaProfileInterval(IReadOnlyList<Observations> groups, FitResult fit)
        {
            var low = 0.0;
            var high = 0.0;
            System.Threading.Tasks.Parallel.Invoke(
                () => low = AlphaProfileBound(groups, fit, low: true),
                () => high = AlphaProfileBound(groups, fit, low: false));
            return (low, high);
        }

        /// <summary>One side of <see cref="AlphaProfileInterval"/>: the lower bound, or the upper.</summary>
        public static double AlphaProfileBound(IReadOnlyList<Observations> groups, FitResult fit, bool low)
        {
            var target = fit.LogLikelihood - ChiSquare95 / 2;
            var spread = Math.Max(fit.AlphaStandardError, 1e-6);
            return Bound(groups, fit, target, low ? -spread : spread);
        }

        private static double Bound(IReadOnlyList<Observations> groups, FitResult fit, double target, double spread)
        {
            var tolerance = 1e-7 * Math.Max(1, Math.Abs(fit.Alpha));
            double inside = fit.Alpha, fInside = fit.LogLikelihood - target;
            var outside = fit.Alpha + 2 * spread;
            var fOutside = ProfileLogLikelihood(groups, fit, outside) - target;
            for (var i = 0; i < 30 && fOutside > 0; i++)
            {
                inside = outside;
                fInside = fOutside;
                outside = fit.Alpha + (outside - fit.Alpha) * 2;
                fOutside = ProfileLogLikelihood(groups, fit, outside) - target;
            }
            if (fOutside > 0) return outside;
            // The root lies between inside (f > 0) and outside (f ≤ 0).
            var side = 0;
            for (var i = 0; i < 100 && Math.Abs(outside - inside) >= tolerance; i++)
            {
                var x = outside - fOutside * (outside - inside) / (fOutside - fInside);
                if (!(x > Math.Min(inside, outside) && x < Math.Max(inside, outside))) x = 0.5 * (inside + outside);
                var f = ProfileLogLikelihood(groups, fit, x) - target;
                if (f > 0)
                {
                    inside = x;
                    fInside = f;
                    if (side == 1) fOutside /= 2;
                    side = 1;
                }
                else
                {
                    outside = x;
                    fOutside = f;
                    if (side == -1) fInside /= 2;
                    side = -1;
                }
                if (Math.Abs(f) < 1e-9) return x;
            }
            return 0.5 * (inside + outside);
        }

        /// <summary>
        /// ℓ maximised over every p₀ for a fixed α: each a_g by a one-dimensional Fisher scoring from the joint estimate.
        /// e^(−αP) is worked out once per touch for the α, so each scoring step costs a multiplication per touch.
        /// </summary>
        public static double ProfileLogLikelihood(IReadOnlyList<Observations> groups, FitResult fit, double alpha)
        {
            var total = 0.0;
            for (var g = 0; g < groups.Count; g++)
            {
                var o = groups[g];
                var decay = System.Buffers.ArrayPool<double>.Shared.Rent(o.Entries);
                try
                {
                    var minPressureTerm = double.PositiveInfinity;
                    for (var i = 0; i < o.Entries; i++)
                    {
                        decay[i] = Math.Exp(-alpha * o.Pressure(i));
                        minPressureTerm = Math.Min(minPressureTerm, alpha * o.Pressure(i));
                    }
                    // p < 1 for every touch needs a − αP < 0 at the smallest P (and at the largest when α < 0).
                    var a = Math.Min(fit.LogBaseRates[g], minPressureTerm - 1e-9);
                    // One pass gives the log-likelihood and the scoring step's score and information at a point, so an
                    // accepted step already holds what the next iteration needs: one pass per iteration instead of two.
                    var ll = GroupLogLikelihoodAndScore(o, decay, alpha, a, out var score, out var info);
                    for (var iteration = 0; iteration < 100; iteration++)
                    {
                        var step = score / info;
                        var scale = 1.0;
                        double next, llNext, scoreNext, infoNext;
                        while (true)
                        {
                            next = a + scale * step;
                            llNext = GroupLogLikelihoodAndScore(o, decay, alpha, next, out scoreNext, out infoNext);
                            if (!double.IsNaN(llNext) && llNext >= ll - 1e-12) break;
                            scale /= 2;
                            if (scale < 1e-10) break;
                        }
                        if (scale < 1e-10) break;
                        var change = Math.Abs(next - a);
                        a = next;
                        ll = llNext;
                        score = scoreNext;
                        info = infoNext;
                        if (change < 1e-10) break;
                    }
                    total += ll;
                }
                finally
                {
                    System.Buffers.ArrayPool<double>.Shared.Return(decay);
                }
            }
            return total;
        }

        // The group's log-likelihood at ln p₀ = a for the α whose e^(−αP) are in decay (NaN where some p ≥ 1), with the
        // score and information in a for Fisher scoring; each sum is taken in entry order, as separate passes would.
        internal static double GroupLogLikelihoodAndScore(Observations o, double[] decay, double alpha, double a, out double score, out double info)
        {
            if (o.AllSingle) return SingleTouchesLogLikelihoodAndScore(o, decay, alpha, a, out score, out info);
            var ea = Math.Exp(a);
            var total = 0.0;
            var answeredTotal = 0L;
            var pressureTerm = 0.0;
            var feasible = true;
            score = 0;
            info = 0;
            for (var i = 0; i < o.Entries; i++)
            {
                var p = ea * decay[i];
                var n = o.Touched(i);
                var answered = o.AnsweredCount(i);
                score += (answered - n * p) / (1 - p);
                info += n * p / (1 - p);
                if (!feasible) continue;
                if (p >= 1)
                {
                    feasible = false;
                    continue;
                }
                var unanswered = n - answered;
                if (answered > 0)
                {
                    answeredTotal += answered;
                    pressureTerm -= answered * alpha * o.Pressure(i);
                }
                if (unanswered > 0) total += unanswered * Math.Log(1 - p);
            }
            return feasible ? total + answeredTotal * a + pressureTerm : double.NaN;
        }

        // GroupLogLikelihoodAndScore where every entry is one touch (n = 1, answered 0 or 1): the same operations in the same
        // order, so the same bits (1·x is x), without reading the touches or converting them, and over spans whose bounds
        // the loop checks once.
        private static double SingleTouchesLogLikelihoodAndScore(Observations o, double[] decay, double alpha, double a, out double score, out double info)
        {
            var ea = Math.Exp(a);
            var total = 0.0;
            var answeredTotal = 0L;
            var pressureTerm = 0.0;
            var feasible = true;
            var s = 0.0;
            var f = 0.0;
            var answeredCounts = o.AnsweredCounts;
            var pressures = o.Pressures;
            var d = decay.AsSpan(0, answeredCounts.Length);
            for (var i = 0; i < answeredCounts.Length; i++)
            {
                var p = ea * d[i];
                var answered = answeredCounts[i];
                s += (answered - p) / (1 - p);
                f += p / (1 - p);
                if (!feasible) continue;
                if (p >= 1)
                {
                    feasible = false;
                    continue;
                }
                if (answered > 0)
                {
                    answeredTotal += answered;
                    pressureTerm -= answered * alpha * pressures[i];
                }
                else
                {
                    total += Math.Log(1 - p);
                }
            }
            score = s;
            info = f;
            return feasible ? total + answeredTotal * a + pressureTerm : double.NaN;
        }

        private static double Feasible(Observations o, double alpha)
        {
            var min = double.PositiveInfinity;
            for (var i = 0; i < o.Entries; i++) min = Math.Min(min, alpha * o.Pressure(i));
            return min;
        }

        public static double LogLikelihood(IReadOnlyList<Observations> groups, double[] theta)
        {
            var alpha = theta[groups.Count];
            var total = 0.0;
            for (var g = 0; g < groups.Count; g++)
            {
                total += GroupLogLikelihood(groups[g], theta[g], alpha);
                if (double.IsNaN(total)) return double.NaN;
            }
            return total;
        }

        private static double GroupLogLikelihood(Observations o, double a, double alpha)
        {
            var total = 0.0;
            for (var i = 0; i < o.Entries; i++)
            {
                var eta = a - alpha * o.Pressure(i);
                if (eta >= 0) return double.NaN;
                var answered = o.AnsweredCount(i);
                var unanswered = o.Touched(i) - answered;
                if (answered > 0) total += answered * eta;
                if (unanswered > 0) total += unanswered * Math.Log(1 - Math.Exp(eta));
            }
            return total;
        }

        private static (double[] Score, double[,] Information) ScoreAndInformation(IReadOnlyList<Observations> groups, double[] theta)
        {
            var k = groups.Count;
            var alpha = theta[k];
            var score = new double[k + 1];
            var info = new double[k + 1, k + 1];
            for (var g = 0; g < k; g++)
            {
                var o = groups[g];
                double sa = 0, sAlpha = 0, w = 0, wp = 0, wpp = 0;
                for (var i = 0; i < o.Entries; i++)
                {
                    var pressure = o.Pressure(i);
                    var p = Math.Exp(theta[g] - alpha * pressure);
                    var n = o.Touched(i);
                    var u = (o.AnsweredCount(i) - n * p) / (1 - p);
                    var wi = n * p / (1 - p);
                    sa += u;
                    sAlpha -= pressure * u;
                    w += wi;
                    wp += wi * pressure;
                    wpp += wi * pressure * pressure;
                }
                score[g] = sa;
                score[k] += sAlpha;
                info[g, g] = w;
                info[g, k] = -wp;
                info[k, g] = -wp;
                info[k, k] += wpp;
            }
            return (score, info);
        }

        private static double[] Solve(double[,] matrix, double[] vector)
        {
            var inverse = Invert(matrix);
            var n = vector.Length;
            var result = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++) result[i] += inverse[i, j] * vector[j];
            }
            return result;
        }

        /// <summary>Gauss–Jordan inversion with partial pivoting; the information matrix is small (groups + 1) and positive definite.</summary>
        internal static double[,] Invert(double[,] matrix)
        {
            var n = matrix.GetLength(0);
            var a = (double[,])matrix.Clone();
            var inv = new double[n, n];
            for (var i = 0; i < n; i++) inv[i, i] = 1;
            for (var col = 0; col < n; col++)
            {
                var pivot = col;
                for (var r = col + 1; r < n; r++)
                {
                    if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
                }
                if (Math.Abs(a[pivot, col]) < 1e-300) throw new InvalidOperationException("The information matrix is singular: the data cannot identify the parameters.");
                if (pivot != col)
                {
                    for (var j = 0; j < n; j++)
                    {
                        (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                        (inv[col, j], inv[pivot, j]) = (inv[pivot, j], inv[col, j]);
                    }
                }
                var d = a[col, col];
                for (var j = 0; j < n; j++)
                {
                    a[col, j] /= d;
                    inv[col, j] /= d;
                }
                for (var r = 0; r < n; r++)
                {
                    if (r == col) continue;
                    var f = a[r, col];
                    if (f == 0) continue;
                    for (var j = 0; j < n; j++)
                    {
                        a[r, j] -= f * a[col, j];
                        inv[r, j] -= f * inv[col, j];
                    }
                }
            }
            return inv;
        }
    }
}
