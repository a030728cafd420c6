import { assessPortfolio } from '../../../domain/migration/portfolio';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { type ActionContext } from '../../agents/agent-actions';
import { type NodeOutcome, done } from '../../workflows/node-handler';
import { GoalsInput, PlanWavesInput, toGoals } from '../migration-input';
import { type MigrationActionDeps } from './action-support';

/**
 * The EPA's portfolio goals (assess a portfolio, plan a migration) use the same RSA and FIA
 * actions as a wave's pipeline, but before any migration exists: then they cover the whole
 * inventory instead of one wave.
 */
export const isPortfolioTask = (ctx: ActionContext): boolean => typeof ctx.params.migration_id !== 'string';

/** RSA over the whole inventory: readiness and strategy of every workload, stored. */
export async function assessInventory(
  deps: MigrationActionDeps,
  ctx: ActionContext,
): Promise<Result<NodeOutcome>> {
  const goals = GoalsInput.optional().safeParse(ctx.params.goals);
  if (!goals.success) {
    return err(
      DomainError.validation('invalid business-goal weights', [{ path: 'goals', message: 'invalid' }]),
    );
  }
  const all = await deps.workloads.listAll(ctx.actor.tenantId);
  if (all.length === 0) {
    return err(
      DomainError.validation('the inventory is empty: import workloads first', [], 'empty_inventory'),
    );
  }
  const assessed = assessPortfolio(all, {
    goals: toGoals(goals.data),
    catalog: deps.catalog,
    region: deps.catalog.defaultRegion(),
    now: deps.clock.now(),
  });
  await deps.workloads.saveAssessments(ctx.actor.tenantId, assessed);
  const byStrategy: Record<string, number> = {};
  for (const a of assessed) {
    const s = a.assessment.recommendation.strategy;
    byStrategy[s] = (byStrategy[s] ?? 0) + 1;
  }
  const readiness = assessed.map((a) => a.assessment.readiness.total);
  const output = {
    assessed: assessed.length,
    by_strategy: byStrategy,
    average_readiness: Math.round(readiness.reduce((s, r) => s + r, 0) / readiness.length),
    least_ready: [...assessed]
      .sort((a, b) => a.assessment.readiness.total - b.assessment.readiness.total)
      .slice(0, 5)
      .map((a) => ({ workload_id: a.id, readiness: a.assessment.readiness.total })),
  };
  await ctx.record({ id: 'assessment', kind: 'custom', name: 'portfolio readiness and strategy', output });
  return ok(done(output));
}

/** FIA over the wave plan: TCO per wave and in all. */
export async function inventoryTco(
  deps: MigrationActionDeps,
  ctx: ActionContext,
): Promise<Result<NodeOutcome>> {
  const caps = PlanWavesInput.safeParse(ctx.params);
  if (!caps.success) {
    return err(DomainError.validation('invalid wave caps', [{ path: 'params', message: 'invalid' }]));
  }
  const plan = await deps.planWaves.execute(ctx.actor, caps.data);
  if (!plan.ok) return plan;
  const waves = plan.value.waves.map((w) => ({ wave: w.number, workloads: w.size, tco: w.tco }));
  const sum = (
    key: 'current_monthly_usd' | 'cloud_monthly_usd' | 'monthly_savings_usd' | 'one_time_migration_usd',
  ) => Math.round(waves.reduce((s, w) => s + w.tco[key], 0) * 100) / 100;
  const output = {
    waves,
    total: {
      current_monthly_usd: sum('current_monthly_usd'),
      cloud_monthly_usd: sum('cloud_monthly_usd'),
      monthly_savings_usd: sum('monthly_savings_usd'),
      one_time_migration_usd: sum('one_time_migration_usd'),
    },
  };
  await ctx.record({ id: 'tco', kind: 'custom', name: 'portfolio TCO', output });
  return ok(done(output));
}
