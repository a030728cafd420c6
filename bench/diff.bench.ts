import { cpus } from 'node:os';
import { Client } from 'pg';
import { json, signIn, startServer } from './support';
import { type DiffRun, type DiffStep } from '../domain/runs/diff/diff-input';
import { diffRuns } from '../domain/runs/diff/run-diff';

/**
 * The run diff engine on two 5,000-step runs with ~1 KB payloads and 50 scattered differences
 * (inserted, deleted and changed steps), the second run stored in shuffled order. First in-process
 * (the diff is a pure function: what GET /v1/diff spends computing), then end to end: both runs are
 * ingested through the API into PostgreSQL (BENCH_DATABASE_URL, default the local server; a fresh
 * database is created and dropped) and GET /v1/diff is timed with the server in its own process:
 * it reads both runs' outlines (10,000 steps, no payloads), loads the pairs whose stored digests
 * differ, and answers the JSON.
 */
const STEPS = Number(process.env.BENCH_STEPS ?? 5000);
const CHANGES = 50;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);

/** mulberry32: a small seeded generator, so both runs are the same on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'agent tool model prompt order refund invoice customer shipping policy account balance'.split(
  ' ',
);
const text = (next: () => number, words: number) =>
  Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');

const BASE = Date.parse('2026-11-23T10:00:00.000Z');

function step(next: () => number, run: string, i: number, at: number): DiffStep {
  const started = new Date(BASE + at).toISOString();
  const common = {
    id: `${run}-s${i}`,
    parent_id: null,
    started_at: started,
    ended_at: new Date(BASE + at + 40).toISOString(),
    duration_ms: 40 + Math.floor(next() * 400),
    cost_usd: null,
    error: null,
    metadata: { attempt: 1, span_id: `${run}-span-${i}` },
    redactions: [],
  };
  const kind = i % 5;
  if (kind === 0 || kind === 2)
    return {
      ...common,
      kind: 'model',
      name: kind === 0 ? 'plan' : 'answer',
      model: 'gpt-4o',
      model_params: { temperature: 0.2, max_tokens: 1024, top_p: 1 },
      tool: null,
      input: {
        messages: [
          { role: 'system', content: `You are the support agent. ${text(next, 30)}` },
          { role: 'user', content: text(next, 40), id: `${run}-m${i}` },
        ],
      },
      output: { content: text(next, 30), finish_reason: 'stop', request_id: `${run}-r${i}` },
      usage: { input_tokens: 200 + (i % 50), output_tokens: 60 + (i % 30) },
      cost_usd: 0.001 + next() / 1000,
    };
  if (kind === 1 || kind === 3)
    return {
      ...common,
      kind: 'tool',
      name: kind === 1 ? 'search' : 'lookup_order',
      model: null,
      model_params: null,
      tool: kind === 1 ? 'search' : 'lookup_order',
      input: { query: text(next, 12), filters: { status: 'open', limit: 10 } },
      output: {
        hits: Array.from({ length: 6 }, (_, h) => ({
          id: `${run}-h${i}-${h}`,
          title: text(next, 8),
          score: h,
        })),
      },
      usage: null,
    };
  return {
    ...common,
    kind: 'policy',
    name: 'refund-limit',
    model: null,
    model_params: null,
    tool: null,
    input: { action: 'refund', amount: 20 + (i % 100), reason: text(next, 25) },
    output: { decision: 'allow', rule: 'refunds-under-100' },
    usage: null,
  };
}

/** Run A, and run B = A recorded again (new ids and times) with CHANGES scattered edits, stored shuffled. */
function generate(): { a: DiffRun; b: DiffRun } {
  const next = random(42);
  const stepsA = Array.from({ length: STEPS }, (_, i) => step(random(i + 1), 'a', i, i * 1000));
  // Re-recording: same content (same per-step seed), other ids, a later clock and other durations.
  const stepsB: (DiffStep | null)[] = stepsA.map((_, i) => ({
    ...step(random(i + 1), 'b', i, 3_600_000 + i * 1000),
    duration_ms: 1 + Math.floor(next() * 500),
  }));
  const picked = new Set<number>();
  while (picked.size < CHANGES) picked.add(1 + Math.floor(next() * (STEPS - 2)));
  const inserted: DiffStep[] = [];
  [...picked]
    .sort((x, y) => x - y)
    .forEach((i, n) => {
      const original = stepsB[i] as DiffStep;
      if (n % 3 === 0)
        stepsB[i] = null; // deleted
      else if (n % 3 === 1)
        inserted.push({
          ...step(random(10_000 + i), 'b-new', i, 3_600_000 + i * 1000 + 500),
          kind: 'tool',
          name: 'browser',
          model: null,
          model_params: null,
          tool: 'browser',
        });
      else if (original.kind === 'model')
        stepsB[i] = { ...original, model_params: { ...original.model_params, temperature: 0.7 } };
      else stepsB[i] = { ...original, output: { changed: true, note: text(next, 5) } };
    });
  const b = [...stepsB.filter((s): s is DiffStep => s !== null), ...inserted];
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [b[i], b[j]] = [b[j] as DiffStep, b[i] as DiffStep];
  }
  const run = (id: string, steps: DiffStep[], release: string): DiffRun => ({
    id,
    name: 'support-agent',
    status: 'succeeded',
    tags: ['prod', release],
    metadata: { release, env: 'prod' },
    steps,
  });
  return { a: run('run-a', stepsA, 'v1'), b: run('run-b', b, 'v2') };
}

const HTTP_ITERATIONS = Number(process.env.BENCH_HTTP_ITERATIONS ?? 10);

/** Ingests both runs through the API and times GET /v1/diff; null when PostgreSQL is not reachable. */
async function endToEnd(a: DiffRun, b: DiffRun): Promise<Record<string, unknown>> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL is not reachable at ${adminUrl}: ${(error as Error).message}` };
  }
  const dbName = `cockpit_dbench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const server = await startServer({ DATABASE_URL: url.toString(), COCKPIT_BACKGROUND_JOBS: 'false' });
  try {
    const { token, projectId } = await signIn(server);
    const ids: string[] = [];
    for (const run of [a, b]) {
      const created = await json<{ id: string }>(`${server.url}/v1/runs`, {
        method: 'POST',
        token,
        body: JSON.stringify({
          project_id: projectId,
          name: run.name,
          tags: run.tags,
          metadata: run.metadata,
        }),
      });
      for (let i = 0; i < run.steps.length; i += 500) {
        const steps = run.steps.slice(i, i + 500).map((s) => {
          // eslint-disable-next-line @typescript-eslint/no-unused-vars -- derived fields, not sent
          const { duration_ms, redactions, ...sent } = s;
          return sent;
        });
        await json(`${server.url}/v1/runs/${created.id}/steps`, {
          method: 'POST',
          token,
          body: JSON.stringify({ steps }),
        });
      }
      ids.push(created.id);
    }
    const request = async () => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/v1/diff?runA=${ids[0]}&runB=${ids[1]}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { summary: Record<string, number> };
      if (!response.ok) throw new Error(`GET /v1/diff: ${response.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, summary: body.summary };
    };
    await request(); // warm-up
    const times: number[] = [];
    let summary: Record<string, number> = {};
    for (let i = 0; i < HTTP_ITERATIONS; i++) {
      const result = await request();
      times.push(result.ms);
      summary = result.summary;
    }
    times.sort((x, y) => x - y);
    return {
      database: 'postgresql',
      iterations: HTTP_ITERATIONS,
      ms: { p50: round(times[Math.floor(times.length / 2)]!), max: round(times[times.length - 1]!) },
      result: summary,
    };
  } finally {
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const { a, b } = generate();
  const bytes = a.steps.reduce((sum, s) => sum + JSON.stringify(s).length, 0) / a.steps.length;
  const diff = () => {
    const result = diffRuns(a, b);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  for (let i = 0; i < 3; i++) diff(); // warm-up: let the JIT settle
  const times: number[] = [];
  const jsonTimes: number[] = [];
  let last = diff();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    last = diff();
    const t1 = performance.now();
    JSON.stringify(last);
    jsonTimes.push(performance.now() - t1);
    times.push(t1 - t0);
  }
  const median = (xs: number[]) => round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0);
  const { same, changed, inserted, deleted } = last.summary;
  process.stdout.write(
    JSON.stringify(
      {
        benchmark: 'diff',
        steps: STEPS,
        changes: CHANGES,
        ms: { p50: median(times), max: round(Math.max(...times)) },
        machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
        iterations: ITERATIONS,
        payload_bytes_per_step: Math.round(bytes),
        result: { same, changed, inserted, deleted },
        json_stringify_ms_p50: median(jsonTimes),
        http: await endToEnd(a, b),
      },
      null,
      2,
    ) + '\n',
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
