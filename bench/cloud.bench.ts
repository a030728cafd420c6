import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { ADMIN, json, startServer } from './support';

/**
 * Operate at scale, through the HTTP API with the server in its own process on PostgreSQL:
 * connecting a simulated cloud of 10,000 resources runs the first sync (inventory + a year of
 * daily cost records, ~3.6M rows); a second sync is the incremental, idempotent case; then cost
 * aggregation over the year by each grouping, and the 90-day forecast. Peak memory is the server's
 * resident high-water mark (VmHWM). Needs PostgreSQL: BENCH_DATABASE_URL.
 */
const SIZE = Number(process.env.BENCH_RESOURCES ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);

const peakRssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
};
const seconds = (ms: number) => Math.round(ms) / 1000;

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `cockpit_cloudbench_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const server = await startServer({
    DATABASE_URL: url.toString(),
    COCKPIT_BACKGROUND_JOBS: 'false',
    COCKPIT_CLOUD_HISTORY_DAYS: String(DAYS),
  });
  const pid = server.process.pid as number;
  try {
    const { access_token: token } = await json<{ access_token: string }>(`${server.url}/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(ADMIN),
    });
    const baseline = peakRssMb(pid);
    let started = performance.now();
    const provider = await json<{ id: string; sync: Record<string, number> }>(`${server.url}/v1/providers`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        kind: 'simulated',
        name: 'bench',
        credentials: { seed: 'bench', size: String(SIZE) },
      }),
    });
    const firstSync = performance.now() - started;
    started = performance.now();
    const again = await json<Record<string, number>>(`${server.url}/v1/providers/${provider.id}:sync`, {
      method: 'POST',
      token,
    });
    const resync = performance.now() - started;
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - DAYS * 86_400_000).toISOString().slice(0, 10);
    const aggregation: Record<string, { p50_s: number; max_s: number; groups: number }> = {};
    for (const group of ['provider', 'service', 'region', 'tag', 'day']) {
      const times: number[] = [];
      let groups = 0;
      for (let i = 0; i < REPEAT; i++) {
        const t = performance.now();
        const costs = await json<{ groups: unknown[] }>(
          `${server.url}/v1/costs?from=${from}&to=${to}&group_by=${group}&tag_key=team`,
          { token },
        );
        times.push(performance.now() - t);
        groups = costs.groups.length;
      }
      times.sort((a, b) => a - b);
      aggregation[group] = {
        p50_s: seconds(times[Math.floor(times.length / 2)]!),
        max_s: seconds(times.at(-1)!),
        groups,
      };
    }
    started = performance.now();
    await json(`${server.url}/v1/costs/forecast?days=90&history_days=365`, { token });
    const forecast = performance.now() - started;
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    const [{ resources, cost_records: costRecords }] = (
      await db.query(
        'SELECT (SELECT count(*) FROM cloud_resources)::int AS resources, (SELECT count(*) FROM cloud_costs)::int AS cost_records',
      )
    ).rows;
    await db.end();
    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'cloud',
          machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
          resources,
          cost_records: costRecords,
          cost_days: DAYS,
          first_sync_s: seconds(firstSync),
          first_sync: provider.sync,
          resync_s: seconds(resync),
          resync: again,
          cost_aggregation_over_year: aggregation,
          forecast_90d_s: seconds(forecast),
          server_peak_rss_mb: peakRssMb(pid),
          server_baseline_rss_mb: baseline,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
