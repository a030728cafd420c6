import { addDays, dayNumber } from '../../domain/cloud/forecast/daily-series';

export { addDays };

/** UTC calendar days as `YYYY-MM-DD` strings: the unit of cost records and budgets. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The UTC month a day falls in: its bounds (`to` exclusive), its length and how many days of it have begun. */
export function monthRange(day: string): { from: string; to: string; days: number; elapsed: number } {
  const from = `${day.slice(0, 7)}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const to = utcDay(next);
  const start = dayNumber(from) as number;
  return {
    from,
    to,
    days: (dayNumber(to) as number) - start,
    elapsed: (dayNumber(day) as number) - start + 1,
  };
}
