import { type EntityManager } from 'typeorm';
import { type TenantId, asTenantId } from '../../../domain/shared/tenant-id';
import { type PlannedNode } from '../../../domain/workflows/dag';
import {
  type ClaimOutcome,
  type ContinuedNode,
  type DispatchedNode,
  type HeldNode,
  type LeaseState,
  type NodeOutcomeRecord,
  type NodeRef,
  type Settlement,
  type StaleQuery,
  type StaleWork,
  WorkflowRepository,
  type WorkflowListQuery,
  type WorkflowSummary,
} from '../../../domain/workflows/ports/workflow-repository.port';
import {
  type JsonObject,
  type NodeStatus,
  type Workflow,
  type WorkflowStatus,
  type WorkflowWithNodes,
} from '../../../domain/workflows/workflow';
import { type Database, returning } from '../database';
import {
  NODE_COLUMNS,
  type NodeRow,
  WORKFLOW_COLUMNS,
  WorkflowMapper,
  type WorkflowRow,
} from '../mappers/workflow.mapper';
import * as Sql from './workflow-statements';

/** A workflow this big may have doubled the table: statistics are refreshed if so. */
const STATS_AFTER_NODES = 50;

type ClaimedNodeRow = NodeRow & { dispatches: number };

interface SettledRow {
  node: NodeRow | null;
  workflow_status: WorkflowStatus | null;
  finished?: WorkflowRow | null;
  dispatch?: DispatchRow;
  next?: { node: ClaimedNodeRow; upstream: Record<string, JsonObject> };
}

/**
 * Raw SQL on `workflows` and `workflow_nodes`. The per-node path is functions of the migrations:
 * the claim (which also returns the workflow and upstream outputs) and the settlement of a batch
 * of outcomes (lock, record, unblock dependents, dispatch, and claim the next node for the same
 * worker when asked): one round trip per node along a chain, two where a node comes through the
 * queue, fewer where outcomes of one workflow settle together.
 */
export class TypeormWorkflowRepository extends WorkflowRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(workflow: Workflow, nodes: readonly PlannedNode[]): Promise<readonly DispatchedNode[]> {
    const tenantId = workflow.tenantId;
    return this.db.run({ tenantId }, async (m) => {
      await m.query(Sql.INSERT_WORKFLOW, [
        tenantId,
        workflow.id,
        workflow.projectId,
        workflow.runId,
        workflow.name,
        workflow.kind,
        JSON.stringify(workflow.input),
        workflow.maxConcurrency,
        JSON.stringify(workflow.startedBy),
        workflow.createdAt,
      ]);
      await m.query(Sql.INSERT_NODES, [
        tenantId,
        workflow.id,
        JSON.stringify(nodes.map(WorkflowMapper.toNodeRecord)),
      ]);
      if (nodes.length >= STATS_AFTER_NODES) await m.query('SELECT cockpit_refresh_workflow_stats()');
      return (await dispatchLocked(m, tenantId, workflow.id, workflow.maxConcurrency)).dispatched;
    });
  }

  async find(tenantId: TenantId, id: string): Promise<WorkflowWithNodes | null> {
    return this.db.run({ tenantId }, async (m) => {
      const [row]: WorkflowRow[] = await m.query(
        `SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      if (!row) return null;
      const nodes: NodeRow[] = await m.query(
        `SELECT ${NODE_COLUMNS} FROM workflow_nodes WHERE tenant_id = $1 AND workflow_id = $2 ORDER BY ordinal`,
        [tenantId, id],
      );
      return { workflow: WorkflowMapper.toWorkflow(row), nodes: nodes.map(WorkflowMapper.toNode) };
    });
  }

  async list(tenantId: TenantId, query: WorkflowListQuery): Promise<readonly WorkflowSummary[]> {
    const params: unknown[] = [tenantId, query.limit];
    const where = ['w.tenant_id = $1'];
    if (query.kind) where.push(`w.kind = $${params.push(query.kind)}`);
    if (query.projectId) where.push(`w.project_id = $${params.push(query.projectId)}`);
    if (query.status) where.push(`w.status = $${params.push(query.status)}`);
    if (query.after) {
      params.push(query.after.at, query.after.id);
      where.push(`(w.created_at, w.id) < ($${params.length - 1}, $${params.length})`);
    }
    const rows: (WorkflowRow & { progress: Record<string, number> | null })[] = await this.db.run(
      { tenantId },
      (m) =>
        m.query(
          `SELECT ${prefixed('w', WORKFLOW_COLUMNS)},
                  (SELECT jsonb_object_agg(s.status, s.n) FROM (
                     SELECT status, count(*)::int AS n FROM workflow_nodes x
                      WHERE x.tenant_id = w.tenant_id AND x.workflow_id = w.id GROUP BY status) s) AS progress
             FROM workflows w WHERE ${where.join(' AND ')}
            ORDER BY w.created_at DESC, w.id DESC LIMIT $2`,
          params,
        ),
    );
    return rows.map((row) => ({
      workflow: WorkflowMapper.toWorkflow(row),
      progress: (row.progress ?? {}) as Partial<Record<NodeStatus, number>>,
    }));
  }

  async dispatch(tenantId: TenantId, workflowId: string): Promise<readonly DispatchedNode[]> {
    return this.db.run({ tenantId }, async (m) => {
      const [lock] = await m.query(Sql.LOCK_WORKFLOW, [tenantId, workflowId]);
      if (!lock || lock.status !== 'running') return [];
      return (await dispatchLocked(m, tenantId, workflowId, lock.max_concurrency)).dispatched;
    });
  }

  async claim(ref: NodeRef, claim: { workerId: string; leaseMs: number }): Promise<ClaimOutcome> {
    const row = await this.call<{
      workflow: WorkflowRow;
      node_status: NodeStatus | null;
      node: ClaimedNodeRow | null;
      upstream: Record<string, JsonObject> | null;
    }>('cockpit_wf_claim($1, $2, $3, $4, $5)', [
      ref.tenantId,
      ref.workflowId,
      ref.key,
      claim.workerId,
      Math.round(claim.leaseMs),
    ]);
    if (!row?.node) {
      return {
        kind: 'not_claimed',
        nodeStatus: row?.node_status ?? null,
        workflowStatus: row?.workflow.status ?? null,
      };
    }
    return {
      kind: 'claimed',
      workflow: WorkflowMapper.toWorkflow(row.workflow),
      ...toClaimedNode(row.node, row.upstream),
    };
  }

  async settle(
    tenantId: TenantId,
    workflowId: string,
    workerId: string,
    outcomes: readonly NodeOutcomeRecord[],
  ): Promise<readonly Settlement[]> {
    const rows = await this.call<SettledRow[]>('cockpit_wf_settle_all($1, $2, $3, $4)', [
      tenantId,
      workflowId,
      workerId,
      JSON.stringify(outcomes.map(toOutcomeRow)),
    ]);
    return outcomes.map((_, i) => toSettlement(rows?.[i]));
  }

  async cancel(
    tenantId: TenantId,
    id: string,
    reason: string,
  ): Promise<{ workflow: Workflow; cancelled: boolean } | null> {
    return this.db.run({ tenantId }, async (m) => {
      const [row] = await returning<{ stopped: WorkflowRow | null }>(m, Sql.CANCEL, [tenantId, id, reason]);
      if (row?.stopped) return { workflow: WorkflowMapper.toWorkflow(row.stopped), cancelled: true };
      const [current]: WorkflowRow[] = await m.query(
        `SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return current ? { workflow: WorkflowMapper.toWorkflow(current), cancelled: false } : null;
    });
  }

  async retry(
    tenantId: TenantId,
    id: string,
  ): Promise<{ workflow: Workflow; retried: boolean; dispatched: readonly DispatchedNode[] } | null> {
    return this.db.run({ tenantId }, async (m) => {
      const [lock] = await m.query(Sql.LOCK_WORKFLOW, [tenantId, id]);
      if (!lock) return null;
      if (lock.status !== 'failed' && lock.status !== 'cancelled') {
        const [current]: WorkflowRow[] = await m.query(
          `SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id],
        );
        return {
          workflow: WorkflowMapper.toWorkflow(current as WorkflowRow),
          retried: false,
          dispatched: [],
        };
      }
      await m.query(Sql.RESET_UNFINISHED, [tenantId, id]);
      const [restarted] = await returning<WorkflowRow>(m, Sql.RESTART_WORKFLOW, [tenantId, id]);
      const dispatched = await dispatchLocked(m, tenantId, id, lock.max_concurrency);
      return {
        workflow: dispatched.finished ?? WorkflowMapper.toWorkflow(restarted as WorkflowRow),
        retried: true,
        dispatched: dispatched.dispatched,
      };
    });
  }

  async renewLeases(
    tenantId: TenantId,
    workerId: string,
    nodes: readonly HeldNode[],
    leaseMs: number,
  ): Promise<readonly LeaseState[]> {
    if (nodes.length === 0) return [];
    const held = JSON.stringify(
      nodes.map((n) => ({ workflow_id: n.workflowId, key: n.key, attempt: n.attempt })),
    );
    const rows = await this.db.run({ tenantId }, (m) =>
      returning<{
        workflow_id: string;
        key: string;
        attempt: number;
        held: boolean;
        workflow_status: WorkflowStatus | null;
      }>(m, Sql.RENEW_LEASES, [tenantId, workerId, held, Math.round(leaseMs)]),
    );
    return rows.map((row) => ({
      workflowId: row.workflow_id,
      key: row.key,
      attempt: row.attempt,
      held: row.held,
      workflowStatus: row.workflow_status,
    }));
  }

  async stale(query: StaleQuery): Promise<readonly StaleWork[]> {
    const rows: {
      kind: 'node' | 'dispatch' | 'finish';
      tenant_id: string;
      workflow_id: string;
      node_key: string | null;
      dispatch: number | null;
    }[] = await this.db.run({}, (m) =>
      m.query('SELECT * FROM cockpit_stale_workflow_work($1, $2, $3)', [
        Math.round(query.queuedForMs),
        Math.round(query.graceMs),
        query.limit,
      ]),
    );
    return rows.map((row): StaleWork => {
      const tenantId = asTenantId(row.tenant_id);
      if (row.kind === 'node') {
        return {
          kind: 'node',
          ref: { tenantId, workflowId: row.workflow_id, key: row.node_key as string },
          dispatch: row.dispatch ?? 0,
        };
      }
      return { kind: row.kind, tenantId, workflowId: row.workflow_id };
    });
  }

  async claimFinish(tenantId: TenantId, id: string): Promise<Workflow | null> {
    const [row] = await this.db.run({ tenantId }, (m) =>
      returning<WorkflowRow>(m, Sql.CLAIM_FINISH, [tenantId, id]),
    );
    return row ? WorkflowMapper.toWorkflow(row) : null;
  }

  /**
   * One statement outside any transaction (the hot-path functions open their own), straight on the
   * driver's pool: pg and the PGlite pool both answer `query(sql, params)` with `{ rows }`.
   */
  private async call<T>(call: string, params: unknown[]): Promise<T | null> {
    const pool = (this.db.dataSource.driver as unknown as { master: Queryable }).master;
    const { rows } = await pool.query(`SELECT ${call} AS result`, params);
    return (rows[0]?.result as T | undefined) ?? null;
  }
}

interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: { result: unknown }[] }>;
}

interface DispatchRow {
  queued: [string, number][];
  finished: WorkflowRow | null;
}

async function dispatchLocked(
  m: EntityManager,
  tenantId: TenantId,
  workflowId: string,
  maxConcurrency: number,
): Promise<{ dispatched: DispatchedNode[]; finished: Workflow | null }> {
  const [row]: { result: DispatchRow }[] = await m.query('SELECT cockpit_wf_dispatch($1, $2, $3) AS result', [
    tenantId,
    workflowId,
    maxConcurrency,
  ]);
  return {
    dispatched: toDispatched(row?.result),
    finished: row?.result.finished ? WorkflowMapper.toWorkflow(row.result.finished) : null,
  };
}

/** The JSON `cockpit_wf_settle_all` reads, with the bounds of the columns it writes. */
function toOutcomeRow(outcome: NodeOutcomeRecord): Record<string, unknown> {
  const row = {
    kind: outcome.kind,
    key: outcome.key,
    attempt: outcome.attempt,
    lease: outcome.next ? Math.max(1, Math.round(outcome.next.leaseMs)) : null,
  };
  if (outcome.kind === 'succeeded') return { ...row, output: outcome.output };
  if (outcome.kind === 'failed') {
    const retry = outcome.retryInMs === null ? null : Math.round(outcome.retryInMs);
    return { ...row, error: outcome.error.slice(0, 4000), retry_ms: retry };
  }
  return {
    ...row,
    reason: outcome.reason.slice(0, 1000),
    state: outcome.state,
    retry_ms: Math.round(outcome.retryInMs),
  };
}

function toSettlement(row: SettledRow | undefined): Settlement {
  const node = row?.node ? WorkflowMapper.toNode(row.node) : null;
  if (!row || !node) {
    return { applied: false, node: null, workflow: null, finished: false, dispatched: [], next: null };
  }
  const finished = row.finished ?? row.dispatch?.finished ?? null;
  return {
    applied: true,
    node,
    workflow: finished ? WorkflowMapper.toWorkflow(finished) : null,
    finished: finished !== null,
    dispatched: toDispatched(row.dispatch),
    next: row.next ? toClaimedNode(row.next.node, row.next.upstream) : null,
  };
}

/** A node claimed for an attempt, by a claim or by a settlement (a continuation). */
const toClaimedNode = (node: ClaimedNodeRow, upstream: Record<string, JsonObject> | null): ContinuedNode => ({
  node: WorkflowMapper.toNode(node),
  dispatch: node.dispatches,
  upstream: upstream ?? {},
});

const toDispatched = (row: DispatchRow | null | undefined): DispatchedNode[] =>
  (row?.queued ?? []).map(([key, dispatch]) => ({ key, dispatch }));

const prefixed = (alias: string, columns: string) =>
  columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');
