import { type TenantId } from '../../../domain/shared/tenant-id';
import { ApiKey } from '../../../domain/tenancy/api-key.entity';
import { ApiKeyRepository } from '../../../domain/tenancy/ports/api-key-repository.port';
import { type Transactional, snapshotMap } from './transactional';

const withLastUse = (key: ApiKey, at: Date): ApiKey =>
  ApiKey.restore({
    id: key.id,
    tenantId: key.tenantId,
    projectId: key.projectId,
    name: key.name,
    prefix: key.prefix,
    secretHash: key.secretHash,
    role: key.role,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    lastUsedAt: at,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  });

/** API keys by id; prefixes are unique across the instance. `uses` records every `recordUse` call. */
export class FakeApiKeyRepository extends ApiKeyRepository implements Transactional {
  private readonly rows = new Map<string, ApiKey>();
  readonly uses: { keyId: string; at: Date }[] = [];

  async create(key: ApiKey): Promise<boolean> {
    if (this.rows.has(key.id) || [...this.rows.values()].some((other) => other.prefix === key.prefix)) {
      return false;
    }
    this.rows.set(key.id, key);
    return true;
  }

  async update(key: ApiKey): Promise<void> {
    if (this.rows.get(key.id)?.tenantId === key.tenantId) this.rows.set(key.id, key);
  }

  async findById(tenantId: TenantId, keyId: string): Promise<ApiKey | null> {
    const key = this.rows.get(keyId);
    return key && key.tenantId === tenantId ? key : null;
  }

  async listByProject(tenantId: TenantId, projectId: string): Promise<readonly ApiKey[]> {
    return [...this.rows.values()].filter((key) => key.tenantId === tenantId && key.projectId === projectId);
  }

  async findByPrefix(prefix: string): Promise<ApiKey | null> {
    return [...this.rows.values()].find((key) => key.prefix === prefix) ?? null;
  }

  /** Writes only `last_used_at` of the stored row, as the SQL adapter does. */
  async recordUse(key: ApiKey, at: Date): Promise<void> {
    this.uses.push({ keyId: key.id, at });
    const stored = this.rows.get(key.id);
    if (stored) this.rows.set(key.id, withLastUse(stored, at));
  }

  get(keyId: string): ApiKey | null {
    return this.rows.get(keyId) ?? null;
  }

  all(): ApiKey[] {
    return [...this.rows.values()];
  }

  snapshot(): () => void {
    return snapshotMap(this.rows);
  }
}
