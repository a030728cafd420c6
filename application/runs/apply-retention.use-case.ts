import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { type RetentionCandidates } from '../../domain/runs/ports/retention-candidates.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ok } from '../../domain/shared/result';

const DAY_MS = 86_400_000;

/**
 * Background job: hard-deletes runs (and their steps) past their tenant's plan retention
 * (7/30/90 days), leaving a tombstone per run in the tenant's audit log, in the same transaction.
 */
export class ApplyRetentionUseCase {
  constructor(
    private readonly candidates: RetentionCandidates,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly options: { readonly batchPerTenant: number } = { batchPerTenant: 500 },
  ) {}

  async execute(): Promise<{ tenants: number; runsDeleted: number }> {
    const now = this.clock.now();
    let runsDeleted = 0;
    const expired = await this.candidates.find(now, this.options.batchPerTenant);
    for (const { tenantId, retentionDays, runIds } of expired) {
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
      const deleted = await this.uow.inTenant(tenantId, async () => {
        const gone = await this.candidates.deleteRuns(tenantId, runIds, cutoff);
        for (const runId of gone) {
          await this.audit.append(tenantId, {
            action: 'run.deleted',
            actor: { kind: 'system', id: 'retention' },
            target: { type: 'run', id: runId },
            data: {
              reason: 'retention',
              retention_days: retentionDays,
              started_before: cutoff.toISOString(),
            },
            at: now,
          });
        }
        return ok(gone.length);
      });
      if (deleted.ok) runsDeleted += deleted.value;
    }
    return { tenants: expired.length, runsDeleted };
  }
}
