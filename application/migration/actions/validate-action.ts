import { type MigrationWorkload } from '../../../domain/migration/migration.entity';
import { err, ok } from '../../../domain/shared/result';
import { type AgentAction, ACTION_NAMES } from '../../agents/agent-actions';
import { done, wait } from '../../workflows/node-handler';
import {
  type MigrationActionDeps,
  advance,
  isTransient,
  loadMigration,
  reachStage,
  recordFailure,
  settingsOf,
  waveFailure,
} from './action-support';

type Check =
  | { readonly workload: MigrationWorkload; readonly verdict: 'healthy'; readonly detail: string }
  | { readonly workload: MigrationWorkload; readonly verdict: 'waiting'; readonly detail: string }
  | { readonly workload: MigrationWorkload; readonly verdict: 'unhealthy'; readonly detail: string };

/**
 * PMA: waits until every target of the wave runs on the cloud (creation takes a while), re-reading
 * the provider's inventory between looks. A target that is terminated or missing fails the wave
 * at once; one still not running when the deadline passes fails it too, with the reason per
 * workload. The deadline is kept in the node's saved state and renewed on each retry round.
 */
export const validateAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationValidate,
  description: 'Check that every migrated workload runs healthy on its target',
  risk: 'low',
  perform: async (ctx) => {
    const settings = settingsOf(deps);
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'validate');
    if (!staged.ok) return staged;
    const m = staged.value;
    const now = deps.clock.now().getTime();
    const saved = ctx.run.node.state;
    const deadline =
      saved && saved.round === m.retries && typeof saved.deadline === 'number'
        ? saved.deadline
        : now + settings.validateDeadlineMs;
    const state = { round: m.retries, deadline };

    const refreshed = await deps.cloud.refresh(ctx.actor, m.providerId);
    if (!refreshed.ok) {
      if (isTransient(refreshed.error) && now < deadline) {
        return ok(
          wait(`the provider could not be read: ${refreshed.error.message}`, settings.validatePollMs, state),
        );
      }
      return refreshed;
    }

    const checks: Check[] = [];
    for (const w of m.workloads) {
      if (w.state === 'validated' || w.state === 'cut_over') {
        checks.push({ workload: w, verdict: 'healthy', detail: 'validated earlier' });
      } else if (w.state === 'failed') {
        checks.push({ workload: w, verdict: 'unhealthy', detail: w.error ?? 'failed during execution' });
      } else if (w.strategy === 'repurchase') {
        checks.push({
          workload: w,
          verdict: 'healthy',
          detail: `SaaS (${w.targetService}): no cloud target to check`,
        });
      } else if (!w.targetResourceId) {
        checks.push({ workload: w, verdict: 'unhealthy', detail: 'no target was created' });
      } else {
        const resource = await deps.cloud.get(ctx.actor, w.targetResourceId);
        if (!resource.ok) return resource;
        const r = resource.value;
        if (!r)
          checks.push({
            workload: w,
            verdict: 'unhealthy',
            detail: `target ${w.targetResourceId} is missing`,
          });
        else if (r.state === 'running')
          checks.push({ workload: w, verdict: 'healthy', detail: `${r.external_id} running` });
        else if (r.state === 'terminated') {
          checks.push({
            workload: w,
            verdict: 'unhealthy',
            detail: `target ${r.external_id} was terminated`,
          });
        } else
          checks.push({ workload: w, verdict: 'waiting', detail: `${r.external_id} is ${r.provider_state}` });
      }
    }

    for (const c of checks) {
      if (c.verdict === 'healthy' && c.workload.state !== 'validated' && c.workload.state !== 'cut_over') {
        const moved = await advance(deps, m, c.workload, 'validated', {
          targetResourceId: c.workload.targetResourceId,
          targetExternalId: c.workload.targetExternalId,
        });
        if (!moved.ok) return moved;
      }
    }
    const waiting = checks.filter((c) => c.verdict === 'waiting');
    const timedOut = waiting.length > 0 && now >= deadline;
    const unhealthy = [
      ...checks.filter((c) => c.verdict === 'unhealthy'),
      ...(timedOut
        ? waiting.map((c) => ({
            ...c,
            detail: `not running ${Math.round(settings.validateDeadlineMs / 1000)} s after validation began (${c.detail})`,
          }))
        : []),
    ];
    const report = checks.map((c) => ({ workload: c.workload.name, verdict: c.verdict, detail: c.detail }));
    if (unhealthy.length > 0) {
      for (const c of unhealthy) {
        if (c.workload.state !== 'failed') await advance(deps, m, c.workload, 'failed', { error: c.detail });
      }
      const message = `validation failed for ${unhealthy.length} of ${checks.length} workloads: ${unhealthy
        .map((c) => `${c.workload.name} (${c.detail})`)
        .join('; ')}`;
      await recordFailure(deps, m, message);
      await ctx.record({
        id: 'health',
        kind: 'error',
        name: 'target health',
        output: report,
        error: message,
      });
      return err(waveFailure(message, 'validation_failed'));
    }
    if (waiting.length > 0) {
      return ok(
        wait(
          `waiting for ${waiting.length} target(s) to run: ${waiting.map((c) => c.workload.name).join(', ')}`,
          settings.validatePollMs,
          state,
        ),
      );
    }
    await ctx.record({ id: 'health', kind: 'custom', name: 'target health', output: report });
    return ok(done({ validated: checks.length, checks: report }));
  },
});
