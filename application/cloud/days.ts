/** UTC calendar days as `YYYY-MM-DD` strings: the unit of cost records and budgets. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return utcDay(at);
}

export const monthOf = (day: string): string => day.slice(0, 7);

export function monthRange(day: string): { from: string; to: string; days: number; elapsed: number } {
  const first = `${monthOf(day)}-01`;
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const to = utcDay(next);
  const days = Math.round((next.getTime() - new Date(`${first}T00:00:00Z`).getTime()) / 86_400_000);
  const elapsed =
    Math.round(
      (new Date(`${day}T00:00:00Z`).getTime() - new Date(`${first}T00:00:00Z`).getTime()) / 86_400_000,
    ) + 1;
  return { from: first, to, days, elapsed };
}
