import {
  type UpsertCounts,
  WorkloadRepository,
  type WorkloadQuery,
} from '../../../domain/migration/ports/workload-repository.port';
import {
  type Assessment,
  type Workload,
  type WorkloadFacts,
} from '../../../domain/migration/workload.entity';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';
import { type WorkloadRow, assessmentRecord, factsRecord, toWorkload } from '../mappers/migration.mapper';

const BATCH = 1000;

/** Columns an import writes; a row whose values all match is left alone and keeps its assessment. */
const FACTS = [
  'name',
  'environment',
  'os',
  'cpu',
  'memory_gb',
  'storage_gb',
  'cpu_p50',
  'cpu_p95',
  'mem_p95',
  'tech_stack',
  'dependencies',
  'license',
  'criticality',
  'data_sensitivity',
] as const;

const RECORD_TYPES =
  'id uuid, name text, environment text, os text, cpu numeric, memory_gb numeric, storage_gb numeric, cpu_p50 numeric, ' +
  'cpu_p95 numeric, mem_p95 numeric, tech_stack jsonb, dependencies jsonb, license text, criticality text, data_sensitivity text';

export class TypeormWorkloadRepository extends WorkloadRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async upsert(
    tenantId: TenantId,
    rows: readonly WorkloadFacts[],
    batch: { readonly id: string; readonly at: Date },
    newId: () => string,
  ): Promise<UpsertCounts> {
    let imported = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const records = rows.slice(i, i + BATCH).map((f) => ({ id: newId(), ...factsRecord(f) }));
      const written = await this.db.run({ tenantId }, (m) =>
        returning<{ inserted: boolean }>(
          m,
          `INSERT INTO workloads AS w (tenant_id, id, ${FACTS.join(', ')}, import_batch, created_at, updated_at)
           SELECT $1, x.id, ${FACTS.map((c) => `x.${c}`).join(', ')}, $2, $3, $3
             FROM jsonb_to_recordset($4::jsonb) AS x(${RECORD_TYPES})
           ON CONFLICT (tenant_id, lower(name)) DO UPDATE SET
             ${FACTS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
             import_batch = EXCLUDED.import_batch, updated_at = EXCLUDED.updated_at,
             readiness = NULL, strategy = NULL, assessment = NULL, assessed_at = NULL
           WHERE (${FACTS.map((c) => `w.${c}`).join(', ')}) IS DISTINCT FROM (${FACTS.map((c) => `EXCLUDED.${c}`).join(', ')})
           RETURNING (xmax = 0) AS inserted`,
          [tenantId, batch.id, batch.at, JSON.stringify(records)],
        ),
      );
      for (const row of written) {
        if (row.inserted) imported++;
        else updated++;
      }
    }
    return { imported, updated, unchanged: rows.length - imported - updated };
  }

  async findById(tenantId: TenantId, id: string): Promise<Workload | null> {
    const rows: WorkloadRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM workloads WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
    );
    return rows[0] ? toWorkload(rows[0]) : null;
  }

  async list(tenantId: TenantId, q: WorkloadQuery): Promise<readonly Workload[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.environment) add('environment = ?', q.environment);
    if (q.criticality) add('criticality = ?', q.criticality);
    if (q.dataSensitivity) add('data_sensitivity = ?', q.dataSensitivity);
    if (q.strategy) add('strategy = ?', q.strategy);
    if (q.importBatch) add('import_batch = ?', q.importBatch);
    if (q.name) add(`name ILIKE ? ESCAPE '\\'`, `%${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.assessed !== undefined) where.push(q.assessed ? 'assessed_at IS NOT NULL' : 'assessed_at IS NULL');
    if (q.after) {
      params.push(q.after.at, q.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(q.limit);
    const rows: WorkloadRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT * FROM workloads WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(toWorkload);
  }

  async listAll(tenantId: TenantId): Promise<readonly Workload[]> {
    const rows: WorkloadRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM workloads WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId]),
    );
    return rows.map(toWorkload);
  }

  async listByIds(tenantId: TenantId, ids: readonly string[]): Promise<readonly Workload[]> {
    if (ids.length === 0) return [];
    const rows: WorkloadRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        'SELECT * FROM workloads WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at, id',
        [tenantId, ids],
      ),
    );
    return rows.map(toWorkload);
  }

  async saveAssessments(
    tenantId: TenantId,
    items: readonly { readonly id: string; readonly assessment: Assessment }[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      const records = items.slice(i, i + BATCH).map(({ id, assessment }) => ({
        id,
        readiness: assessment.readiness.total,
        strategy: assessment.recommendation.strategy,
        assessment: assessmentRecord(assessment),
        assessed_at: assessment.assessedAt.toISOString(),
      }));
      await this.db.run({ tenantId }, (m) =>
        m.query(
          `UPDATE workloads w SET readiness = x.readiness, strategy = x.strategy, assessment = x.assessment,
                  assessed_at = x.assessed_at
             FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, readiness integer, strategy text, assessment jsonb,
                  assessed_at timestamptz)
            WHERE w.tenant_id = $1 AND w.id = x.id`,
          [tenantId, JSON.stringify(records)],
        ),
      );
    }
  }
}
