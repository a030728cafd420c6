import { type DomainError } from '../../domain/shared/domain-error';
import { type Result } from '../../domain/shared/result';
import { type TenantId, asTenantId } from '../../domain/shared/tenant-id';
import { type NodeJob, type WorkQueue } from '../../domain/workflows/ports/work-queue.port';
import {
  type AttemptRef,
  type ContinuedNode,
  type Continuation,
  type DispatchedNode,
  type NodeOutcomeRecord,
  type NodeRef,
  type WorkflowRepository,
} from '../../domain/workflows/ports/workflow-repository.port';
import { isTransient, retryDelayMs } from '../../domain/workflows/retry-policy';
import {
  type JsonObject,
  type Workflow,
  type WorkflowNode,
  nodeIdempotencyKey,
} from '../../domain/workflows/workflow';
import { type TenantActor } from '../shared/actor';
import { type NodeHandlers, type NodeOutcome, type NodeRun } from './node-handler';
import { SettlementBatcher } from './settlement-batcher';
import { type WorkflowEvents } from './workflow-events';

export interface ExecutorSettings {
  /** Recorded on each node attempt: host and pid, so an operator can find the process. */
  readonly workerId: string;
  /** How long a claimed attempt stays this process's without a heartbeat. */
  readonly leaseMs: number;
  /** Whether settlements may claim the next node for this process. */
  readonly continuations: boolean;
  /** Jitter source for retry delays, in [0, 1). */
  readonly random: () => number;
  readonly onError: (error: unknown, context: string) => void;
  /** Runs the finished hooks of a workflow that just reached a final status. */
  readonly finish: (tenantId: TenantId, workflowId: string) => Promise<void>;
}

/**
 * Nodes one queue delivery may run back to back through continuations before the next node goes
 * through the queue again (so one delivery never holds its slot for a whole long chain).
 */
const MAX_CONTINUATIONS = 100;

/** Timers fire a little early at times; a wake-up must not find its node not yet due. */
const WAKE_SLACK_MS = 25;

/** Why a node's signal fired; handlers may read `signal.reason.message`. */
export class NodeAbort extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    name = 'AbortError',
  ) {
    super(message);
    this.name = name;
  }
}

type AttemptEnd =
  | { readonly kind: 'done'; readonly output: JsonObject }
  | {
      readonly kind: 'wait';
      readonly reason: string;
      readonly retryAfterMs: number;
      readonly state: JsonObject;
    }
  | { readonly kind: 'error'; readonly message: string; readonly transient: boolean };

interface LocalAttempt {
  readonly ref: NodeRef;
  readonly attempt: number;
  readonly controller: AbortController;
}

/**
 * The node path every consumer runs, whatever the queue: claim, run the handler under a signal
 * (cancellation, timeout, lost lease), record the outcome, hand the next nodes to the queue, and
 * run on with the node the settlement claimed for this process, if any (a continuation). A
 * delivery of a node that is not claimable is a no-op, or a wake-up when the node waits for a slot.
 */
export class NodeExecutor {
  private readonly local = new Map<string, LocalAttempt>();
  private readonly background = new Set<Promise<unknown>>();
  private abandoned = false;
  /** Whether settlements may claim the next node for this process (off once it stops). */
  private continuing: boolean;
  private readonly settlements: SettlementBatcher;

  constructor(
    private readonly repository: WorkflowRepository,
    private readonly queue: WorkQueue,
    private readonly handlers: NodeHandlers,
    private readonly notify: WorkflowEvents,
    private readonly settings: ExecutorSettings,
  ) {
    this.settlements = new SettlementBatcher(repository, settings.workerId);
    this.continuing = settings.continuations;
  }

  async execute(job: NodeJob): Promise<void> {
    if (this.abandoned) return;
    const ref: NodeRef = { tenantId: asTenantId(job.tenantId), workflowId: job.workflowId, key: job.nodeKey };
    const claim = await this.repository.claim(ref, {
      workerId: this.settings.workerId,
      leaseMs: this.settings.leaseMs,
    });
    if (claim.kind === 'not_claimed') {
      const due = claim.nodeStatus === 'ready' || claim.nodeStatus === 'waiting';
      if (due && claim.workflowStatus === 'running') {
        const dispatched = await this.repository.dispatch(ref.tenantId, ref.workflowId);
        this.track(this.enqueueAll(ref.tenantId, ref.workflowId, dispatched), 'enqueue dispatched nodes');
      }
      return;
    }
    const { workflow } = claim;
    let current: ContinuedNode | null = claim;
    // a chain runs on in this slot while its settlements claim the next node, up to a bound; a
    // process that must stop now leaves a claimed node to its lease, like a running one
    for (let hop = 1; current && !this.abandoned; hop++) {
      const more = this.continuing && !this.abandoned && hop < MAX_CONTINUATIONS;
      current = await this.attempt(workflow, current, more);
    }
  }

  /** Stops asking settlements for continuations: a stopping consumer finishes what it holds only. */
  stopContinuing(): void {
    this.continuing = false;
  }

  /** One claimed attempt: run, then settle; returns the node the settlement claimed next, if any. */
  private async attempt(
    workflow: Workflow,
    claimed: ContinuedNode,
    continueAfter: boolean,
  ): Promise<ContinuedNode | null> {
    const { node } = claimed;
    const ref: NodeRef = { tenantId: workflow.tenantId, workflowId: workflow.id, key: node.key };
    const attempt: AttemptRef = { workerId: this.settings.workerId, attempt: node.attempts };
    this.notify.nodeUpdated(workflow, node);
    const end: AttemptEnd =
      node.attempts > node.maxAttempts
        ? {
            kind: 'error',
            message: `its worker stopped during attempt ${node.maxAttempts}, the last one`,
            transient: false,
          }
        : await this.run(workflow, node, claimed.upstream, ref, attempt.attempt);
    if (this.abandoned) return null;
    const next = continueAfter ? { leaseMs: this.settings.leaseMs } : undefined;
    return this.settle(workflow, node, ref, attempt, end, claimed.dispatch, next);
  }

  /** Hands dispatched nodes to the queue, in order; awaiting it is the producer's backpressure. */
  async enqueueAll(tenantId: TenantId, workflowId: string, nodes: readonly DispatchedNode[]): Promise<void> {
    for (const node of nodes) {
      await this.queue.enqueue({ tenantId, workflowId, nodeKey: node.key, dispatch: node.dispatch });
    }
  }

  /** Fires the signal of every attempt of this workflow running in this process. */
  abortWorkflow(workflowId: string, reason: string): void {
    for (const attempt of this.local.values()) {
      if (attempt.ref.workflowId === workflowId) attempt.controller.abort(new NodeAbort(reason, false));
    }
  }

  /**
   * Extends the leases of the attempts running here; an attempt whose workflow was cancelled, or
   * that another process took over, gets its signal fired (the cancel event may have been missed).
   */
  async renewLeases(): Promise<void> {
    const byTenant = new Map<TenantId, LocalAttempt[]>();
    for (const attempt of this.local.values()) {
      byTenant.set(attempt.ref.tenantId, [...(byTenant.get(attempt.ref.tenantId) ?? []), attempt]);
    }
    for (const [tenantId, attempts] of byTenant) {
      const states = await this.repository.renewLeases(
        tenantId,
        this.settings.workerId,
        attempts.map((a) => ({ workflowId: a.ref.workflowId, key: a.ref.key, attempt: a.attempt })),
        this.settings.leaseMs,
      );
      for (const state of states) {
        const local = this.local.get(localId(state.workflowId, state.key));
        if (!local || local.attempt !== state.attempt) continue;
        if (state.workflowStatus === 'cancelled') {
          local.controller.abort(new NodeAbort('the workflow was cancelled', false));
        } else if (!state.held) {
          local.controller.abort(new NodeAbort('another worker took this attempt over', false));
        }
      }
    }
  }

  get runningCount(): number {
    return this.local.size;
  }

  /** Waits for follow-up work; `abandon` drops the outcomes of attempts still running. */
  async stop(options: { abandon?: boolean } = {}): Promise<void> {
    if (options.abandon) {
      this.abandoned = true;
      for (const attempt of this.local.values()) {
        attempt.controller.abort(new NodeAbort('the process is stopping', true));
      }
    }
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Follow-up work that must not hold the consumer's slot; errors are reported, not thrown. */
  track(work: Promise<unknown>, context: string): void {
    const tracked = work.catch((error: unknown) => this.settings.onError(error, context));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  private async run(
    workflow: Workflow,
    node: WorkflowNode,
    upstream: Readonly<Record<string, JsonObject>>,
    ref: NodeRef,
    attempt: number,
  ): Promise<AttemptEnd> {
    const handler = this.handlers.get(node.type);
    if (!handler) {
      return {
        kind: 'error',
        message: `node type ${node.type} is not registered in this process`,
        transient: true,
      };
    }
    const controller = new AbortController();
    const id = localId(ref.workflowId, ref.key);
    const local: LocalAttempt = { ref, attempt, controller };
    this.local.set(id, local);
    const timer = setTimeout(
      () => controller.abort(new NodeAbort(`timed out after ${node.timeoutMs} ms`, true, 'TimeoutError')),
      node.timeoutMs,
    );
    const aborted = new Promise<AttemptEnd>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve(fromAbort(controller.signal.reason)), {
        once: true,
      }),
    );
    const run: NodeRun = {
      tenantId: ref.tenantId,
      workflowId: workflow.id,
      workflow: {
        name: workflow.name,
        kind: workflow.kind,
        input: workflow.input,
        projectId: workflow.projectId,
        runId: workflow.runId,
        startedBy: workflow.startedBy as unknown as TenantActor,
      },
      node: {
        key: node.key,
        type: node.type,
        label: node.label,
        input: node.input,
        attempt,
        state: node.state,
      },
      upstream: Object.fromEntries(node.needs.map((key) => [key, upstream[key] ?? {}])),
      idempotencyKey: nodeIdempotencyKey(workflow.id, node.key),
      signal: controller.signal,
    };
    try {
      return await Promise.race([
        Promise.resolve()
          .then(() => handler(run))
          .then(fromResult, fromThrown),
        aborted,
      ]);
    } finally {
      clearTimeout(timer);
      if (this.local.get(id) === local) this.local.delete(id);
    }
  }

  private async settle(
    workflow: Workflow,
    node: WorkflowNode,
    ref: NodeRef,
    attempt: AttemptRef,
    end: AttemptEnd,
    dispatch: number,
    next: Continuation | undefined,
  ): Promise<ContinuedNode | null> {
    let wakeInMs: number | null = null;
    let outcome: NodeOutcomeRecord;
    const base = { key: ref.key, attempt: attempt.attempt, next };
    if (end.kind === 'done') {
      outcome = { ...base, kind: 'succeeded', output: end.output };
    } else if (end.kind === 'wait') {
      wakeInMs = Math.max(0, end.retryAfterMs);
      outcome = { ...base, kind: 'waiting', reason: end.reason, state: end.state, retryInMs: wakeInMs };
    } else {
      const retry = end.transient && attempt.attempt < node.maxAttempts;
      wakeInMs = retry ? retryDelayMs(attempt.attempt, node.backoffMs, this.settings.random()) : null;
      outcome = { ...base, kind: 'failed', error: end.message, retryInMs: wakeInMs };
    }
    const settlement = await this.settlements.settle(ref.tenantId, ref.workflowId, outcome);
    if (!settlement.applied) return null;
    if (settlement.node) this.notify.nodeUpdated(workflow, settlement.node);
    const status = settlement.node?.status;
    if (wakeInMs !== null && (status === 'ready' || status === 'waiting')) {
      const wake: NodeJob = {
        tenantId: ref.tenantId,
        workflowId: ref.workflowId,
        nodeKey: ref.key,
        dispatch,
        wake: true,
      };
      this.track(this.queue.enqueue(wake, wakeInMs + WAKE_SLACK_MS), `wake ${ref.key}`);
    }
    if (settlement.dispatched.length > 0) {
      this.track(
        this.enqueueAll(ref.tenantId, ref.workflowId, settlement.dispatched),
        'enqueue dispatched nodes',
      );
    }
    if (settlement.finished && settlement.workflow) {
      this.notify.finished(settlement.workflow);
      this.track(this.settings.finish(ref.tenantId, ref.workflowId), `finish ${ref.workflowId}`);
    }
    return settlement.next;
  }
}

const localId = (workflowId: string, key: string) => `${workflowId}\n${key}`;

function fromResult(result: Result<NodeOutcome, DomainError>): AttemptEnd {
  if (!result.ok) {
    const error = result.error;
    return { kind: 'error', message: `${error.code}: ${error.message}`, transient: isTransient(error) };
  }
  const outcome = result.value;
  if (outcome.kind === 'wait') {
    return { kind: 'wait', reason: outcome.reason, retryAfterMs: outcome.retryAfterMs, state: outcome.state };
  }
  return { kind: 'done', output: isObject(outcome.output) ? outcome.output : { value: outcome.output } };
}

function fromThrown(error: unknown): AttemptEnd {
  return { kind: 'error', message: error instanceof Error ? error.message : String(error), transient: true };
}

function fromAbort(reason: unknown): AttemptEnd {
  if (reason instanceof NodeAbort)
    return { kind: 'error', message: reason.message, transient: reason.transient };
  return { kind: 'error', message: 'aborted', transient: false };
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
