import fc from 'fast-check';
import { addDays } from './daily-series';
import { forecastCosts } from './cost-forecast';
import { type ForecastParams, horizonVariance } from './holt-winters';

/** Observations on distinct days within two months, values including refunds (negative spend). */
const series = fc
  .uniqueArray(
    fc.record({ offset: fc.integer({ min: 0, max: 60 }), cents: fc.integer({ min: -5_000, max: 500_000 }) }),
    { maxLength: 40, selector: (point) => point.offset },
  )
  .map((points) => points.map((p) => ({ day: addDays('2026-03-01', p.offset), value: p.cents / 100 })));

describe('forecast properties', () => {
  it('always yields finite, non-negative points with lower ≤ value ≤ upper, one per day', () => {
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(0.8, 0.95),
        (input, horizon, level) => {
          const result = forecastCosts(input, horizon, { level: level as 0.8 | 0.95 });
          if (!result.ok) return false;
          const { points, total } = result.value;
          if (points.length !== (input.length === 0 ? 0 : horizon)) return false;
          const numbers = points
            .flatMap((p) => [p.lower, p.value, p.upper])
            .concat([total.lower, total.upper]);
          return (
            numbers.every((n) => Number.isFinite(n) && n >= 0) &&
            points.every((p) => p.lower <= p.value && p.value <= p.upper) &&
            total.lower <= total.value &&
            total.value <= total.upper &&
            points.every((p, i) => i === 0 || p.day === addDays(points[i - 1].day, 1))
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never lets the forecast variance shrink as the horizon grows', () => {
    const params = fc
      .record({
        alpha: fc.integer({ min: 1, max: 19 }),
        beta: fc.constantFrom(0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5),
        gamma: fc.integer({ min: 1, max: 19 }),
        sd: fc.integer({ min: 0, max: 10_000 }),
      })
      .filter((p) => p.alpha + p.gamma <= 20)
      .map((p): ForecastParams => ({
        alpha: p.alpha / 20,
        beta: p.beta,
        gamma: p.gamma / 20,
        seasonPeriod: 7,
        residualSd: p.sd / 100,
      }));
    fc.assert(
      fc.property(
        params,
        fc.constantFrom('holt-winters-additive', 'holt-linear', 'mean' as const),
        fc.integer({ min: 1, max: 365 }),
        (p, method, h) => horizonVariance(method, p, h + 1) >= horizonVariance(method, p, h),
      ),
    );
  });
});
