import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventBus } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { planWorkflow } from '../../domain/workflows/dag';
import { type WorkQueue } from '../../domain/workflows/ports/work-queue.port';
import { type WorkflowRepository } from '../../domain/workflows/ports/workflow-repository.port';
import { type JsonObject, type Workflow, type WorkflowSpec } from '../../domain/workflows/workflow';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';
import { type NodeHandlers } from './node-handler';
import { NodeExecutor } from './node-executor';
import { WORKFLOW_FINISHED, WorkflowEvents } from './workflow-events';
import { toWorkflowView } from './workflow.view';
import { type ListWorkflowsQuery, type WorkflowView, Workflows } from './workflows';

export interface RunnerSettings {
  /** Recorded on each attempt; include host and pid. */
  readonly workerId: string;
  /** Nodes this process runs at once. */
  readonly concurrency: number;
  /** How long an attempt stays its process's without a heartbeat (heartbeats every third). */
  readonly leaseMs: number;
  /** How often recovery looks for abandoned work (default: half the lease). */
  readonly recoverEveryMs?: number;
  /** A node queued longer than this is enqueued again (default: five leases). */
  readonly queuedTimeoutMs?: number;
  /** How overdue a waiting node may be before recovery dispatches it (default 2 s). */
  readonly recoveryGraceMs?: number;
  /** Whether a settlement may claim the next node for this process (default true). */
  readonly continuations?: boolean;
  readonly random?: () => number;
  readonly onError?: (error: unknown, context: string) => void;
}

export interface RecoveryReport {
  readonly requeued: number;
  readonly dispatched: number;
  readonly finished: number;
}

/**
 * The DAG runner: validates and stores workflows, runs their nodes through a WorkQueue with
 * bounded concurrency (per process and per workflow), and resumes what crashed processes left.
 */
export class WorkflowRunner extends Workflows {
  private readonly executor: NodeExecutor;
  private readonly notify: WorkflowEvents;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly repository: WorkflowRepository,
    private readonly queue: WorkQueue,
    private readonly handlers: NodeHandlers,
    private readonly events: EventBus,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: RunnerSettings,
  ) {
    super();
    this.onError = settings.onError ?? (() => undefined);
    this.notify = new WorkflowEvents(events, () => clock.now());
    this.executor = new NodeExecutor(repository, queue, handlers, this.notify, {
      workerId: settings.workerId,
      leaseMs: settings.leaseMs,
      continuations: settings.continuations ?? true,
      random: settings.random ?? Math.random,
      onError: this.onError,
      finish: (tenantId, id) => this.finish(tenantId, id),
    });
  }

  get workerId(): string {
    return this.settings.workerId;
  }

  async start(actor: TenantActor, spec: WorkflowSpec): Promise<Result<WorkflowView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const planned = planWorkflow(spec);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const unknown = plan.nodes.filter((node) => !this.handlers.get(node.type));
    if (unknown.length > 0) {
      const known = this.handlers.types().join(', ');
      return err(
        DomainError.validation(
          `unknown node type ${unknown[0]?.type} (registered: ${known})`,
          unknown.map((node) => ({
            path: `nodes[${node.ordinal}].type`,
            message: `unknown node type ${node.type}`,
          })),
          'unknown_node_type',
        ),
      );
    }
    let projectId = plan.projectId;
    if (actor.kind === 'api_key') {
      if (projectId !== null && projectId !== actor.projectId) {
        return err(
          DomainError.forbidden('an API key starts workflows in its own project only', 'other_project'),
        );
      }
      projectId = actor.projectId;
    }
    const workflow: Workflow = {
      tenantId: actor.tenantId,
      id: this.ids.next(),
      projectId,
      name: plan.name,
      kind: plan.kind,
      status: 'running',
      input: plan.input,
      maxConcurrency: plan.maxConcurrency,
      runId: plan.runId,
      startedBy: actor as unknown as JsonObject,
      error: null,
      createdAt: this.clock.now(),
      finishedAt: null,
    };
    const dispatched = await this.repository.create(workflow, plan.nodes);
    this.notify.started(workflow);
    // awaited: a full queue slows whoever starts workflows down
    await this.executor.enqueueAll(workflow.tenantId, workflow.id, dispatched);
    return this.view(workflow.tenantId, workflow.id);
  }

  async get(actor: Actor, id: string): Promise<Result<WorkflowView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    return this.view(reader.value.tenantId, id, reader.value);
  }

  async list(
    actor: Actor,
    query: ListWorkflowsQuery,
  ): Promise<Result<{ items: WorkflowView[]; next_cursor: string | null }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const after = positionFrom(query.cursor);
    if (!after.ok) return after;
    const rows = await this.repository.list(reader.value.tenantId, {
      kind: query.kind,
      status: query.status,
      projectId: reader.value.kind === 'api_key' ? reader.value.projectId : undefined,
      after: after.value,
      limit: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, (row) => ({ at: row.workflow.createdAt, id: row.workflow.id }));
    return ok({
      items: page.items.map((row) => toWorkflowView(row.workflow, [], row.progress)),
      next_cursor: page.nextCursor,
    });
  }

  async cancel(actor: Actor, id: string): Promise<Result<WorkflowView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const visible = await this.view(member.value.tenantId, id, member.value);
    if (!visible.ok) return visible;
    const outcome = await this.repository.cancel(
      member.value.tenantId,
      id,
      `cancelled by ${who(member.value)}`,
    );
    if (!outcome) return err(DomainError.notFound('workflow', id));
    if (!outcome.cancelled && outcome.workflow.status !== 'cancelled') {
      return err(
        DomainError.conflict(`the workflow already ${outcome.workflow.status}`, 'workflow_finished'),
      );
    }
    if (outcome.cancelled) {
      // every process running one of its nodes hears this and fires that node's signal
      this.notify.finished(outcome.workflow);
      this.executor.abortWorkflow(id, 'the workflow was cancelled');
      await this.finish(member.value.tenantId, id);
    }
    return this.view(member.value.tenantId, id);
  }

  async retry(actor: Actor, id: string): Promise<Result<WorkflowView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const visible = await this.view(member.value.tenantId, id, member.value);
    if (!visible.ok) return visible;
    const outcome = await this.repository.retry(member.value.tenantId, id);
    if (!outcome) return err(DomainError.notFound('workflow', id));
    if (!outcome.retried) {
      return err(
        DomainError.conflict(
          `only a failed or cancelled workflow can be retried (this one is ${outcome.workflow.status})`,
          'workflow_not_retryable',
        ),
      );
    }
    this.notify.started(outcome.workflow);
    await this.executor.enqueueAll(member.value.tenantId, id, outcome.dispatched);
    return this.view(member.value.tenantId, id);
  }

  /** Runs nodes in this process: the queue's consumer, lease heartbeats, cancellation events. */
  async startConsumer(): Promise<void> {
    this.unsubscribe = this.events.subscribe((event) => {
      if (event.type === WORKFLOW_FINISHED && event.data.status === 'cancelled') {
        this.executor.abortWorkflow(String(event.data.workflow_id), 'the workflow was cancelled');
      }
    });
    this.every(Math.max(50, Math.floor(this.settings.leaseMs / 3)), 'renew leases', () =>
      this.executor.renewLeases(),
    );
    await this.queue.consume((job) => this.executor.execute(job), this.settings.concurrency);
  }

  /** Recovers at once (everything queued counts as lost: this process just started), then periodically. */
  startRecovery(): void {
    this.executor.track(this.recover({ startup: true }), 'recover workflows');
    const every = this.settings.recoverEveryMs ?? Math.max(100, Math.floor(this.settings.leaseMs / 2));
    this.every(every, 'recover workflows', () => this.recover());
  }

  /**
   * Enqueues nodes whose process died (expired lease) or whose job was lost (queued too long),
   * dispatches workflows whose due nodes nobody woke, and runs finished hooks nobody ran.
   */
  async recover(options: { startup?: boolean } = {}): Promise<RecoveryReport> {
    const stale = await this.repository.stale({
      queuedForMs: options.startup ? 0 : (this.settings.queuedTimeoutMs ?? this.settings.leaseMs * 5),
      graceMs: this.settings.recoveryGraceMs ?? 2000,
      limit: 500,
    });
    let requeued = 0;
    let dispatched = 0;
    let finished = 0;
    for (const work of stale) {
      if (this.stopped) break;
      if (work.kind === 'node') {
        const { tenantId, workflowId, key } = work.ref;
        await this.queue.enqueue({ tenantId, workflowId, nodeKey: key, dispatch: work.dispatch });
        requeued++;
      } else if (work.kind === 'dispatch') {
        const nodes = await this.repository.dispatch(work.tenantId, work.workflowId);
        await this.executor.enqueueAll(work.tenantId, work.workflowId, nodes);
        dispatched += nodes.length;
      } else {
        await this.finish(work.tenantId, work.workflowId);
        finished++;
      }
    }
    return { requeued, dispatched, finished };
  }

  /**
   * Stops timers and the consumer, then waits for follow-up work. `abandon`: a process that must
   * exit now drops the outcomes of running attempts; their leases expire and others take over.
   */
  async stop(options: { abandon?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.unsubscribe?.();
    this.executor.stopContinuing();
    if (options.abandon) {
      await this.executor.stop({ abandon: true });
      await this.queue.close({ abandon: true });
      return;
    }
    await this.queue.stopConsuming();
    await this.executor.stop();
    await this.queue.close();
  }

  /** Runs the kind's finished hooks once: only the caller that marks the finish handled runs them. */
  private async finish(tenantId: TenantId, id: string): Promise<void> {
    const workflow = await this.repository.claimFinish(tenantId, id);
    if (!workflow) return;
    for (const hook of this.handlers.finishedHooks(workflow.kind)) {
      try {
        await hook(workflow);
      } catch (error) {
        this.onError(error, `finished hook of ${workflow.kind} workflow ${workflow.id}`);
      }
    }
  }

  private async view(tenantId: TenantId, id: string, reader?: TenantActor): Promise<Result<WorkflowView>> {
    const found = await this.repository.find(tenantId, id);
    const hidden = found && reader?.kind === 'api_key' && found.workflow.projectId !== reader.projectId;
    if (!found || hidden) return err(DomainError.notFound('workflow', id));
    return ok(toWorkflowView(found.workflow, found.nodes));
  }

  private every(ms: number, context: string, work: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      this.executor.track(
        work().finally(() => (busy = false)),
        context,
      );
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    this.timers.push(timer);
  }
}

const who = (actor: TenantActor): string =>
  actor.kind === 'user' ? actor.email : `API key ${actor.apiKeyId}`;
