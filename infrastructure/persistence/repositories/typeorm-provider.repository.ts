import { type RightsizingHint } from '../../../domain/cloud/ports/cloud.port';
import { type SealedCredentials } from '../../../domain/cloud/ports/credential-cipher.port';
import { ProviderRepository } from '../../../domain/cloud/ports/provider-repository.port';
import { type CloudProvider } from '../../../domain/cloud/provider.entity';
import { type TenantId, asTenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute } from '../database';
import { PROVIDER_COLUMNS, type ProviderRow, toProvider } from '../mappers/cloud.mapper';

export class TypeormProviderRepository extends ProviderRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(p: CloudProvider, credentials: SealedCredentials): Promise<void> {
    await this.db.run({ tenantId: p.tenantId }, (m) =>
      m.query(
        `INSERT INTO cloud_providers (tenant_id, id, kind, name, regions, status, account, last_sync_at, last_error,
                                      credential_key_id, credentials_sealed, credentials_masked, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)`,
        [
          p.tenantId,
          p.id,
          p.kind,
          p.name,
          JSON.stringify(p.regions),
          p.status,
          p.account,
          p.lastSyncAt,
          p.lastError,
          credentials.keyId,
          credentials.ciphertext,
          JSON.stringify(p.maskedCredentials),
          p.createdAt,
        ],
      ),
    );
  }

  async findById(tenantId: TenantId, id: string): Promise<CloudProvider | null> {
    const rows: ProviderRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(`SELECT ${PROVIDER_COLUMNS} FROM cloud_providers WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]),
    );
    return rows[0] ? toProvider(rows[0]) : null;
  }

  async list(tenantId: TenantId): Promise<readonly CloudProvider[]> {
    const rows: ProviderRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${PROVIDER_COLUMNS} FROM cloud_providers WHERE tenant_id = $1 ORDER BY created_at, id`,
        [tenantId],
      ),
    );
    return rows.map(toProvider);
  }

  async nameTaken(tenantId: TenantId, name: string): Promise<boolean> {
    const rows: unknown[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT 1 FROM cloud_providers WHERE tenant_id = $1 AND lower(name) = lower($2)', [
        tenantId,
        name,
      ]),
    );
    return rows.length > 0;
  }

  async saveStatus(p: CloudProvider): Promise<void> {
    await this.db.run({ tenantId: p.tenantId }, (m) =>
      m.query(
        `UPDATE cloud_providers SET status = $3, regions = $4::jsonb, account = $5, last_sync_at = $6, last_error = $7
          WHERE tenant_id = $1 AND id = $2`,
        [p.tenantId, p.id, p.status, JSON.stringify(p.regions), p.account, p.lastSyncAt, p.lastError],
      ),
    );
  }

  async credentials(tenantId: TenantId, id: string): Promise<SealedCredentials | null> {
    const rows: { credential_key_id: string; credentials_sealed: string }[] = await this.db.run(
      { tenantId },
      (m) =>
        m.query(
          'SELECT credential_key_id, credentials_sealed FROM cloud_providers WHERE tenant_id = $1 AND id = $2',
          [tenantId, id],
        ),
    );
    return rows[0] ? { keyId: rows[0].credential_key_id, ciphertext: rows[0].credentials_sealed } : null;
  }

  async resealCredentials(tenantId: TenantId, id: string, sealed: SealedCredentials): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        'UPDATE cloud_providers SET credential_key_id = $3, credentials_sealed = $4 WHERE tenant_id = $1 AND id = $2',
        [tenantId, id, sealed.keyId, sealed.ciphertext],
      ),
    );
  }

  async saveRightsizing(tenantId: TenantId, id: string, hints: readonly RightsizingHint[]): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query('UPDATE cloud_providers SET rightsizing = $3::jsonb WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        id,
        JSON.stringify(hints),
      ]),
    );
  }

  async rightsizing(tenantId: TenantId): Promise<readonly (RightsizingHint & { providerId: string })[]> {
    const rows: { id: string; rightsizing: RightsizingHint[] }[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT id, rightsizing FROM cloud_providers WHERE tenant_id = $1 ORDER BY created_at, id', [
        tenantId,
      ]),
    );
    return rows.flatMap((row) => row.rightsizing.map((hint) => ({ ...hint, providerId: row.id })));
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    return this.db.run({ tenantId }, async (m) => {
      // budgets scoped to this provider go with it (FK cascade), and so do inventory, costs and findings
      const deleted = await execute(m, 'DELETE FROM cloud_providers WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        id,
      ]);
      return deleted === 1;
    });
  }

  async dueForSync(
    now: Date,
    everySeconds: number,
  ): Promise<readonly { tenantId: TenantId; providerId: string }[]> {
    const rows: { tenant_id: string; provider_id: string }[] = await this.db.run({}, (m) =>
      m.query('SELECT tenant_id, provider_id FROM cockpit_due_cloud_syncs($1, $2)', [now, everySeconds]),
    );
    return rows.map((r) => ({ tenantId: asTenantId(r.tenant_id), providerId: r.provider_id }));
  }
}
