import { type DomainError } from '../../domain/shared/domain-error';
import { type Result } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type JsonObject, type Workflow } from '../../domain/workflows/workflow';
import { type TenantActor } from '../shared/actor';

/** Everything a node handler gets for one attempt. */
export interface NodeRun {
  readonly tenantId: TenantId;
  readonly workflowId: string;
  readonly workflow: {
    readonly name: string;
    readonly kind: string;
    readonly input: JsonObject;
    readonly projectId: string | null;
    readonly runId: string | null;
    /** Who started the workflow; handlers call use cases as this actor. */
    readonly startedBy: TenantActor;
  };
  readonly node: {
    readonly key: string;
    readonly type: string;
    readonly label: string | null;
    readonly input: JsonObject;
    /** 1 on the first attempt. */
    readonly attempt: number;
    /** What the handler saved when it last asked to wait, or null. */
    readonly state: JsonObject | null;
  };
  /** Outputs of the nodes listed in `needs`, by key. */
  readonly upstream: Readonly<Record<string, JsonObject>>;
  /** `workflowId:key`: the same on every attempt and every delivery, for idempotent effects. */
  readonly idempotencyKey: string;
  /** Fires on cancellation and when the attempt's timeout passes. */
  readonly signal: AbortSignal;
}

export type NodeOutcome =
  | { readonly kind: 'done'; readonly output: JsonObject }
  | {
      readonly kind: 'wait';
      readonly reason: string;
      readonly retryAfterMs: number;
      readonly state: JsonObject;
    };

export const done = (output: JsonObject = {}): NodeOutcome => ({ kind: 'done', output });
export const wait = (reason: string, retryAfterMs: number, state: JsonObject = {}): NodeOutcome => ({
  kind: 'wait',
  reason,
  retryAfterMs,
  state,
});

/**
 * Runs one node. A failed Result fails the attempt: it is retried with backoff when the error is
 * transient (`unavailable`, `upstream`) and fails the node at once otherwise. A thrown exception or
 * a timeout is retried too.
 */
export type NodeHandler = (run: NodeRun) => Promise<Result<NodeOutcome, DomainError>>;

/** Called once when a workflow of a kind reaches a final status (succeeded, failed, cancelled). */
export type FinishedHook = (workflow: Workflow) => Promise<void>;

/** The node types this process can run, by type name, and what to do when a workflow finishes. */
export class NodeHandlers {
  private readonly handlers = new Map<string, NodeHandler>();
  private readonly hooks = new Map<string, FinishedHook[]>();

  onFinished(kind: string, hook: FinishedHook): this {
    this.hooks.set(kind, [...(this.hooks.get(kind) ?? []), hook]);
    return this;
  }

  finishedHooks(kind: string): readonly FinishedHook[] {
    return this.hooks.get(kind) ?? [];
  }

  register(type: string, handler: NodeHandler): this {
    if (this.handlers.has(type)) throw new Error(`node type ${type} is registered twice`);
    this.handlers.set(type, handler);
    return this;
  }

  get(type: string): NodeHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
