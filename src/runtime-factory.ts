import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type LoggerService } from '@nestjs/common';
import Redis from 'ioredis';
import { type DestinationStream, type Logger } from 'pino';
import { type EventBus } from '../domain/shared/ports/event-publisher.port';
import { type WorkQueue } from '../domain/workflows/ports/work-queue.port';
import { NodeSecretTokens } from '../infrastructure/crypto/node-secret-tokens';
import { InProcessEventBus } from '../infrastructure/events/in-process-event-bus';
import { RedisEventBus } from '../infrastructure/events/redis-event-bus';
import { createLogger } from '../infrastructure/logging/pino-logger';
import { openDatabase } from '../infrastructure/persistence/data-source.factory';
import { TypeormInstanceSettingsRepository } from '../infrastructure/persistence/repositories/typeorm-instance-settings.repository';
import { BullmqWorkQueue } from '../infrastructure/queue/bullmq-work-queue';
import { InProcessWorkQueue } from '../infrastructure/queue/in-process-work-queue';
import { DependencyReadiness } from '../infrastructure/system/dependency-readiness';
import { type Config, publicUrl, workflowExecutor } from './config';
import { Runtime } from './runtime';
import { packageVersion } from './version';

export interface OpenedRuntime {
  readonly runtime: Runtime;
  /** The shared Redis client (rate limits, readiness), when REDIS_URL is set. */
  readonly redis: Redis | null;
  /** Closes what `openRuntime` opened: events, Redis, the database. */
  close(): Promise<void>;
}

/**
 * What every process opens before Nest starts, the API and the worker alike: logger, database
 * (migrated), Redis, the event bus, readiness checks and the access-token secret.
 */
export async function openRuntime(
  config: Config,
  options: { readonly logDestination?: DestinationStream } = {},
): Promise<OpenedRuntime> {
  workflowExecutor(config); // a bad executor setting stops start-up before anything opens
  const logger = createLogger({ level: config.COCKPIT_LOG_LEVEL, destination: options.logDestination });
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.COCKPIT_DATA_DIR,
    poolSize: config.COCKPIT_DB_POOL_SIZE,
  });
  const onRedisError = (error: unknown) => logger.warn({ err: error }, 'redis error');
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false })
    : null;
  redis?.on('error', onRedisError);
  const events: EventBus = config.REDIS_URL
    ? new RedisEventBus(config.REDIS_URL, onRedisError)
    : new InProcessEventBus();
  const readiness = new DependencyReadiness({
    database: () => db.ping(),
    ...(redis ? { redis: () => redis.ping() } : {}),
  });
  const jwtSecret =
    config.COCKPIT_JWT_SECRET ??
    (await new TypeormInstanceSettingsRepository(db).getOrCreateSecret('access-token', () =>
      new NodeSecretTokens().random(64),
    ));
  const runtime = new Runtime(
    config,
    db,
    events,
    readiness,
    logger,
    packageVersion(),
    publicUrl(config),
    jwtSecret,
  );
  return {
    runtime,
    redis,
    async close() {
      if (events instanceof RedisEventBus) await events.close();
      await redis?.quit().catch(() => undefined);
      await db.close();
    },
  };
}

/** The workflow queue the configuration asks for. */
export function createWorkQueue(runtime: Runtime): WorkQueue {
  const config = runtime.config;
  const onError = (error: unknown, context: string) =>
    runtime.logger.warn({ err: error, context }, 'workflow queue error');
  if (workflowExecutor(config) === 'bullmq') {
    return new BullmqWorkQueue({
      url: config.REDIS_URL as string,
      prefix: config.COCKPIT_QUEUE_PREFIX,
      limit: config.COCKPIT_WORKFLOW_QUEUE_LIMIT,
      lockMs: config.COCKPIT_WORKFLOW_LOCK_MS,
      onError,
    });
  }
  return new InProcessWorkQueue({
    capacity: config.COCKPIT_WORKFLOW_QUEUE_LIMIT,
    onError: (error, job) => onError(error, `node ${job.workflowId}/${job.nodeKey}`),
  });
}

/** Host and pid: an operator reading a node's `worker_id` can find the process. */
export const workerId = (): string => `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;

/** Nest's own messages (bootstrap, route mapping) go through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
