import {
  DiffProfileRepository,
  type DiffProfileRecord,
} from '../../../domain/runs/ports/diff-profile-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute } from '../database';

interface ProfileRow {
  name: string;
  ignore_paths: string[];
  ignore_keys: string[];
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: ProfileRow): DiffProfileRecord => ({
  name: row.name,
  ignorePaths: row.ignore_paths,
  ignoreKeys: row.ignore_keys,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class TypeormDiffProfileRepository extends DiffProfileRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async list(tenantId: TenantId): Promise<readonly DiffProfileRecord[]> {
    const rows: ProfileRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM diff_profiles WHERE tenant_id = $1 ORDER BY name', [tenantId]),
    );
    return rows.map(toRecord);
  }

  async find(tenantId: TenantId, name: string): Promise<DiffProfileRecord | null> {
    const rows: ProfileRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM diff_profiles WHERE tenant_id = $1 AND name = $2', [tenantId, name]),
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async save(tenantId: TenantId, profile: DiffProfileRecord): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `INSERT INTO diff_profiles (tenant_id, name, ignore_paths, ignore_keys, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, name) DO UPDATE
           SET ignore_paths = excluded.ignore_paths, ignore_keys = excluded.ignore_keys, updated_at = excluded.updated_at`,
        [
          tenantId,
          profile.name,
          profile.ignorePaths,
          profile.ignoreKeys,
          profile.createdAt,
          profile.updatedAt,
        ],
      ),
    );
  }

  async delete(tenantId: TenantId, name: string): Promise<boolean> {
    return this.db.run(
      { tenantId },
      async (m) =>
        (await execute(m, 'DELETE FROM diff_profiles WHERE tenant_id = $1 AND name = $2', [
          tenantId,
          name,
        ])) === 1,
    );
  }
}
