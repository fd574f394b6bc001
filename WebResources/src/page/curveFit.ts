/** Observed response in one pressure bucket: how many contacts were touched and how many answered. */
export interface ResponsePoint {
  pressure: number;
  touched: number;
  answered: number;
}

/** The org's diminishing-returns curve: response rate r(P) = p0 · e^(−α·P). */
export interface ResponseCurve {
  p0: number;
  alpha: number;
}

const maxIterations = 200;

/**
 * Fits r(P) = p0 · e^(−αP) by maximum likelihood, the method `crm-attention calibrate` uses
 * (Tools/CrmAttention.Cli/Calibration/ResponseModelFit.cs), so the page and calibrate report the same α for the
 * same data. Each bucket is n touches at pressure P of which y were answered, each answered with probability
 * p = e^η, η = ln p0 − αP: the log-likelihood is Σ y·η + (n − y)·ln(1 − e^η). Fisher scoring maximises it (the
 * score of η is (y − n·p)/(1 − p), its information n·p/(1 − p)); a step is halved while it would push some p to 1
 * or lower the likelihood, so the iteration cannot diverge. It starts at p0 = answered/touched overall and α = 0.
 * Returns null when fewer than two buckets at distinct pressures have contacts (a curve through one point says
 * nothing), when nobody or everybody answered (the rate has no level to fit), or when the likelihood has no finite
 * maximum (answers only below some pressure and none above it: α would grow without bound), where calibrate refuses
 * the data as not identifying the parameters.
 */
export function fitResponseCurve(points: readonly ResponsePoint[]): ResponseCurve | null {
  const usable = points.filter((p) => p.touched > 0);
  for (const p of usable) {
    if (p.answered < 0 || p.answered > p.touched) {
      throw new RangeError(`A bucket at pressure ${p.pressure} has ${p.answered} answers from ${p.touched} contacts.`);
    }
  }
  if (new Set(usable.map((p) => p.pressure)).size < 2) {
    return null;
  }
  let touched = 0;
  let answered = 0;
  for (const p of usable) {
    touched += p.touched;
    answered += p.answered;
  }
  if (answered === 0 || answered === touched) {
    return null;
  }
  let a = Math.log(answered / touched);
  let alpha = 0;
  let ll = logLikelihood(usable, a, alpha);
  let converged = false;
  for (let iteration = 0; iteration < maxIterations && !converged; iteration++) {
    // Score (sa, sAlpha) and expected information [[w, −wp], [−wp, wpp]] of (ln p0, α).
    let sa = 0;
    let sAlpha = 0;
    let w = 0;
    let wp = 0;
    let wpp = 0;
    for (const p of usable) {
      const prob = Math.exp(a - alpha * p.pressure);
      const u = (p.answered - p.touched * prob) / (1 - prob);
      const wi = (p.touched * prob) / (1 - prob);
      sa += u;
      sAlpha -= p.pressure * u;
      w += wi;
      wp += wi * p.pressure;
      wpp += wi * p.pressure * p.pressure;
    }
    const det = w * wpp - wp * wp;
    if (!(det > 0) || !Number.isFinite(det)) return null;
    const stepA = (wpp * sa + wp * sAlpha) / det;
    const stepAlpha = (wp * sa + w * sAlpha) / det;
    let scale = 1;
    let nextA = a;
    let nextAlpha = alpha;
    let llNext = ll;
    for (;;) {
      nextA = a + scale * stepA;
      nextAlpha = alpha + scale * stepAlpha;
      llNext = logLikelihood(usable, nextA, nextAlpha);
      if (!Number.isNaN(llNext) && llNext >= ll - 1e-12) break;
      scale /= 2;
      if (scale < 1e-10) break;
    }
    if (scale < 1e-10) {
      // No step raises the likelihood any more: the estimate is as good as this arithmetic allows.
      converged = true;
      break;
    }
    const change = Math.max(Math.abs(nextA - a), Math.abs(nextAlpha - alpha));
    a = nextA;
    alpha = nextAlpha;
    ll = llNext;
    converged = change < 1e-10;
  }
  return converged ? { p0: Math.exp(a), alpha } : null;
}

/** Σ y·η + (n − y)·ln(1 − e^η); NaN where some bucket would be answered with probability 1 or more. */
function logLikelihood(points: readonly ResponsePoint[], a: number, alpha: number): number {
  let total = 0;
  for (const p of points) {
    const eta = a - alpha * p.pressure;
    if (eta >= 0) return Number.NaN;
    total += p.answered * eta + (p.touched - p.answered) * Math.log(1 - Math.exp(eta));
  }
  return total;
}

export function evaluateCurve(curve: ResponseCurve, pressure: number): number {
  return curve.p0 * Math.exp(-curve.alpha * pressure);
}
