import { z } from 'zod';
import {
  type CostsView,
  type ForecastCostsUseCase,
  type GetCostsUseCase,
} from '../../../application/cloud/cost-queries.use-case';
import { addDays, utcDay } from '../../../application/cloud/days';
import { type Clock } from '../../../domain/shared/ports/clock.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { definePrompt } from '../../shared/definitions';
import { usd } from './money';

export interface AnomalyCheckDeps {
  readonly costs: GetCostsUseCase;
  readonly forecast: ForecastCostsUseCase;
  readonly clock: Clock;
}

export const costAnomalyCheckPrompt = (deps: AnomalyCheckDeps) =>
  definePrompt({
    name: 'cost_anomaly_check',
    title: 'Check cloud spend for anomalies',
    description:
      'Embeds the daily spend of the last days, spend by service this week against the week before, and the next week’s forecast, and asks which days or services depart from the usual pattern and why.',
    args: z.strictObject({
      days: z
        .string()
        .regex(/^\d{1,3}$/, 'expected a whole number')
        .optional()
        .describe('Days of daily history to check, 14 to 180 (default 30)'),
    }),
    access: 'viewer',
    async render(actor, args) {
      const days = Number(args.days ?? '30');
      if (days < 14 || days > 180) {
        return err(
          DomainError.validation('days must be from 14 to 180', [{ path: 'days', message: '14–180' }]),
        );
      }
      const today = utcDay(deps.clock.now());
      const to = addDays(today, 1);
      const query = (from: string, until: string, group_by: 'day' | 'service') =>
        deps.costs.execute(actor, { from, to: until, group_by, tag_key: 'team' });
      const daily = await query(addDays(to, -days), to, 'day');
      if (!daily.ok) return daily;
      const thisWeek = await query(addDays(to, -7), to, 'service');
      if (!thisWeek.ok) return thisWeek;
      const lastWeek = await query(addDays(to, -14), addDays(to, -7), 'service');
      if (!lastWeek.ok) return lastWeek;
      const forecast = await deps.forecast.execute(actor, { days: 7, history_days: 120 });
      if (!forecast.ok) return forecast;
      const f = forecast.value;

      return ok(
        [
          `Check this Cockpit tenant's cloud spend for anomalies. All amounts are USD; days are UTC and ${today} is still accruing.`,
          '',
          `## Daily spend, ${daily.value.from} to ${addDays(daily.value.to, -1)}`,
          ...dailyLines(daily.value, days),
          '',
          '## Spend by service: last 7 days against the 7 days before',
          ...serviceLines(thisWeek.value, lastWeek.value),
          '',
          `## Forecast for the next 7 days: ${usd(f.total.value)} (${Math.round(f.level * 100)}% interval ${usd(f.total.lower)} – ${usd(f.total.upper)})`,
          ...f.points.map((p) => `- ${p.day}: ${usd(p.value)} (${usd(p.lower)} – ${usd(p.upper)})`),
          '',
          'Then:',
          '1. List the days and services whose spend departs from the usual pattern (a weekly rhythm is normal), with how far above or below their baseline they are.',
          '2. For each, the most likely cause the data points to, and what to check in the inventory (list_resources, get_costs grouped by resource) to confirm it.',
          '3. Whether the forecast suggests the anomaly continues.',
          'If nothing stands out, say so; do not invent causes the data does not show.',
        ].join('\n'),
      );
    },
  });

function dailyLines(view: CostsView, days: number): string[] {
  const amounts = new Map(view.groups.map((g) => [g.key, g.amount_usd]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(view.from, i);
    return `- ${day}: ${usd(amounts.get(day) ?? 0)}`;
  });
}

function serviceLines(current: CostsView, previous: CostsView): string[] {
  const before = new Map(previous.groups.map((g) => [g.key, g.amount_usd]));
  const keys = [...new Set([...current.groups.map((g) => g.key), ...before.keys()])];
  const now = new Map(current.groups.map((g) => [g.key, g.amount_usd]));
  if (keys.length === 0) return ['- no spend recorded'];
  return keys
    .map((key) => ({ key, now: now.get(key) ?? 0, before: before.get(key) ?? 0 }))
    .sort((a, b) => Math.abs(b.now - b.before) - Math.abs(a.now - a.before))
    .map(({ key, now: n, before: b }) => `- ${key}: ${usd(n)} (was ${usd(b)}, ${change(n, b)})`);
}

const change = (now: number, before: number): string =>
  before === 0
    ? now === 0
      ? 'no change'
      : 'new'
    : `${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(0)}%`;
