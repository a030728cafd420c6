import { z } from 'zod';
import { forecastCosts } from '../../domain/cloud/forecast/cost-forecast';
import { type CostRepository } from '../../domain/cloud/ports/cost-repository.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { COST_GROUP_BY, type CostsInput, type ForecastInput } from './cloud-input';
import { addDays, utcDay } from './days';
import { roundUsd, spendSeries } from './spend';

export const CostsView = z.object({
  from: z.iso.date(),
  to: z.iso.date().describe('Exclusive'),
  group_by: z.enum(COST_GROUP_BY),
  tag_key: z.string().nullable(),
  currency: z.literal('USD'),
  total_usd: z.number(),
  groups: z.array(z.object({ key: z.string(), name: z.string(), amount_usd: z.number() })),
});
export type CostsView = z.infer<typeof CostsView>;

/** Spend in a time range, grouped by provider, service, region, a tag, resource or day. */
export class GetCostsUseCase {
  constructor(
    private readonly costs: CostRepository,
    private readonly providers: ProviderRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CostsInput): Promise<Result<CostsView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const tenantId = reader.value.tenantId;
    const to = input.to ?? addDays(utcDay(this.clock.now()), 1);
    const from = input.from ?? addDays(to, -30);
    if (from >= to)
      return err(
        DomainError.validation('from must be before to', [{ path: 'from', message: 'must be before to' }]),
      );
    const groups = await this.costs.aggregate(tenantId, {
      from,
      to,
      groupBy: input.group_by,
      tagKey: input.tag_key,
      providerId: input.provider,
    });
    const names =
      input.group_by === 'provider'
        ? new Map((await this.providers.list(tenantId)).map((p) => [p.id, p.name]))
        : new Map<string, string>();
    return ok({
      from,
      to,
      group_by: input.group_by,
      tag_key: input.group_by === 'tag' ? input.tag_key : null,
      currency: 'USD',
      total_usd: roundUsd(groups.reduce((sum, g) => sum + g.amountUsd, 0)),
      groups: groups.map((g) => ({
        key: g.key,
        name: names.get(g.key) ?? g.key,
        amount_usd: roundUsd(g.amountUsd),
      })),
    });
  }
}

export const ForecastView = z.object({
  provider_id: z.uuid().nullable(),
  days: z.number().int(),
  method: z.string(),
  level: z.number().describe('Coverage of the prediction interval'),
  params: z.record(z.string(), z.number().nullable()),
  history: z.object({ from: z.iso.date(), to: z.iso.date(), total_usd: z.number() }),
  total: z.object({ value: z.number(), lower: z.number(), upper: z.number() }),
  points: z.array(z.object({ day: z.iso.date(), value: z.number(), lower: z.number(), upper: z.number() })),
});
export type ForecastView = z.infer<typeof ForecastView>;

/**
 * Next N days of spend per provider (or all) with a prediction interval: additive Holt-Winters
 * with weekly seasonality, fitted on the recent daily history (see domain/cloud/forecast).
 */
export class ForecastCostsUseCase {
  constructor(
    private readonly costs: CostRepository,
    private readonly providers: ProviderRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ForecastInput): Promise<Result<ForecastView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const tenantId = reader.value.tenantId;
    if (input.provider && !(await this.providers.findById(tenantId, input.provider))) {
      return err(DomainError.notFound('provider', input.provider));
    }
    // today is still accruing: the model learns from complete days only
    const to = utcDay(this.clock.now());
    const from = addDays(to, -input.history_days);
    const daily = await this.costs.daily(tenantId, { from, to, providerId: input.provider });
    const series = spendSeries(daily);
    const forecast = forecastCosts(series, input.days, { level: 0.8 });
    if (!forecast.ok) return forecast;
    const f = forecast.value;
    // with no history at all the model has nothing to say: the forecast starts tomorrow at zero
    const points =
      f.points.length > 0
        ? f.points
        : Array.from({ length: input.days }, (_, i) => ({
            day: addDays(to, i),
            value: 0,
            lower: 0,
            upper: 0,
          }));
    return ok({
      provider_id: input.provider ?? null,
      days: input.days,
      method: f.method,
      level: f.level,
      params: { ...f.params },
      history: { from, to, total_usd: roundUsd(series.reduce((s, p) => s + p.value, 0)) },
      total: {
        value: roundUsd(f.total.value),
        lower: roundUsd(f.total.lower),
        upper: roundUsd(f.total.upper),
      },
      points: points.map((p) => ({
        day: p.day,
        value: roundUsd(p.value),
        lower: roundUsd(p.lower),
        upper: roundUsd(p.upper),
      })),
    });
  }
}

export const RightsizingView = z.object({
  items: z.array(
    z.object({
      provider_id: z.uuid(),
      resource_id: z.uuid().nullable(),
      external_id: z.string(),
      name: z.string().nullable(),
      current_size: z.string(),
      suggested_size: z.string(),
      monthly_savings_usd: z.number(),
      reason: z.string(),
    }),
  ),
  monthly_savings_usd: z.number(),
});
export type RightsizingView = z.infer<typeof RightsizingView>;

/**
 * Right-sizing advice as the providers computed it from utilisation at their last sync (AWS Cost
 * Explorer, the simulated cloud's p95 figures); clouds whose SDKs here expose none give none.
 */
export class ListRightsizingUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly resources: ResourceRepository,
  ) {}

  async execute(actor: Actor): Promise<Result<RightsizingView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const tenantId = reader.value.tenantId;
    const hints = await this.providers.rightsizing(tenantId);
    const byExternal = new Map(
      (await this.resources.listAll(tenantId)).map((r) => [`${r.providerId}|${r.externalId}`, r]),
    );
    const items = hints
      .map((h) => {
        const resource = byExternal.get(`${h.providerId}|${h.externalId}`);
        return {
          provider_id: h.providerId,
          resource_id: resource?.id ?? null,
          external_id: h.externalId,
          name: resource?.name ?? null,
          current_size: h.currentSize,
          suggested_size: h.suggestedSize,
          monthly_savings_usd: roundUsd(h.monthlySavingsUsd),
          reason: h.reason,
        };
      })
      .filter((item) => byExternal.get(`${item.provider_id}|${item.external_id}`)?.state !== 'terminated')
      .sort((a, b) => b.monthly_savings_usd - a.monthly_savings_usd);
    return ok({ items, monthly_savings_usd: roundUsd(items.reduce((s, i) => s + i.monthly_savings_usd, 0)) });
  }
}
