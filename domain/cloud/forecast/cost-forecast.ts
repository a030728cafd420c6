import { type Result, ok } from '../../shared/result';
import { type DailyValue } from './daily-series';
import { type DailyForecast, type ForecastOptions, errorWeight, forecastDaily, zScore } from './holt-winters';

export interface ForecastTotal {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CostForecast extends DailyForecast {
  /** Spend over the whole horizon. */
  readonly total: ForecastTotal;
}

/**
 * Daily spend forecast plus its sum over the horizon (the "next 30 days" figure).
 *
 * The interval of the sum is not the sum of the daily intervals: daily errors share the same
 * shocks, so they are correlated. Under the fitted model the sum of the errors over H days is
 * Σ_{i=1..H} ε_i·(1 + C_{H−i}) with C_k = Σ_{j≤k} c_j, hence Var = σ² Σ_{k=0..H−1} (1 + C_k)².
 * The approximation lies in what that ignores: the parameters are treated as known, errors as
 * Gaussian, and the clamping of daily values at 0 (the centre is the sum of the clamped values; the
 * lower bound is clamped at 0 once more).
 */
export function forecastCosts(
  series: readonly DailyValue[],
  horizon: number,
  options: ForecastOptions = {},
): Result<CostForecast> {
  const forecast = forecastDaily(series, horizon, options);
  if (!forecast.ok) return forecast;
  const { method, params, level, points } = forecast.value;

  const value = points.reduce((sum, point) => sum + point.value, 0);
  let cumulative = 0;
  let factor = 0;
  for (let k = 0; k < points.length; k += 1) {
    if (k > 0) cumulative += errorWeight(method, params, k);
    factor += (1 + cumulative) ** 2;
  }
  const halfWidth = zScore(level) * (params.residualSd ?? 0) * Math.sqrt(factor);
  return ok({
    ...forecast.value,
    total: { value, lower: Math.max(0, value - halfWidth), upper: value + halfWidth },
  });
}
