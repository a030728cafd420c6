import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { WorkflowRunner } from '../../application/workflows/workflow-runner';
import { type WorkflowView } from '../../application/workflows/workflows';
import { InProcessEventBus } from '../../infrastructure/events/in-process-event-bus';
import { BullmqWorkQueue } from '../../infrastructure/queue/bullmq-work-queue';
import { SystemClock } from '../../infrastructure/system/system-clock';
import { UuidV7IdGenerator } from '../../infrastructure/system/uuid-v7-id-generator';
import { until } from '../support/until';
import { type Harness, byKey, handlersWithBuiltins, node, openHarness } from './workflow-harness';

const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');
const ready = Boolean(process.env.TEST_DATABASE_URL && process.env.REDIS_URL);

interface Worker {
  readonly process: ChildProcess;
  readonly output: string[];
}

/** `node dist/src/worker.js` (built by `npm run build`) on the test database and queue prefix. */
function spawnWorker(databaseUrl: string, prefix: string): Worker {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL,
      COCKPIT_QUEUE_PREFIX: prefix,
      COCKPIT_WORKFLOW_LOCK_MS: '1000',
      COCKPIT_LOG_LEVEL: 'info',
      COCKPIT_DB_POOL_SIZE: '4',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { process: child, output };
}

(ready ? describe : describe.skip)('BullMQ workers (needs TEST_DATABASE_URL and REDIS_URL)', () => {
  let h: Harness;
  let producer: WorkflowRunner;
  const workers: Worker[] = [];

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`);
    h = await openHarness('postgres', 'bullmq');
    const url = (h.db.dataSource.options as { url: string }).url;
    workers.push(spawnWorker(url, h.prefix), spawnWorker(url, h.prefix));
    for (const worker of workers) {
      await until(async () => worker.output.join('').includes('worker started'), 30_000, 'a worker to start');
    }
    // starts workflows only: it never consumes
    producer = new WorkflowRunner(
      h.repository,
      new BullmqWorkQueue({
        url: process.env.REDIS_URL as string,
        prefix: h.prefix,
        limit: 1000,
        lockMs: 1000,
      }),
      handlersWithBuiltins(),
      new InProcessEventBus(),
      new UuidV7IdGenerator(),
      new SystemClock(),
      { workerId: 'producer', concurrency: 1, leaseMs: 1000 },
    );
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.process.exitCode === null) worker.process.kill('SIGKILL');
    await producer?.stop();
    const redis = new Redis(process.env.REDIS_URL as string);
    const keys = await redis.keys(`${h?.prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await h?.close();
  });

  it('finishes a node on another worker when the one running it is killed', async () => {
    const started = await producer.start(h.actor, {
      name: `kill test ${randomBytes(2).toString('hex')}`,
      kind: 'test',
      projectId: h.projectId,
      input: {},
      nodes: [
        node('a', 'noop', { input: { x: 1 } }),
        node('slow', 'delay', { needs: ['a'], input: { ms: 3000 } }),
        node('c', 'noop', { needs: ['slow'] }),
      ],
    });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.id;
    const view = (predicate: (v: WorkflowView) => boolean) => async () => {
      const found = await producer.get(h.actor, id);
      return found.ok && predicate(found.value) ? found.value : null;
    };

    const running = await until(
      view((v) => byKey(v).slow!.status === 'running'),
      20_000,
      'slow to run',
    );
    const firstWorker = byKey(running).slow!.worker_id as string;
    const victim = workers.find((w) => firstWorker.includes(`:${w.process.pid}:`));
    expect(victim).toBeDefined();
    victim!.process.kill('SIGKILL');
    const survivor = workers.find((w) => w !== victim)!;

    const done = await until(
      view((v) => v.status !== 'running'),
      30_000,
      'the workflow to finish',
    );
    expect(done.status).toBe('succeeded');
    const slow = byKey(done).slow!;
    expect(slow.worker_id).toContain(`:${survivor.process.pid}:`);
    expect(slow.attempts).toBe(2);
    expect(slow.output).toEqual({ slept_ms: 3000 });
    expect(byKey(done).a!.attempts).toBe(1);
    expect(byKey(done).c!.status).toBe('succeeded');
  }, 60_000);
});
