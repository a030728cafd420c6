/**
 * Exponential smoothing in the component form of Hyndman & Athanasopoulos, "Forecasting: Principles
 * and Practice" (3rd ed.), §8.2–8.3, with parameters chosen by a deterministic grid search on the
 * one-step-ahead sum of squared errors. The grid replaces a numerical optimiser: it is coarse, but
 * it always gives the same answer for the same data, which a cost page that reloads needs.
 */

export const SEASON_PERIOD = 7;

/** Step 0.05 from 0.05 to 0.95, kept as twentieths so the γ ≤ 1 − α constraint is exact. */
const TWENTIETHS = Array.from({ length: 19 }, (_, i) => i + 1);
export const BETA_GRID: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5];

/** The states after the last observation, enough to forecast any horizon. */
export interface SmoothingFit {
  readonly alpha: number;
  /** β* of the component form (the trend's own smoothing); the error-correction β is α·β*. */
  readonly beta: number;
  /** Null for the non-seasonal Holt method. */
  readonly gamma: number | null;
  readonly level: number;
  readonly trend: number;
  /** Seasonal states by phase: `season[t % m]` is the latest estimate for time t's phase. */
  readonly season: readonly number[];
  /** Observations the fitted model has seen (the seasonal phase of step h is `(n + h - 1) % m`). */
  readonly n: number;
  readonly sse: number;
  /** Residuals that entered the SSE. */
  readonly residualCount: number;
}

interface Run {
  readonly sse: number;
  readonly level: number;
  readonly trend: number;
  readonly season: number[];
}

/**
 * Additive Holt-Winters. Initial states come from the first two seasons (FPP's classical start,
 * made trend-aware): the trend is the difference of the two seasonal means over m, the level sits on
 * that line one step before the first observation, and each seasonal index averages its two
 * detrended observations. Needs at least 2·m values.
 */
export function fitHoltWinters(values: readonly number[], m = SEASON_PERIOD): SmoothingFit | null {
  const mean1 = mean(values.slice(0, m));
  const mean2 = mean(values.slice(m, 2 * m));
  const trend0 = (mean2 - mean1) / m;
  const level0 = mean1 - (trend0 * (m + 1)) / 2;
  const line = (t: number) => level0 + trend0 * (t + 1);
  const season0 = Array.from(
    { length: m },
    (_, i) => (values[i] - line(i) + values[i + m] - line(i + m)) / 2,
  );

  let best: (Run & { alpha: number; beta: number; gamma: number }) | null = null;
  for (const a of TWENTIETHS) {
    // γ ≤ 1 − α keeps the seasonal update a proper weighted average (FPP §8.3).
    for (let g = 1; a + g <= 20; g += 1) {
      for (const beta of BETA_GRID) {
        const alpha = a / 20;
        const gamma = g / 20;
        const run = runHoltWinters(values, m, alpha, beta, gamma, level0, trend0, season0, best?.sse);
        if (run && (best === null || run.sse < best.sse)) best = { ...run, alpha, beta, gamma };
      }
    }
  }
  // Null only when every candidate overflowed (values near Number.MAX_VALUE).
  return best && { ...best, n: values.length, residualCount: values.length };
}

function runHoltWinters(
  values: readonly number[],
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  level0: number,
  trend0: number,
  season0: readonly number[],
  bound: number | undefined,
): Run | null {
  let level = level0;
  let trend = trend0;
  const season = [...season0];
  let sse = 0;
  for (let t = 0; t < values.length; t += 1) {
    const phase = t % m;
    const y = values[t];
    const error = y - (level + trend + season[phase]);
    sse += error * error;
    // A candidate already worse than the best cannot win: stop early (also stops overflow).
    if (bound !== undefined && !(sse < bound)) return null;
    const nextLevel = alpha * (y - season[phase]) + (1 - alpha) * (level + trend);
    const nextTrend = beta * (nextLevel - level) + (1 - beta) * trend;
    season[phase] = gamma * (y - level - trend) + (1 - gamma) * season[phase];
    level = nextLevel;
    trend = nextTrend;
  }
  return Number.isFinite(sse) ? { sse, level, trend, season } : null;
}

/**
 * Holt's linear trend. The level and trend start on the line through the first two observations,
 * which those two therefore fit exactly: only residuals from the third on count. Needs 3 values.
 */
export function fitHolt(values: readonly number[]): SmoothingFit | null {
  const trend0 = values[1] - values[0];
  let best: (Run & { alpha: number; beta: number }) | null = null;
  for (const a of TWENTIETHS) {
    for (const beta of BETA_GRID) {
      const alpha = a / 20;
      const run = runHolt(values, alpha, beta, values[1], trend0, best?.sse);
      if (run && (best === null || run.sse < best.sse)) best = { ...run, alpha, beta };
    }
  }
  return best && { ...best, gamma: null, n: values.length, residualCount: values.length - 2 };
}

function runHolt(
  values: readonly number[],
  alpha: number,
  beta: number,
  level0: number,
  trend0: number,
  bound: number | undefined,
): Run | null {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (let t = 2; t < values.length; t += 1) {
    const y = values[t];
    const error = y - (level + trend);
    sse += error * error;
    if (bound !== undefined && !(sse < bound)) return null;
    const nextLevel = alpha * y + (1 - alpha) * (level + trend);
    trend = beta * (nextLevel - level) + (1 - beta) * trend;
    level = nextLevel;
  }
  return Number.isFinite(sse) ? { sse, level, trend, season: [] } : null;
}

/** Point forecast h steps after the last observation. */
export function pointForecast(fit: SmoothingFit, h: number): number {
  const seasonal = fit.season.length === 0 ? 0 : fit.season[(fit.n + h - 1) % fit.season.length];
  return fit.level + h * fit.trend + seasonal;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
