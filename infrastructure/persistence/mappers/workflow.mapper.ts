import { asTenantId } from '../../../domain/shared/tenant-id';
import { type PlannedNode } from '../../../domain/workflows/dag';
import {
  type JsonObject,
  type NodeStatus,
  type Workflow,
  type WorkflowNode,
  type WorkflowStatus,
} from '../../../domain/workflows/workflow';

type Time = Date | string;
const date = (value: Time): Date => (value instanceof Date ? value : new Date(value));
const maybeDate = (value: Time | null): Date | null => (value === null ? null : date(value));

export interface WorkflowRow {
  tenant_id: string;
  id: string;
  project_id: string | null;
  run_id: string | null;
  name: string;
  kind: string;
  status: WorkflowStatus;
  input: JsonObject;
  max_concurrency: number;
  started_by: JsonObject;
  error: string | null;
  created_at: Time;
  finished_at: Time | null;
}

export const WORKFLOW_COLUMNS =
  'tenant_id, id, project_id, run_id, name, kind, status, input, max_concurrency, started_by, error, created_at, finished_at';

export interface NodeRow {
  key: string;
  type: string;
  label: string | null;
  needs: string[];
  input: JsonObject;
  status: NodeStatus;
  attempts: number;
  max_attempts: number;
  timeout_ms: number;
  backoff_ms: number;
  output: JsonObject | null;
  state: JsonObject | null;
  error: string | null;
  waiting_for: string | null;
  not_before: Time | null;
  worker_id: string | null;
  started_at: Time | null;
  finished_at: Time | null;
}

/** What a node read returns; `dependents`, counters and leases stay in the database. */
export const NODE_COLUMNS =
  'key, type, label, needs, input, status, attempts, max_attempts, timeout_ms, backoff_ms, output, state, error, waiting_for, not_before, worker_id, started_at, finished_at';

export const WorkflowMapper = {
  toWorkflow(row: WorkflowRow): Workflow {
    return {
      tenantId: asTenantId(row.tenant_id),
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      input: row.input,
      maxConcurrency: row.max_concurrency,
      runId: row.run_id,
      startedBy: row.started_by,
      error: row.error,
      createdAt: date(row.created_at),
      finishedAt: maybeDate(row.finished_at),
    };
  },

  toNode(row: NodeRow): WorkflowNode {
    return {
      key: row.key,
      type: row.type,
      label: row.label,
      needs: row.needs,
      input: row.input,
      status: row.status,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      timeoutMs: row.timeout_ms,
      backoffMs: row.backoff_ms,
      output: row.output,
      state: row.state,
      error: row.error,
      waitingFor: row.waiting_for,
      notBefore: maybeDate(row.not_before),
      workerId: row.worker_id,
      startedAt: maybeDate(row.started_at),
      finishedAt: maybeDate(row.finished_at),
    };
  },

  /** The insert record of a planned node: the columns the create statement reads from JSON. */
  toNodeRecord(node: PlannedNode): Record<string, unknown> {
    return {
      key: node.key,
      ordinal: node.ordinal,
      type: node.type,
      label: node.label,
      needs: node.needs,
      dependents: node.dependents,
      input: node.input,
      max_attempts: node.maxAttempts,
      timeout_ms: node.timeoutMs,
      backoff_ms: node.backoffMs,
    };
  },
};
