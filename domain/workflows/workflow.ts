import { type TenantId } from '../shared/tenant-id';

/**
 * A workflow is a DAG of typed nodes. Its state lives in the database so any process can pick up
 * where another stopped: node execution is idempotent by `workflowId:key`.
 */
export const WORKFLOW_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/**
 * pending: waits for its upstream nodes; ready: may run (from `notBefore` on); queued: handed to
 * the executor; running: claimed by a process; waiting: the handler asked to be called again later
 * (e.g. an approval is pending), without spending an attempt; skipped: an upstream node failed or
 * the workflow was cancelled before it ran.
 */
export const NODE_STATUSES = [
  'pending',
  'ready',
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export type JsonObject = Readonly<Record<string, unknown>>;

/** What a caller asks for: the shape of one node before it exists. */
export interface NodeSpec {
  /** Unique within the workflow: letters, digits, `_ . : -`. */
  readonly key: string;
  /** The registered handler that runs it, e.g. `agent.task`, `migration.execute`, `delay`. */
  readonly type: string;
  /** Keys of the nodes whose outputs this one consumes; it runs when all of them succeeded. */
  readonly needs: readonly string[];
  readonly input: JsonObject;
  /** Display name. */
  readonly label?: string;
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts?: number;
  /** Per attempt (default 60 s); the handler's AbortSignal fires when it passes. */
  readonly timeoutMs?: number;
  /** First retry delay (default 1 s); it doubles on each further attempt, with jitter. */
  readonly backoffMs?: number;
}

export interface WorkflowSpec {
  /** What the workflow does, e.g. `goal: assess a portfolio`. */
  readonly name: string;
  /** The family it belongs to, e.g. `goal`, `migration`, `bench`. */
  readonly kind: string;
  readonly projectId: string | null;
  readonly input: JsonObject;
  readonly nodes: readonly NodeSpec[];
  /** How many of its nodes may be queued or running at once (default 8). */
  readonly maxConcurrency?: number;
  /** The run this workflow reports into (agents write their steps there). */
  readonly runId?: string | null;
}

export interface WorkflowNode {
  readonly key: string;
  readonly type: string;
  readonly label: string | null;
  readonly needs: readonly string[];
  readonly input: JsonObject;
  readonly status: NodeStatus;
  /** Attempts started so far. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly backoffMs: number;
  readonly output: JsonObject | null;
  /** What a waiting handler saved for its next call. */
  readonly state: JsonObject | null;
  readonly error: string | null;
  /** Why a waiting node waits (the handler's reason). */
  readonly waitingFor: string | null;
  readonly notBefore: Date | null;
  readonly workerId: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export interface Workflow {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly projectId: string | null;
  readonly name: string;
  readonly kind: string;
  readonly status: WorkflowStatus;
  readonly input: JsonObject;
  readonly maxConcurrency: number;
  readonly runId: string | null;
  /** Who started it: the nodes act on their behalf (within each agent's own permissions). */
  readonly startedBy: JsonObject;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

export const FINAL_WORKFLOW_STATUSES: readonly WorkflowStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Node states that hold one of the workflow's concurrency slots. */
export const IN_FLIGHT_NODE_STATUSES: readonly NodeStatus[] = ['queued', 'running'];

/** `workflowId:key`: the same on every attempt and delivery of a node. */
export const nodeIdempotencyKey = (workflowId: string, key: string): string => `${workflowId}:${key}`;

export interface WorkflowWithNodes {
  readonly workflow: Workflow;
  readonly nodes: readonly WorkflowNode[];
}
