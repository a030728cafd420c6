import { type Run } from '../../../domain/runs/run.entity';
import { RunRepository, type RunQuery } from '../../../domain/runs/ports/run-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute, prepared } from '../database';
import { RUN_COLUMNS, RunMapper, type RunRow } from '../mappers/run.mapper';

export class TypeormRunRepository extends RunRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(run: Run): Promise<boolean> {
    return this.db.run({ tenantId: run.tenantId }, async (m) => {
      const inserted = await execute(
        m,
        `INSERT INTO runs (tenant_id, id, project_id, name, status, started_at, ended_at, tags, metadata, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (tenant_id, id) DO NOTHING`,
        [
          run.tenantId,
          run.id,
          run.projectId,
          run.name,
          run.status,
          run.startedAt,
          run.endedAt,
          run.tags,
          run.metadata,
          run.createdAt,
        ],
      );
      return inserted === 1;
    });
  }

  async findById(tenantId: TenantId, runId: string): Promise<Run | null> {
    const rows: RunRow[] = await this.db.run({ tenantId }, (m) =>
      // on every step batch: prepared
      prepared<RunRow>(
        m,
        'cockpit_run_by_id',
        `SELECT ${RUN_COLUMNS} FROM runs WHERE tenant_id = $1 AND id = $2`,
        [tenantId, runId],
      ),
    );
    return rows[0] ? RunMapper.toDomain(rows[0]) : null;
  }

  async saveFinish(run: Run): Promise<boolean> {
    return this.db.run({ tenantId: run.tenantId }, async (m) => {
      const updated = await execute(
        m,
        `UPDATE runs SET status = $3, ended_at = $4, updated_at = $5
          WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
        [run.tenantId, run.id, run.status, run.endedAt, run.updatedAt],
      );
      return updated === 1;
    });
  }

  async saveName(run: Run): Promise<void> {
    await this.db.run({ tenantId: run.tenantId }, (m) =>
      m.query('UPDATE runs SET name = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2', [
        run.tenantId,
        run.id,
        run.name,
        run.updatedAt,
      ]),
    );
  }

  async list(tenantId: TenantId, query: RunQuery): Promise<readonly Run[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.projectId) add((p) => `project_id = ${p}`, query.projectId);
    if (query.from) add((p) => `started_at >= ${p}`, query.from);
    if (query.to) add((p) => `started_at < ${p}`, query.to);
    if (query.status) add((p) => `status = ${p}`, query.status);
    if (query.model) add((p) => `models @> ARRAY[${p}]::text[]`, query.model);
    if (query.tool) add((p) => `tools @> ARRAY[${p}]::text[]`, query.tool);
    if (query.tags?.length) add((p) => `tags @> ${p}::text[]`, query.tags);
    if (query.env) add((p) => `env = ${p}`, query.env);
    if (query.release) add((p) => `release = ${p}`, query.release);
    if (query.agentVersion) add((p) => `agent_version = ${p}`, query.agentVersion);
    if (query.before) {
      params.push(query.before.at, query.before.id);
      where.push(`(started_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(query.limit);
    const rows: RunRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE ${where.join(' AND ')}
          ORDER BY started_at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(RunMapper.toDomain);
  }
}
