import 'reflect-metadata';
import cluster from 'node:cluster';
import { createLogger } from '../infrastructure/logging/pino-logger';
import { ConfigError, httpProcesses, loadConfig } from './config';
import { createApp } from './create-app';
import { superviseHttpProcesses } from './http-processes';

/**
 * `npm start` / `cockpit start`: migrate, seed on first start, serve on PORT; with
 * COCKPIT_HTTP_PROCESSES > 1, supervise that many processes that do so.
 */
export async function startServer(): Promise<void> {
  let config;
  let processes;
  try {
    config = loadConfig();
    processes = httpProcesses(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cockpit: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (processes > 1 && cluster.isPrimary) {
    cluster.setupPrimary({ exec: __filename, args: [] });
    const logger = createLogger({ level: config.COCKPIT_LOG_LEVEL });
    process.exit(await superviseHttpProcesses(processes, logger));
  }
  const cockpit = await createApp(config);
  const { runtime, bootstrap } = cockpit;
  await cockpit.app.listen({ port: config.PORT, host: config.HOST });

  if (bootstrap.created) {
    // Printed once, on purpose outside the (masking) logger: this is the only time it is shown.
    const lines = [
      '',
      '  Cockpit is ready. First start: the instance operator and a demo tenant were created.',
      `    email:    ${bootstrap.adminEmail}`,
      bootstrap.generatedPassword
        ? `    password: ${bootstrap.generatedPassword}   (generated; shown only now)`
        : '    password: the value of COCKPIT_ADMIN_PASSWORD',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  runtime.logger.info(
    {
      url: runtime.publicUrl,
      database: config.DATABASE_URL ? 'postgresql' : `pglite:${config.COCKPIT_DATA_DIR}`,
      version: runtime.version,
    },
    `Cockpit listening on ${runtime.publicUrl} (API docs at ${runtime.publicUrl}/docs)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    cockpit.close().then(
      () => process.exit(0),
      (error: unknown) => {
        runtime.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

export function failedToStart(error: unknown): never {
  process.stderr.write(
    `cockpit: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

if (require.main === module) startServer().catch(failedToStart);
