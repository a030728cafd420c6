import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { Database } from './database';
import { MIGRATIONS } from './migrations';
import { MODELS } from './models';
import { pgliteDriver } from './pglite-pool';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  readonly url?: string;
  /** Where PGlite keeps its files; `memory://` (or undefined) keeps it in memory. */
  readonly dataDir?: string;
  readonly poolSize?: number;
}

export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: MODELS,
    migrations: MIGRATIONS,
    migrationsTableName: 'cockpit_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
  };
  if (options.url) {
    return new DataSource({ ...common, url: options.url, poolSize: options.poolSize ?? 10 });
  }
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return new DataSource({
    ...common,
    driver: pgliteDriver(dataDir),
    database: 'postgres',
    username: 'postgres',
  });
}

/**
 * Connects and brings the schema up to date. On PostgreSQL an advisory lock keeps replicas that
 * start together from running the same migration twice.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    if (options.url) await migrateUnderLock(dataSource);
    // PGlite belongs to this one process, and holding a lock there would take its only connection.
    else await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return new Database(dataSource);
}

const MIGRATION_LOCK = 7355608;

async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
