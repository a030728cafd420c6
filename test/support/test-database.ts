import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Database } from '../../infrastructure/persistence/database';
import { openDatabase } from '../../infrastructure/persistence/data-source.factory';

export type Engine = 'pglite' | 'postgres';

/**
 * PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set (.ci/run sets it when the
 * local server answers). A suite that says it covers both really runs twice.
 */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  readonly db: Database;
  /** The connection string of the fresh database (postgres engine only). */
  readonly url: string | null;
  close(): Promise<void>;
}

/** A fresh, migrated database that no other run can see: in-memory PGlite or a new PostgreSQL database. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, url: null, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `cockpit_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    db,
    url: url.toString(),
    close: async () => {
      await db.close();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** `work` on a connection of its own to `url` (the server's admin database), closed after. */
export async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
