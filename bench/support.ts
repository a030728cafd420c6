import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

export interface Server {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export const ADMIN = { email: 'bench@cockpit.local', password: 'benchmark password 1' };

/**
 * Starts `node dist/src/main.js` on a free port with a throw-away embedded database (or
 * DATABASE_URL). With COCKPIT_HTTP_PROCESSES > 1 it returns once every process serves.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
  const port = String(20000 + Math.floor(Math.random() * 20000));
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      COCKPIT_DATA_DIR: dataDir,
      COCKPIT_ADMIN_EMAIL: ADMIN.email,
      COCKPIT_ADMIN_PASSWORD: ADMIN.password,
      COCKPIT_RATE_LIMIT_MAX: '0',
      COCKPIT_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the server exited during start-up');
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const processes = Number(env.COCKPIT_HTTP_PROCESSES ?? 1);
  if (processes > 1) await untilProcessesServe(url, child.pid!, processes);
  return {
    url,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in as the bench admin: the access token and the id of the default project. */
export async function signIn(server: Server): Promise<{ token: string; projectId: string }> {
  const token = (
    await json<{ access_token: string }>(`${server.url}/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(ADMIN),
    })
  ).access_token;
  const projects = await json<{ items: { id: string }[] }>(`${server.url}/v1/projects`, { token });
  return { token, projectId: projects.items[0]!.id };
}

export async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const { token, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!response.ok)
    throw new Error(`${rest.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The first of several server processes answers before the others listen, and keep-alive
 * connections opened then would all stay with it: waits until `count` processes have answered
 * /readyz, each time on a new connection (the supervisor deals connections out in turn).
 */
export async function untilProcessesServe(url: string, supervisor: number, count: number): Promise<void> {
  if (!existsSync('/proc/net/tcp')) {
    // no way to tell who answered off Linux: give the others the time they take to start here
    await new Promise((resolve) => setTimeout(resolve, 5000));
    return;
  }
  const answered = new Set<number>();
  for (let i = 0; i < 600 && answered.size < count; i++) {
    const ready = await askOnOwnConnection(`${url}/readyz`, supervisor).catch(() => null);
    if (ready?.status === 200 && ready.servedBy > 0) answered.add(ready.servedBy);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (answered.size < count) throw new Error(`only ${answered.size} of ${count} server processes answered`);
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  /** The pid of the supervisor's child that answered; -1 when /proc cannot tell. */
  readonly servedBy: number;
}

/**
 * One request on a connection of its own, held open until the answer is read so that `servedBy`
 * can name the server process at its other end.
 */
export function askOnOwnConnection(
  url: string,
  supervisor: number,
  init: { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string } = {},
): Promise<Answer> {
  const port = Number(new URL(url).port);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const localPort = res.socket.localPort!;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const servedBy = processServing(childPids(supervisor), port, localPort);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), servedBy });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  }).finally(() => agent.destroy());
}

/** The pids whose parent is `pid` (Linux /proc; none elsewhere). */
export function childPids(pid: number): number[] {
  return readdirOrNone('/proc').flatMap((entry) =>
    /^\d+$/.test(entry) && Number(procStat(entry)[1]) === pid ? [Number(entry)] : [],
  );
}

/**
 * The fields of /proc/<pid>/stat after the command, from the state on (so `[1]` is the parent,
 * `[11]` and `[12]` the user and system ticks); none when the process is gone or this is not Linux.
 */
export function procStat(pid: number | string): string[] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command may hold spaces and parentheses: the fields start after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return [];
  }
}

/**
 * Which of `pids` holds the server end of our connection from 127.0.0.1:`localPort` to
 * 127.0.0.1:`port`, found the way `ss -p` finds it: the socket's inode in /proc/net/tcp, then the
 * process with a descriptor on that inode. -1 when none does (or not on Linux).
 */
export function processServing(pids: readonly number[], port: number, localPort: number): number {
  const address = (p: number) => `0100007F:${p.toString(16).toUpperCase().padStart(4, '0')}`;
  let table = '';
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return -1;
  }
  const inode = table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[1] === address(port) && cols[2] === address(localPort))?.[9];
  if (!inode) return -1;
  for (const pid of pids) {
    for (const fd of readdirOrNone(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        // closed while we looked
      }
    }
  }
  return -1;
}

function readdirOrNone(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Deletes the keys a server's workflow queue left in Redis under `prefix` (a run's own). */
export async function forgetQueue(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 }))
      keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly requests_per_second: number;
  readonly latency_ms: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
}

/** `concurrency` closed-loop clients calling `request` for `seconds` seconds. */
export async function closedLoop(
  request: () => Promise<boolean>,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await request().catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    seconds: round(elapsed),
    requests_per_second: round(latencies.length / elapsed),
    latency_ms: {
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
