import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { type TenantActor } from '../../application/shared/actor';
import { registerBuiltinNodes } from '../../application/workflows/builtin-nodes';
import { NodeHandlers } from '../../application/workflows/node-handler';
import { type RunnerSettings, WorkflowRunner } from '../../application/workflows/workflow-runner';
import { toWorkflowView } from '../../application/workflows/workflow.view';
import { type WorkflowView } from '../../application/workflows/workflows';
import { ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type WorkQueue } from '../../domain/workflows/ports/work-queue.port';
import { type WorkflowSpec, type WorkflowStatus } from '../../domain/workflows/workflow';
import { InProcessEventBus } from '../../infrastructure/events/in-process-event-bus';
import { type Database } from '../../infrastructure/persistence/database';
import { TypeormProjectRepository } from '../../infrastructure/persistence/repositories/typeorm-project.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormWorkflowRepository } from '../../infrastructure/persistence/repositories/typeorm-workflow.repository';
import { BullmqWorkQueue } from '../../infrastructure/queue/bullmq-work-queue';
import { InProcessWorkQueue } from '../../infrastructure/queue/in-process-work-queue';
import { SystemClock } from '../../infrastructure/system/system-clock';
import { UuidV7IdGenerator } from '../../infrastructure/system/uuid-v7-id-generator';
import { aProject, aTenant } from '../support/builders';
import { type Engine, type TestDatabase, openTestDatabase } from '../support/test-database';

export type Executor = 'in-process' | 'bullmq';

/** Every combination the shared suite runs on: PGlite and PostgreSQL in-process, BullMQ when Redis is there. */
export function executorMatrix(engines: readonly Engine[]): [string, Engine, Executor][] {
  const rows: [string, Engine, Executor][] = engines.map((e) => [`${e} + in-process`, e, 'in-process']);
  if (process.env.REDIS_URL && engines.includes('postgres'))
    rows.push(['postgres + bullmq', 'postgres', 'bullmq']);
  return rows;
}

export interface Harness {
  readonly db: Database;
  readonly repository: TypeormWorkflowRepository;
  readonly events: InProcessEventBus;
  readonly tenantId: TenantId;
  readonly projectId: string;
  readonly actor: TenantActor;
  /** The Redis key prefix of this harness's BullMQ queue (unique per harness). */
  readonly prefix: string;
  /** `queue` names a separate BullMQ queue, so runners with other handlers do not take its jobs. */
  runner(handlers: NodeHandlers, settings?: Partial<RunnerSettings>, queue?: string): Promise<WorkflowRunner>;
  start(
    runner: WorkflowRunner,
    spec: Partial<WorkflowSpec> & Pick<WorkflowSpec, 'nodes'>,
  ): Promise<WorkflowView>;
  waitFor(id: string, until: (view: WorkflowView) => boolean, timeoutMs?: number): Promise<WorkflowView>;
  finished(id: string, timeoutMs?: number): Promise<WorkflowView>;
  close(): Promise<void>;
}

export const FINAL: readonly WorkflowStatus[] = ['succeeded', 'failed', 'cancelled'];

export function handlersWithBuiltins(): NodeHandlers {
  return registerBuiltinNodes(new NodeHandlers());
}

export async function openHarness(engine: Engine, executor: Executor): Promise<Harness> {
  const testDb: TestDatabase = await openTestDatabase(engine);
  const db = testDb.db;
  const tenant = aTenant({ name: 'Workflows' });
  const project = aProject(tenant.id);
  await db.inTenant(tenant.id, async () => {
    await new TypeormTenantRepository(db).create(tenant);
    await new TypeormProjectRepository(db).create(project);
    return ok(undefined);
  });
  const repository = new TypeormWorkflowRepository(db);
  const events = new InProcessEventBus();
  const prefix = `cockpit-test-${randomBytes(6).toString('hex')}`;
  const runners: WorkflowRunner[] = [];
  const actor: TenantActor = {
    kind: 'user',
    userId: randomUUID(),
    email: 'dev@workflows.test',
    sessionId: randomUUID(),
    tenantId: tenant.id,
    role: 'developer',
    isOperator: false,
  };

  const queueFor = (lockMs: number, queue?: string): WorkQueue =>
    executor === 'bullmq'
      ? new BullmqWorkQueue({
          url: process.env.REDIS_URL as string,
          prefix: queue ? `${prefix}-${queue}` : prefix,
          limit: 10_000,
          lockMs,
        })
      : new InProcessWorkQueue({ capacity: 1000 });

  const harness: Harness = {
    db,
    repository,
    events,
    tenantId: tenant.id,
    projectId: project.id,
    actor,
    prefix,
    async runner(handlers, settings = {}, queue) {
      const leaseMs = settings.leaseMs ?? 2000;
      const runner = new WorkflowRunner(
        repository,
        queueFor(Math.min(leaseMs, 1000), queue),
        handlers,
        events,
        new UuidV7IdGenerator(),
        new SystemClock(),
        {
          workerId: `test-${process.pid}-${randomBytes(3).toString('hex')}`,
          concurrency: 8,
          leaseMs,
          onError: (error, context) => {
            if (!String(error).includes('Connection is closed')) console.error(context, error);
          },
          ...settings,
        },
      );
      runners.push(runner);
      await runner.startConsumer();
      return runner;
    },
    async start(runner, spec) {
      const started = await runner.start(actor, {
        name: 'test workflow',
        kind: 'test',
        projectId: project.id,
        input: {},
        ...spec,
      });
      if (!started.ok)
        throw new Error(`start failed: ${started.error.message} ${JSON.stringify(started.error.fields)}`);
      return started.value;
    },
    async waitFor(id, until, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await repository.find(tenant.id, id);
        if (!found) throw new Error(`workflow ${id} not found`);
        const view = toWorkflowView(found.workflow, found.nodes);
        if (until(view)) return view;
        if (Date.now() > deadline) throw new Error(`timed out waiting: ${JSON.stringify(view, null, 1)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    finished(id, timeoutMs) {
      return harness.waitFor(id, (view) => FINAL.includes(view.status), timeoutMs);
    },
    async close() {
      await Promise.allSettled(runners.map((r) => r.stop({ abandon: true })));
      if (executor === 'bullmq') await deleteKeys(prefix);
      await testDb.close();
    },
  };
  return harness;
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

export const node = (
  key: string,
  type: string,
  options: {
    needs?: string[];
    input?: Record<string, unknown>;
    maxAttempts?: number;
    timeoutMs?: number;
    backoffMs?: number;
  } = {},
) => ({ key, type, needs: options.needs ?? [], input: options.input ?? {}, ...options });

export const byKey = (view: WorkflowView) => Object.fromEntries(view.nodes.map((n) => [n.key, n]));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
