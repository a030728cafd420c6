import cluster, { type Worker } from 'node:cluster';
import { type Logger } from 'pino';

/** How long a replaced process waits before it starts again (a process that keeps dying must not spin). */
const RESTART_DELAY_MS = 1000;

/**
 * COCKPIT_HTTP_PROCESSES > 1: this process only supervises `count` server processes that share
 * PORT (node:cluster; the supervisor hands out connections round robin). They are replicas on one
 * host: the same database, Redis between them, nothing shared in memory. One Node process runs its
 * JavaScript on one core, so this is how a single host's other cores serve requests.
 *
 * - The first process starts alone: it migrates the database and creates the first operator; the
 *   others start once it listens. Only the first runs the periodic background jobs.
 * - A process that dies is replaced, a second later. Only when the first process dies before it
 *   ever listened (a bad configuration, an unreachable database) does the supervisor stop, with
 *   its exit code, instead of starting it again and again.
 * - SIGTERM or SIGINT stops every process the way it stops one: it finishes, then exits.
 */
export function superviseHttpProcesses(
  count: number,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    let exitCode = 0;
    let others = false;
    const slots = new Map<Worker, number>();

    const start = (slot: number) => {
      const worker = cluster.fork({
        ...env,
        COCKPIT_HTTP_PROCESSES: '1',
        // periodic jobs once per host, not once per process
        ...(slot > 0 ? { COCKPIT_BACKGROUND_JOBS: 'false' } : {}),
      });
      slots.set(worker, slot);
      let listened = false;
      worker.once('listening', () => {
        listened = true;
        if (others) return;
        others = true;
        for (let s = 1; s < count; s++) start(s);
      });
      worker.once('exit', (code, signal) => {
        slots.delete(worker);
        if (!stopping && !listened && !others) {
          logger.error({ slot, code, signal }, 'the first server process failed to start; stopping');
          stop(code || 1);
        }
        if (stopping) {
          if (code) exitCode = code;
          if (slots.size === 0) resolve(exitCode);
          return;
        }
        logger.error({ slot, code, signal }, 'a server process ended; starting another');
        setTimeout(() => {
          if (!stopping) start(slot);
        }, RESTART_DELAY_MS).unref();
      });
    };

    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    };

    process.on('SIGTERM', () => stop(0));
    process.on('SIGINT', () => stop(0));
    logger.info({ processes: count }, `starting ${count} server processes`);
    start(0);
  });
}
