import { type Logger } from 'pino';
import { ApplyRetentionUseCase } from '../application/runs/apply-retention.use-case';
import { PurgeExpiredCredentialsUseCase } from '../application/tenancy/purge-expired-credentials.use-case';
import { sha256 } from '../infrastructure/crypto/sha256';
import { type IntervalJob, IntervalJobs } from '../infrastructure/jobs/interval-jobs';
import { type Database } from '../infrastructure/persistence/database';
import { TypeormAuditLog } from '../infrastructure/persistence/repositories/typeorm-audit-log';
import { TypeormCredentialHousekeeping } from '../infrastructure/persistence/repositories/typeorm-credential-housekeeping';
import { TypeormRetentionCandidates } from '../infrastructure/persistence/repositories/typeorm-retention-candidates';
import { SystemClock } from '../infrastructure/system/system-clock';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** Every periodic job of the platform, for the worker process or the embedded API process. */
export function backgroundJobs(
  db: Database,
  logger: Logger,
  extra: readonly IntervalJob[] = [],
): IntervalJobs {
  const clock = new SystemClock();
  const purge = new PurgeExpiredCredentialsUseCase(new TypeormCredentialHousekeeping(db), clock);
  const retention = new ApplyRetentionUseCase(
    new TypeormRetentionCandidates(db),
    new TypeormAuditLog(db, sha256),
    db,
    clock,
  );
  return new IntervalJobs(
    [
      { name: 'purge-expired-credentials', everyMs: HOUR, run: () => purge.execute() },
      { name: 'apply-retention', everyMs: 10 * MINUTE, run: () => retention.execute() },
      ...extra,
    ],
    (job, outcome) =>
      outcome.ok
        ? logger.debug({ job, result: outcome.result }, 'background job finished')
        : logger.error({ job, err: outcome.error }, 'background job failed'),
  );
}
