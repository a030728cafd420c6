import { addDays } from './daily-series';
import { forecastCosts } from './cost-forecast';
import { forecastDaily } from './holt-winters';

const series = (values: readonly number[]) =>
  values.map((value, t) => ({ day: addDays('2026-02-01', t), value }));
const wobbly = Array.from({ length: 42 }, (_, t) => 200 + t + (t % 7 === 5 ? -30 : 5) + ((t * 37) % 11));

describe('forecastCosts', () => {
  it('sums the daily forecasts into the horizon total', () => {
    const result = forecastCosts(series(wobbly), 30);
    if (!result.ok) throw new Error(result.error.message);
    const sum = result.value.points.reduce((s, p) => s + p.value, 0);
    expect(result.value.total.value).toBeCloseTo(sum, 9);
    expect(result.value.method).toBe('holt-winters-additive');
  });

  it('gives the total an interval narrower than the sum of the daily bounds but wider than one day', () => {
    const result = forecastCosts(series(wobbly), 30);
    if (!result.ok) throw new Error(result.error.message);
    const { points, total } = result.value;
    const summedUpper = points.reduce((s, p) => s + p.upper, 0);
    expect(total.upper).toBeLessThanOrEqual(summedUpper + 1e-9);
    expect(total.upper - total.value).toBeGreaterThan(points[29].upper - points[29].value);
  });

  it('gives a one-day total exactly the one-day interval', () => {
    const total = forecastCosts(series(wobbly), 1);
    const daily = forecastDaily(series(wobbly), 1);
    if (!total.ok || !daily.ok) throw new Error('forecast failed');
    const [point] = daily.value.points;
    expect(total.value.total).toEqual({
      value: point.value,
      lower: expect.closeTo(point.lower, 9),
      upper: expect.closeTo(point.upper, 9),
    });
  });

  it('keeps the method, level and parameters of the daily forecast', () => {
    const result = forecastCosts(series([5, 6, 7, 8]), 3, { level: 0.8 });
    expect(result.ok && result.value).toMatchObject({
      method: 'holt-linear',
      level: 0.8,
      params: { alpha: expect.any(Number), beta: expect.any(Number), gamma: null },
    });
  });

  it('totals nothing for an empty series', () => {
    const result = forecastCosts([], 30);
    expect(result.ok && result.value.total).toEqual({ value: 0, lower: 0, upper: 0 });
  });

  it('passes validation errors through', () => {
    const result = forecastCosts(series([1]), 400);
    expect(!result.ok && result.error.code).toBe('validation');
  });
});
