import { type ResourceView, isApprovalRequired } from '../../cloud/cloud.view';
import {
  type Migration,
  type MigrationWorkload,
  TARGET_TAG,
  targetName,
  targetTagValue,
} from '../../../domain/migration/migration.entity';
import { ok, err } from '../../../domain/shared/result';
import { type AgentAction, ACTION_NAMES, type ActionContext } from '../../agents/agent-actions';
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
  workloadOf,
} from './action-support';

/** Used when Plan could not size a workload (it left the inventory): the smallest general-purpose VM. */
const FALLBACK_SIZE = 'gp.small';

async function findOrCreateTarget(
  deps: MigrationActionDeps,
  ctx: ActionContext,
  m: Migration,
  w: MigrationWorkload,
) {
  const tag = { key: TARGET_TAG, value: targetTagValue(m.id, w.name) };
  // A second delivery of this node finds the VM the first one created instead of making another.
  const existing = await deps.cloud.findTagged(ctx.actor, m.providerId, tag);
  if (!existing.ok || existing.value) return { result: existing, created: false };
  const facts = await deps.workloads.findById(m.tenantId, w.workloadId);
  const input = {
    provider_id: m.providerId,
    name: targetName(w.name, m.wave),
    region: m.region,
    type: 'vm' as const,
    size: w.targetSize ?? FALLBACK_SIZE,
    tags: {
      [tag.key]: tag.value,
      'cockpit-wave': String(m.wave),
      workload: w.name.slice(0, 256),
      strategy: w.strategy,
      ...(facts ? { env: facts.environment } : {}),
    },
  };
  const created = await deps.cloud.create(ctx.actor, input);
  await ctx.record({
    id: 'create-target',
    kind: 'tool',
    name: 'cloud.create',
    tool: 'cloud.create',
    input,
    ...(created.ok
      ? {
          output: {
            id: created.value.id,
            external_id: created.value.external_id,
            state: created.value.state,
          },
        }
      : { error: created.error.message }),
  });
  return { result: created, created: true };
}

/**
 * DOA (an L1 worker per workload): provisions the workload's target VM on the wave's provider and
 * marks it migrated. SaaS repurchases have no cloud target. A provisioning failure fails the
 * workload and the node (the runner retries transient cloud errors first).
 */
export const executeWorkloadAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationExecuteWorkload,
  description: "Provision one workload's target in the cloud and move it",
  risk: 'medium',
  perform: async (ctx) => {
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'execute');
    if (!staged.ok) return staged;
    const m = staged.value;
    const found = workloadOf(m, ctx);
    if (!found.ok) return found;
    let w = found.value;
    if (w.state === 'migrated' || w.state === 'validated' || w.state === 'cut_over') {
      return ok(
        done({ workload: w.name, state: w.state, target_resource_id: w.targetResourceId, repeated: true }),
      );
    }
    if (w.strategy === 'repurchase') {
      const moved = await advance(deps, m, w, 'migrated');
      if (!moved.ok) return moved;
      await ctx.record({
        id: 'saas',
        kind: 'custom',
        name: 'SaaS cutover prepared',
        output: { target_service: w.targetService },
      });
      return ok(
        done({
          workload: w.name,
          state: 'migrated',
          target_service: w.targetService,
          target_resource_id: null,
        }),
      );
    }
    const migrating = await advance(deps, m, w, 'migrating');
    if (!migrating.ok) return migrating;
    w = migrating.value;
    const { result, created } = await findOrCreateTarget(deps, ctx, m, w);
    if (!result.ok) {
      if (isTransient(result.error)) return result;
      await advance(deps, m, w, 'failed', { error: result.error.message });
      const message = `${w.name}: the target could not be created: ${result.error.message}`;
      await recordFailure(deps, m, message);
      return err(waveFailure(message, 'target_not_created'));
    }
    const target = result.value as ResourceView;
    const migrated = await advance(deps, m, w, 'migrated', {
      targetResourceId: target.id,
      targetExternalId: target.external_id,
      targetSize: target.size ?? w.targetSize,
    });
    if (!migrated.ok) return migrated;
    return ok(
      done({
        workload: w.name,
        state: 'migrated',
        target_resource_id: target.id,
        target_external_id: target.external_id,
        size: target.size,
        target_state: target.state,
        reused: !created,
      }),
    );
  },
});

/**
 * DOA (an L1 worker per workload): terminates the workload's target, found by id or by its
 * migration tag, through the cloud lifecycle use case. When the resource policy requires an
 * approval for the termination, it waits for the decision and terminates with its token.
 */
export const rollbackWorkloadAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationRollbackWorkload,
  description: "Terminate one workload's migration target and mark it rolled back",
  risk: 'high',
  perform: async (ctx) => {
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const m = loaded.value;
    const found = workloadOf(m, ctx);
    if (!found.ok) return found;
    const w = found.value;
    if (w.state === 'rolled_back')
      return ok(done({ workload: w.name, state: 'rolled_back', repeated: true }));
    let resourceId = w.targetResourceId;
    if (!resourceId) {
      const tagged = await deps.cloud.findTagged(ctx.actor, m.providerId, {
        key: TARGET_TAG,
        value: targetTagValue(m.id, w.name),
      });
      if (!tagged.ok) return tagged;
      resourceId = tagged.value?.id ?? null;
    }
    const reason =
      typeof ctx.params.reason === 'string' ? ctx.params.reason : `rollback of migration ${m.id}`;
    if (resourceId) {
      const resource = await deps.cloud.get(ctx.actor, resourceId);
      if (!resource.ok) return resource;
      if (resource.value && resource.value.state !== 'terminated') {
        const approval = ctx.run.node.state;
        let token: { decision_token: string; run_id: string } | undefined;
        if (approval && typeof approval.approval_id === 'string') {
          const decided = await deps.getApproval.execute(ctx.actor, approval.approval_id);
          if (!decided.ok) return decided;
          if (decided.value.status === 'pending') {
            return ok(
              wait(
                `awaiting approval ${approval.approval_id} to terminate ${w.name}`,
                settingsOf(deps).approvalPollMs,
                approval,
              ),
            );
          }
          if (decided.value.status !== 'approved' || !decided.value.decision_token) {
            return err(
              waveFailure(
                `termination of ${w.name}'s target was ${decided.value.status}`,
                'rollback_not_approved',
              ),
            );
          }
          token = { decision_token: decided.value.decision_token, run_id: decided.value.run_id };
        }
        const terminated = await deps.cloud.terminate(ctx.actor, resourceId, {
          reason,
          ...(m.projectId ? { project_id: m.projectId } : {}),
          ...(token ?? {}),
        });
        await ctx.record({
          id: 'terminate-target',
          kind: 'tool',
          name: 'cloud.terminate',
          tool: 'cloud.terminate',
          input: { resource_id: resourceId, reason },
          ...(terminated.ok ? { output: terminated.value } : { error: terminated.error.message }),
        });
        if (!terminated.ok) return terminated;
        if (isApprovalRequired(terminated.value)) {
          const state = { approval_id: terminated.value.approval_id, run_id: terminated.value.run_id };
          return ok(
            wait(
              `termination of ${w.name}'s target needs approval ${state.approval_id}`,
              settingsOf(deps).approvalPollMs,
              state,
            ),
          );
        }
      }
    }
    const rolled = await advance(deps, m, w, 'rolled_back', { targetResourceId: resourceId });
    if (!rolled.ok) return rolled;
    return ok(done({ workload: w.name, state: 'rolled_back', terminated_resource_id: resourceId }));
  },
});
