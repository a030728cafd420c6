import { availableParallelism } from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL (${protocols.join(' or ')})`,
  );

/**
 * Every environment variable Cockpit reads, with its default. The README's configuration table is
 * this schema; `cockpit config` prints it. A bad value stops start-up with the variable's name.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  COCKPIT_PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  COCKPIT_DATA_DIR: z.string().min(1).default('./.cockpit/data'),
  COCKPIT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  COCKPIT_ADMIN_EMAIL: z.email().default('admin@cockpit.local'),
  COCKPIT_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(72).optional(),
  COCKPIT_SIGNUP: z.enum(['open', 'closed']).default('closed'),
  COCKPIT_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COCKPIT_ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(86_400).default(900),
  COCKPIT_REFRESH_TOKEN_TTL: z.coerce.number().int().min(300).max(31_536_000).default(2_592_000),
  COCKPIT_BCRYPT_COST: z.coerce.number().int().min(12, 'must be at least 12').max(16).default(12),
  COCKPIT_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(120),
  COCKPIT_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  COCKPIT_TRUST_PROXY: bool.default(false),
  COCKPIT_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url(['http:', 'https:']))),
  COCKPIT_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(6 * 1024 * 1024),
  COCKPIT_INGEST_MAX_STEPS: z.coerce.number().int().min(1).max(10_000).default(1000),
  COCKPIT_INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  COCKPIT_BACKGROUND_JOBS: bool.default(true),
  COCKPIT_MASTER_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Encrypts signing keys and webhook secrets at rest; default: a key file in COCKPIT_DATA_DIR'),
  COCKPIT_ENCRYPTION_KEY: z
    .string()
    .min(32, 'must be 32 bytes as hex or base64, or 32+ characters')
    .optional()
    .describe('Encrypts cloud credentials at rest (AES-256-GCM); required to connect clouds in production'),
  COCKPIT_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  COCKPIT_CLOUD_SYNC_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(900),
  COCKPIT_CLOUD_HISTORY_DAYS: z.coerce.number().int().min(1).max(400).default(90),
  COCKPIT_APPROVAL_TTL: z.coerce.number().int().min(10).max(604_800).default(900),
  COCKPIT_DECISION_TOKEN_TTL: z.coerce.number().int().min(5).max(3600).default(300),
  COCKPIT_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COCKPIT_WORKFLOW_EXECUTOR: z
    .enum(['in-process', 'bullmq'])
    .optional()
    .describe('Where workflow nodes run; default bullmq when REDIS_URL is set, else in-process'),
  COCKPIT_WORKFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  COCKPIT_WORKFLOW_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  COCKPIT_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits and _ . - only')
    .default('cockpit'),
  COCKPIT_WORKFLOW_LOCK_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  COCKPIT_WORKFLOW_CONSUMER: bool.default(true),
  COCKPIT_WORKFLOW_CONTINUATIONS: bool.default(true),
  COCKPIT_HTTP_PROCESSES: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
      error: 'must be a whole number from 1 to 64, or auto',
    })
    .default(1)
    .describe(
      'Server processes sharing PORT on this host (auto: one per CPU); more than one needs DATABASE_URL and REDIS_URL',
    ),
  COCKPIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; empty strings count as unset so `FOO=` in a .env file means "default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const keys = Object.keys(ConfigSchema.shape);
  const input = Object.fromEntries(keys.map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

export function publicUrl(config: Config): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return (config.COCKPIT_PUBLIC_URL ?? `http://${host}:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * How many server processes share PORT. They are replicas on one host, so more than one needs what
 * replicas need: PostgreSQL (the embedded database belongs to one process) and Redis (live events,
 * rate limits and forgotten credentials cross replicas through it).
 */
export function httpProcesses(config: Config, cpus: number = availableParallelism()): number {
  const count = config.COCKPIT_HTTP_PROCESSES === 'auto' ? cpus : config.COCKPIT_HTTP_PROCESSES;
  if (count === 1) return 1;
  const problems: string[] = [];
  if (!config.DATABASE_URL)
    problems.push(
      `COCKPIT_HTTP_PROCESSES: ${count} processes need DATABASE_URL (the embedded database belongs to one process)`,
    );
  if (!config.REDIS_URL)
    problems.push(
      `COCKPIT_HTTP_PROCESSES: ${count} processes need REDIS_URL (live events and rate limits cross processes through Redis)`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return count;
}

/** The workflow executor in effect: BullMQ needs Redis, and is the default when Redis is there. */
export function workflowExecutor(config: Config): 'in-process' | 'bullmq' {
  const executor = config.COCKPIT_WORKFLOW_EXECUTOR ?? (config.REDIS_URL ? 'bullmq' : 'in-process');
  if (executor === 'bullmq' && !config.REDIS_URL) {
    throw new ConfigError(['COCKPIT_WORKFLOW_EXECUTOR: bullmq needs REDIS_URL']);
  }
  return executor;
}
