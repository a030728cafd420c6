import { type Migration, statusOf } from '../../../domain/migration/migration.entity';
import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { type AgentAction, ACTION_NAMES, type ActionContext } from '../../agents/agent-actions';
import { done, wait } from '../../workflows/node-handler';
import { StartMigrationInput } from '../migration-input';
import { toMigrationView } from '../migration.view';
import { type MigrationActionDeps, param, settingsOf, waveFailure } from './action-support';

const summary = (m: Migration) => {
  const view = toMigrationView(m);
  return {
    migration_id: view.id,
    wave: view.wave,
    status: view.status,
    stage: view.stage,
    failed_stage: view.failed_stage,
    counts: view.counts,
    workloads: view.workloads.map((w) => ({
      name: w.name,
      strategy: w.strategy,
      state: w.state,
      target: w.target_external_id,
    })),
    tco: view.tco,
    error: view.error,
  };
};

/** The latest migration of a wave, to adopt after a redelivery or report a wave already done. */
async function latestOfWave(deps: MigrationActionDeps, ctx: ActionContext, wave: number) {
  const [latest] = await deps.migrations.list(ctx.actor.tenantId, { wave, limit: 1 });
  return latest ?? null;
}

async function follow(deps: MigrationActionDeps, ctx: ActionContext, m: Migration) {
  const status = statusOf(m.stage);
  if (status === 'running' || status === 'rolling_back') {
    return ok(
      wait(`wave ${m.wave} is at ${m.stage}`, settingsOf(deps).runWavePollMs, { migration_id: m.id }),
    );
  }
  if (status === 'succeeded') return ok(done(summary(m)));
  return err(
    waveFailure(
      `wave ${m.wave} ${status}${m.failedStage ? ` at ${m.failedStage}` : ''}: ${m.error ?? 'no reason recorded'} (migration ${m.id}: retry or roll it back)`,
      'wave_failed',
    ),
  );
}

/**
 * MVA, for the EPA's goal "plan and execute wave N": starts the wave's pipeline as the goal's
 * actor, reporting into the goal's run, and waits until it finishes; its output is the
 * migration summary.
 */
export const runWaveAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationRunWave,
  description: 'Start the 6-stage pipeline for a wave and wait for it to finish',
  risk: 'high',
  perform: async (ctx) => {
    const adopted =
      typeof ctx.run.node.state?.migration_id === 'string'
        ? ctx.run.node.state.migration_id
        : param(ctx, 'migration_id');
    if (adopted) {
      const m = await deps.migrations.findById(ctx.actor.tenantId, adopted);
      if (!m) return err(DomainError.notFound('migration', adopted));
      return follow(deps, ctx, m);
    }
    const runId = ctx.run.workflow.runId;
    const input = StartMigrationInput.safeParse({
      ...ctx.params,
      ...(runId && !ctx.params.run_id ? { run_id: runId } : {}),
    });
    if (!input.success) {
      return err(
        DomainError.validation(
          'invalid wave request',
          input.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        ),
      );
    }
    const started = await deps.startMigration.execute(ctx.actor, input.data);
    if (started.ok) {
      await ctx.record({
        id: 'started',
        kind: 'tool',
        name: `started wave ${input.data.wave}`,
        tool: 'migration.start',
        input: input.data,
        output: { migration_id: started.value.id, workflow_id: started.value.workflow_id },
      });
      return ok(
        wait(`wave ${input.data.wave} started`, settingsOf(deps).runWavePollMs, {
          migration_id: started.value.id,
        }),
      );
    }
    if (started.error.reason === 'workloads_in_migration') {
      const latest = await latestOfWave(deps, ctx, input.data.wave);
      const status = latest ? statusOf(latest.stage) : null;
      if (latest && (status === 'running' || status === 'succeeded')) return follow(deps, ctx, latest);
    }
    return started;
  },
});
