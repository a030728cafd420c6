import { type CostLine } from '../../../domain/cloud/ports/cloud.port';
import { DomainError, type FieldError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { type ResourceType } from '../../../domain/cloud/resource.entity';
import { hashString, mix32 } from './prng';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const SERVICES: Readonly<Record<ResourceType, string>> = {
  vm: 'Compute',
  database: 'Databases',
  bucket: 'Object Storage',
  disk: 'Block Storage',
  llm_endpoint: 'AI Endpoints',
  vector_db: 'Vector DB',
  security_group: 'Networking',
  iam_policy: 'IAM',
};

export interface BillableResource {
  readonly externalId: string;
  readonly type: ResourceType;
  readonly region: string;
  readonly hourlyUsd: number;
  /** Half-open [start, end) in ms; end may be Infinity. */
  readonly intervals: readonly (readonly [number, number])[];
}

export interface CostWindow {
  /** Midnight UTC of the first day, ms. */
  readonly fromMs: number;
  readonly days: number;
  /** Nothing is billed past this instant: the simulated bill, like a real one, is never ahead of time. */
  readonly nowMs: number;
  /** Off makes every line exactly hours × price. */
  readonly variation: boolean;
}

/**
 * The usage-driven part of a bill (traffic, requests) that run time alone does not explain, so that
 * forecasts have a signal to fit: weekdays cost a little more than weekends, and each resource-day
 * wobbles by up to ±5%. Drawn by hash, not in sequence, so any day of any resource can be priced
 * on its own.
 */
export function dailyFactor(externalId: string, dayNumber: number): number {
  const wobble = mix32(hashString(externalId), dayNumber) / 4294967296;
  const weekday = (dayNumber + 4) % 7; // 1970-01-01, day 0, was a Thursday.
  const weekly = weekday === 0 || weekday === 6 ? 0.92 : 1.03;
  return weekly * (1 + (wobble - 0.5) * 0.1);
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a `YYYY-MM-DD` day in ms, or null when it is not a real day. */
function parseDay(day: string): number | null {
  if (!DAY_PATTERN.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? null : ms;
}

/** `[from, to)` as a window of whole days, at most `maxDays` long. */
export function parseCostRange(
  range: { readonly from: string; readonly to: string },
  maxDays: number,
): Result<{ readonly fromMs: number; readonly days: number }> {
  const fromMs = parseDay(range.from);
  const toMs = parseDay(range.to);
  const fields: FieldError[] = [];
  if (fromMs === null) fields.push({ path: 'from', message: 'expected a day, YYYY-MM-DD' });
  if (toMs === null) fields.push({ path: 'to', message: 'expected a day, YYYY-MM-DD' });
  if (fromMs !== null && toMs !== null) {
    if (toMs < fromMs) fields.push({ path: 'to', message: 'before from' });
    else if (toMs - fromMs > maxDays * DAY_MS)
      fields.push({ path: 'to', message: `at most ${maxDays} days after from` });
  }
  if (fields.length > 0 || fromMs === null || toMs === null) {
    return err(DomainError.validation('invalid cost range', fields));
  }
  return ok({ fromMs, days: Math.round((toMs - fromMs) / DAY_MS) });
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * One line per resource per day with spend. Overlaps of billing intervals with days are computed
 * arithmetically, so the work is proportional to days spanned, not hours.
 */
export function computeCosts(resources: Iterable<BillableResource>, window: CostWindow): CostLine[] {
  const { fromMs, days } = window;
  const endMs = Math.min(fromMs + days * DAY_MS, window.nowMs);
  const dayNames = Array.from({ length: days }, (_, d) =>
    new Date(fromMs + d * DAY_MS).toISOString().slice(0, 10),
  );
  const firstDayNumber = Math.round(fromMs / DAY_MS);
  const billedMs = new Float64Array(days);
  const lines: CostLine[] = [];

  for (const resource of resources) {
    if (resource.hourlyUsd <= 0) continue;
    let first = days;
    let last = -1;
    for (const [start, end] of resource.intervals) {
      let cursor = Math.max(start, fromMs);
      const stop = Math.min(end, endMs);
      if (stop <= cursor) continue;
      let day = Math.floor((cursor - fromMs) / DAY_MS);
      first = Math.min(first, day);
      while (cursor < stop) {
        const next = Math.min(stop, fromMs + (day + 1) * DAY_MS);
        billedMs[day] += next - cursor;
        cursor = next;
        last = day;
        day += 1;
      }
    }
    const service = SERVICES[resource.type];
    for (let day = first; day <= last; day++) {
      const ms = billedMs[day];
      if (ms === 0) continue;
      billedMs[day] = 0;
      const factor = window.variation ? dailyFactor(resource.externalId, firstDayNumber + day) : 1;
      const amountUsd = round6((ms / HOUR_MS) * resource.hourlyUsd * factor);
      if (amountUsd > 0) {
        lines.push({
          day: dayNames[day]!,
          service,
          region: resource.region,
          externalId: resource.externalId,
          amountUsd,
          estimated: false,
        });
      }
    }
  }
  return lines;
}
