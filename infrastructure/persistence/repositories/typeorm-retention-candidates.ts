import { RetentionCandidates, type ExpiredRuns } from '../../../domain/runs/ports/retention-candidates.port';
import { RETENTION_DAYS } from '../../../domain/tenancy/tenant.entity';
import { asTenantId, type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';

export class TypeormRetentionCandidates extends RetentionCandidates {
  constructor(private readonly db: Database) {
    super();
  }

  async find(now: Date, limitPerTenant: number): Promise<readonly ExpiredRuns[]> {
    const rows: { tenant_id: string; retention_days: number; run_ids: string[] }[] = await this.db.run(
      {},
      (m) => m.query('SELECT * FROM cockpit_expired_runs($1, $2, $3)', [now, limitPerTenant, RETENTION_DAYS]),
    );
    return rows.map((row) => ({
      tenantId: asTenantId(row.tenant_id),
      retentionDays: row.retention_days,
      runIds: row.run_ids,
    }));
  }

  async deleteRuns(
    tenantId: TenantId,
    runIds: readonly string[],
    startedBefore: Date,
  ): Promise<readonly string[]> {
    const rows = await this.db.run({ tenantId }, (m) =>
      returning<{ id: string }>(
        m,
        'DELETE FROM runs WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND started_at < $3 RETURNING id',
        [tenantId, runIds, startedBefore],
      ),
    );
    return rows.map((row) => row.id);
  }
}
