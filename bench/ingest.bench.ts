import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { childPids, closedLoop, forgetQueue, json, procStat, signIn, startServer } from './support';

/**
 * Ingest end to end over HTTP into PostgreSQL: batches of 100 steps of ~1 KB, some carrying
 * secrets and PII to redact. Reports the closed-loop maximum, ack latency at a fixed 2,000 steps/s,
 * and the raw ceiling of the same rows with COPY, which no API can beat.
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh
 * database is created and dropped. The server runs one process per CPU (COCKPIT_HTTP_PROCESSES),
 * which needs Redis: BENCH_REDIS_URL (default redis://127.0.0.1:6379); without it, one process.
 * Knobs: BENCH_SECONDS (15), BENCH_CONCURRENCY (batches in flight, 8), BENCH_HTTP_PROCESSES
 * (default: one per CPU), BENCH_DB_POOL_SIZE (the server's connections over all processes, 16).
 */
const BATCH = 100;

function stepPayload(i: number): Record<string, unknown> {
  const secret = i % 10 === 0;
  return {
    kind: i % 3 === 0 ? 'model' : 'tool',
    name: i % 3 === 0 ? 'chat' : 'http_get',
    ...(i % 3 === 0
      ? {
          model: 'claude-sonnet-4-5',
          usage: { input_tokens: 812, output_tokens: 164 },
          model_params: { temperature: 0.2, max_tokens: 1024 },
        }
      : { tool: 'http_get' }),
    input: {
      messages: [
        {
          role: 'system',
          content: 'You are a careful support agent. Answer briefly and cite the order number.',
        },
        {
          role: 'user',
          content: secret
            ? `My card is 4111 1111 1111 1111, email jane.doe@example.com, and the key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx${i}`
            : `Where is my order ${100000 + i}? It was supposed to arrive on Tuesday and the tracking page shows nothing.`,
        },
      ],
      // a retrieved passage, so the step is about 1 KB on the wire like a real agent step
      context: `Order ${100000 + i} history: placed on the web shop, paid by card, packed at the Lyon warehouse on day two, handed to the carrier on day three with a standard delivery promise of five working days. The customer asked twice about the delay; the second reply promised a refund of the shipping fee if the parcel is not scanned by Friday.`,
      headers: secret
        ? { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ' }
        : { accept: 'application/json' },
    },
    output: {
      text:
        'Your order shipped yesterday from our Lyon warehouse; the carrier scan will appear within 24 hours. Reference: ORD-' +
        (100000 + i),
      finish_reason: 'stop',
    },
  };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const dbName = `cockpit_bench_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `cockpit-bench-${Date.now()}`;
  let processes = Number(process.env.BENCH_HTTP_PROCESSES ?? cpus().length);
  if (processes > 1 && !(await answers(redisUrl))) {
    process.stderr.write(`ingest: no Redis at ${redisUrl}; one server process instead of ${processes}\n`);
    processes = 1;
  }
  const server = await startServer({
    DATABASE_URL: url.toString(),
    COCKPIT_DB_POOL_SIZE: String(Math.ceil(Number(process.env.BENCH_DB_POOL_SIZE ?? 16) / processes)),
    COCKPIT_BACKGROUND_JOBS: 'false',
    COCKPIT_HTTP_PROCESSES: String(processes),
    ...(processes > 1 ? { REDIS_URL: redisUrl, COCKPIT_QUEUE_PREFIX: queuePrefix } : {}),
  });
  try {
    const { token, projectId } = await signIn(server);
    const key = (
      await json<{ key: string }>(`${server.url}/v1/projects/${projectId}/api-keys`, {
        method: 'POST',
        token,
        body: JSON.stringify({ name: 'bench' }),
      })
    ).key;

    // one template body per batch shape; ids are swapped in cheaply so the client stays light
    const steps = Array.from({ length: BATCH }, (_, i) => ({
      id: `STEPID${String(i).padStart(3, '0')}`,
      started_at: 'STARTED',
      ...stepPayload(i),
    }));
    const template = JSON.stringify({ steps });
    const bytesPerStep = Math.round(template.length / BATCH);
    // split once so that each batch is a join, not two regex passes over 100 KB on the client's CPU
    const parts = template.split(/(STEPID|STARTED)/);
    const fill = (idPrefix: string, startedAt: string) =>
      parts.map((part) => (part === 'STEPID' ? idPrefix : part === 'STARTED' ? startedAt : part)).join('');
    let batchNo = 0;
    const runs: string[] = [];
    for (let i = 0; i < 64; i++) {
      runs.push(
        (
          await json<{ id: string }>(`${server.url}/v1/runs`, {
            method: 'POST',
            token: key,
            body: JSON.stringify({ name: `bench-${i}` }),
          })
        ).id,
      );
    }
    const sendBatch = async () => {
      const n = batchNo++;
      const runId = runs[n % runs.length];
      const body = fill(`b${n}-`, new Date().toISOString());
      return (await post(`/v1/runs/${runId}/steps`, body)) === 200;
    };
    // node:http with keep-alive rather than fetch: the load generator shares the machine's two
    // cores with the server and PostgreSQL, and undici costs it about twice the CPU per request
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
    const { hostname, port } = new URL(server.url);
    const post = (path: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            agent,
            hostname,
            port,
            path,
            method: 'POST',
            headers: {
              authorization: `Bearer ${key}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });

    await closedLoop(sendBatch, concurrency, 3); // warm-up
    const cpuBefore = cpuSeconds(server.process.pid);
    const loopStarted = performance.now();
    const max = await closedLoop(sendBatch, concurrency, seconds);
    const cpuAfter = cpuSeconds(server.process.pid);
    const mainThread = mainThreadShares(cpuBefore, cpuAfter, performance.now() - loopStarted);
    const cpu = cpuPerStep(cpuBefore, cpuAfter, max.requests * BATCH);

    // The closed loop leaves PostgreSQL a backlog that a steady 2,000 steps/s would not make: the
    // autovacuum of the rows it just wrote and a checkpoint of its WAL. Settle both first, so that
    // the open loop measures ack latency at that rate rather than the burst's aftermath.
    await settle(url.toString());

    // open loop at a fixed 2,000 steps/s (20 batches/s): latency is measured from the scheduled send time
    const rate = 2000 / BATCH;
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(
        sendBatch().then(
          (ok) => {
            latencies.push(performance.now() - due);
            if (!ok) errors++;
          },
          () => {
            errors++;
          },
        ),
      );
    }
    await Promise.all(pending);
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      Math.round((latencies[Math.floor(q * (latencies.length - 1))] ?? 0) * 100) / 100;

    const ceiling = copyCeiling(url.toString(), template, 200_000);
    const stepsPerSecond = Math.round(max.requests_per_second * BATCH);
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: 'ingest',
          database: 'postgresql',
          machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
          batch_steps: BATCH,
          bytes_per_step: bytesPerStep,
          concurrency,
          http_processes: processes,
          max_throughput: {
            steps_per_second: stepsPerSecond,
            batches: max.requests,
            errors: max.errors,
            batch_latency_ms: max.latency_ms,
            // where the machine's CPU went, per step: the budget that bounds this figure
            cpu_us_per_step: cpu,
            // the server's JavaScript thread (the mean over its processes): the share of the loop
            // it ran, and the share it was ready to run but waited for a core (taken by
            // PostgreSQL, this client, V8's GC threads or the other server processes)
            server_main_thread: mainThread,
          },
          fixed_rate_2000_steps_per_second: {
            batches: latencies.length,
            errors,
            ack_latency_ms: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: pct(1) },
            after: 'VACUUM (ANALYZE) and CHECKPOINT following the closed loop',
          },
          copy_ceiling: ceiling,
          ratio_to_copy: Math.round((stepsPerSecond / ceiling.rows_per_second) * 1000) / 1000,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    if (processes > 1) await forgetQueue(redisUrl, queuePrefix);
  }
}

/** Whether Redis answers PING at `url`. */
async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

interface CpuSample {
  readonly server: number;
  readonly postgres: number;
  readonly client: number;
  readonly machine: number;
  /** Nanoseconds each server process's main thread has run and waited on a run queue (/proc/<pid>/schedstat). */
  readonly serverThreads: readonly {
    readonly pid: number;
    readonly running: number;
    readonly waiting: number;
  }[];
}

/** CPU seconds used so far by the server, all PostgreSQL processes, this client and the machine (Linux /proc). */
function cpuSeconds(serverPid: number | undefined): CpuSample | null {
  const ticks = 100; // USER_HZ on Linux
  // a process may end between listing /proc and reading it
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const used = (pid: number | string) => {
    const fields = procStat(pid);
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / ticks;
  };
  try {
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (/^\d+$/.test(pid) && read(`/proc/${pid}/cmdline`).startsWith('postgres')) postgres += used(pid);
    }
    const [, ...times] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = times.map(Number) as number[];
    const machine = (user! + nice! + system! + irq! + softirq! + steal!) / ticks;
    const self = process.cpuUsage();
    // several server processes: the supervisor and the processes that serve (its children)
    const serving = serverPid ? childPids(serverPid) : [];
    const threads = (serving.length > 0 ? serving : serverPid ? [serverPid] : []).flatMap((pid) => {
      const [running, waiting] = read(`/proc/${pid}/schedstat`).split(' ').map(Number);
      return running !== undefined && waiting !== undefined ? [{ pid, running, waiting }] : [];
    });
    return {
      server: serverPid ? [serverPid, ...serving].reduce((sum, pid) => sum + used(pid), 0) : 0,
      postgres,
      client: (self.user + self.system) / 1e6,
      machine,
      serverThreads: threads,
    };
  } catch {
    return null; // not Linux
  }
}

/** The shares of `elapsedMs` the server's main thread ran and waited for a core (the mean over its processes). */
function mainThreadShares(before: CpuSample | null, after: CpuSample | null, elapsedMs: number) {
  const pairs = (after?.serverThreads ?? []).flatMap((b) => {
    const a = before?.serverThreads.find((t) => t.pid === b.pid);
    return a ? [{ running: b.running - a.running, waiting: b.waiting - a.waiting }] : [];
  });
  if (pairs.length === 0 || elapsedMs <= 0) return null;
  const share = (key: 'running' | 'waiting') =>
    Math.round((pairs.reduce((sum, p) => sum + p[key], 0) / pairs.length / 1e6 / elapsedMs) * 1000) / 1000;
  return { running_share: share('running'), runqueue_wait_share: share('waiting') };
}

function cpuPerStep(before: CpuSample | null, after: CpuSample | null, steps: number) {
  if (!before || !after || steps === 0) return null;
  const per = (key: 'server' | 'postgres' | 'client' | 'machine') =>
    Math.round(((after[key] - before[key]) * 1e6) / steps);
  return { server: per('server'), postgres: per('postgres'), client: per('client'), machine: per('machine') };
}

/** Vacuums what the closed loop wrote and checkpoints, as the database's owner. */
async function settle(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE) steps, runs');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

/** COPY of the same rows (already redacted shape, same primary key and index as `steps`) with psql. */
function copyCeiling(
  databaseUrl: string,
  template: string,
  rows: number,
): { rows: number; seconds: number; rows_per_second: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-copy-'));
  const file = join(dir, 'steps.csv');
  const sample = (JSON.parse(template) as { steps: Record<string, unknown>[] }).steps;
  const tenant = randomUUID();
  const run = randomUUID();
  const csv = (value: unknown) => `"${JSON.stringify(value ?? null).replace(/"/g, '""')}"`;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const s = sample[i % sample.length] as Record<string, unknown>;
    lines.push(
      [
        tenant,
        run,
        `c${i}`,
        s.kind,
        s.name,
        new Date().toISOString(),
        csv(s.input),
        csv(s.output),
        csv(s.model_params),
        '[]',
      ].join(','),
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
  const psql = (sql: string) =>
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', databaseUrl, '-c', sql], { stdio: 'pipe' });
  psql(`CREATE TABLE copy_ceiling (tenant_id uuid, run_id uuid, id text, kind text, name text, started_at timestamptz,
        input jsonb, output jsonb, model_params jsonb, redactions jsonb, PRIMARY KEY (tenant_id, run_id, id));
        CREATE INDEX ON copy_ceiling (tenant_id, run_id, started_at)`);
  const started = performance.now();
  psql(`\\copy copy_ceiling FROM '${file}' WITH (FORMAT csv)`);
  const seconds = (performance.now() - started) / 1000;
  psql('DROP TABLE copy_ceiling');
  rmSync(dir, { recursive: true, force: true });
  return { rows, seconds: Math.round(seconds * 100) / 100, rows_per_second: Math.round(rows / seconds) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
