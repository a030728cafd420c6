import { type Migration } from '../../../domain/migration/migration.entity';
import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { type AgentAction, ACTION_NAMES, type ActionContext } from '../../agents/agent-actions';
import { done, wait } from '../../workflows/node-handler';
import {
  type MigrationActionDeps,
  advance,
  loadMigration,
  reachStage,
  recordFailure,
  settingsOf,
  waveFailure,
} from './action-support';

/** The tool call policies see for a cutover, and that an approval is bound to. */
export const CUTOVER_TOOL = 'migration.cutover';

async function cutoverCall(deps: MigrationActionDeps, m: Migration) {
  const facts = await deps.workloads.listByIds(
    m.tenantId,
    m.workloads.map((w) => w.workloadId),
  );
  const environments = [...new Set(facts.map((f) => f.environment))].sort();
  const production = environments.includes('production');
  const critical = facts.some((f) => f.criticality === 'critical');
  return {
    arguments: {
      migration_id: m.id,
      wave: m.wave,
      provider_id: m.providerId,
      region: m.region,
      workloads: m.workloads.map((w) => w.name),
      environments,
      critical,
    },
    risk: critical ? ('critical' as const) : production ? ('high' as const) : ('medium' as const),
    environment: production ? 'production' : environments[0],
  };
}

async function awaitDecision(
  deps: MigrationActionDeps,
  ctx: ActionContext,
  m: Migration,
  approvalId: string,
) {
  const decided = await deps.getApproval.execute(ctx.actor, approvalId);
  if (!decided.ok) return decided;
  const status = decided.value.status;
  if (status === 'pending') {
    return ok(
      wait(`awaiting cutover approval ${approvalId}`, settingsOf(deps).approvalPollMs, {
        approval_id: approvalId,
      }),
    );
  }
  if (status !== 'approved') {
    const message = `cutover of wave ${m.wave} was ${status}${decided.value.reason ? `: ${decided.value.reason}` : ''}`;
    await recordFailure(deps, m, message);
    return err(DomainError.forbidden(message, 'cutover_not_approved'));
  }
  await ctx.record({
    id: 'approval',
    kind: 'approval',
    name: `cutover approved (${approvalId})`,
    output: { approval_id: approvalId, decided_by: decided.value.decided_by },
  });
  return ok(done({ decision: 'approved', approval_id: approvalId }));
}

/**
 * GA: asks the project's policy whether this wave may cut over. Allow goes on; block fails the
 * wave; require_approval opens an approval inside the migration's run and waits for the decision
 * (rejected or expired fails the wave at Cutover).
 */
export const cutoverGateAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationCutoverGate,
  description: 'Evaluate the cutover of a wave against policy and obtain approval when required',
  risk: 'medium',
  perform: async (ctx) => {
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'cutover');
    if (!staged.ok) return staged;
    const m = staged.value;
    const pending = ctx.run.node.state?.approval_id;
    if (typeof pending === 'string') return awaitDecision(deps, ctx, m, pending);

    const call = await cutoverCall(deps, m);
    const stepId = `migration-cutover-${m.id}${m.retries > 0 ? `-r${m.retries}` : ''}`;
    const decision = await deps.evaluatePolicy.execute(ctx.actor, {
      ...(m.runId ? { run_id: m.runId } : m.projectId ? { project_id: m.projectId } : {}),
      agent: ctx.agent,
      tool: CUTOVER_TOOL,
      arguments: call.arguments,
      risk: call.risk,
      environment: call.environment,
      step_id: m.runId ? stepId : undefined,
      issue_token: false,
    });
    if (!decision.ok) return decision;
    const { decision: verdict, reasons, policy_version } = decision.value;
    if (verdict === 'allow') return ok(done({ decision: 'allow', reasons, policy_version }));
    if (verdict === 'block') {
      const message = `policy version ${policy_version ?? '?'} blocks the cutover of wave ${m.wave}: ${reasons.join('; ') || 'no reason given'}`;
      await recordFailure(deps, m, message);
      return err(DomainError.forbidden(message, 'policy_blocked'));
    }
    if (!m.runId) {
      return err(
        waveFailure('the cutover needs an approval but the migration has no run to hold it', 'no_run'),
      );
    }
    const approval = await deps.createApproval.execute(ctx.actor, {
      run_id: m.runId,
      step_id: stepId,
      tool: CUTOVER_TOOL,
      arguments: call.arguments,
      risk: call.risk,
      summary: `Cut over wave ${m.wave} (${m.workloads.length} workloads: ${m.workloads
        .slice(0, 8)
        .map((w) => w.name)
        .join(', ')}${m.workloads.length > 8 ? '…' : ''}) to ${m.region}. ${reasons.join('; ')}`.slice(
        0,
        2000,
      ),
    });
    if (!approval.ok) return approval;
    await ctx.record({
      id: 'approval-requested',
      kind: 'approval',
      name: `cutover approval requested (${approval.value.id})`,
      output: { approval_id: approval.value.id, reasons },
    });
    return ok(
      wait(`awaiting cutover approval ${approval.value.id}`, settingsOf(deps).approvalPollMs, {
        approval_id: approval.value.id,
      }),
    );
  },
});

/** DOA: switches traffic to the validated targets (simulated) once the gate let it through. */
export const cutoverAction = (deps: MigrationActionDeps): AgentAction => ({
  name: ACTION_NAMES.migrationCutover,
  description: 'Switch the workloads of a validated wave over to their targets',
  risk: 'high',
  perform: async (ctx) => {
    const gate = ctx.run.upstream.cutover_gate;
    if (!gate || (gate.decision !== 'allow' && gate.decision !== 'approved')) {
      return err(
        DomainError.forbidden('the cutover gate did not let this wave through', 'cutover_not_allowed'),
      );
    }
    const loaded = await loadMigration(deps, ctx);
    if (!loaded.ok) return loaded;
    const staged = await reachStage(deps, loaded.value, 'cutover');
    if (!staged.ok) return staged;
    const m = staged.value;
    const notReady = m.workloads.filter((w) => w.state !== 'validated' && w.state !== 'cut_over');
    if (notReady.length > 0) {
      return err(
        waveFailure(
          `not validated: ${notReady.map((w) => `${w.name} (${w.state})`).join(', ')}`,
          'not_validated',
        ),
      );
    }
    const switched = [];
    for (const w of m.workloads) {
      const moved = await advance(deps, m, w, 'cut_over');
      if (!moved.ok) return moved;
      switched.push({ workload: w.name, target: w.targetExternalId ?? w.targetService });
    }
    await ctx.record({
      id: 'switch',
      kind: 'custom',
      name: 'traffic switched (simulated DNS cutover)',
      output: switched,
    });
    return ok(done({ cut_over: switched.length, workloads: switched, gate: gate.decision }));
  },
});
