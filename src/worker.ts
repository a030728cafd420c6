import 'reflect-metadata';
import { createLogger } from '../infrastructure/logging/pino-logger';
import { openDatabase } from '../infrastructure/persistence/data-source.factory';
import { ConfigError, loadConfig } from './config';
import { backgroundJobs } from './jobs';

/**
 * `npm run worker`: background work outside the API processes (housekeeping now; retention and the
 * DAG runner's BullMQ consumers as they arrive). Needs PostgreSQL: PGlite belongs to one process,
 * so with the embedded default the API process runs the jobs itself.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.COCKPIT_LOG_LEVEL });
  if (!config.DATABASE_URL) {
    throw new Error(
      'the worker needs DATABASE_URL (PostgreSQL); with the embedded database, `npm start` runs the jobs',
    );
  }
  const db = await openDatabase({ url: config.DATABASE_URL, poolSize: config.COCKPIT_DB_POOL_SIZE });
  const jobs = backgroundJobs(db, logger);
  jobs.start();
  logger.info('worker started');
  const stop = () => {
    jobs.stop();
    void db.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cockpit worker: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
