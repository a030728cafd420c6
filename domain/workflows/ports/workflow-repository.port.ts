import { type KeysetPosition } from '../../shared/page';
import { type TenantId } from '../../shared/tenant-id';
import { type PlannedNode } from '../dag';
import {
  type JsonObject,
  type NodeStatus,
  type Workflow,
  type WorkflowNode,
  type WorkflowStatus,
  type WorkflowWithNodes,
} from '../workflow';

export interface NodeRef {
  readonly tenantId: TenantId;
  readonly workflowId: string;
  readonly key: string;
}

/**
 * A node just moved to `queued`: hand it to the executor. `dispatch` counts the node's hand-overs,
 * so two enqueues of the same hand-over (a recovery racing the original) collapse into one job.
 */
export interface DispatchedNode {
  readonly key: string;
  readonly dispatch: number;
}

/** Which attempt a settlement is about: only the process that claimed it may settle it. */
export interface AttemptRef {
  readonly workerId: string;
  readonly attempt: number;
}

export type ClaimOutcome =
  | {
      readonly kind: 'claimed';
      readonly workflow: Workflow;
      readonly node: WorkflowNode;
      readonly dispatch: number;
      /** Outputs of the nodes in `needs`, by key. */
      readonly upstream: Readonly<Record<string, JsonObject>>;
    }
  | {
      /** Nothing to run: already running elsewhere, finished, not yet due, or its workflow stopped. */
      readonly kind: 'not_claimed';
      readonly nodeStatus: NodeStatus | null;
      readonly workflowStatus: WorkflowStatus | null;
    };

/**
 * A node the settlement claimed for the worker that settled (a continuation): it runs next in the
 * same process, without a queue hop or a claim of its own.
 */
export interface ContinuedNode {
  readonly node: WorkflowNode;
  readonly dispatch: number;
  /** Outputs of the nodes in `needs`, by key. */
  readonly upstream: Readonly<Record<string, JsonObject>>;
}

/** Asks a settlement to claim the first node it queues for the same worker, with this lease. */
export interface Continuation {
  readonly leaseMs: number;
}

/** How one attempt ended, to be recorded; only the attempt the worker claimed can be settled. */
export type NodeOutcomeRecord = {
  readonly key: string;
  readonly attempt: number;
  readonly next?: Continuation;
} & (
  | { readonly kind: 'succeeded'; readonly output: JsonObject }
  | { readonly kind: 'failed'; readonly error: string; readonly retryInMs: number | null }
  | {
      readonly kind: 'waiting';
      readonly reason: string;
      readonly state: JsonObject;
      readonly retryInMs: number;
    }
);

/** The result of recording a node's outcome. */
export interface Settlement {
  /** False when the attempt was no longer this worker's (reclaimed after its lease expired). */
  readonly applied: boolean;
  readonly node: WorkflowNode | null;
  readonly workflow: Workflow | null;
  /** The workflow reached a final status in this very settlement. */
  readonly finished: boolean;
  /** Nodes to hand to the queue (without the continuation). */
  readonly dispatched: readonly DispatchedNode[];
  /** The node claimed for this worker when a continuation was asked for and a node was queued. */
  readonly next: ContinuedNode | null;
}

export interface WorkflowSummary {
  readonly workflow: Workflow;
  /** Node counts by status. */
  readonly progress: Readonly<Partial<Record<NodeStatus, number>>>;
}

export interface WorkflowListQuery {
  readonly kind?: string;
  /** Only this project's workflows (API keys see their own project only). */
  readonly projectId?: string;
  readonly status?: WorkflowStatus;
  readonly after: KeysetPosition | null;
  readonly limit: number;
}

/** Running nodes a process holds, and what became of them since it claimed them. */
export interface HeldNode {
  readonly workflowId: string;
  readonly key: string;
  readonly attempt: number;
}

export interface LeaseState extends HeldNode {
  /** Still this worker's attempt (its lease was extended). */
  readonly held: boolean;
  readonly workflowStatus: WorkflowStatus | null;
}

/** Work a crashed or stalled process left behind, across tenants. */
export type StaleWork =
  | { readonly kind: 'node'; readonly ref: NodeRef; readonly dispatch: number }
  | { readonly kind: 'dispatch'; readonly tenantId: TenantId; readonly workflowId: string }
  | { readonly kind: 'finish'; readonly tenantId: TenantId; readonly workflowId: string };

export interface StaleQuery {
  /** A node queued longer than this is enqueued again (0: every queued node, at start-up). */
  readonly queuedForMs: number;
  /** How late a due node may be before its workflow is dispatched again (or hooks are re-run). */
  readonly graceMs: number;
  readonly limit: number;
}

/**
 * Workflow and node state. Every transition that touches a workflow's concurrency slots runs
 * serialized per workflow (its row is locked first), so `maxConcurrency` holds across processes.
 * Times (leases, not-before) come from the database clock, so machines need not agree on the time.
 */
export abstract class WorkflowRepository {
  /** Stores the workflow and its nodes (those without needs ready) and dispatches the first ones. */
  abstract create(workflow: Workflow, nodes: readonly PlannedNode[]): Promise<readonly DispatchedNode[]>;

  abstract find(tenantId: TenantId, id: string): Promise<WorkflowWithNodes | null>;

  /** Newest first. */
  abstract list(tenantId: TenantId, query: WorkflowListQuery): Promise<readonly WorkflowSummary[]>;

  /** Moves due ready/waiting nodes to queued while the workflow has free slots. */
  abstract dispatch(tenantId: TenantId, workflowId: string): Promise<readonly DispatchedNode[]>;

  /**
   * Takes a queued node (or a running one whose lease expired: its process died) for one attempt,
   * with its workflow and upstream outputs. A finished node is never claimed again.
   */
  abstract claim(
    ref: NodeRef,
    claim: { readonly workerId: string; readonly leaseMs: number },
  ): Promise<ClaimOutcome>;

  /**
   * Records outcomes of one workflow's nodes, in order, in one transaction; one settlement each.
   * - `succeeded` stores the output, unblocks dependents whose needs all succeeded, dispatches,
   *   and may finish the workflow;
   * - `failed` with `retryInMs` null fails the node for good: the workflow fails and its unstarted
   *   nodes are skipped; otherwise the node is ready again from then on;
   * - `waiting` saves the handler's state; the node waits until `retryInMs` without spending the
   *   attempt.
   * In a stopped workflow the attempt just ends.
   */
  abstract settle(
    tenantId: TenantId,
    workflowId: string,
    workerId: string,
    outcomes: readonly NodeOutcomeRecord[],
  ): Promise<readonly Settlement[]>;

  /** Cancels a running workflow and its unstarted nodes; null when not found. */
  abstract cancel(
    tenantId: TenantId,
    id: string,
    reason: string,
  ): Promise<{ readonly workflow: Workflow; readonly cancelled: boolean } | null>;

  /**
   * A failed or cancelled workflow runs again: failed, cancelled and skipped nodes start over,
   * succeeded ones are kept. Null when not found; `retried` false when it was not retryable.
   */
  abstract retry(
    tenantId: TenantId,
    id: string,
  ): Promise<{
    readonly workflow: Workflow;
    readonly retried: boolean;
    readonly dispatched: readonly DispatchedNode[];
  } | null>;

  /** Extends the leases of the running nodes this worker holds in one tenant. */
  abstract renewLeases(
    tenantId: TenantId,
    workerId: string,
    nodes: readonly HeldNode[],
    leaseMs: number,
  ): Promise<readonly LeaseState[]>;

  /** Expired leases, nodes queued too long, stalled dispatches and unhandled finishes: all tenants. */
  abstract stale(query: StaleQuery): Promise<readonly StaleWork[]>;

  /** Marks a finished workflow's hooks as handled; returns it to the one caller that did so. */
  abstract claimFinish(tenantId: TenantId, id: string): Promise<Workflow | null>;
}
