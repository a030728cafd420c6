import { type TenantId } from '../../../domain/shared/tenant-id';
import { type ApiKey } from '../../../domain/tenancy/api-key.entity';
import { ApiKeyRepository } from '../../../domain/tenancy/ports/api-key-repository.port';
import { type Database } from '../database';
import { ApiKeyMapper } from '../mappers/api-key.mapper';
import { ApiKeyModel } from '../models/api-key.model';
import { insertIfAbsent } from '../sql';

export class TypeormApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(key: ApiKey): Promise<boolean> {
    return this.db.run({ tenantId: key.tenantId }, (m) =>
      insertIfAbsent(m, ApiKeyModel, ApiKeyMapper.toPersistence(key)),
    );
  }

  async update(key: ApiKey): Promise<void> {
    await this.db.run({ tenantId: key.tenantId }, (m) =>
      m.update(ApiKeyModel, { tenantId: key.tenantId, id: key.id }, ApiKeyMapper.toPersistence(key)),
    );
  }

  async findById(tenantId: TenantId, keyId: string): Promise<ApiKey | null> {
    const row = await this.db.run({ tenantId }, (m) => m.findOneBy(ApiKeyModel, { tenantId, id: keyId }));
    return row ? ApiKeyMapper.toDomain(row) : null;
  }

  async listByProject(tenantId: TenantId, projectId: string): Promise<readonly ApiKey[]> {
    const rows = await this.db.run({ tenantId }, (m) =>
      m.find(ApiKeyModel, { where: { tenantId, projectId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    return rows.map(ApiKeyMapper.toDomain);
  }

  async findByPrefix(prefix: string): Promise<ApiKey | null> {
    const row = await this.db.run({ apiKeyPrefix: prefix }, (m) => m.findOneBy(ApiKeyModel, { prefix }));
    return row ? ApiKeyMapper.toDomain(row) : null;
  }

  async recordUse(key: ApiKey, at: Date): Promise<void> {
    await this.db.run({ tenantId: key.tenantId }, (m) =>
      m.update(ApiKeyModel, { tenantId: key.tenantId, id: key.id }, { lastUsedAt: at }),
    );
  }
}
