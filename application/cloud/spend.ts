import { type DailyValue } from '../../domain/cloud/forecast/daily-series';

/** Dollar amounts leave the API rounded to cents. */
export const roundUsd = (value: number): number => Math.round(value * 100) / 100;

/**
 * Daily spend as a forecast series, starting at the first day with any spend: the zero days before
 * a provider was connected are not a trend the model should learn.
 */
export function spendSeries(daily: readonly { day: string; amountUsd: number }[]): DailyValue[] {
  const first = daily.findIndex((d) => d.amountUsd > 0);
  return first < 0 ? [] : daily.slice(first).map((d) => ({ day: d.day, value: d.amountUsd }));
}
