import { z } from 'zod';
import { type PriceCatalog } from '../../domain/migration/ports/price-catalog.port';
import { type WorkloadRepository } from '../../domain/migration/ports/workload-repository.port';
import { assessPortfolio } from '../../domain/migration/portfolio';
import { STRATEGIES } from '../../domain/migration/strategy';
import { totalTco } from '../../domain/migration/tco';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type AssessWorkloadsInput, toGoals } from './migration-input';
import { TcoTotalsView, toGoalsView, toTcoTotalsView } from './migration.view';

export const AssessView = z.object({
  assessed: z.number().int(),
  region: z.string(),
  goals: z.record(z.string(), z.number()),
  average_readiness: z.number(),
  by_strategy: z.record(z.string(), z.number().int()),
  tco: TcoTotalsView,
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      readiness: z.number().int(),
      band: z.string(),
      strategy: z.enum(STRATEGIES),
      target_service: z.string(),
      confidence: z.number(),
      monthly_savings_usd: z.number(),
    }),
  ),
});
export type AssessView = z.infer<typeof AssessView>;

/**
 * Scores readiness, recommends a strategy for the given business goals and estimates TCO, for
 * every workload or the ones named, and stores the result on each workload. Dependency
 * complexity is always judged against the whole inventory.
 */
export class AssessWorkloadsUseCase {
  constructor(
    private readonly workloads: WorkloadRepository,
    private readonly catalog: PriceCatalog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: AssessWorkloadsInput): Promise<Result<AssessView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const region = input.region ?? this.catalog.defaultRegion();
    if (!this.catalog.knowsRegion(region)) {
      return err(
        DomainError.validation('unknown region', [{ path: 'region', message: 'not in the price catalog' }]),
      );
    }
    const all = await this.workloads.listAll(tenantId);
    const only = input.workload_ids ? new Set(input.workload_ids) : null;
    if (only) {
      const known = new Set(all.map((w) => w.id));
      const unknown = [...only].filter((id) => !known.has(id));
      if (unknown.length > 0) return err(DomainError.notFound('workload', unknown.slice(0, 10).join(', ')));
    }
    const goals = toGoals(input.goals);
    const assessed = assessPortfolio(
      all,
      { goals, catalog: this.catalog, region, now: this.clock.now() },
      only,
    );
    await this.workloads.saveAssessments(tenantId, assessed);

    const names = new Map(all.map((w) => [w.id, w.name]));
    const byStrategy: Record<string, number> = {};
    for (const { assessment } of assessed) {
      const s = assessment.recommendation.strategy;
      byStrategy[s] = (byStrategy[s] ?? 0) + 1;
    }
    const totalReadiness = assessed.reduce((s, a) => s + a.assessment.readiness.total, 0);
    return ok({
      assessed: assessed.length,
      region,
      goals: toGoalsView(goals),
      average_readiness: assessed.length ? Math.round((totalReadiness / assessed.length) * 10) / 10 : 0,
      by_strategy: byStrategy,
      tco: toTcoTotalsView(totalTco(assessed.map((a) => a.assessment.tco))),
      items: assessed.map(({ id, assessment: a }) => ({
        id,
        name: names.get(id) ?? id,
        readiness: a.readiness.total,
        band: a.readiness.band,
        strategy: a.recommendation.strategy,
        target_service: a.recommendation.targetService,
        confidence: a.recommendation.confidence,
        monthly_savings_usd: a.tco.monthlySavingsUsd,
      })),
    });
  }
}
