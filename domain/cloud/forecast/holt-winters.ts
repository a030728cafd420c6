import { DomainError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';
import { type DailyValue, type GapFill, addDays, toContiguous } from './daily-series';
import { SEASON_PERIOD, type SmoothingFit, fitHolt, fitHoltWinters, mean, pointForecast } from './smoothing';

export const FORECAST_METHODS = ['holt-winters-additive', 'holt-linear', 'mean', 'none'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Coverage of the prediction interval. 95 % is the default: the residual spread is measured in sample, which flatters it. */
export type PredictionLevel = 0.8 | 0.95;
const Z: Readonly<Record<PredictionLevel, number>> = { 0.8: 1.2815515655446004, 0.95: 1.959963984540054 };

export const MAX_HORIZON_DAYS = 366;
/** Two full weeks: the seasonal start needs two seasons. */
export const MIN_SEASONAL_POINTS = 2 * SEASON_PERIOD;
export const MIN_TREND_POINTS = 3;

export interface ForecastParams {
  readonly alpha: number | null;
  /** β* of the component form; the error-correction β of the variance formula is α·β*. */
  readonly beta: number | null;
  readonly gamma: number | null;
  readonly seasonPeriod: number | null;
  /** σ of the one-step residuals (for `mean`, the assumed day-to-day spread); null without data. */
  readonly residualSd: number | null;
}

export interface ForecastPoint {
  readonly day: string;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface DailyForecast {
  readonly method: ForecastMethod;
  readonly level: PredictionLevel;
  readonly params: ForecastParams;
  readonly points: readonly ForecastPoint[];
}

export interface ForecastOptions {
  readonly level?: PredictionLevel;
  readonly gapFill?: GapFill;
}

/**
 * Forecasts a daily series `horizon` days past its last day. The method follows the data: additive
 * Holt-Winters with weekly seasonality from 14 days, Holt's linear trend from 3, the mean of one or
 * two values otherwise (with a deliberately wide interval), nothing for an empty series. Values and
 * bounds are clamped at 0, because spend is never negative.
 */
export function forecastDaily(
  series: readonly DailyValue[],
  horizon: number,
  options: ForecastOptions = {},
): Result<DailyForecast> {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_DAYS) {
    const message = `must be a whole number of days between 1 and ${MAX_HORIZON_DAYS}`;
    return err(DomainError.validation(`horizon ${message}`, [{ path: 'horizon', message }]));
  }
  const level = options.level ?? 0.95;
  const contiguous = toContiguous(series, options.gapFill);
  if (!contiguous.ok) return contiguous;
  if (contiguous.value === null) return ok({ method: 'none', level, params: NO_PARAMS, points: [] });

  const { firstDay, values } = contiguous.value;
  const model = chooseModel(values);
  const lastDay = addDays(firstDay, values.length - 1);
  const z = Z[level];
  const points = Array.from({ length: horizon }, (_, i): ForecastPoint => {
    const h = i + 1;
    const centre = model.point(h);
    const halfWidth = z * Math.sqrt(horizonVariance(model.method, model.params, h));
    return {
      day: addDays(lastDay, h),
      value: Math.max(0, centre),
      lower: Math.max(0, centre - halfWidth),
      upper: Math.max(0, centre + halfWidth),
    };
  });
  return ok({ method: model.method, level, params: model.params, points });
}

export function zScore(level: PredictionLevel): number {
  return Z[level];
}

/**
 * Variance of the h-step forecast error, FPP (3rd ed.) §8.7, Table 8.8, with β = α·β*:
 * ETS(A,A,A): σ²[1 + (h−1){α² + αβh + β²h(2h−1)/6} + γk{2α + γ + βm(k+1)}], k = ⌊(h−1)/m⌋;
 * ETS(A,A,N): the same without the γ term. The mean fallback is treated as a random walk, σ²·h,
 * so its interval keeps widening instead of pretending two points pin the future down.
 */
export function horizonVariance(method: ForecastMethod, params: ForecastParams, h: number): number {
  const sigma2 = (params.residualSd ?? 0) ** 2;
  if (method === 'none') return 0;
  if (method === 'mean') return sigma2 * h;
  const alpha = params.alpha ?? 0;
  const beta = alpha * (params.beta ?? 0);
  let factor = 1 + (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6);
  if (method === 'holt-winters-additive') {
    const gamma = params.gamma ?? 0;
    const m = params.seasonPeriod ?? SEASON_PERIOD;
    const k = Math.floor((h - 1) / m);
    factor += gamma * k * (2 * alpha + gamma + beta * m * (k + 1));
  }
  return sigma2 * factor;
}

/**
 * c_j of the error-correction form: the forecast error at step h is ε_h + Σ_{j<h} c_j·ε_{h−j}.
 * Table 8.8 is σ²(1 + Σ c_j²); sums over a horizon need the c_j themselves.
 */
export function errorWeight(method: ForecastMethod, params: ForecastParams, j: number): number {
  if (method === 'none') return 0;
  if (method === 'mean') return 1;
  const alpha = params.alpha ?? 0;
  const weight = alpha + alpha * (params.beta ?? 0) * j;
  if (method !== 'holt-winters-additive') return weight;
  const m = params.seasonPeriod ?? SEASON_PERIOD;
  return weight + (j % m === 0 ? (params.gamma ?? 0) : 0);
}

interface Model {
  readonly method: ForecastMethod;
  readonly params: ForecastParams;
  point(h: number): number;
}

const NO_PARAMS: ForecastParams = {
  alpha: null,
  beta: null,
  gamma: null,
  seasonPeriod: null,
  residualSd: null,
};

function chooseModel(values: readonly number[]): Model {
  const fit =
    values.length >= MIN_SEASONAL_POINTS
      ? fitHoltWinters(values)
      : values.length >= MIN_TREND_POINTS
        ? fitHolt(values)
        : null;
  return fit ? smoothingModel(fit) : meanModel(values);
}

function smoothingModel(fit: SmoothingFit): Model {
  const seasonal = fit.gamma !== null;
  // In-sample residuals understate the spread; dividing by the residuals left after the smoothing
  // parameters is the usual small correction.
  const freeResiduals = Math.max(1, fit.residualCount - (seasonal ? 3 : 2));
  return {
    method: seasonal ? 'holt-winters-additive' : 'holt-linear',
    params: {
      alpha: fit.alpha,
      beta: fit.beta,
      gamma: fit.gamma,
      seasonPeriod: seasonal ? fit.season.length : null,
      residualSd: Math.sqrt(fit.sse / freeResiduals),
    },
    point: (h) => pointForecast(fit, h),
  };
}

/**
 * One or two values carry no measure of volatility, so the spread is at least half the mean: the
 * interval says "about this much, give or take a lot" rather than inventing precision.
 */
function meanModel(values: readonly number[]): Model {
  const centre = mean(values);
  const spread = values.length > 1 ? Math.abs(values[1] - values[0]) / Math.SQRT2 : 0;
  return {
    method: 'mean',
    params: { ...NO_PARAMS, residualSd: Math.max(spread, Math.abs(centre) / 2) },
    point: () => centre,
  };
}
