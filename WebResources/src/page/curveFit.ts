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

/**
 * Fits r(P) = p0 · e^(−αP) by weighted least squares on ln r, each bucket weighted by its contacts.
 * Rates are smoothed as (answered + ½) / (touched + 1) so a bucket where nobody answered still
 * counts instead of producing ln 0. Returns null when fewer than two buckets at distinct pressures
 * have contacts: a curve through one point says nothing.
 */
export function fitResponseCurve(points: readonly ResponsePoint[]): ResponseCurve | null {
  const usable = points.filter((p) => p.touched > 0);
  if (new Set(usable.map((p) => p.pressure)).size < 2) {
    return null;
  }
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of usable) {
    if (p.answered < 0 || p.answered > p.touched) {
      throw new RangeError(`A bucket at pressure ${p.pressure} has ${p.answered} answers from ${p.touched} contacts.`);
    }
    const w = p.touched;
    const y = Math.log((p.answered + 0.5) / (p.touched + 1));
    sw += w;
    sx += w * p.pressure;
    sy += w * y;
    sxx += w * p.pressure * p.pressure;
    sxy += w * p.pressure * y;
  }
  const slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  const intercept = (sy - slope * sx) / sw;
  return { p0: Math.exp(intercept), alpha: -slope };
}

export function evaluateCurve(curve: ResponseCurve, pressure: number): number {
  return curve.p0 * Math.exp(-curve.alpha * pressure);
}
