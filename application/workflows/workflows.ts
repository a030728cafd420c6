import { type Result } from '../../domain/shared/result';
import { type NodeStatus, type WorkflowSpec, type WorkflowStatus } from '../../domain/workflows/workflow';
import { type Actor, type TenantActor } from '../shared/actor';

/** One node as the API shows it (JSON in snake_case). */
export interface WorkflowNodeView {
  readonly key: string;
  readonly type: string;
  readonly label: string | null;
  readonly needs: readonly string[];
  readonly status: NodeStatus;
  readonly attempts: number;
  readonly max_attempts: number;
  readonly output: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
  /** Why a waiting node waits. */
  readonly waiting_for: string | null;
  /** A waiting or retrying node runs again from then on. */
  readonly not_before: string | null;
  readonly worker_id: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly duration_ms: number | null;
}

export interface WorkflowView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly status: WorkflowStatus;
  readonly project_id: string | null;
  readonly run_id: string | null;
  readonly input: Readonly<Record<string, unknown>>;
  readonly error: string | null;
  readonly created_at: string;
  readonly finished_at: string | null;
  /** Node counts by status, plus `total`. */
  readonly progress: Readonly<Record<string, number>>;
  readonly nodes: readonly WorkflowNodeView[];
}

export interface ListWorkflowsQuery {
  readonly kind?: string;
  readonly status?: WorkflowStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The DAG runner as the rest of the application sees it. `start` validates the DAG (unique keys,
 * known upstream keys, no cycle, registered node types) before anything is stored.
 */
export abstract class Workflows {
  abstract start(actor: TenantActor, spec: WorkflowSpec): Promise<Result<WorkflowView>>;
  abstract get(actor: Actor, id: string): Promise<Result<WorkflowView>>;
  abstract list(
    actor: Actor,
    query: ListWorkflowsQuery,
  ): Promise<Result<{ items: WorkflowView[]; next_cursor: string | null }>>;
  /** Running nodes get their AbortSignal fired; nodes not started are cancelled. */
  abstract cancel(actor: Actor, id: string): Promise<Result<WorkflowView>>;
  /** A failed or cancelled workflow runs again from its unfinished nodes; finished ones are kept. */
  abstract retry(actor: Actor, id: string): Promise<Result<WorkflowView>>;
}
