import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SyncDueProvidersUseCase } from '../application/cloud/sync-due-providers.use-case';
import { SweepGovernanceUseCase } from '../application/governance/sweep-governance.use-case';
import { WorkflowRunner } from '../application/workflows/workflow-runner';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, workflowExecutor } from './config';
import { backgroundJobs } from './jobs';
import { PinoNestLogger, openRuntime } from './runtime-factory';

/**
 * `npm run worker`: workflow nodes from the BullMQ queue and the background jobs, outside the API
 * processes. It boots the whole application container, because node handlers call use cases.
 * Needs PostgreSQL: PGlite belongs to one process, so with the embedded default the API process
 * does all of this itself.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    throw new Error(
      'the worker needs DATABASE_URL (PostgreSQL); with the embedded database, `npm start` runs the jobs',
    );
  }
  const opened = await openRuntime(config);
  const { runtime } = opened;
  const logger = runtime.logger;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.init();

  const workflows = app.get(WorkflowRunner);
  if (workflowExecutor(config) === 'bullmq') {
    await workflows.startConsumer();
    workflows.startRecovery();
  } else {
    logger.warn('no REDIS_URL: workflow nodes run in the API process (in-process executor), not here');
  }
  const sweep = app.get(SweepGovernanceUseCase);
  const cloudSync = app.get(SyncDueProvidersUseCase);
  const jobs = backgroundJobs(runtime.db, logger, [
    { name: 'sweep-governance', everyMs: 2000, run: () => sweep.execute() },
    { name: 'sync-clouds', everyMs: 60_000, run: () => cloudSync.execute() },
  ]);
  jobs.start();
  logger.info({ worker_id: workflows.workerId, executor: workflowExecutor(config) }, 'worker started');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    jobs.stop();
    workflows
      .stop()
      .then(() => app.close())
      .then(() => opened.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'worker shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cockpit worker: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
