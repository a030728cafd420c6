import { type Migration, type MigrationWorkload } from '../../../domain/migration/migration.entity';
import {
  MigrationRepository,
  type MigrationPatch,
  type MigrationQuery,
  type WorkloadClaim,
} from '../../../domain/migration/ports/migration-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database } from '../database';
import { type MigrationRow, type MigrationWorkloadRow, toMigration } from '../mappers/migration.mapper';

/** Patch field → column, with how the value is written. */
const COLUMNS: Readonly<Record<keyof MigrationPatch, { column: string; json?: boolean }>> = {
  stage: { column: 'stage' },
  failedStage: { column: 'failed_stage' },
  error: { column: 'error' },
  tco: { column: 'tco', json: true },
  workflowId: { column: 'workflow_id' },
  rollbackWorkflowId: { column: 'rollback_workflow_id' },
  retries: { column: 'retries' },
  runId: { column: 'run_id' },
  updatedAt: { column: 'updated_at' },
  finishedAt: { column: 'finished_at' },
};

export class TypeormMigrationRepository extends MigrationRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(m: Migration): Promise<void> {
    await this.db.run({ tenantId: m.tenantId }, async (q) => {
      await q.query(
        `INSERT INTO migrations (tenant_id, id, wave, name, stage, failed_stage, provider_id, region, project_id, run_id,
                                 workflow_id, rollback_workflow_id, goals, caps, tco, retries, error, started_by,
                                 created_at, updated_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17,
                 $18::jsonb, $19, $20, $21)`,
        [
          m.tenantId,
          m.id,
          m.wave,
          m.name,
          m.stage,
          m.failedStage,
          m.providerId,
          m.region,
          m.projectId,
          m.runId,
          m.workflowId,
          m.rollbackWorkflowId,
          JSON.stringify(m.goals),
          JSON.stringify(m.caps),
          m.tco === null ? null : JSON.stringify(m.tco),
          m.retries,
          m.error,
          JSON.stringify(m.startedBy),
          m.createdAt,
          m.updatedAt,
          m.finishedAt,
        ],
      );
      for (const [position, w] of m.workloads.entries()) await this.insertWorkload(q, m, w, position);
    });
  }

  private async insertWorkload(
    q: { query: (sql: string, params: unknown[]) => Promise<unknown> },
    m: Migration,
    w: MigrationWorkload,
    position: number,
  ): Promise<void> {
    await q.query(
      `INSERT INTO migration_workloads (tenant_id, migration_id, workload_id, position, name, strategy, target_service,
                                        target_size, state, target_resource_id, target_external_id, error, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        m.tenantId,
        m.id,
        w.workloadId,
        position,
        w.name,
        w.strategy,
        w.targetService,
        w.targetSize,
        w.state,
        w.targetResourceId,
        w.targetExternalId,
        w.error,
        w.updatedAt,
      ],
    );
  }

  async findById(tenantId: TenantId, id: string): Promise<Migration | null> {
    const [found] = await this.load(tenantId, 'm.id = $2', [id], 1);
    return found ?? null;
  }

  async list(tenantId: TenantId, query: MigrationQuery): Promise<readonly Migration[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length + 1}`));
    };
    if (query.wave !== undefined) add('m.wave = ?', query.wave);
    if (query.stages) add('m.stage = ANY(?::text[])', query.stages);
    if (query.after) {
      params.push(query.after.at, query.after.id);
      where.push(`(m.created_at, m.id) < ($${params.length}, $${params.length + 1})`);
    }
    return this.load(tenantId, where.join(' AND ') || 'true', params, query.limit);
  }

  private async load(
    tenantId: TenantId,
    where: string,
    params: unknown[],
    limit: number,
  ): Promise<Migration[]> {
    return this.db.run({ tenantId }, async (q) => {
      const headers: MigrationRow[] = await q.query(
        `SELECT * FROM migrations m WHERE m.tenant_id = $1 AND ${where}
          ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length + 2}`,
        [tenantId, ...params, limit],
      );
      if (headers.length === 0) return [];
      const rows: MigrationWorkloadRow[] = await q.query(
        'SELECT * FROM migration_workloads WHERE tenant_id = $1 AND migration_id = ANY($2::uuid[])',
        [tenantId, headers.map((h) => h.id)],
      );
      return headers.map((h) =>
        toMigration(
          h,
          rows.filter((r) => r.migration_id === h.id),
        ),
      );
    });
  }

  async update(tenantId: TenantId, id: string, patch: MigrationPatch): Promise<void> {
    const entries = (Object.keys(patch) as (keyof MigrationPatch)[]).filter((k) => patch[k] !== undefined);
    if (entries.length === 0) return;
    const params: unknown[] = [tenantId, id];
    const sets = entries.map((key) => {
      const { column, json } = COLUMNS[key];
      const value = patch[key];
      params.push(json && value !== null ? JSON.stringify(value) : value);
      return `${column} = $${params.length}${json ? '::jsonb' : ''}`;
    });
    await this.db.run({ tenantId }, (q) =>
      q.query(`UPDATE migrations SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params),
    );
  }

  async saveWorkload(tenantId: TenantId, migrationId: string, w: MigrationWorkload): Promise<void> {
    await this.db.run({ tenantId }, (q) =>
      q.query(
        `UPDATE migration_workloads SET state = $4, target_size = $5, target_resource_id = $6, target_external_id = $7,
                error = $8, updated_at = $9, target_service = $10, strategy = $11
          WHERE tenant_id = $1 AND migration_id = $2 AND workload_id = $3`,
        [
          tenantId,
          migrationId,
          w.workloadId,
          w.state,
          w.targetSize,
          w.targetResourceId,
          w.targetExternalId,
          w.error,
          w.updatedAt,
          w.targetService,
          w.strategy,
        ],
      ),
    );
  }

  async claims(tenantId: TenantId): Promise<readonly WorkloadClaim[]> {
    const rows: { workload_id: string; migration_id: string; wave: number; stage: string; state: string }[] =
      await this.db.run({ tenantId }, (q) =>
        q.query(
          `SELECT w.workload_id, w.migration_id, m.wave, m.stage, w.state
             FROM migration_workloads w
             JOIN migrations m ON m.tenant_id = w.tenant_id AND m.id = w.migration_id
            WHERE w.tenant_id = $1 AND m.stage <> 'rolled_back' AND w.state <> 'rolled_back'`,
          [tenantId],
        ),
      );
    return rows.map((r) => ({
      workloadId: r.workload_id,
      migrationId: r.migration_id,
      wave: Number(r.wave),
      stage: r.stage as WorkloadClaim['stage'],
      state: r.state as WorkloadClaim['state'],
    }));
  }
}
