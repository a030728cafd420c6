import {
  type ForecastCostsUseCase,
  type GetCostsUseCase,
} from '../../application/cloud/cost-queries.use-case';
import { addDays, monthRange, utcDay } from '../../application/cloud/days';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { ok } from '../../domain/shared/result';
import { type ResourceDefinition } from '../shared/definitions';

/** `cost://summary`: this month's spend by provider and the next 30 days' forecast, at a glance. */
export const costSummaryResource = (
  costs: GetCostsUseCase,
  forecast: ForecastCostsUseCase,
  clock: Clock,
): ResourceDefinition => ({
  name: 'cost_summary',
  title: 'Cost summary',
  description:
    "This month's spend by provider (UTC, to date) and the 30-day forecast total with its 80% interval",
  uri: 'cost://summary',
  mimeType: 'application/json',
  access: 'viewer',
  async read(actor) {
    const today = utcDay(clock.now());
    const month = monthRange(today);
    const spend = await costs.execute(actor, {
      from: month.from,
      to: addDays(today, 1),
      group_by: 'provider',
      tag_key: 'team',
    });
    if (!spend.ok) return spend;
    const next = await forecast.execute(actor, { days: 30, history_days: 120 });
    if (!next.ok) return next;
    return ok({
      month: today.slice(0, 7),
      from: spend.value.from,
      to: spend.value.to,
      currency: 'USD',
      month_to_date_usd: spend.value.total_usd,
      providers: spend.value.groups.map((g) => ({
        provider_id: g.key,
        name: g.name,
        amount_usd: g.amount_usd,
      })),
      forecast_30d: { ...next.value.total, level: next.value.level, method: next.value.method },
    });
  },
});
