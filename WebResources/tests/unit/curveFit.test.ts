import { describe, expect, it } from "vitest";
import { ResponsePoint, evaluateCurve, fitResponseCurve } from "../../src/page/curveFit";
import vectorFile from "../../../Tests/Vectors/response-curve-fit.json";

interface VectorCase {
  name: string;
  points: ResponsePoint[];
  p0: number;
  alpha: number;
}

// The cases calibrate's C# fit is tested against too (Tests/CrmAttention.Cli.Tests/CalibrationTests.cs).
const vector: { cases: VectorCase[] } = vectorFile;

describe("fitResponseCurve", () => {
  it("recovers p0 and alpha from buckets that follow the curve exactly", () => {
    const p0 = 0.4;
    const alpha = 0.3;
    const touched = 1_000_000;
    const points = [0.5, 1.5, 2.5, 3.5, 5, 7].map((pressure) => ({
      pressure,
      touched,
      answered: Math.round(touched * p0 * Math.exp(-alpha * pressure)),
    }));
    const curve = fitResponseCurve(points);
    expect(curve).not.toBeNull();
    expect(curve?.p0).toBeCloseTo(0.4, 3);
    expect(curve?.alpha).toBeCloseTo(0.3, 3);
  });

  it("weights buckets by contacts so a tiny outlier bucket barely moves the curve", () => {
    const big = 100_000;
    const points = [
      { pressure: 1, touched: big, answered: Math.round(big * 0.5 * Math.exp(-0.2)) },
      { pressure: 3, touched: big, answered: Math.round(big * 0.5 * Math.exp(-0.6)) },
      { pressure: 9, touched: 2, answered: 2 },
    ];
    const curve = fitResponseCurve(points);
    expect(curve?.alpha).toBeGreaterThan(0.19);
    expect(curve?.alpha).toBeLessThan(0.21);
  });

  it.each(vector.cases.map((c) => [c.name, c] as const))("agrees with calibrate's maximum-likelihood fit to 1e-6: %s", (_name, c) => {
    const curve = fitResponseCurve(c.points);
    expect(curve).not.toBeNull();
    expect(Math.abs((curve?.p0 ?? Number.NaN) - c.p0)).toBeLessThan(1e-6);
    expect(Math.abs((curve?.alpha ?? Number.NaN) - c.alpha)).toBeLessThan(1e-6);
  });

  it("keeps buckets where nobody answered instead of failing on ln 0", () => {
    const curve = fitResponseCurve([
      { pressure: 1, touched: 50, answered: 20 },
      { pressure: 4, touched: 50, answered: 9 },
      { pressure: 10, touched: 50, answered: 0 },
    ]);
    expect(curve?.alpha).toBeGreaterThan(0.3);
    expect(curve?.alpha).toBeLessThan(0.45);
  });

  it("returns null when answers stop at a pressure, so the likelihood has no finite maximum", () => {
    expect(
      fitResponseCurve([
        { pressure: 1, touched: 50, answered: 20 },
        { pressure: 10, touched: 50, answered: 0 },
      ]),
    ).toBeNull();
  });

  it("returns null when nobody or everybody answered", () => {
    expect(fitResponseCurve([{ pressure: 1, touched: 10, answered: 0 }, { pressure: 2, touched: 10, answered: 0 }])).toBeNull();
    expect(fitResponseCurve([{ pressure: 1, touched: 10, answered: 10 }, { pressure: 2, touched: 10, answered: 10 }])).toBeNull();
  });

  it("returns null when fewer than two distinct pressures have contacts", () => {
    expect(fitResponseCurve([{ pressure: 1, touched: 10, answered: 5 }, { pressure: 2, touched: 0, answered: 0 }])).toBeNull();
    expect(fitResponseCurve([])).toBeNull();
  });

  it("rejects a bucket with more answers than contacts", () => {
    expect(() =>
      fitResponseCurve([
        { pressure: 1, touched: 10, answered: 11 },
        { pressure: 2, touched: 10, answered: 1 },
      ]),
    ).toThrow(/11 answers from 10 contacts/);
  });

  it("evaluates the curve at a pressure", () => {
    expect(evaluateCurve({ p0: 0.5, alpha: Math.LN2 }, 1)).toBeCloseTo(0.25, 10);
  });
});
