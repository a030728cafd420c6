import { AGENT_TASK } from '../agents/agent-task-handler';
import { type Migration } from '../../domain/migration/migration.entity';
import { type NodeSpec, type WorkflowSpec } from '../../domain/workflows/workflow';
import { ACTION_NAMES } from '../agents/agent-actions';

export const MIGRATION_WORKFLOW_KIND = 'migration';
export const ROLLBACK_WORKFLOW_KIND = 'migration_rollback';
/** The node type the agent hierarchy registers: an agent performs one action. */

type Agent = 'RSA' | 'FIA' | 'GA' | 'MVA' | 'DOA' | 'PMA';

const task = (
  key: string,
  label: string,
  agent: Agent,
  action: string,
  needs: readonly string[],
  params: Record<string, unknown>,
  extra: Partial<NodeSpec> & { worker?: boolean } = {},
): NodeSpec => {
  const { worker, ...rest } = extra;
  return {
    key,
    type: AGENT_TASK,
    label,
    needs,
    input: { agent, action, params, ...(worker ? { worker: true } : {}) },
    ...rest,
  };
};

/** Node keys allow letters, digits and `_ . : -`; workload names may hold anything else. */
export function workloadKeys(m: Migration, prefix: string): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const w of m.workloads) {
    const slug = w.name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80) || 'workload';
    let key = `${prefix}:${slug}`;
    for (let n = 2; used.has(key); n++) key = `${prefix}:${slug}-${n}`;
    used.add(key);
    keys.set(w.workloadId, key);
  }
  return keys;
}

/**
 * Assess → Plan (with TCO beside it) → Execute (one node per workload, run by fresh L1 workers,
 * at most `concurrency` at once) → Validate (fan-in) → Cutover (the governance gate, then the
 * switch) → Complete. Each node is an `agent.task`: the agent's IAM permission is checked and
 * its steps land in the migration's run.
 */
export function migrationPipeline(m: Migration, concurrency: number): WorkflowSpec {
  const params = { migration_id: m.id };
  const executes = workloadKeys(m, 'execute');
  const executeNodes = m.workloads.map((w) =>
    task(
      executes.get(w.workloadId) as string,
      `Execute ${w.name} (${w.strategy})`,
      'DOA',
      ACTION_NAMES.migrationExecuteWorkload,
      ['plan'],
      { ...params, workload_id: w.workloadId },
      { worker: true, timeoutMs: 120_000 },
    ),
  );
  return {
    name: `migration: ${m.name}`,
    kind: MIGRATION_WORKFLOW_KIND,
    projectId: m.projectId,
    runId: m.runId,
    maxConcurrency: Math.max(2, concurrency),
    input: { migration_id: m.id, wave: m.wave },
    nodes: [
      task('assess', 'Assess the wave', 'RSA', ACTION_NAMES.migrationAssess, [], params),
      task('plan', 'Plan targets and sizes', 'MVA', ACTION_NAMES.migrationPlanWave, ['assess'], params),
      task('tco', 'Estimate TCO', 'FIA', ACTION_NAMES.migrationTco, ['assess'], params),
      ...executeNodes,
      task(
        'validate',
        'Validate targets',
        'PMA',
        ACTION_NAMES.migrationValidate,
        [...executeNodes.map((n) => n.key), 'tco'],
        params,
      ),
      task(
        'cutover_gate',
        'Cutover policy gate',
        'GA',
        ACTION_NAMES.migrationCutoverGate,
        ['validate'],
        params,
      ),
      task('cutover', 'Cut over', 'DOA', ACTION_NAMES.migrationCutover, ['cutover_gate'], params),
      task('complete', 'Complete the wave', 'MVA', ACTION_NAMES.migrationComplete, ['cutover'], params),
    ],
  };
}

/** Terminates the targets of a failed or cancelled wave, one L1 worker per workload. */
export function rollbackPipeline(m: Migration, reason: string | null): WorkflowSpec {
  const keys = workloadKeys(m, 'rollback');
  return {
    name: `rollback: ${m.name}`,
    kind: ROLLBACK_WORKFLOW_KIND,
    projectId: m.projectId,
    runId: m.runId,
    maxConcurrency: 8,
    input: { migration_id: m.id, wave: m.wave, reason },
    nodes: m.workloads
      .filter((w) => w.state !== 'rolled_back')
      .map((w) =>
        task(
          keys.get(w.workloadId) as string,
          `Roll back ${w.name}`,
          'DOA',
          ACTION_NAMES.migrationRollbackWorkload,
          [],
          { migration_id: m.id, workload_id: w.workloadId, reason },
          { worker: true, timeoutMs: 120_000 },
        ),
      ),
  };
}
