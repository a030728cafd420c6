import { STAYS_PUT } from '../../../domain/migration/strategy';
import { assessPortfolio } from '../../../domain/migration/portfolio';
import { estimateTco, requiredCapacity, targetMachine, totalTco } from '../../../domain/migration/tco';
import { err, ok } from '../../../domain/shared/result';
import { DomainError } from '../../../domain/shared/domain-error';
import { type AgentAction } from '../../agents/agent-actions';
import { ACTION_NAMES } from '../../agents/agent-actions';
import { done } from '../../workflows/node-handler';
import { PlanWavesInput } from '../migration-input';
import { toTcoTotalsView } from '../migration.view';
import { type MigrationActionDeps, loadMigration, reachStage } from './action-support';
import { assessInventory, inventoryTco, isPortfolioTask } from './portfolio-actions';

/** RSA: re-assesses the wave's workloads with the migration's business goals and stores the results. */
export const assessAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationAssess,
  description:
    'Score readiness and recommend a 7R strategy for the workloads of a wave (or, without migration_id, of the whole inventory)',
  risk: 'low',
  perform: async (ctx) => {
    if (isPortfolioTask(ctx)) return assessInventory(deps, ctx);
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'assess');
    if (!staged.ok) return staged;
    const m = staged.value;
    const all = await deps.workloads.listAll(m.tenantId);
    const region = deps.catalog.knowsRegion(m.region) ? m.region : deps.catalog.defaultRegion();
    const ids = new Set(m.workloads.map((w) => w.workloadId));
    const now = deps.clock.now();
    const assessed = assessPortfolio(all, { goals: m.goals, catalog: deps.catalog, region, now }, ids);
    await deps.workloads.saveAssessments(m.tenantId, assessed);
    const byId = new Map(assessed.map((a) => [a.id, a.assessment]));
    const notes: string[] = [];
    for (const w of m.workloads) {
      const a = byId.get(w.workloadId);
      if (!a) {
        notes.push(`${w.name} is no longer in the inventory; it keeps its planned strategy`);
        continue;
      }
      const strategy = a.recommendation.strategy;
      if (strategy === w.strategy) continue;
      if (STAYS_PUT.has(strategy)) {
        notes.push(`${w.name} now assesses as ${strategy}; this wave still moves it as ${w.strategy}`);
        continue;
      }
      await deps.migrations.saveWorkload(m.tenantId, m.id, {
        ...w,
        strategy,
        targetService: a.recommendation.targetService,
        updatedAt: now,
      });
      notes.push(`${w.name}: ${w.strategy} → ${strategy} for these goals`);
    }
    const results = m.workloads.map((w) => {
      const a = byId.get(w.workloadId);
      return {
        name: w.name,
        readiness: a?.readiness.total ?? null,
        band: a?.readiness.band ?? null,
        strategy: a?.recommendation.strategy ?? w.strategy,
        target_service: a?.recommendation.targetService ?? w.targetService,
        confidence: a?.recommendation.confidence ?? null,
      };
    });
    await ctx.record({
      id: 'assessment',
      kind: 'custom',
      name: 'readiness and strategy',
      output: { results, notes },
    });
    return ok(done({ assessed: results.length, results, notes }));
  },
});

/** MVA: picks each target's VM size (smallest that fits the right-sized capacity) in the wave's region. */
export const planWaveAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationPlanWave,
  description: 'Plan the targets of a wave: service, size and region for every workload',
  risk: 'low',
  perform: async (ctx) => {
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'plan');
    if (!staged.ok) return staged;
    const m = staged.value;
    if (!deps.catalog.knowsRegion(m.region)) {
      return err(
        DomainError.validation(
          `no prices for region ${m.region}: migration targets are sized for the simulated cloud`,
          [{ path: 'region', message: 'not in the price catalog' }],
        ),
      );
    }
    const facts = new Map(
      (
        await deps.workloads.listByIds(
          m.tenantId,
          m.workloads.map((w) => w.workloadId),
        )
      ).map((w) => [w.id, w]),
    );
    const targets = [];
    for (const w of m.workloads) {
      const f = facts.get(w.workloadId);
      const provisions = w.strategy !== 'repurchase';
      let size = w.targetSize;
      if (provisions && f) size = targetMachine(deps.catalog, m.region, requiredCapacity(f)).quote.size;
      if (!provisions) size = null;
      if (size !== w.targetSize) {
        await deps.migrations.saveWorkload(m.tenantId, m.id, {
          ...w,
          targetSize: size,
          updatedAt: deps.clock.now(),
        });
      }
      targets.push({
        name: w.name,
        strategy: w.strategy,
        target_service: w.targetService,
        size,
        region: m.region,
      });
    }
    await ctx.record({ id: 'targets', kind: 'custom', name: 'target plan', output: { targets } });
    return ok(done({ wave: m.wave, region: m.region, targets }));
  },
});

/** FIA: the wave's TCO from the price catalog, stored on the migration. */
export const tcoAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationTco,
  description:
    'Estimate current vs cloud monthly cost and one-time cost of a wave (or, without migration_id, of every planned wave)',
  risk: 'low',
  perform: async (ctx) => {
    if (isPortfolioTask(ctx)) return inventoryTco(deps, ctx);
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const m = loaded.value;
    const region = deps.catalog.knowsRegion(m.region) ? m.region : deps.catalog.defaultRegion();
    const facts = await deps.workloads.listByIds(
      m.tenantId,
      m.workloads.map((w) => w.workloadId),
    );
    const strategyOf = new Map(m.workloads.map((w) => [w.workloadId, w.strategy]));
    const items = facts.map((f) => ({
      name: f.name,
      tco: estimateTco(f, strategyOf.get(f.id) ?? 'rehost', deps.catalog, region),
    }));
    const totals = totalTco(items.map((i) => i.tco));
    await deps.migrations.update(m.tenantId, m.id, { tco: totals, updatedAt: deps.clock.now() });
    const view = toTcoTotalsView(totals);
    await ctx.record({ id: 'tco', kind: 'custom', name: 'wave TCO', output: view });
    return ok(
      done({
        tco: view,
        workloads: items.map((i) => ({
          name: i.name,
          current_monthly_usd: i.tco.currentMonthlyUsd,
          cloud_monthly_usd: i.tco.cloudMonthlyUsd,
          one_time_migration_usd: i.tco.oneTimeMigrationUsd,
        })),
      }),
    );
  },
});

/** MVA: closes the wave. */
export const completeAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationComplete,
  description: 'Mark a migrated wave complete',
  risk: 'low',
  perform: async (ctx) => {
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'complete');
    if (!staged.ok) return staged;
    const m = staged.value;
    return ok(
      done({
        migration_id: m.id,
        wave: m.wave,
        stage: m.stage,
        workloads: m.workloads.map((w) => ({
          name: w.name,
          state: w.state,
          target_resource_id: w.targetResourceId,
        })),
        tco: m.tco ? toTcoTotalsView(m.tco) : null,
      }),
    );
  },
});

/** MVA: the wave plan of the whole inventory (the EPA's "plan the migration" goal). */
export const planWavesAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationPlanWaves,
  description: 'Plan migration waves from the dependency graph of the inventory',
  risk: 'low',
  perform: async (ctx) => {
    const input = PlanWavesInput.safeParse(ctx.params);
    if (!input.success) {
      return err(
        DomainError.validation(
          'invalid wave caps',
          input.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        ),
      );
    }
    const planned = await deps.planWaves.execute(ctx.actor, input.data);
    if (!planned.ok) return planned;
    return ok(done({ ...planned.value }));
  },
});
