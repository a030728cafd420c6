import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { type TenantActor } from '../application/shared/actor';
import { registerBuiltinNodes } from '../application/workflows/builtin-nodes';
import { NodeHandlers } from '../application/workflows/node-handler';
import { WorkflowRunner } from '../application/workflows/workflow-runner';
import { ok } from '../domain/shared/result';
import { asTenantId } from '../domain/shared/tenant-id';
import { type NodeSpec } from '../domain/workflows/workflow';
import { type WorkQueue } from '../domain/workflows/ports/work-queue.port';
import { Project } from '../domain/tenancy/project.entity';
import { Tenant } from '../domain/tenancy/tenant.entity';
import { InProcessEventBus } from '../infrastructure/events/in-process-event-bus';
import { openDatabase } from '../infrastructure/persistence/data-source.factory';
import { type Database } from '../infrastructure/persistence/database';
import { TypeormProjectRepository } from '../infrastructure/persistence/repositories/typeorm-project.repository';
import { TypeormTenantRepository } from '../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormWorkflowRepository } from '../infrastructure/persistence/repositories/typeorm-workflow.repository';
import { BullmqWorkQueue } from '../infrastructure/queue/bullmq-work-queue';
import { InProcessWorkQueue } from '../infrastructure/queue/in-process-work-queue';
import { SystemClock } from '../infrastructure/system/system-clock';
import { UuidV7IdGenerator } from '../infrastructure/system/uuid-v7-id-generator';

/**
 * The DAG runner's own cost: 1,000 `noop` nodes (a root fanning out into 111 chains of 9), so the
 * figures are the runner's bookkeeping (claim, record, unblock, dispatch, events), not work.
 * - in-process on PGlite and on PostgreSQL: ms per node (goal < 2), plus a 100-node chain where
 *   nothing overlaps (ms per hop: the latency one node adds);
 * - BullMQ with two `npm run worker` processes on PostgreSQL + Redis: nodes/s (goal >= 500); then
 *   again with continuations off, so that every node goes through Redis.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and REDIS_URL (default
 * redis://127.0.0.1:6379); a fresh database is created and dropped. Parts whose servers are not
 * there are skipped with the reason.
 */
const WIDTH = 111;
const DEPTH = 9;
const CONCURRENCY = Number(process.env.BENCH_WORKFLOW_CONCURRENCY ?? 32);

function fanOutDag(width = WIDTH, depth = DEPTH): NodeSpec[] {
  const nodes: NodeSpec[] = [{ key: 'root', type: 'noop', needs: [], input: {} }];
  for (let layer = 1; layer <= depth; layer++) {
    for (let i = 0; i < width; i++) {
      nodes.push({
        key: `n${layer}.${i}`,
        type: 'noop',
        needs: [layer === 1 ? 'root' : `n${layer - 1}.${i}`],
        input: { layer, i },
      });
    }
  }
  return nodes;
}

const chain = (length: number): NodeSpec[] =>
  Array.from({ length }, (_, i) => ({
    key: `c${i}`,
    type: 'noop',
    needs: i ? [`c${i - 1}`] : [],
    input: {},
  }));

interface Fixture {
  readonly actor: TenantActor;
  readonly projectId: string;
}

async function seedTenant(db: Database): Promise<Fixture> {
  const now = new Date();
  const tenant = Tenant.create({ id: asTenantId(randomUUID()), name: 'Bench', now });
  if (!tenant.ok) throw new Error(tenant.error.message);
  const project = Project.create({ id: randomUUID(), tenantId: tenant.value.id, name: 'bench', now });
  if (!project.ok) throw new Error(project.error.message);
  await db.inTenant(tenant.value.id, async () => {
    await new TypeormTenantRepository(db).create(tenant.value);
    await new TypeormProjectRepository(db).create(project.value);
    return ok(undefined);
  });
  const actor: TenantActor = {
    kind: 'user',
    userId: randomUUID(),
    email: 'bench@cockpit.local',
    sessionId: randomUUID(),
    tenantId: tenant.value.id,
    role: 'admin',
    isOperator: false,
  };
  return { actor, projectId: project.value.id };
}

function runnerOn(db: Database, queue: WorkQueue, consumer: boolean): WorkflowRunner {
  return new WorkflowRunner(
    new TypeormWorkflowRepository(db),
    queue,
    registerBuiltinNodes(new NodeHandlers()),
    new InProcessEventBus(),
    new UuidV7IdGenerator(),
    new SystemClock(),
    {
      workerId: consumer ? `bench:${process.pid}` : 'bench-producer',
      concurrency: CONCURRENCY,
      leaseMs: 30_000,
      onError: (error, context) => process.stderr.write(`${context}: ${String(error)}\n`),
    },
  );
}

/**
 * Starts a workflow and waits until it finished; seconds from start to end. The status is read
 * with one small query every 10 ms: reading the whole workflow would cost more than its nodes.
 */
async function timeWorkflow(
  runner: WorkflowRunner,
  db: Database,
  fixture: Fixture,
  nodes: NodeSpec[],
  maxConcurrency: number,
): Promise<number> {
  const t0 = performance.now();
  const started = await runner.start(fixture.actor, {
    name: 'bench',
    kind: 'bench',
    projectId: fixture.projectId,
    input: {},
    nodes,
    maxConcurrency,
  });
  if (!started.ok) throw new Error(started.error.message);
  for (;;) {
    const [row]: { status: string }[] = await db.run({ tenantId: fixture.actor.tenantId }, (m) =>
      m.query('SELECT status FROM workflows WHERE tenant_id = $1 AND id = $2', [
        fixture.actor.tenantId,
        started.value.id,
      ]),
    );
    if (row && row.status !== 'running') {
      if (row.status !== 'succeeded') throw new Error(`the workflow ${row.status}`);
      return (performance.now() - t0) / 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function inProcess(db: Database): Promise<Record<string, number>> {
  const fixture = await seedTenant(db);
  const runner = runnerOn(db, new InProcessWorkQueue({ capacity: 10_000 }), true);
  await runner.startConsumer();
  try {
    await timeWorkflow(runner, db, fixture, chain(20), 1); // warm-up
    const dag = fanOutDag();
    const dagSeconds = await timeWorkflow(runner, db, fixture, dag, 64);
    const hops = 100;
    const chainSeconds = await timeWorkflow(runner, db, fixture, chain(hops), 1);
    return {
      nodes: dag.length,
      seconds: round(dagSeconds),
      ms_per_node: round((dagSeconds * 1000) / dag.length),
      nodes_per_second: Math.round(dag.length / dagSeconds),
      chain_ms_per_hop: round((chainSeconds * 1000) / hops),
    };
  } finally {
    await runner.stop();
  }
}

function spawnWorker(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  continuations: boolean,
): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'src', 'worker.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      COCKPIT_QUEUE_PREFIX: prefix,
      COCKPIT_WORKFLOW_CONCURRENCY: String(CONCURRENCY),
      COCKPIT_DB_POOL_SIZE: String(Math.min(CONCURRENCY, 20)),
      COCKPIT_LOG_LEVEL: 'warn',
      COCKPIT_CLOUD_SYNC_INTERVAL: '0',
      COCKPIT_WORKFLOW_CONTINUATIONS: String(continuations),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function bullmq(
  db: Database,
  databaseUrl: string,
  redisUrl: string,
  continuations: boolean,
): Promise<Record<string, number>> {
  const fixture = await seedTenant(db);
  const prefix = `cockpit-bench-${randomBytes(4).toString('hex')}`;
  const workers = [1, 2].map(() => spawnWorker(databaseUrl, redisUrl, prefix, continuations));
  const queue = new BullmqWorkQueue({ url: redisUrl, prefix, limit: 100_000, lockMs: 30_000 });
  const producer = runnerOn(db, queue, false);
  try {
    const deadline = Date.now() + 120_000;
    while ((await queue.consumerCount()) < workers.length) {
      if (Date.now() > deadline) throw new Error('the workers did not start consuming within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // warm-up on both workers: their first nodes compile the hot path
    await timeWorkflow(producer, db, fixture, fanOutDag(16, 5), 256);
    const dag = fanOutDag();
    const seconds = await timeWorkflow(producer, db, fixture, dag, 256);
    return {
      workers: workers.length,
      nodes: dag.length,
      seconds: round(seconds),
      nodes_per_second: Math.round(dag.length / seconds),
    };
  } finally {
    await producer.stop();
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = {
    benchmark: 'workflows',
    dag: `1 root + ${WIDTH} chains of ${DEPTH} noop nodes`,
  };

  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    result.in_process_pglite = await inProcess(pglite);
  } finally {
    await pglite.close();
  }

  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new Client({ connectionString: adminUrl });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!reachable) {
    result.in_process_postgres = {
      skipped: `PostgreSQL not reachable at ${adminUrl} (set BENCH_DATABASE_URL)`,
    };
    result.bullmq_two_workers = { skipped: 'needs PostgreSQL' };
  } else {
    const dbName = `cockpit_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const db = await openDatabase({ url: url.toString(), poolSize: 20 });
    try {
      result.in_process_postgres = await inProcess(db);
      const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      const redisUp = await redis.connect().then(
        () => true,
        () => false,
      );
      redis.disconnect();
      const skipped = { skipped: `Redis not reachable at ${redisUrl} (set REDIS_URL)` };
      result.bullmq_two_workers = redisUp ? await bullmq(db, url.toString(), redisUrl, true) : skipped;
      // every node through Redis: what the queue itself sustains when no chain runs on in place
      result.bullmq_two_workers_without_continuations = redisUp
        ? await bullmq(db, url.toString(), redisUrl, false)
        : skipped;
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
  result.goals = { in_process_ms_per_node: '< 2', bullmq_nodes_per_second: '>= 500' };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  process.exit(0);
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`workflows bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
