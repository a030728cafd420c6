import { cpus } from 'node:os';
import { Client } from 'pg';
import { ADMIN, json, startServer } from './support';

/**
 * Runs list latency with filters at 100k and 1M runs in one tenant (plus noise in another), through
 * the HTTP API with the server in its own process. Rows are generated inside PostgreSQL.
 * Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `cockpit_qbench_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const server = await startServer({ DATABASE_URL: url.toString(), COCKPIT_BACKGROUND_JOBS: 'false' });
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  const results: Record<string, unknown>[] = [];
  try {
    const token = await json<{ access_token: string; tenant_id: string }>(`${server.url}/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(ADMIN),
    });
    const project = (
      await json<{ items: { id: string }[] }>(`${server.url}/v1/projects`, { token: token.access_token })
    ).items[0]!.id;
    const [{ noise_tenant: noiseTenant, noise_project: noiseProject }] = (
      await db.query(`WITH t AS (INSERT INTO tenants (name, plan) VALUES ('noise', 'team') RETURNING id)
        INSERT INTO projects (tenant_id, name) SELECT id, 'noise' FROM t RETURNING tenant_id AS noise_tenant, id AS noise_project`)
    ).rows;
    let loaded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await generate(db, token.tenant_id, project, loaded, size - loaded);
      await generate(db, noiseTenant, noiseProject, loaded / 10, (size - loaded) / 10);
      await db.query('ANALYZE runs');
      loaded = size;
      const loadSeconds = (performance.now() - started) / 1000;
      const queries: Record<string, string> = {
        'no filter': '',
        status: '?status=failed',
        model: '?model=gpt-4o',
        tool: '?tool=refund',
        tag: '?tag=canary',
        'env + release': '?env=prod&release=1.7',
        'last 24h': `?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`,
        'status + model + tag': '?status=succeeded&model=claude-haiku-4-5&tag=nightly',
        'second page': '', // filled below with a cursor
      };
      const first = await json<{ next_cursor: string }>(`${server.url}/v1/runs?limit=50`, {
        token: token.access_token,
      });
      queries['second page'] = `?cursor=${first.next_cursor}`;
      const latencies: Record<string, { p50: number; p95: number; max: number }> = {};
      for (const [name, query] of Object.entries(queries)) {
        const times: number[] = [];
        for (let i = 0; i < REQUESTS; i++) {
          const t0 = performance.now();
          const response = await fetch(`${server.url}/v1/runs${query}${query ? '&' : '?'}limit=50`, {
            headers: { authorization: `Bearer ${token.access_token}` },
          });
          if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const at = (q: number) => Math.round(times[Math.floor(q * (times.length - 1))]! * 100) / 100;
        latencies[name] = { p50: at(0.5), p95: at(0.95), max: at(1) };
      }
      results.push({ runs: size, load_seconds: Math.round(loadSeconds), latency_ms: latencies });
    }
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: 'runs-query',
          database: 'postgresql',
          machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
          requests_per_query: REQUESTS,
          page_size: 50,
          results,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await db.end();
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** `count` runs spread over the last 90 days, with realistic shares of statuses, models, tools and tags. */
async function generate(
  db: Client,
  tenantId: string,
  projectId: string,
  offset: number,
  count: number,
): Promise<void> {
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    await db.query(
      `INSERT INTO runs (tenant_id, id, project_id, name, status, started_at, ended_at, tags, metadata, models, tools,
                         step_count, tool_count, input_tokens, output_tokens, cost_usd)
       SELECT $1, gen_random_uuid(), $2, 'run ' || g,
              (ARRAY['succeeded','succeeded','succeeded','failed','running','cancelled'])[1 + (g % 6)],
              now() - (random() * interval '90 days'), now(),
              CASE WHEN g % 50 = 0 THEN ARRAY['canary'] WHEN g % 3 = 0 THEN ARRAY['nightly','eu'] ELSE ARRAY['nightly'] END,
              jsonb_build_object('env', (ARRAY['prod','staging','dev'])[1 + (g % 3)], 'release', '1.' || (g % 10), 'agent_version', 'a' || (g % 4)),
              ARRAY[(ARRAY['gpt-4o','claude-sonnet-4-5','claude-haiku-4-5','gemini-2.5-flash'])[1 + (g % 4)]],
              CASE WHEN g % 7 = 0 THEN ARRAY['refund','search'] ELSE ARRAY['search'] END,
              12, 3, 4000, 800, 0.02
         FROM generate_series($3::bigint, $4::bigint) AS g`,
      [tenantId, projectId, offset + from, offset + from + n - 1],
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
