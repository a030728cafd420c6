import { DomainError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';

/** One day of a series, `day` as a UTC `YYYY-MM-DD`. */
export interface DailyValue {
  readonly day: string;
  readonly value: number;
}

/**
 * How a day absent between two observed days is filled. Cost exports often simply lack a day that
 * has not been ingested yet, and counting it as zero spend would drag the trend down, so the default
 * interpolates; `zero` suits series where absence really means nothing was spent.
 */
export type GapFill = 'interpolate' | 'zero';

/** A gap-free series: `values[i]` belongs to `firstDay + i`. */
export interface ContiguousSeries {
  readonly firstDay: string;
  readonly values: readonly number[];
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Ten years of days: beyond that a daily model says nothing useful and filling gaps costs memory. */
export const MAX_SERIES_SPAN_DAYS = 3660;

/** Days since the epoch, or null when the text is not a real calendar day. */
export function dayNumber(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches it.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date)
    return null;
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  if (n === null) throw new Error(`not a day: ${day}`);
  return dayFromNumber(n + days);
}

/**
 * Orders the series, sums several values given for one day (per-resource rows of the same day add
 * up to the day's spend) and fills the gaps between the first and the last day.
 */
export function toContiguous(
  series: readonly DailyValue[],
  gapFill: GapFill = 'interpolate',
): Result<ContiguousSeries | null> {
  const totals = new Map<number, number>();
  for (const [index, point] of series.entries()) {
    const n = dayNumber(point.day);
    if (n === null) return err(invalid(`series[${index}].day`, 'must be a calendar day as YYYY-MM-DD'));
    if (!Number.isFinite(point.value))
      return err(invalid(`series[${index}].value`, 'must be a finite number'));
    totals.set(n, (totals.get(n) ?? 0) + point.value);
  }
  if (totals.size === 0) return ok(null);
  const days = [...totals.keys()].sort((a, b) => a - b);
  const first = days[0];
  const last = days[days.length - 1];
  if (last - first + 1 > MAX_SERIES_SPAN_DAYS)
    return err(invalid('series', `must span at most ${MAX_SERIES_SPAN_DAYS} days`));

  const values: number[] = [];
  for (let i = 0; i < days.length; i += 1) {
    const day = days[i];
    const value = totals.get(day)!;
    if (i > 0) {
      const previousDay = days[i - 1];
      const previous = totals.get(previousDay)!;
      const gap = day - previousDay;
      for (let step = 1; step < gap; step += 1)
        values.push(gapFill === 'zero' ? 0 : previous + ((value - previous) * step) / gap);
    }
    values.push(value);
  }
  return ok({ firstDay: dayFromNumber(first), values });
}

function invalid(path: string, message: string): DomainError {
  return DomainError.validation(`${path} ${message}`, [{ path, message }]);
}
