import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client } from 'pg';
import { askOnOwnConnection, childPids, forgetQueue, untilProcessesServe } from '../../bench/support';
import { ConfigError, httpProcesses, loadConfig } from '../../src/config';
import { withAdmin } from '../support/test-database';
import { until } from '../support/until';
import { type Socket, connect } from '../support/ws';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const ADMIN = { email: 'processes@cockpit.local', password: 'several processes 1' };
const ready = Boolean(process.env.TEST_DATABASE_URL && process.env.REDIS_URL);

describe('COCKPIT_HTTP_PROCESSES', () => {
  const pg = { DATABASE_URL: 'postgres://db/cockpit', REDIS_URL: 'redis://cache:6379' };

  it('is one process by default, a number, or one per CPU', () => {
    expect(httpProcesses(loadConfig({}))).toBe(1);
    expect(httpProcesses(loadConfig({ ...pg, COCKPIT_HTTP_PROCESSES: '3' }))).toBe(3);
    expect(httpProcesses(loadConfig({ ...pg, COCKPIT_HTTP_PROCESSES: 'auto' }), 4)).toBe(4);
    // one CPU: one process, which needs neither PostgreSQL nor Redis
    expect(httpProcesses(loadConfig({ COCKPIT_HTTP_PROCESSES: 'auto' }), 1)).toBe(1);
  });

  it('refuses what is not a count', () => {
    for (const value of ['0', 'two', '1.5', '65']) {
      expect(() => loadConfig({ COCKPIT_HTTP_PROCESSES: value })).toThrow(/COCKPIT_HTTP_PROCESSES/);
    }
  });

  it('needs PostgreSQL and Redis for more than one process, and says which is missing', () => {
    const without = (env: Record<string, string>) => {
      try {
        httpProcesses(loadConfig({ COCKPIT_HTTP_PROCESSES: '2', ...env }));
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.join('\n');
        throw error;
      }
      return '';
    };
    expect(without({})).toMatch(/DATABASE_URL[\s\S]*REDIS_URL/);
    expect(without({ DATABASE_URL: pg.DATABASE_URL })).not.toMatch(/DATABASE_URL/);
    expect(without({ REDIS_URL: pg.REDIS_URL })).not.toMatch(/REDIS_URL/);
    expect(without(pg)).toBe('');
  });

  it('stops `cockpit start` with exit code 2 on the embedded database', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-processes-'));
    try {
      const server = startMain({ COCKPIT_HTTP_PROCESSES: '2', COCKPIT_DATA_DIR: dataDir, PORT: '0' });
      const code = await exited(server.process);
      expect(code).toBe(2);
      expect(server.output.join('')).toMatch(/COCKPIT_HTTP_PROCESSES: 2 processes need DATABASE_URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

(ready ? describe : describe.skip)(
  'two server processes on one port (needs TEST_DATABASE_URL and REDIS_URL)',
  () => {
    const adminUrl = process.env.TEST_DATABASE_URL as string;
    const dbName = `cockpit_test_processes_${randomBytes(4).toString('hex')}`;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const queuePrefix = `test-processes-${randomBytes(4).toString('hex')}`;
    const base = `http://127.0.0.1:${port}`;
    let dataDir: string;
    let server: Started;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
      await admin((client) => client.query(`CREATE DATABASE ${dbName}`));
      const url = new URL(adminUrl);
      url.pathname = `/${dbName}`;
      dataDir = mkdtempSync(join(tmpdir(), 'cockpit-processes-'));
      server = startMain({
        DATABASE_URL: url.toString(),
        REDIS_URL: process.env.REDIS_URL as string,
        COCKPIT_HTTP_PROCESSES: '2',
        COCKPIT_DATA_DIR: dataDir,
        COCKPIT_DB_POOL_SIZE: '4',
        COCKPIT_ADMIN_EMAIL: ADMIN.email,
        COCKPIT_ADMIN_PASSWORD: ADMIN.password,
        // a queue of its own: BullMQ is the default executor with Redis
        COCKPIT_QUEUE_PREFIX: queuePrefix,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      await bothServing();
    }, 120_000);

    afterAll(async () => {
      sockets.forEach((s) => s.ws.terminate());
      if (server && server.process.exitCode === null) {
        const serving = childPids(server.process.pid!);
        server.process.kill('SIGKILL');
        for (const pid of serving) process.kill(pid, 'SIGKILL');
      }
      await forgetQueue(process.env.REDIS_URL as string, queuePrefix);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    it('serves from both processes, and a live viewer on one sees steps ingested through the other', async () => {
      const token = (await post('/v1/auth/login', ADMIN)).body.access_token as string;
      const projects = (await send('GET', '/v1/projects', undefined, token)).body as {
        items: { id: string }[];
      };
      const created = await post(
        '/v1/runs',
        { name: 'two processes', project_id: projects.items[0]!.id },
        token,
      );
      expect(created.status).toBe(201);
      const run = created.body as { id: string };

      const viewer = connect(`${base.replace('http', 'ws')}/v1/ws?token=${token}`);
      sockets.push(viewer);
      await viewer.next('ready', 10_000);
      viewer.ws.send(JSON.stringify({ type: 'subscribe', topics: [`run:${run.id}`] }));
      await viewer.next('subscribed');

      // a new connection per batch: the supervisor deals connections out in turn, so the batches
      // land on both processes, whichever one holds the viewer
      const pids = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const sent = await post(
          `/v1/runs/${run.id}/steps`,
          { steps: [{ id: `s${i}`, kind: 'custom', started_at: new Date().toISOString() }] },
          token,
        );
        expect(sent.status).toBe(200);
        pids.add(sent.servedBy);
      }
      expect(pids.size).toBe(2);
      const seen = new Set<string>();
      while (seen.size < 4) {
        const event = await viewer.next('run.steps_appended', 10_000);
        for (const step of (event.data as { steps: { id: string }[] }).steps) seen.add(step.id);
      }
      expect([...seen].sort()).toEqual(['s0', 's1', 's2', 's3']);
    }, 60_000);

    it('replaces a process that dies, and stops them all on SIGTERM', async () => {
      const [victim] = childPids(server.process.pid!);
      process.kill(victim!, 'SIGKILL');
      await until(
        async () => {
          const now = childPids(server.process.pid!);
          return now.length === 2 && !now.includes(victim!);
        },
        30_000,
        'a replacement process',
      );
      await bothServing();
      const survivors = childPids(server.process.pid!);

      server.process.kill('SIGTERM');
      expect(await exited(server.process)).toBe(0);
      for (const pid of survivors) expect(alive(pid)).toBe(false);
    }, 90_000);

    const admin = <T>(work: (client: Client) => Promise<T>) => withAdmin(adminUrl, work);

    /** One request on a connection of its own; `servedBy` names the process that answered. */
    async function send(method: string, path: string, body?: unknown, token?: string) {
      const answer = await askOnOwnConnection(`${base}${path}`, server.process.pid!, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {};
      return { status: answer.status, body: parsed, servedBy: answer.servedBy };
    }

    /** Until both processes answer (the second starts once the first listens). */
    const bothServing = () => untilProcessesServe(base, server.process.pid!, 2);
    const post = (path: string, body: unknown, token?: string) => send('POST', path, body, token);
  },
);

interface Started {
  readonly process: ChildProcess;
  readonly output: string[];
}

/** `node dist/src/main.js` with `env` over the test's environment. */
function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'test', COCKPIT_LOG_LEVEL: 'warn', COCKPIT_RATE_LIMIT_MAX: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { process: child, output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
