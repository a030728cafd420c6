import { cpus } from 'node:os';
import { ADMIN, closedLoop, json, startServer } from './support';

/**
 * Baseline cost of the request path: authentication (API key or access token), the RBAC guard,
 * one tenant-scoped transaction under row-level security, JSON out. The server runs in its own
 * process; this process only generates load.
 */
async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const server = await startServer();
  try {
    const login = await json<{ access_token: string }>(`${server.url}/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify(ADMIN),
    });
    const token = login.access_token;
    const projects = await json<{ items: { id: string }[] }>(`${server.url}/v1/projects`, { token });
    const key = await json<{ key: string }>(`${server.url}/v1/projects/${projects.items[0]?.id}/api-keys`, {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'bench' }),
    });
    const get = (credential: string) => async () => {
      const response = await fetch(`${server.url}/v1/projects`, {
        headers: { authorization: `Bearer ${credential}` },
      });
      await response.arrayBuffer();
      return response.ok;
    };
    await closedLoop(get(key.key), concurrency, 2); // warm-up
    const apiKey = await closedLoop(get(key.key), concurrency, seconds);
    const userToken = await closedLoop(get(token), concurrency, seconds);
    const loginLatency = await closedLoop(
      async () =>
        (
          await fetch(`${server.url}/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(ADMIN),
          })
        ).ok,
      2,
      Math.min(seconds, 5),
    );
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: 'api-requests',
          database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
          machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
          concurrency,
          get_projects_with_api_key: apiKey,
          get_projects_with_user_token: userToken,
          login_bcrypt_cost_12: loginLatency,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
