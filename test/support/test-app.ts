import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { type Config, loadConfig } from '../../src/config';
import { type CockpitApp, createApp } from '../../src/create-app';
import { type Engine, type TestDatabase, openTestDatabase } from './test-database';

export const ADMIN_EMAIL = 'admin@cockpit.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  readonly cockpit: CockpitApp;
  /** The PostgreSQL database this app uses (postgres engine), so a second replica can share it. */
  readonly databaseUrl: string | null;
  readonly config: Config;
  /** Every log line the app wrote, parsed. */
  readonly logs: string[];
  /** Base URL once `listen()` was called. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real Cockpit (every module, real database, real Fastify) on a fresh database. Rate limiting is
 * relaxed unless a test asks for it; everything else runs as in production.
 */
export async function startTestApp(
  options: { engine?: Engine; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const engine = options.engine ?? 'pglite';
  let database: TestDatabase | null = null;
  let databaseEnv: Record<string, string> = { COCKPIT_DATA_DIR: 'memory://' };
  if (engine === 'postgres') {
    database = await openTestDatabase('postgres');
    await database.db.close(); // migrated; the app opens its own pool
    databaseEnv = { DATABASE_URL: database.url as string };
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    COCKPIT_ADMIN_EMAIL: ADMIN_EMAIL,
    COCKPIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    COCKPIT_RATE_LIMIT_MAX: '100000',
    COCKPIT_LOG_LEVEL: 'info',
    // apps given REDIS_URL run workflows on BullMQ: each test app gets queues of its own
    COCKPIT_QUEUE_PREFIX: `cockpit-test-${randomBytes(4).toString('hex')}`,
    ...databaseEnv,
    ...options.env,
  });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const cockpit = await createApp(config, { logDestination });
  const testApp: TestApp = {
    cockpit,
    databaseUrl: config.DATABASE_URL ?? null,
    config,
    logs,
    url: '',
    async listen() {
      await cockpit.app.listen({ port: 0, host: '127.0.0.1' });
      const address = cockpit.app.getHttpServer().address() as { port: number };
      testApp.url = `http://127.0.0.1:${address.port}`;
      return testApp.url;
    },
    async close() {
      await cockpit.close();
      await database?.close();
    },
  };
  return testApp;
}
