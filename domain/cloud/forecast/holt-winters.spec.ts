import { type DailyValue, addDays } from './daily-series';
import {
  type DailyForecast,
  type ForecastParams,
  errorWeight,
  forecastDaily,
  horizonVariance,
} from './holt-winters';

/** mulberry32: a tiny seeded generator, so the "noisy" series is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const START = '2026-01-01';
const WEEKLY = [12, 8, 0, -3, -5, -15, 3];
const trendAndSeason = (t: number) => 100 + 2 * t + WEEKLY[t % 7];
const toSeries = (values: readonly number[]): DailyValue[] =>
  values.map((value, t) => ({ day: addDays(START, t), value }));

function forecast(values: readonly number[], horizon: number): DailyForecast {
  const result = forecastDaily(toSeries(values), horizon);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('forecastDaily', () => {
  const noise = gaussian(seeded(42));
  const observed = Array.from({ length: 120 }, (_, t) => trendAndSeason(t) + 5 * noise());
  const future = Array.from({ length: 30 }, (_, i) => trendAndSeason(120 + i) + 5 * noise());
  const noisy = forecast(observed, 30);

  it('uses additive Holt-Winters with weekly seasonality on a long series', () => {
    expect(noisy.method).toBe('holt-winters-additive');
    expect(noisy.params.seasonPeriod).toBe(7);
    expect(noisy.level).toBe(0.95);
    for (const name of ['alpha', 'beta', 'gamma'] as const) expect(noisy.params[name]).toBeGreaterThan(0);
  });

  it('forecasts a noisy trend with weekly pattern within 3 % at 30 days', () => {
    const truth = trendAndSeason(149);
    expect(Math.abs(noisy.points[29].value - truth) / truth).toBeLessThan(0.03);
  });

  it('keeps most true future values inside the interval', () => {
    const inside = noisy.points.filter((p, i) => p.lower <= future[i] && future[i] <= p.upper).length;
    expect(inside / future.length).toBeGreaterThanOrEqual(0.75);
  });

  it('widens the interval with the horizon', () => {
    const widths = noisy.points.map((p) => p.upper - p.lower);
    for (let i = 1; i < widths.length; i += 1) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1]);
    expect(widths[29]).toBeGreaterThan(widths[0] * 1.5);
  });

  it('dates the points from the day after the last observation', () => {
    expect(noisy.points.map((p) => p.day).slice(0, 2)).toEqual(['2026-05-01', '2026-05-02']);
    expect(noisy.points[29].day).toBe('2026-05-30');
  });

  it('extrapolates a noise-free trend almost exactly', () => {
    const result = forecast(
      Array.from({ length: 60 }, (_, t) => 50 + 3 * t),
      30,
    );
    result.points.forEach((p, i) => expect(p.value).toBeCloseTo(50 + 3 * (60 + i), 6));
    expect(result.points[29].upper - result.points[29].lower).toBeLessThan(1e-6);
  });

  it('reproduces a noise-free weekly pattern on a trend', () => {
    const result = forecast(
      Array.from({ length: 35 }, (_, t) => trendAndSeason(t)),
      14,
    );
    result.points.forEach((p, i) => expect(p.value).toBeCloseTo(trendAndSeason(35 + i), 6));
  });

  it('keeps a constant series flat', () => {
    const result = forecast(Array(30).fill(42), 60);
    result.points.forEach((p) => {
      expect(p.value).toBeCloseTo(42, 9);
      expect(p.lower).toBeCloseTo(42, 9);
      expect(p.upper).toBeCloseTo(42, 9);
    });
  });

  it('never forecasts negative spend on a falling series', () => {
    const result = forecast(
      Array.from({ length: 28 }, (_, t) => 100 - 4 * t),
      30,
    );
    expect(result.points[29].value).toBe(0);
    result.points.forEach((p) => expect(p.lower).toBeGreaterThanOrEqual(0));
  });

  it('falls back to Holt linear trend below 14 points', () => {
    const result = forecast([10, 12, 14, 16, 18, 20, 22, 24, 26, 28], 5);
    expect(result.method).toBe('holt-linear');
    expect(result.params).toMatchObject({ gamma: null, seasonPeriod: null });
    expect(result.points.map((p) => p.value)).toEqual([30, 32, 34, 36, 38].map((v) => expect.closeTo(v, 6)));
  });

  it('falls back to the mean with a wide, widening interval below 3 points', () => {
    const result = forecast([100, 120], 10);
    expect(result.method).toBe('mean');
    expect(result.points[0].value).toBe(110);
    expect(result.points[0].upper - result.points[0].lower).toBeGreaterThan(100);
    expect(result.points[9].upper - result.points[9].lower).toBeGreaterThan(
      result.points[0].upper - result.points[0].lower,
    );
  });

  it('forecasts a single point as itself with an interval around it', () => {
    const result = forecast([80], 3);
    expect(result.method).toBe('mean');
    expect(result.points[0]).toMatchObject({ value: 80 });
    expect(result.points[0].lower).toBeLessThan(80);
    expect(result.points[0].upper).toBeGreaterThan(80);
  });

  it('returns an empty forecast for an empty series', () => {
    expect(forecastDaily([], 30)).toEqual({
      ok: true,
      value: expect.objectContaining({ method: 'none', points: [] }),
    });
  });

  it('fills missing days before fitting', () => {
    const series = toSeries(Array.from({ length: 30 }, (_, t) => 50 + t)).filter((_, t) => t % 5 !== 2);
    const result = forecastDaily(series, 1);
    expect(result.ok && result.value.points[0]).toMatchObject({
      day: '2026-01-31',
      value: expect.closeTo(80, 6),
    });
  });

  it('narrows the interval at the 80 % level', () => {
    const wide = forecastDaily(toSeries(observed), 5);
    const narrow = forecastDaily(toSeries(observed), 5, { level: 0.8 });
    if (!wide.ok || !narrow.ok) throw new Error('forecast failed');
    expect(narrow.value.level).toBe(0.8);
    expect(narrow.value.points[4].upper).toBeLessThan(wide.value.points[4].upper);
    expect(narrow.value.points[4].value).toBe(wide.value.points[4].value);
  });

  it('is deterministic and ignores the order of the input', () => {
    const again = forecastDaily([...toSeries(observed)].reverse(), 30);
    expect(again).toEqual({ ok: true, value: noisy });
  });

  it.each([0, 367, 1.5, Number.NaN])('rejects a horizon of %p', (horizon) => {
    const result = forecastDaily(toSeries([1, 2, 3]), horizon);
    expect(!result.ok && result.error.fields[0].path).toBe('horizon');
  });
});

describe('horizonVariance', () => {
  const params: ForecastParams = { alpha: 0.3, beta: 0.2, gamma: 0.25, seasonPeriod: 7, residualSd: 2 };

  it('matches σ²(1 + Σ c_j²) of the error-correction form at every horizon', () => {
    for (const method of ['holt-winters-additive', 'holt-linear', 'mean'] as const) {
      let sum = 0;
      for (let h = 1; h <= 40; h += 1) {
        if (h > 1) sum += errorWeight(method, params, h - 1) ** 2;
        expect(horizonVariance(method, params, h)).toBeCloseTo(4 * (1 + sum), 9);
      }
    }
  });

  it('equals the one-step residual variance at h = 1', () => {
    expect(horizonVariance('holt-winters-additive', params, 1)).toBeCloseTo(4, 12);
  });
});
